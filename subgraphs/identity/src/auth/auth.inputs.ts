import { Field, InputType } from 'type-graphql';

@InputType()
export class SignUpInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { description: '10 to 128 characters.' })
  password!: string;

  @Field(() => String, { description: '1 to 50 characters.' })
  displayName!: string;
}

@InputType()
export class SignInInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;
}
