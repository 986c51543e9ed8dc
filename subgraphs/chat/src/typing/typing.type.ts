import { ArgsType, Field, ID, ObjectType } from 'type-graphql';

/** Someone started or stopped typing in a conversation. */
@ObjectType('TypingEvent')
export class TypingEventType {
  @Field(() => Boolean)
  isTyping!: boolean;
}

@ArgsType()
export class SetTypingArgs {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => Boolean)
  isTyping!: boolean;
}

@ArgsType()
export class TypingEventArgs {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => Boolean)
  isTyping!: boolean;
}
