import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { NotificationKind, SubjectKind } from './notification.rules.js';

/**
 * One notification for one recipient. A burst of events with the same collapse key folds into
 * the recipient's one unread notification of that key (`count` goes up, `text` and `actor` follow
 * the latest event): the partial unique index below holds that even when two events race.
 */
@Entity({ tableName: 'notifications' })
@Index({ name: 'notifications_recipient_list_index', properties: ['recipientId', 'updatedAt', 'id'] })
@Index({ name: 'notifications_recipient_unread_index', expression: 'create index "notifications_recipient_unread_index" on "notifications" ("recipient_id") where "read_at" is null' })
@Index({
  name: 'notifications_unread_collapse_unique',
  expression: 'create unique index "notifications_unread_collapse_unique" on "notifications" ("recipient_id", "collapse_key") where "read_at" is null',
})
export class Notification {
  [OptionalProps]?: 'actorId' | 'collapseKey' | 'count' | 'readAt' | 'seenAt' | 'emailedAt' | 'createdAt' | 'updatedAt';

  /** Derived from the event and the recipient (notification.rules.ts), never random. */
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** identity's user id; only they ever see this row. */
  @Property({ type: 'uuid' })
  recipientId!: string;

  @Enum({ items: () => NotificationKind, type: 'text' })
  type!: NotificationKind;

  /** Whose action it was (the latest one's, when collapsed); null for the system's own. */
  @Property({ type: 'uuid', nullable: true })
  actorId: string | null = null;

  @Enum({ items: () => SubjectKind, type: 'text' })
  subjectKind!: SubjectKind;

  /** The id of the federated entity it is about (a conversation, a listing, a building, a media). */
  @Property({ type: 'uuid' })
  subjectId!: string;

  @Property({ type: 'text' })
  text!: string;

  /** How many events it stands for (1 unless collapsed). */
  @Property({ type: 'integer' })
  count: number = 1;

  @Property({ type: 'text', nullable: true })
  collapseKey: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  seenAt: Date | null = null;

  /** When its email went out; a retried job finds it set and sends nothing again. */
  @Property({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When the latest event it stands for arrived: the list's order. */
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
