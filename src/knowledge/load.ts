/**
 * From a corpus folder to a knowledge base: read + clean documents, build the knowledge base.
 * The built knowledge base is cached in <corpus>/.cache/ (see persist.ts, fingerprint.ts) and reused
 * while the corpus files and the code that built it are unchanged. The engine on top of it is made one
 * layer up (answer/corpus.ts).
 */
import { readCorpus, type CorpusProblem } from '../documents/read.js';
import { restoreKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { buildKnowledgeBaseInParallel, PARALLEL_MIN_CHARS, prestartBuildWorkers } from './parallel-build.js';
import { corpusBytes, corpusFingerprint } from './fingerprint.js';
import { defaultCacheFile, loadCache, saveCache, type CacheMiss } from './persist.js';

export class EmptyCorpusError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: CorpusProblem[],
  ) {
    super(
      `No readable documents in corpus folder "${dir}". Add .txt or .md files (see README "Adding documents")` +
        (problems.length ? `; skipped: ${problems.map((p) => `${p.path} (${p.reason})`).join(', ')}` : '.'),
    );
    this.name = 'EmptyCorpusError';
  }
}

export interface LoadedKnowledge {
  kb: KnowledgeBase;
  problems: CorpusProblem[];
  /** 'loaded' from the cache, or why it was built: no cache yet, corrupt, other version, corpus changed, caching off. */
  cache?: 'loaded' | CacheMiss | 'off';
}

export interface LoadOptions {
  /** Cache file; false turns caching off. Default: <dir>/.cache/knowledge-base.bin. */
  cacheFile?: string | false;
  /** Called when the cache cannot be written (read-only corpus folder…); answering goes on without it. */
  onCacheError?: (error: unknown) => void;
}

/** Read a corpus folder and build its knowledge base (or load it from the cache). Throws EmptyCorpusError when nothing is readable. */
export async function loadKnowledgeBase(dir: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const cacheFile = options.cacheFile === false ? null : (options.cacheFile ?? defaultCacheFile(dir));
  let fingerprint: string | null = null;
  let cache: LoadedKnowledge['cache'] = 'off';
  if (cacheFile) {
    try {
      fingerprint = corpusFingerprint(dir);
      const cached = loadCache(cacheFile, fingerprint);
      if (typeof cached !== 'string') {
        const kb = restoreKnowledgeBase(cached.documents, cached.sentences, cached.facts, cached.index);
        return { kb, problems: cached.problems, cache: 'loaded' };
      }
      cache = cached;
    } catch {
      // Unreadable folder: readCorpus below reports it properly.
      fingerprint = null;
    }
  }
  const { kb, problems } = await readAndBuild(dir);
  if (cacheFile && fingerprint) {
    try {
      saveCache(cacheFile, fingerprint, { documents: kb.documents, sentences: kb.sentences, facts: kb.facts, problems, index: kb.index });
    } catch (error) {
      options.onCacheError?.(error);
    }
  }
  return { kb, problems, cache };
}

/**
 * Read and clean a corpus folder and build its knowledge base (no cache). The build's workers start
 * before the reading when the folder may be built in parallel (its bytes bound its characters), so
 * that they load their dictionaries meanwhile. `onRead` is told when the documents are read. Throws
 * EmptyCorpusError when nothing is readable.
 */
export async function readAndBuild(dir: string, onRead?: (documents: number) => void): Promise<{ kb: KnowledgeBase; problems: CorpusProblem[] }> {
  const workers = corpusBytes(dir) >= PARALLEL_MIN_CHARS ? prestartBuildWorkers() : [];
  let read: Awaited<ReturnType<typeof readCorpus>>;
  try {
    read = await readCorpus(dir);
    if (read.documents.length === 0) throw new EmptyCorpusError(dir, read.problems);
  } catch (error) {
    for (const w of workers) w.stop();
    throw error;
  }
  onRead?.(read.documents.length);
  return { kb: await buildKnowledgeBaseInParallel(read.documents, { workers }), problems: read.problems };
}
