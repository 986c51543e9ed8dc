import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, pageSize, toPage, type Page } from '@lobby/platform';
import type DataLoader from 'dataloader';
import { unreadCountChangedEvent, type NotificationEvents } from '../events.js';
import { requireUser, type Viewer } from '../viewer.js';
import { Notification } from './notification.entity.js';
import { NOTIFICATION_PAGE_LIMITS, decodeNotificationCursor, normalizeIds } from './notification.rules.js';

export interface NotificationPageRequest {
  first?: number | null;
  after?: string | null;
  unreadOnly?: boolean | null;
}

/** The recipient's side: reading and marking their own notifications. Nobody else's is reachable from here. */
export class NotificationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    /** The viewer's own notifications by id (null for any other), batched. */
    private readonly own: DataLoader<string, Notification | null>,
    private readonly events: NotificationEvents,
  ) {}

  /** One of the viewer's notifications; null for anyone else's, and when signed out. */
  find(id: string): Promise<Notification | null> {
    return this.own.load(id);
  }

  /** The viewer's notifications, latest event first (keyset on updatedAt, id). */
  async page(request: NotificationPageRequest): Promise<Page<Notification>> {
    const recipientId = requireUser(this.viewer);
    const limit = pageSize(request.first, NOTIFICATION_PAGE_LIMITS);
    const after = request.after ? decodeNotificationCursor(request.after) : null;
    const rows = await this.em.find(
      Notification,
      {
        recipientId,
        ...(request.unreadOnly ? { readAt: null } : {}),
        ...(after ? { $or: [{ updatedAt: { $lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { $lt: after.id } }] } : {}),
      },
      { orderBy: { updatedAt: 'desc', id: 'desc' }, limit: limit + 1 },
    );
    return toPage(rows, limit);
  }

  async unreadCount(): Promise<number> {
    return this.em.count(Notification, { recipientId: requireUser(this.viewer), readAt: null });
  }

  /** Marks them read (and seen): all or nothing, NOT_FOUND if any is not the viewer's. Reading again changes nothing. */
  async markRead(ids: readonly string[]): Promise<Notification[]> {
    const now = new Date();
    const { recipientId, notifications, changed } = await this.markOwn(ids, (notification) => {
      if (notification.readAt) return false;
      notification.readAt = now;
      notification.seenAt ??= now;
      return true;
    });
    if (changed) await this.events.publish([unreadCountChangedEvent(recipientId)]);
    return notifications;
  }

  /** Marks them seen (the list was shown): all or nothing, as markRead. */
  async markSeen(ids: readonly string[]): Promise<Notification[]> {
    const now = new Date();
    return (
      await this.markOwn(ids, (notification) => {
        if (notification.seenAt) return false;
        notification.seenAt = now;
        return true;
      })
    ).notifications;
  }

  /** Marks every unread notification of the viewer read; returns how many were. */
  async markAllRead(): Promise<number> {
    const recipientId = requireUser(this.viewer);
    const now = new Date();
    const { affectedRows: changed } = await this.em
      .getConnection()
      .execute<{ affectedRows: number }>(
        'update "notifications" set "read_at" = ?, "seen_at" = coalesce("seen_at", ?) where "recipient_id" = ? and "read_at" is null',
        [now, now, recipientId],
        'run',
      );
    if (changed > 0) await this.events.publish([unreadCountChangedEvent(recipientId)]);
    return changed;
  }

  /** Locks the viewer's notifications named by `ids` and applies `change`; NOT_FOUND (and nothing changed) if one is missing or another's. */
  private async markOwn(ids: readonly string[], change: (notification: Notification) => boolean) {
    const recipientId = requireUser(this.viewer);
    const wanted = normalizeIds(ids);
    return this.em.transactional(async (tx) => {
      const rows = await tx.find(Notification, { id: { $in: wanted }, recipientId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (rows.length !== wanted.length) throw new NotFoundError('Notification');
      const byId = new Map(rows.map((row) => [row.id, row]));
      const notifications = wanted.map((id) => byId.get(id)!);
      const changed = notifications.map(change).some(Boolean);
      return { recipientId, notifications, changed };
    });
  }
}
