import { PageInfo } from '@lobby/platform';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Conversation } from './conversation.entity.js';
import { ConversationKind } from './conversation.rules.js';

registerEnumType(ConversationKind, {
  name: 'ConversationKind',
  description: 'DIRECT: two users. LISTING: a buyer and a seller about a listing (not yet started from chat; see the chat README).',
});

/** Visible to its participants only, on every path (`_entities` included); null or NOT_FOUND for anyone else. */
@Directive('@key(fields: "id")')
@ObjectType('Conversation')
export class ConversationType {
  @Field(() => ID)
  id!: string;

  @Field(() => ConversationKind)
  kind!: ConversationKind;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'When the last message was sent (or the conversation started); myConversations runs by it.' })
  lastActivityAt!: Date;
}

@ObjectType('ReadReceipt', { description: "How far a participant has read. Sending a message reads up to it." })
export class ReadReceiptType {
  @Field(() => Date, { name: 'readAt', nullable: true, description: 'When the receipt last moved; null if they have read nothing yet.' })
  lastReadAt!: Date | null;
}

@ObjectType('ConversationEdge')
export class ConversationEdge {
  @Field(() => ConversationType)
  node!: Conversation;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('ConversationConnection')
export class ConversationConnection {
  @Field(() => [ConversationEdge])
  edges!: ConversationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
