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
