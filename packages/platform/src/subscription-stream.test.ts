import { describe, expect, it } from 'vitest';
import { silentSubscriptionStream } from './subscription-stream.js';

describe('silentSubscriptionStream', () => {
  it('yields nothing, and ends once closed', async () => {
    const stream = silentSubscriptionStream();
    const first = stream.next();
    const settled = await Promise.race([first.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), 20))]);
    expect(settled).toBe('pending');
    await expect(stream.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(first).resolves.toEqual({ done: true, value: undefined });
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
  });
});
