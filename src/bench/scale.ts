/**
 * Scale run: build time, memory, query latency and persisted-load time as the corpus grows, on the
 * ../shared/bench/scale corpora (one sentence a line, no questions).
 *
 * Each corpus is cut into documents of DOC_LINES lines (one line = one paragraph; title = the start of
 * its first line). Queries are the middles of QUERIES sentences spread evenly over the corpus
 * (deterministic; after WARMUP untimed queries and a GC): `search` is the index alone (what the engine
 * asks it for), `ask` the whole engine.
 */
import { readFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusDocument } from '../types.js';
import { buildKnowledgeBase, restoreKnowledgeBase, toSentences } from '../knowledge/knowledge-base.js';
import { AnswerEngine } from '../answer/engine.js';
import { SentenceIndex } from '../index/sentence-index.js';
import { loadCache, saveCache } from '../knowledge/persist.js';
import { matchingForm } from '../text/script.js';
import { indexTokens } from '../text/segment.js';
import { collectGarbage, memoryNow } from './run.js';
import { percentile } from './metrics.js';

export const DOC_LINES = 20;
export const QUERIES = 1000;
/** Queries run first and not timed (JIT warm-up, lazily built caches). */
export const WARMUP = 20;

export interface ScaleCorpus {
  name: string;
  file: string;
  /** Lines to take (all when undefined). */
  lines?: number;
  /**
   * Past the file's end, take its lines again, each round's copy marked with the round (（第2轮）…),
   * as the bench README suggests for sizes past the files (300k, 1M): real prose, the same vocabulary
   * statistics, every sentence distinct.
   */
  cycle?: boolean;
}

export const SCALE_CORPORA: ScaleCorpus[] = [
  { name: 'zh-hans 10k', file: 'zh-hans-107k.txt', lines: 10_000 },
  { name: 'zh-hant 36k', file: 'zh-hant-36k.txt' },
  { name: 'zh-hans 100k', file: 'zh-hans-107k.txt', lines: 100_000 },
];

/** Sizes past the files, run only when named (`--scale-sizes 'zh-hans 300k'`): minutes to build each. */
export const LARGE_SCALE_CORPORA: ScaleCorpus[] = [
  { name: 'zh-hans 300k', file: 'zh-hans-107k.txt', lines: 300_000, cycle: true },
  { name: 'zh-hans 1M', file: 'zh-hans-107k.txt', lines: 1_000_000, cycle: true },
];

export interface ScaleResult {
  corpus: string;
  lines: number;
  sentences: number;
  /** Whole knowledge base (split + Simplified form, facts, index), segmenter dictionary already loaded. */
  buildMs: number;
  /** Parts, measured again separately: sentence splitting + matching form, and the index alone. */
  splitMs: number;
  indexMs: number;
  heapMB: number;
  rssMB: number;
  /** Typed arrays (the index's postings), outside heapMB. */
  arrayBuffersMB: number;
  searchP50Ms: number;
  searchP99Ms: number;
  /** Share of queries whose own sentence comes first (sanity check of the index). */
  searchSelfAt1: number;
  askP50Ms: number;
  askP99Ms: number;
  cacheMB: number;
  saveMs: number;
  /** Persisted knowledge base: read + verify + restore (no corpus re-reading, no segmenting). */
  loadMs: number;
}

export function scaleDocuments(lines: string[], name: string): CorpusDocument[] {
  const docs: CorpusDocument[] = [];
  for (let i = 0; i < lines.length; i += DOC_LINES) {
    const paragraphs = lines.slice(i, i + DOC_LINES);
    docs.push({ meta: { id: `${name}-${String(docs.length + 1).padStart(5, '0')}`, title: Array.from(paragraphs[0]).slice(0, 12).join('') }, paragraphs });
  }
  return docs;
}

/** The middle of a sentence: its central half, at most 16 characters. */
export function queryFrom(sentence: string): string {
  const chars = Array.from(sentence);
  const len = Math.min(16, Math.max(4, Math.floor(chars.length / 2)));
  const start = Math.max(0, Math.floor((chars.length - len) / 2));
  return chars.slice(start, start + len).join('');
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function runScale(dir: string, options: { log?: (line: string) => void; corpora?: ScaleCorpus[] } = {}): ScaleResult[] {
  const log = options.log ?? (() => {});
  const results: ScaleResult[] = [];
  for (const c of options.corpora ?? SCALE_CORPORA) {
    const { lines, documents } = readScaleCorpus(dir, c);
    log(`${c.name}: ${lines} lines, ${documents.length} documents: building…`);
    collectGarbage();
    let t = performance.now();
    const kb = buildKnowledgeBase(documents);
    const buildMs = performance.now() - t;
    const mem = memoryNow();

    const sample = Array.from({ length: Math.min(QUERIES, kb.sentences.length) }, (_, i) => kb.sentences[Math.floor(((i + 0.5) * kb.sentences.length) / QUERIES)]);
    const searchMs: number[] = [];
    let self = 0;
    for (const s of sample.slice(0, WARMUP)) kb.index.search(indexTokens(matchingForm(queryFrom(s.text))), 60);
    collectGarbage();
    for (const s of sample) {
      const q = queryFrom(s.text);
      t = performance.now();
      const hits = kb.index.search(indexTokens(matchingForm(q)), 60);
      searchMs.push(performance.now() - t);
      if (hits[0] && kb.sentences[hits[0].id].simplified === s.simplified) self++;
    }
    log(`${c.name}: asking the engine…`);
    const engine = new AnswerEngine(kb);
    const askMs: number[] = [];
    for (const s of sample.slice(0, WARMUP)) engine.ask(queryFrom(s.text) + '？', {});
    collectGarbage();
    for (const s of sample) {
      const q = queryFrom(s.text) + '？';
      t = performance.now();
      engine.ask(q, {});
      askMs.push(performance.now() - t);
    }

    const tmp = mkdtempSync(join(tmpdir(), 'kb-scale-'));
    const file = join(tmp, 'kb.bin');
    t = performance.now();
    saveCache(file, 'scale', { documents: kb.documents, sentences: kb.sentences, facts: kb.facts, problems: [], index: kb.index });
    const saveMs = performance.now() - t;
    const cacheMB = statSync(file).size / 2 ** 20;
    collectGarbage();
    t = performance.now();
    const cached = loadCache(file, 'scale');
    if (typeof cached === 'string') throw new Error(`scale: cache did not load (${cached})`);
    restoreKnowledgeBase(cached.documents, cached.sentences, cached.facts, cached.index);
    const loadMs = performance.now() - t;
    rmSync(tmp, { recursive: true, force: true });

    log(`${c.name}: timing the parts…`);
    collectGarbage();
    t = performance.now();
    const sentences = toSentences(documents);
    const splitMs = performance.now() - t;
    const titles = new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
    t = performance.now();
    SentenceIndex.build(sentences, (id) => titles.get(id) ?? '');
    const indexMs = performance.now() - t;

    results.push({
      corpus: c.name,
      lines,
      sentences: kb.sentences.length,
      buildMs: round(buildMs),
      splitMs: round(splitMs),
      indexMs: round(indexMs),
      heapMB: mem.heapMB,
      rssMB: mem.rssMB,
      arrayBuffersMB: mem.arrayBuffersMB,
      searchP50Ms: round(percentile(searchMs, 50), 3),
      searchP99Ms: round(percentile(searchMs, 99), 3),
      searchSelfAt1: round(self / Math.max(1, sample.length), 3),
      askP50Ms: round(percentile(askMs, 50), 3),
      askP99Ms: round(percentile(askMs, 99), 3),
      cacheMB: round(cacheMB),
      saveMs: round(saveMs),
      loadMs: round(loadMs),
    });
    log(JSON.stringify(results[results.length - 1]));
  }
  return results;
}

export function formatScaleTable(rows: ScaleResult[], dictMs: number): string {
  const head = '| corpus | sentences | build s | (split s) | (index s) | heap MB | search p50/p99 ms | self@1 | ask p50/p99 ms | cache MB | load s |';
  const sep = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const lines = rows.map(
    (r) =>
      `| ${r.corpus} | ${r.sentences} | ${(r.buildMs / 1000).toFixed(2)} | ${(r.splitMs / 1000).toFixed(2)} | ${(r.indexMs / 1000).toFixed(2)} | ${r.heapMB.toFixed(0)} | ${r.searchP50Ms.toFixed(2)} / ${r.searchP99Ms.toFixed(2)} | ${r.searchSelfAt1.toFixed(2)} | ${r.askP50Ms.toFixed(2)} / ${r.askP99Ms.toFixed(2)} | ${r.cacheMB.toFixed(1)} | ${(r.loadMs / 1000).toFixed(2)} |`,
  );
  return [head, sep, ...lines, '', `Segmenter dictionary load (once per process, not in build): ${(dictMs / 1000).toFixed(2)} s.`].join('\n');
}

/** One line of `--scale --json` in the store comparison's terms (the contract shared by both stores). */
export interface StoreScaleRow {
  store: 'memory' | 'postgres';
  corpus: string;
  sentences: number;
  /** memory: build + save the knowledge base; postgres: ingest (extraction, tokens, rows, indexes). Documents are already in memory. */
  firstStartMs: number;
  /** memory: load the persisted knowledge base; postgres: open the store (migrations checked, snapshot, names). */
  startMs: number;
  /** Whole-engine ask latency over the same questions. */
  p50Ms: number;
  p99Ms: number;
  /** memory: this process after building; postgres: a fresh process that opened the store and answered. */
  heapMB: number;
  rssMB: number;
  /** Typed arrays' memory, outside heapMB (memory: the index's postings; postgres: cached postings). */
  arrayBuffersMB: number;
  /** memory: the cache file; postgres: the database (pg_database_size). */
  diskMB: number;
}

/** The memory store's row of a scale result. */
export function memoryRow(r: ScaleResult): StoreScaleRow {
  return {
    store: 'memory',
    corpus: r.corpus,
    sentences: r.sentences,
    firstStartMs: round(r.buildMs + r.saveMs),
    startMs: r.loadMs,
    p50Ms: r.askP50Ms,
    p99Ms: r.askP99Ms,
    heapMB: r.heapMB,
    rssMB: r.rssMB,
    arrayBuffersMB: r.arrayBuffersMB,
    diskMB: r.cacheMB,
  };
}

/** A scale corpus's lines (its first `c.lines` non-empty ones) made into documents. */
function readScaleCorpus(dir: string, c: ScaleCorpus): { lines: number; documents: CorpusDocument[] } {
  const all = readFileSync(join(dir, c.file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let lines = c.lines ? all.slice(0, c.lines) : all;
  if (c.cycle && c.lines && c.lines > all.length) {
    lines = Array.from({ length: c.lines }, (_, i) => {
      const round = Math.floor(i / all.length);
      return round ? `${all[i % all.length]}（第${round + 1}轮）` : all[i];
    });
  }
  return { lines: lines.length, documents: scaleDocuments(lines, c.name.replace(/\s+/g, '-')) };
}

/** A scale corpus as runScale builds it: its documents and its questions (the middles of sampled sentences + ？). */
export function scaleCorpus(dir: string, c: ScaleCorpus): { documents: CorpusDocument[]; questions: string[] } {
  const { documents } = readScaleCorpus(dir, c);
  const sentences = toSentences(documents);
  const questions = Array.from({ length: Math.min(QUERIES, sentences.length) }, (_, i) => queryFrom(sentences[Math.floor(((i + 0.5) * sentences.length) / QUERIES)].text) + '？');
  return { documents, questions };
}

export { round as roundTo };

export function formatStoreTable(rows: StoreScaleRow[]): string {
  const head = '| store | corpus | sentences | first start s | start s | ask p50/p99 ms | heap MB | typed arrays MB | RSS MB | disk MB |';
  const sep = '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const lines = rows.map(
    (r) =>
      `| ${r.store} | ${r.corpus} | ${r.sentences} | ${(r.firstStartMs / 1000).toFixed(2)} | ${(r.startMs / 1000).toFixed(2)} | ${r.p50Ms.toFixed(2)} / ${r.p99Ms.toFixed(2)} | ${r.heapMB.toFixed(0)} | ${r.arrayBuffersMB.toFixed(0)} | ${r.rssMB.toFixed(0)} | ${r.diskMB.toFixed(1)} |`,
  );
  return [head, sep, ...lines].join('\n');
}
