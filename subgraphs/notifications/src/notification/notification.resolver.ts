import { connectionOf, parseId } from '@lobby/platform';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { NotificationsContext } from '../context.js';
import { NotificationSubject, type SubjectReference } from '../subject/subject.union.js';
import { UserType, type UserReference } from '../user/user.type.js';
import type { Notification } from './notification.entity.js';
import { notificationCursorOf } from './notification.rules.js';
import { subscribeToOwnNotifications } from './notification.subscription.js';
import { NotificationConnection, NotificationType } from './notification.type.js';

@ArgsType()
class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100; 20 when absent.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only those not read yet.' })
  unreadOnly?: boolean | null;
}

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'Your notifications, the latest event first.' })
  async notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() { notifications }: NotificationsContext) {
    return connectionOf(await notifications.page(args), notificationCursorOf);
  }

  @Query(() => NotificationType, { nullable: true, description: 'One of your notifications; null for any other. What the router builds notificationAdded with.' })
  notification(@Arg('id', () => ID) id: string, @Ctx() { notifications }: NotificationsContext): Promise<Notification | null> {
    return notifications.find(parseId(id, 'id'));
  }

  @Query(() => Int, { description: 'How many of your notifications are unread (a collapsed burst counts once).' })
  unreadNotificationCount(@Ctx() { notifications }: NotificationsContext): Promise<number> {
    return notifications.unreadCount();
  }

  @Mutation(() => [NotificationType], { description: 'Marks your notifications read (and seen), at most 100. NOT_FOUND, and nothing marked, if any is not yours.' })
  markNotificationsRead(@Arg('ids', () => [ID]) ids: string[], @Ctx() { notifications }: NotificationsContext): Promise<Notification[]> {
    return notifications.markRead(ids);
  }

  @Mutation(() => Int, { description: 'Marks every unread notification of yours read; returns how many were unread.' })
  markAllNotificationsRead(@Ctx() { notifications }: NotificationsContext): Promise<number> {
    return notifications.markAllRead();
  }

  @Mutation(() => [NotificationType], { description: 'Marks your notifications seen (shown, not opened), at most 100. NOT_FOUND, and nothing marked, if any is not yours.' })
  markNotificationsSeen(@Arg('ids', () => [ID]) ids: string[], @Ctx() { notifications }: NotificationsContext): Promise<Notification[]> {
    return notifications.markSeen(ids);
  }

  @Subscription(() => NotificationType, {
    subscribe: subscribeToOwnNotifications,
    description: 'Your new notifications, and those a new event folded into (same id, new count and text).',
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }

  @Subscription(() => Int, { subscribe: subscribeToOwnNotifications, description: 'Your unread count, whenever it changes.' })
  unreadNotificationCountChanged(@Root() count: number): number {
    return count;
  }

  @FieldResolver(() => UserType, { nullable: true, description: 'Who did it (the latest one, when collapsed); null when the system did (an upload finished).' })
  actor(@Root() notification: Notification): UserReference | null {
    return notification.actorId ? { id: notification.actorId } : null;
  }

  @FieldResolver(() => NotificationSubject, {
    nullable: true,
    description: 'What it is about, resolved by its owning subgraph as it shows it to you (its fields are null if you may no longer see it).',
  })
  subject(@Root() notification: Notification): SubjectReference {
    return { kind: notification.subjectKind, id: notification.subjectId };
  }
}
