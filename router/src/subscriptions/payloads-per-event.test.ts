import { describe, expect, it } from 'vitest';
import { PayloadsPerEvent } from './payloads-per-event.js';

describe('PayloadsPerEvent', () => {
  it('produces once per event and key, and again for another event or key', async () => {
    const payloads = new PayloadsPerEvent<number>();
    let produced = 0;
    const produce = async () => (produced += 1);
    const [first, second] = [{}, {}];
    const results = await Promise.all([
      payloads.forEvent(first, 'ana', produce),
      payloads.forEvent(first, 'ana', produce),
      payloads.forEvent(first, 'ben', produce),
      payloads.forEvent(second, 'ana', produce),
    ]);
    expect(produced).toBe(3);
    expect(results[0]).toBe(results[1]);
  });
});
