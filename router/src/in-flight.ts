/**
 * Lets concurrent callers with the same key share one piece of work: the first caller starts it,
 * the rest wait for the same promise, and the key is free again once it settles.
 */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): { result: Promise<T>; shared: boolean } {
    const existing = this.pending.get(key);
    if (existing) return { result: existing, shared: true };
    const result = work().finally(() => this.pending.delete(key));
    this.pending.set(key, result);
    return { result, shared: false };
  }

  get size(): number {
    return this.pending.size;
  }
}
