import { describe, expect, it } from 'vitest';
import { InFlight } from './in-flight.js';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('InFlight', () => {
  it('runs the work once for concurrent callers with one key', async () => {
    const inFlight = new InFlight<string>();
    const work = deferred<string>();
    let calls = 0;
    const start = () => inFlight.run('k', () => ((calls += 1), work.promise));
    const first = start();
    const second = start();
    expect([first.shared, second.shared]).toEqual([false, true]);
    work.resolve('answer');
    expect(await Promise.all([first.result, second.result])).toEqual(['answer', 'answer']);
    expect(calls).toBe(1);
  });

  it('does not share between keys, nor after the work settled', async () => {
    const inFlight = new InFlight<number>();
    let calls = 0;
    const work = async () => (calls += 1);
    await inFlight.run('a', work).result;
    await Promise.all([inFlight.run('a', work).result, inFlight.run('b', work).result]);
    expect(calls).toBe(3);
    expect(inFlight.size).toBe(0);
  });

  it('hands a failure to every waiter and frees the key', async () => {
    const inFlight = new InFlight<string>();
    const work = deferred<string>();
    const first = inFlight.run('k', () => work.promise);
    const second = inFlight.run('k', () => work.promise);
    work.reject(new Error('down'));
    await expect(first.result).rejects.toThrow('down');
    await expect(second.result).rejects.toThrow('down');
    expect(inFlight.size).toBe(0);
  });
});
