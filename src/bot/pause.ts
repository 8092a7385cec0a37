/**
 * Wait `ms`, or less when `signal` aborts; never rejects. Built on the global setTimeout (not
 * node:timers/promises) so tests with fake timers control it. Takes any signal with the listener API
 * (grammY's transformers get the abort-controller polyfill's type).
 */
export function pause(ms: number, signal?: Pick<AbortSignal, 'aborted' | 'addEventListener' | 'removeEventListener'>): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
