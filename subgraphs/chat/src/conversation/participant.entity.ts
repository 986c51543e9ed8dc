import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Conversation } from './conversation.entity.js';

/** A user in a conversation, with their read receipt: how far they have read. */
@Entity({ tableName: 'participants' })
@Unique({ properties: ['conversation', 'userId'] })
export class Participant {
  [OptionalProps]?: 'id' | 'joinedAt' | 'lastReadSeq' | 'lastReadMessageId' | 'lastReadAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Conversation, { deleteRule: 'cascade' })
  conversation!: Conversation;

  /** The identity subgraph's user id; users live there, never here. Indexed for the inbox. */
  @Property({ type: 'uuid', index: true })
  userId!: string;

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();

  /** The number of the last message read; 0 before any. Only moves forward. */
  @Property({ type: 'integer' })
  lastReadSeq: number = 0;

  @Property({ type: 'uuid', nullable: true })
  lastReadMessageId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastReadAt: Date | null = null;
}
