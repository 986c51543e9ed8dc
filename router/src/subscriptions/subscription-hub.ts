import { subscriptionEventSchema, type SubscriptionEvent } from '@lobby/contracts';
import type { Logger } from '@lobby/platform';
import type { Redis } from 'ioredis';

export interface HubSubscriber {
  field: string;
  /** The subscriber's arguments, as strings, matched against an event's filter. */
  arguments: Record<string, string>;
  userId: string | null;
  onEvent(event: SubscriptionEvent): void;
}

/**
 * Every router replica listens to the one events channel, so an event published through any
 * chat replica reaches subscribers on every router. Events are matched to subscribers by field,
 * filter and audience here; what each subscriber may see is decided per subscriber afterwards.
 */
export class SubscriptionHub {
  private readonly byField = new Map<string, Set<HubSubscriber>>();

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.redis.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.dispatch(message);
    });
    await this.redis.subscribe(this.channel);
  }

  add(subscriber: HubSubscriber): () => void {
    let subscribers = this.byField.get(subscriber.field);
    if (!subscribers) this.byField.set(subscriber.field, (subscribers = new Set()));
    subscribers.add(subscriber);
    return () => subscribers.delete(subscriber);
  }

  get size(): number {
    let total = 0;
    for (const subscribers of this.byField.values()) total += subscribers.size;
    return total;
  }

  private dispatch(message: string): void {
    let event: SubscriptionEvent;
    try {
      event = subscriptionEventSchema.parse(JSON.parse(message));
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed subscription event');
      return;
    }
    for (const subscriber of this.byField.get(event.subscription) ?? []) {
      if (event.audience && (!subscriber.userId || !event.audience.includes(subscriber.userId))) continue;
      if (Object.entries(event.filter).every(([name, value]) => subscriber.arguments[name] === value)) subscriber.onEvent(event);
    }
  }
}
