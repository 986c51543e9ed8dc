import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import { AuthPayloadType } from './auth-payload.type.js';
import type { AuthResult } from './auth.service.js';
import { SignInInput, SignUpInput } from './auth.inputs.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType)
  signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() { auth }: IdentityContext): Promise<AuthResult> {
    return auth.signUp(input);
  }

  @Mutation(() => AuthPayloadType)
  signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() { auth }: IdentityContext): Promise<AuthResult> {
    return auth.signIn(input);
  }

  @Mutation(() => AuthPayloadType, { description: 'Rotates the refresh token: the one presented stops working.' })
  refreshSession(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() { auth }: IdentityContext): Promise<AuthResult> {
    return auth.refresh(refreshToken);
  }

  @Mutation(() => Boolean, { description: "Ends the refresh token's session on every device that shares it." })
  signOut(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() { auth }: IdentityContext): Promise<boolean> {
    return auth.signOut(refreshToken);
  }
}
