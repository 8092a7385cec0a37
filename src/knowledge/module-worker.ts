/**
 * Starting a worker thread on one of our modules, whether the code runs compiled (.js) or from source
 * through tsx (npm start, vitest): Node 20 does not apply `--import` loader hooks to a worker's entry
 * file, so a .ts entry is loaded through tsx's tsImport inside the worker.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `entry` is the module's URL as seen from the caller, ending in .ts or .js like the caller's own. */
export function startModuleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.href.endsWith('.ts')) return new Worker(entry, options);
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { ...options, eval: true });
}

/** What a worker's message means to its parent: progress (undefined), the result, or a failure. */
export type WorkerOutcome<T> = { done: T } | { failed: Error } | undefined;

/**
 * Start a worker (startModuleWorker) and settle with the first message `read` turns into a result or a
 * failure, or with its error or exit; the worker is terminated then. `what` names it in the exit error.
 */
export function runModuleWorker<M, T>(entry: URL, workerData: unknown, read: (message: M) => WorkerOutcome<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(entry, { workerData });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: M) => {
      const outcome = read(m);
      if (outcome && 'done' in outcome) settle(() => resolve(outcome.done));
      else if (outcome) settle(() => reject(outcome.failed));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`${what} exited (code ${code}) without a result`))));
  });
}
