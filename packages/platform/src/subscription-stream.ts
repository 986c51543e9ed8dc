/**
 * What a subgraph's `subscribe` resolver returns once it has granted access: a stream that yields
 * nothing and ends when it is closed. Events never come from a subgraph; the router delivers them
 * from Redis (see subscription-check.ts and subscription-events.ts).
 */
export function silentSubscriptionStream(): AsyncIterableIterator<never> {
  let end!: () => void;
  const ended = new Promise<IteratorResult<never>>((resolve) => {
    end = () => resolve({ done: true, value: undefined });
  });
  return {
    next: () => ended,
    return: () => {
      end();
      return ended;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
