import { parseId } from '@lobby/platform';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import type { UserRecord } from './user.loader.js';
import { UserType } from './user.type.js';

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user, or null when anonymous.' })
  me(@Ctx() { caller, loaders }: IdentityContext): Promise<UserRecord | null> | null {
    return caller.userId ? loaders.userById.load(caller.userId) : null;
  }

  @Query(() => UserType, { nullable: true })
  user(@Arg('id', () => ID) id: string, @Ctx() { loaders }: IdentityContext): Promise<UserRecord | null> {
    return loaders.userById.load(parseId(id, 'id'));
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible only to the user themselves; null for everyone else.' })
  email(@Root() user: UserRecord, @Ctx() { viewer }: IdentityContext): string | null {
    return viewer.userId === user.id ? user.email : null;
  }
}
