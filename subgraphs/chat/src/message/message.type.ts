import { PageInfo } from '@lobby/platform';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Message } from './message.entity.js';

/** Visible to the participants of its conversation only, on every path (`_entities` included). */
@Directive('@key(fields: "id")')
@ObjectType('Message')
export class MessageType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: '1 to 4000 characters; null once the message is deleted.' })
  body!: string | null;

  @Field(() => [ID], { description: 'Media ids, at most 10; empty once the message is deleted.' })
  attachments!: string[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the sender last edited it; null if never.' })
  editedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the sender deleted it; null while it stands. A deleted message shows as deleted to everyone.' })
  deletedAt!: Date | null;
}

@ObjectType('MessageEdge')
export class MessageEdge {
  @Field(() => MessageType)
  node!: Message;

  @Field(() => String, { description: "The message's place in its conversation: pass as `after` to get what follows it." })
  cursor!: string;
}

@ObjectType('MessageConnection')
export class MessageConnection {
  @Field(() => [MessageEdge], { description: 'Oldest first, newest last.' })
  edges!: MessageEdge[];

  @Field(() => PageInfo, {
    description: 'hasNextPage: newer messages follow (pass endCursor as `after`); hasPreviousPage: older ones precede (pass startCursor as `before`).',
  })
  pageInfo!: PageInfo;
}
