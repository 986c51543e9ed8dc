import { PageInfo } from '@lobby/platform';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Notification } from './notification.entity.js';
import { NotificationKind } from './notification.rules.js';

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What happened. Preferences are per kind and channel.',
  valuesConfig: {
    MESSAGE_RECEIVED: { description: 'Messages in one of your conversations (a burst is one notification per conversation).' },
    OFFER_RECEIVED: { description: 'An offer on your listing.' },
    OFFER_ACCEPTED: { description: 'The seller accepted your offer.' },
    OFFER_DECLINED: { description: 'The seller declined your offer.' },
    LISTING_SOLD: { description: 'The seller marked a listing sold to you.' },
    LISTING_FAVORITED: { description: 'Someone saved your listing (a burst is one notification per listing).' },
    MEMBERSHIP_REQUESTED: { description: 'Someone asked to join a building you manage (a burst is one notification per building).' },
    MEMBERSHIP_APPROVED: { description: 'Your request to join a building was approved.' },
    MEDIA_READY: { description: 'Your upload finished processing.' },
    MEDIA_FAILED: { description: 'Your upload could not be processed.' },
  },
});

/** Visible to its recipient only, on every path (`_entities` included); null or NOT_FOUND for anyone else. */
@Directive('@key(fields: "id")')
@ObjectType('Notification')
export class NotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  type!: NotificationKind;

  @Field(() => String, { description: 'A short sentence rendered from the latest event; show it beside `actor`.' })
  text!: string;

  @Field(() => Int, { description: 'How many events it stands for: a burst of messages in one conversation is one unread notification.' })
  count!: number;

  @Field(() => Date, { nullable: true, description: 'When you marked it read; null while unread.' })
  readAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When you marked it seen (shown, not opened); null before. Reading marks it seen too.' })
  seenAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'When the latest event it stands for arrived: the list runs by it, newest first.' })
  updatedAt!: Date;
}

@ObjectType('NotificationEdge')
export class NotificationEdge {
  @Field(() => NotificationType)
  node!: Notification;

  @Field(() => String)
  cursor!: string;
}

@ObjectType('NotificationConnection')
export class NotificationConnection {
  @Field(() => [NotificationEdge], { description: 'Newest first (by updatedAt).' })
  edges!: NotificationEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
