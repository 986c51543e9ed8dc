/**
 * Shares work among the subscribers of one event: the hub hands every subscriber the same event
 * object, so results are kept per event (and dropped with it) under a key the caller chooses.
 */
export class PayloadsPerEvent<T> {
  private readonly byEvent = new WeakMap<object, Map<string, Promise<T>>>();

  forEvent(event: object, key: string, produce: () => Promise<T>): Promise<T> {
    let shared = this.byEvent.get(event);
    if (!shared) this.byEvent.set(event, (shared = new Map()));
    let result = shared.get(key);
    if (!result) shared.set(key, (result = produce()));
    return result;
  }
}
