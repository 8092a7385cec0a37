/**
 * Rebuilding the knowledge base off the event loop: a worker thread (build-worker.ts) reads the corpus
 * folder, builds and persists the knowledge base; this thread then loads the persisted file, teaches
 * the segmenter the extracted names again (restoreKnowledgeBase: nodejieba's user words are per
 * thread) and returns a ready engine. Loading here is done in slices (loadCacheAsync,
 * restoreKnowledgeBaseSteps) that give the event loop back every LOAD_SLICE_MS, so the old engine
 * answers during the whole rebuild, the swap-in included (a 50 MB corpus used to block it ~22 s here).
 */
import { runModuleWorker } from '../knowledge/module-worker.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreKnowledgeBase, restoreKnowledgeBaseSteps } from '../knowledge/knowledge-base.js';
import { AnswerEngine } from '../answer/engine.js';
import { EmptyCorpusError } from '../knowledge/load.js';
import { corpusFingerprint } from '../knowledge/fingerprint.js';
import { LOAD_SLICE_MS, defaultCacheFile, loadCache, loadCacheAsync, runStepsAsync } from '../knowledge/persist.js';
import type { BuildMessage, BuildRequest, BuildStage } from './build-worker.js';
import type { BotCorpus } from './corpus.js';

export interface RebuildProgress {
  stage: BuildStage;
  documents?: number;
  sentences?: number;
  facts?: number;
}

export interface WorkerBuildOptions {
  /** Persist where the next start finds it (<corpus>/.cache/); false: a temporary file, removed after loading (KB_CACHE=off). */
  persist?: boolean;
  onProgress?: (p: RebuildProgress) => void;
  /** Longest block of loading the rebuilt knowledge base on this thread, ms (default LOAD_SLICE_MS; tests use 0). */
  loadSliceMs?: number;
}

/** The build worker's entry (compiled .js, or the .ts source through tsx: see startModuleWorker). */
function workerEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './build-worker.ts' : './build-worker.js', import.meta.url);
}

/** Build in a worker thread and persist; resolves with what the worker reports. */
function runWorker(request: BuildRequest, onProgress?: (p: RebuildProgress) => void): Promise<Extract<BuildMessage, { type: 'done' }>> {
  return runModuleWorker<BuildMessage, Extract<BuildMessage, { type: 'done' }>>(
    workerEntry(),
    request,
    (m) => {
      if (m.type === 'progress') onProgress?.({ stage: m.stage, documents: m.documents, sentences: m.sentences, facts: m.facts });
      else if (m.type === 'done') return { done: m };
      else return { failed: m.name === 'EmptyCorpusError' ? new EmptyCorpusError(request.dir, []) : Object.assign(new Error(m.message), { name: m.name }) };
      return undefined;
    },
    'knowledge-base build worker',
  );
}

/** The default CorpusLoader of the bot: build off-thread, load the persisted result here. */
export async function buildCorpusInWorker(dir: string, options: WorkerBuildOptions = {}): Promise<BotCorpus> {
  const temp = options.persist === false ? mkdtempSync(join(tmpdir(), 'zdqa-kb-')) : undefined;
  const cacheFile = temp ? join(temp, 'knowledge-base.bin') : defaultCacheFile(dir);
  try {
    const built = await runWorker({ dir, cacheFile }, options.onProgress);
    options.onProgress?.({ stage: 'loading', documents: built.documents, sentences: built.sentences, facts: built.facts });
    // Let the progress message go out before this thread starts loading; loading and restoring run in
    // slices with event-loop turns between them (requests arriving meanwhile are served by the old engine).
    const sliceMs = options.loadSliceMs ?? LOAD_SLICE_MS;
    const tick = () => new Promise((r) => setImmediate(r));
    await tick();
    const t0 = performance.now();
    const cached = await loadCacheAsync(cacheFile, built.fingerprint, sliceMs);
    if (typeof cached === 'string') throw new Error(`the rebuilt knowledge base could not be loaded (${cached})`);
    const t1 = performance.now();
    await tick();
    const t2 = performance.now();
    const kb = await runStepsAsync(restoreKnowledgeBaseSteps(cached.documents, cached.sentences, cached.facts, cached.index), sliceMs);
    const t3 = performance.now();
    await tick();
    const t4 = performance.now();
    const engine = new AnswerEngine(kb);
    const t5 = performance.now();
    const loadMs = { file: Math.round(t1 - t0), restore: Math.round(t3 - t2), engine: Math.round(t5 - t4) };
    return { kb, engine, problems: built.problems, timings: { buildMs: built.buildMs, loadMs } };
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The corpus at start: the persisted knowledge base when it is fresh (loaded here, fast), else built
 * in a worker thread, so even a long first build leaves the process responsive (SIGTERM stops it).
 */
export async function loadOrBuildCorpus(dir: string, options: WorkerBuildOptions = {}): Promise<BotCorpus> {
  if (options.persist !== false) {
    let cached: ReturnType<typeof loadCache> = 'missing';
    try {
      cached = loadCache(defaultCacheFile(dir), corpusFingerprint(dir));
    } catch {
      // Unreadable folder: the worker reports it properly.
    }
    if (typeof cached !== 'string') {
      const kb = restoreKnowledgeBase(cached.documents, cached.sentences, cached.facts, cached.index);
      return { kb, engine: new AnswerEngine(kb), problems: cached.problems };
    }
  }
  return buildCorpusInWorker(dir, options);
}
