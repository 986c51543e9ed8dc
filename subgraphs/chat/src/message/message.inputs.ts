import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class SendMessageInput {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => String, { description: '1 to 4000 characters after trimming.' })
  body!: string;

  @Field(() => ID, {
    description: "Your idempotency key for this message (e.g. a UUID; 1–64 of A–Z a–z 0–9 . _ : -). Sending again with the same key returns the first message instead of a second one.",
  })
  clientMessageId!: string;

  @Field(() => [ID], { nullable: true, description: 'Media ids, at most 10.' })
  attachments?: string[] | null;
}

@ArgsType()
export class MessagesArgs {
  @Field(() => ID)
  conversationId!: string;

  @Field(() => Int, { nullable: true, description: 'At most 100; 50 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Messages after this cursor, oldest first: every message you have not seen yet, page by page.' })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'The newest messages before this cursor: scrolling back.' })
  before?: string | null;
}

@ArgsType()
export class EditMessageArgs {
  @Field(() => ID)
  messageId!: string;

  @Field(() => String, { description: '1 to 4000 characters after trimming.' })
  body!: string;
}
