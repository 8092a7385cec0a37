import { afterEach, describe, expect, it, vi } from 'vitest';
import { pause } from '../../src/bot/pause.js';

describe('pause', () => {
  afterEach(() => vi.useRealTimers());

  it('resolves after the time', async () => {
    vi.useFakeTimers();
    let done = false;
    const p = pause(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
  });

  it('resolves early, without rejecting, when the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let done = false;
    const p = pause(60_000, controller.signal).then(() => {
      done = true;
    });
    controller.abort();
    await p;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once on an already aborted signal', async () => {
    await expect(pause(60_000, AbortSignal.abort())).resolves.toBeUndefined();
  });
});
