/**
 * The knowledge-base build on several threads, with the same result as buildKnowledgeBase: the
 * documents are cut into consecutive parts of about equal text, this thread takes the first and a
 * worker thread (build-part-worker.ts) each other one. Every part makes its sentences and reads its
 * names; the names of all parts, in document order, are taught everywhere before any part extracts
 * its facts; the person names of all facts, in order, before any part segments its sentences for the
 * index (the segmenter's words are per thread); the parts' sentences, facts and tokens are then put
 * together here in document order, sentence ids shifted by the sentences of the parts before.
 *
 * Segmenting, tagging and fact extraction are most of a build (a 50 MB folder: about 90% of its CPU
 * time, docs/measurements/speed.md), and they are what runs in parallel.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CorpusDocument, Fact, Sentence } from '../types.js';
import { FactExtraction } from '../facts/index.js';
import { SentenceIndex, tokenizeSentences, type TokenizedSentences } from '../index/sentence-index.js';
import { assembleBuiltKnowledgeBase, buildKnowledgeBase, headingsOf, teachNames, toSentences, type BuildOptions, type KnowledgeBase } from './knowledge-base.js';
import { startModuleWorker } from './module-worker.js';
import { PART_WORKER, type PartMessage, type PartRequest } from './build-part-worker.js';

/**
 * Below this much text (UTF-16 code units of paragraphs) the build stays on one thread: a worker costs
 * about 1.5 s of CPU to start (tsx, the segmenter's dictionary, the tagger model) and a corpus of 1M
 * characters (~20k sentences, ~10 s of facts on this machine) is where that is clearly repaid.
 */
export const PARALLEL_MIN_CHARS = 1_000_000;
/** At most this many threads (each worker holds its own segmenter dictionary, ~100 MB). */
export const MAX_BUILD_THREADS = 4;

export interface ParallelBuildOptions extends BuildOptions {
  /** Threads to use (default: the machine's parallelism, at most MAX_BUILD_THREADS). */
  threads?: number;
  /** Smallest corpus built in parallel (default PARALLEL_MIN_CHARS). */
  minChars?: number;
  /** Told when a worker failed and the build was done again on this thread. */
  onWorkerError?: (error: unknown) => void;
  /** Workers started ahead (prestartBuildWorkers): used for the parts, the rest stopped. */
  workers?: PartWorker[];
}

/**
 * Start the build's workers before the corpus is read, so that each loads its segmenter dictionary
 * and tagger model (about 1.5 s of the 2-core machine's first starts) while this thread reads and
 * cleans. Hand them to buildKnowledgeBaseInParallel, which stops those it does not use.
 */
export function prestartBuildWorkers(threads = Math.min(availableParallelism(), MAX_BUILD_THREADS)): PartWorker[] {
  return Array.from({ length: Math.max(0, threads - 1) }, () => new PartWorker());
}

/** buildKnowledgeBase, on several threads when the corpus is large enough. */
export async function buildKnowledgeBaseInParallel(documents: CorpusDocument[], options: ParallelBuildOptions = {}): Promise<KnowledgeBase> {
  const chars = documents.reduce((n, d) => n + d.paragraphs.reduce((m, p) => m + p.length, 0), 0);
  const prestarted = options.workers ?? [];
  const threads = Math.min(options.threads ?? (prestarted.length ? prestarted.length + 1 : Math.min(availableParallelism(), MAX_BUILD_THREADS)), documents.length);
  if (options.facts === false || options.index === false || threads < 2 || chars < (options.minChars ?? PARALLEL_MIN_CHARS)) {
    for (const w of prestarted) w.stop();
    return buildKnowledgeBase(documents, options);
  }
  const parts = cut(documents, threads, chars);
  const workers = parts.slice(1).map((part, i) => {
    const w = prestarted[i] ?? new PartWorker();
    w.assign(part);
    return w;
  });
  for (const w of prestarted.slice(workers.length)) w.stop();
  try {
    return await build(parts[0], workers);
  } catch (error) {
    // A worker that cannot start or dies: the same build on this thread (same result, only slower).
    options.onWorkerError?.(error);
    return buildKnowledgeBase(documents, options);
  } finally {
    for (const w of workers) w.stop();
  }
}

async function build(own: CorpusDocument[], workers: PartWorker[]): Promise<KnowledgeBase> {
  // 1. Sentences and names of every part.
  const sentences = toSentences(own);
  const extraction = new FactExtraction(own, sentences);
  const names = extraction.names();
  const counts: number[] = [sentences.length];
  const seen = new Set(names);
  for (const w of workers) {
    const m = await w.next('names');
    counts.push(m.sentences);
    for (const name of m.names) {
      if (seen.has(name)) continue;
      seen.add(name);
      names.push(name);
    }
  }
  // 2. Facts of every part, every name known everywhere; sentence ids made global.
  for (const w of workers) w.send({ type: 'facts', names });
  const facts: Fact[] = extraction.facts(names);
  const offsets = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  for (const [i, w] of workers.entries()) {
    const m = await w.next('facts');
    for (const f of m.facts) {
      if (f.sentenceId >= 0) f.sentenceId += offsets[i + 1];
      facts.push(f);
    }
  }
  // 3. Index tokens of every part, every person name known everywhere.
  const persons = facts.filter((f) => f.type === 'person').map((f) => f.value);
  for (const w of workers) w.send({ type: 'tokens', persons });
  teachNames(facts);
  const all: Sentence[] = sentences;
  const tokens: TokenizedSentences[] = [tokenizeSentences(sentences, 0, sentences.length, headingsOf(own))];
  for (const [i, w] of workers.entries()) {
    const m = await w.next('tokens');
    for (const s of m.sentences) {
      s.id += offsets[i + 1];
      all.push(s);
    }
    tokens.push({ ...m.tokens, from: offsets[i + 1] });
  }
  const documents = [own, ...workers.map((w) => w.documents)].flat();
  const index = SentenceIndex.fromTokens(all, tokens);
  return assembleBuiltKnowledgeBase(documents, all, facts, index);
}

/** Consecutive parts of about chars / n characters each (at least one document each). */
function cut(documents: CorpusDocument[], n: number, chars: number): CorpusDocument[][] {
  const parts: CorpusDocument[][] = [[]];
  let size = 0;
  for (const d of documents) {
    const length = d.paragraphs.reduce((m, p) => m + p.length, 0);
    if (size >= (chars / n) * parts.length && parts.length < n && parts.at(-1)!.length) parts.push([]);
    parts.at(-1)!.push(d);
    size += length;
  }
  return parts;
}

/** A worker building one part (assigned once started), its answers read in order. */
export class PartWorker {
  private readonly worker: Worker;
  private readonly inbox: PartMessage[] = [];
  private waiting: ((m: PartMessage) => void) | null = null;
  private failure: Error | null = null;
  documents: CorpusDocument[] = [];

  constructor() {
    this.worker = startModuleWorker(new URL(import.meta.url.endsWith('.ts') ? './build-part-worker.ts' : './build-part-worker.js', import.meta.url), { workerData: PART_WORKER });
    this.worker.on('message', (m: PartMessage) => this.deliver(m));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`knowledge-base part worker exited (code ${code})`)));
  }

  /** Give the worker its part (it answers with the part's names). */
  assign(documents: CorpusDocument[]): void {
    this.documents = documents;
    this.send({ type: 'documents', documents });
  }

  send(m: PartRequest): void {
    this.worker.postMessage(m);
  }

  async next<T extends PartMessage['type']>(type: T): Promise<Extract<PartMessage, { type: T }>> {
    const m =
      this.inbox.shift() ??
      (await new Promise<PartMessage>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        this.waiting = resolve;
      }));
    if (m.type === 'failed') throw new Error(`knowledge-base part worker: ${m.message}`);
    if (m.type !== type) throw new Error(`knowledge-base part worker: expected ${type}, got ${m.type}`);
    return m as Extract<PartMessage, { type: T }>;
  }

  /** Set once stop() was called. */
  stopped = false;

  stop(): void {
    this.stopped = true;
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }

  private deliver(m: PartMessage): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) w(m);
    else this.inbox.push(m);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deliver({ type: 'failed', message: error.message });
  }
}
