import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { ConversationKind } from './conversation.rules.js';

/**
 * A conversation between its participants. Sending a message takes this row's lock and bumps
 * `lastSeq`, so a conversation's messages are numbered in commit order: a reader who has seen
 * number n and asks for what follows can never miss a message committed later with a lower number.
 */
@Entity({ tableName: 'conversations' })
export class Conversation {
  [OptionalProps]?: 'id' | 'directKey' | 'listingId' | 'listingKey' | 'createdAt' | 'lastActivityAt' | 'lastSeq';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => ConversationKind, type: 'text' })
  kind!: ConversationKind;

  /** DIRECT only: both user ids, sorted (conversation.rules.ts); unique, so a pair has one conversation. */
  @Property({ type: 'text', nullable: true, unique: true })
  directKey: string | null = null;

  /** LISTING only: the marketplace listing it is about. */
  @Property({ type: 'uuid', nullable: true })
  listingId: string | null = null;

  /** LISTING only: listing and buyer (conversation.rules.ts); unique, so a buyer has one conversation per listing. */
  @Property({ type: 'text', nullable: true, unique: true })
  listingKey: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When the last message was sent (or the conversation started): the inbox's order. */
  @Property({ type: 'timestamptz' })
  lastActivityAt: Date = new Date();

  /** The number of the newest message; 0 before the first. */
  @Property({ type: 'integer' })
  lastSeq: number = 0;
}
