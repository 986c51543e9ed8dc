import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { NotificationKind } from '../notification/notification.rules.js';
import { NotificationChannel } from './preference.rules.js';

/** A user's choice for one kind of notification on one channel. Only choices are stored; the rest follow preference.rules.ts. */
@Entity({ tableName: 'notification_preferences' })
export class Preference {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Enum({ items: () => NotificationKind, type: 'text', primary: true })
  type!: NotificationKind;

  @Enum({ items: () => NotificationChannel, type: 'text', primary: true })
  channel!: NotificationChannel;

  @Property({ type: 'boolean' })
  enabled!: boolean;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
