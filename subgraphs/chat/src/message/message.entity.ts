import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Conversation } from '../conversation/conversation.entity.js';

/**
 * A message. `seq` numbers a conversation's messages in commit order (see Conversation); the
 * cursors carry it. (sender, clientMessageId) is unique: a retried send finds the first one.
 * Deleting keeps the row (so the conversation shows where it was) but drops its content.
 */
@Entity({ tableName: 'messages' })
@Unique({ properties: ['conversation', 'seq'] })
@Unique({ properties: ['senderId', 'clientMessageId'] })
export class Message {
  [OptionalProps]?: 'id' | 'attachments' | 'createdAt' | 'editedAt' | 'deletedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Conversation, { deleteRule: 'cascade' })
  conversation!: Conversation;

  @Property({ type: 'integer' })
  seq!: number;

  /** The identity subgraph's user id. */
  @Property({ type: 'uuid' })
  senderId!: string;

  /** The sender's idempotency key for this message. */
  @Property({ type: 'text' })
  clientMessageId!: string;

  /** Null once deleted. */
  @Property({ type: 'text', nullable: true })
  body!: string | null;

  /** Media ids (the media subgraph owns the files); empty once deleted. */
  @Property({ type: 'string[]', columnType: 'uuid[]' })
  attachments: string[] = [];

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  editedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;
}
