/**
 * Knowledge-base persistence: the built knowledge base (cleaned documents, sentences, facts, the
 * sentence index) saved to one cache file, reused while the corpus and the code that built it are
 * unchanged.
 *
 * Validity: the cache records the corpus fingerprint (see fingerprint.ts: the corpus files, INDEX_VERSION
 * and the source of the modules that shape the knowledge base). A file that is truncated, corrupt (SHA-1
 * of the body), from another version or for another corpus is ignored and rebuilt, never trusted.
 *
 * Layout: "ZDQAKB" + u16 format | SHA-1 (20 bytes) of the rest | u32 header length | header JSON |
 * padding to 8 | sections at offsets given in the header: raw typed arrays (little-endian) and UTF-8
 * blobs. The header is small (references, counts, the problems); everything large is in sections:
 * - sentence columns as u32 arrays, their texts as string tables (chunks of concatenated UTF-8 with the
 *   end offset of each string), the Simplified form only where it differs from the text;
 * - documents and facts as chunks of JSON arrays (each chunk a few MB at most);
 * - the sentence index as its typed arrays (SentenceIndex.toData) and the joined vocabulary.
 * So loading makes no object per posting and can stop between any two chunks: `loadCacheAsync` gives
 * the event loop back every LOAD_SLICE_MS (the bot swaps a rebuilt knowledge base in while answering),
 * `loadCache` runs the same steps at once.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CorpusDocument, Fact, Sentence } from '../types.js';
import { SentenceIndex, type FieldPostings } from '../index/sentence-index.js';

/** Bump when the cache layout or the index's data layout changes (part of the corpus fingerprint too). */
export const INDEX_VERSION = 3;

const MAGIC = Buffer.from('ZDQAKB', 'ascii');
const PREFIX = MAGIC.length + 2 + 20 + 4;

/**
 * Longest stretch loadCacheAsync runs without giving the event loop back, in ms. Hand-set: well under
 * the 1 s /healthz and 2 s answer targets of issue 11 on a loaded 2-core machine (a step of loading is
 * one chunk: at most CHUNK_BYTES of JSON or text, or HASH_SLICE bytes hashed).
 */
export const LOAD_SLICE_MS = 25;
/** Size of a JSON or string-table chunk when saving (bytes of UTF-8, about): parsed in ~10-30 ms. */
const CHUNK_BYTES = 2 << 20;
/** Bytes hashed per step when checking the SHA-1. */
const HASH_SLICE = 8 << 20;
/** Sentence objects made per step. */
const SENTENCE_SLICE = 20_000;

export interface CorpusProblemLike {
  path: string;
  reason: string;
}

/** What a cache file holds. */
export interface CachedCorpus {
  documents: CorpusDocument[];
  sentences: Sentence[];
  facts: Fact[];
  problems: CorpusProblemLike[];
  index: SentenceIndex;
}

/** Default cache file of a corpus folder. */
export function defaultCacheFile(corpusDir: string): string {
  return join(corpusDir, '.cache', 'knowledge-base.bin');
}

interface ArrayRef {
  type: 'u32';
  offset: number;
  length: number;
}
/** A UTF-8 string section; length in bytes. */
interface BlobRef {
  type: 'utf8';
  offset: number;
  length: number;
}
/** Strings in chunks: each chunk's strings concatenated (blob) with the UTF-16 end offset of each (ends). */
type StringTable = { blob: BlobRef; ends: ArrayRef }[];

interface FieldRef {
  average: number;
  length: ArrayRef;
  start: ArrayRef;
  sentences: ArrayRef;
  frequencies: ArrayRef;
}

interface Header {
  version: number;
  fingerprint: string;
  problems: CorpusProblemLike[];
  /** Chunks of JSON arrays of documents. */
  documents: BlobRef[];
  sentences: {
    count: number;
    /** JSON array of the distinct docIds; doc is an index into it. */
    docIds: BlobRef;
    doc: ArrayRef;
    paragraph: ArrayRef;
    position: ArrayRef;
    text: StringTable;
    /** Sentences whose Simplified form differs from their text, and those forms. */
    simplifiedOf: ArrayRef;
    simplified: StringTable;
  };
  /** Chunks of JSON arrays of facts. */
  facts: BlobRef[];
  index: {
    params: ReturnType<SentenceIndex['toData']>['params'];
    terms: BlobRef;
    fields: FieldRef[];
    documentOf: ArrayRef;
    paragraphOf: ArrayRef;
  };
}

/** Write the cache file atomically (temporary file + rename). Throws on I/O errors. */
export function saveCache(file: string, fingerprint: string, corpus: CachedCorpus): void {
  const sections: Uint8Array[] = [];
  let offset = 0;
  const section = (bytes: Uint8Array) => {
    const at = offset;
    sections.push(bytes);
    offset += align8(bytes.byteLength);
    return at;
  };
  const ref = (a: Uint32Array): ArrayRef => ({ type: 'u32', length: a.length, offset: section(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) });
  const blob = (text: string): BlobRef => {
    const bytes = Buffer.from(text, 'utf8');
    return { type: 'utf8', length: bytes.byteLength, offset: section(bytes) };
  };
  /** Items as JSON arrays of about CHUNK_BYTES each. */
  const jsonChunks = (items: readonly unknown[]): BlobRef[] => {
    const out: BlobRef[] = [];
    let parts: string[] = [];
    let size = 0;
    const flush = () => {
      out.push(blob(`[${parts.join(',')}]`));
      parts = [];
      size = 0;
    };
    for (const item of items) {
      const json = JSON.stringify(item);
      parts.push(json);
      size += json.length * 2;
      if (size >= CHUNK_BYTES) flush();
    }
    if (parts.length || !out.length) flush();
    return out;
  };
  const stringTable = (strings: readonly string[]): StringTable => {
    const out: StringTable = [];
    let from = 0;
    while (from < strings.length || !out.length) {
      let to = from;
      let size = 0;
      while (to < strings.length && (to === from || size < CHUNK_BYTES)) size += strings[to++].length * 2;
      const ends = new Uint32Array(to - from);
      let end = 0;
      for (let i = from; i < to; i++) ends[i - from] = end += strings[i].length;
      out.push({ blob: blob(strings.slice(from, to).join('')), ends: ref(ends) });
      from = to;
      if (from >= strings.length) break;
    }
    return out;
  };

  const s = corpus.sentences;
  const docIds: string[] = [];
  const docIndex = new Map<string, number>();
  const doc = new Uint32Array(s.length);
  const paragraph = new Uint32Array(s.length);
  const position = new Uint32Array(s.length);
  const simplifiedOf: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    let d = docIndex.get(x.docId);
    if (d === undefined) {
      d = docIds.length;
      docIds.push(x.docId);
      docIndex.set(x.docId, d);
    }
    doc[i] = d;
    paragraph[i] = x.paragraph;
    position[i] = x.position;
    if (x.simplified !== x.text) simplifiedOf.push(i);
  }
  const data = corpus.index.toData();
  const fieldRef = (f: FieldPostings): FieldRef => ({ average: f.average, length: ref(f.length), start: ref(f.start), sentences: ref(f.sentences), frequencies: ref(f.frequencies) });
  const header: Header = {
    version: INDEX_VERSION,
    fingerprint,
    problems: corpus.problems,
    documents: jsonChunks(corpus.documents),
    sentences: {
      count: s.length,
      docIds: blob(JSON.stringify(docIds)),
      doc: ref(doc),
      paragraph: ref(paragraph),
      position: ref(position),
      text: stringTable(s.map((x) => x.text)),
      simplifiedOf: ref(Uint32Array.from(simplifiedOf)),
      simplified: stringTable(simplifiedOf.map((i) => s[i].simplified)),
    },
    facts: jsonChunks(corpus.facts),
    index: {
      params: data.params,
      terms: blob(SentenceIndex.joinTerms(data.terms)),
      fields: data.fields.map(fieldRef),
      documentOf: ref(data.documentOf),
      paragraphOf: ref(data.paragraphOf),
    },
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const arraysStart = align8(PREFIX + headerBytes.length);
  const out = Buffer.alloc(arraysStart + offset);
  MAGIC.copy(out, 0);
  out.writeUInt16LE(INDEX_VERSION, MAGIC.length);
  out.writeUInt32LE(headerBytes.length, MAGIC.length + 2 + 20);
  headerBytes.copy(out, PREFIX);
  let at = arraysStart;
  for (const bytes of sections) {
    out.set(bytes, at);
    at += align8(bytes.byteLength);
  }
  createHash('sha1')
    .update(out.subarray(MAGIC.length + 2 + 20))
    .digest()
    .copy(out, MAGIC.length + 2);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, out);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

export type CacheMiss = 'missing' | 'corrupt' | 'version' | 'stale';

/** Read a cache file; a reason instead when it is absent, damaged, from another version or for another corpus. */
export function loadCache(file: string, fingerprint: string): CachedCorpus | CacheMiss {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return 'missing';
  }
  const steps = loadSteps(buf, fingerprint);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * loadCache without holding the event loop: the file is read off-thread and the steps of decoding run
 * in slices of at most about LOAD_SLICE_MS, with a macrotask turn (setImmediate) between slices.
 */
export async function loadCacheAsync(file: string, fingerprint: string, sliceMs = LOAD_SLICE_MS): Promise<CachedCorpus | CacheMiss> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return 'missing';
  }
  return runStepsAsync(loadSteps(buf, fingerprint), sliceMs);
}

/**
 * Run a generator of steps (each `yield` a point where work may pause) to its result, giving the event
 * loop a macrotask turn (setImmediate) whenever `sliceMs` have passed since the last one (0: at every step).
 */
export async function runStepsAsync<T>(steps: Generator<void, T>, sliceMs = LOAD_SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

/** The steps of loading a cache file's bytes; each `yield` is a point where loading may pause. */
function* loadSteps(buf: Buffer, fingerprint: string): Generator<void, CachedCorpus | CacheMiss> {
  try {
    if (buf.length < PREFIX || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
    if (buf.readUInt16LE(MAGIC.length) !== INDEX_VERSION) return 'version';
    const hash = createHash('sha1');
    for (let at = MAGIC.length + 2 + 20; at < buf.length; at += HASH_SLICE) {
      hash.update(buf.subarray(at, Math.min(buf.length, at + HASH_SLICE)));
      yield;
    }
    if (!hash.digest().equals(buf.subarray(MAGIC.length + 2, MAGIC.length + 2 + 20))) return 'corrupt';
    const headerLength = buf.readUInt32LE(MAGIC.length + 2 + 20);
    if (PREFIX + headerLength > buf.length) return 'corrupt';
    const header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
    if (header.version !== INDEX_VERSION) return 'version';
    if (header.fingerprint !== fingerprint) return 'stale';
    const arraysStart = align8(PREFIX + headerLength);
    const bodyLength = buf.length - arraysStart;
    const arr = (r: ArrayRef): Uint32Array => {
      if (r.type !== 'u32' || r.offset + r.length * 4 > bodyLength) throw new Error('array out of range');
      const byteOffset = buf.byteOffset + arraysStart + r.offset;
      // A view of the file's bytes when aligned (a large Buffer has its own ArrayBuffer), else a copy.
      if (byteOffset % 4 === 0) return new Uint32Array(buf.buffer, byteOffset, r.length);
      const copy = new Uint8Array(r.length * 4);
      copy.set(buf.subarray(arraysStart + r.offset, arraysStart + r.offset + r.length * 4));
      return new Uint32Array(copy.buffer);
    };
    const text = (r: BlobRef): string => {
      if (r.type !== 'utf8' || r.offset + r.length > bodyLength) throw new Error('blob out of range');
      return buf.toString('utf8', arraysStart + r.offset, arraysStart + r.offset + r.length);
    };
    function* json<T>(chunks: BlobRef[]): Generator<void, T[]> {
      const out: T[] = [];
      for (const c of chunks) {
        for (const item of JSON.parse(text(c)) as T[]) out.push(item);
        yield;
      }
      return out;
    }
    function* strings(table: StringTable, into: string[]): Generator<void, void> {
      for (const chunk of table) {
        const all = text(chunk.blob);
        const ends = arr(chunk.ends);
        yield;
        let start = 0;
        for (let i = 0; i < ends.length; i++) {
          into.push(all.slice(start, ends[i]));
          start = ends[i];
          if (i % SENTENCE_SLICE === SENTENCE_SLICE - 1) yield;
        }
        yield;
      }
    }

    const h = header.index;
    const terms = SentenceIndex.splitTerms(text(h.terms));
    yield;
    const index = SentenceIndex.fromData({
      params: h.params,
      terms,
      fields: h.fields.map((f) => ({ average: f.average, length: arr(f.length), start: arr(f.start), sentences: arr(f.sentences), frequencies: arr(f.frequencies) })),
      documentOf: arr(h.documentOf),
      paragraphOf: arr(h.paragraphOf),
    });
    yield;

    const c = header.sentences;
    const docIds = JSON.parse(text(c.docIds)) as string[];
    const doc = arr(c.doc);
    const paragraph = arr(c.paragraph);
    const position = arr(c.position);
    const texts: string[] = [];
    yield* strings(c.text, texts);
    const simplifiedOf = arr(c.simplifiedOf);
    const simplifiedTexts: string[] = [];
    yield* strings(c.simplified, simplifiedTexts);
    if (texts.length !== c.count || doc.length !== c.count || simplifiedTexts.length !== simplifiedOf.length) return 'corrupt';
    const simplified: (string | undefined)[] = new Array(c.count);
    for (let k = 0; k < simplifiedOf.length; k++) simplified[simplifiedOf[k]] = simplifiedTexts[k];
    const sentences: Sentence[] = new Array(c.count);
    for (let id = 0; id < c.count; id++) {
      const docId = docIds[doc[id]];
      if (docId === undefined) return 'corrupt';
      const t = texts[id];
      sentences[id] = { id, docId, paragraph: paragraph[id], position: position[id], text: t, simplified: simplified[id] ?? t };
      if (id % SENTENCE_SLICE === SENTENCE_SLICE - 1) yield;
    }
    if (sentences.length !== index.size) return 'corrupt';
    const documents = yield* json<CorpusDocument>(header.documents);
    const facts = yield* json<Fact>(header.facts);
    return { documents, sentences, facts, problems: header.problems, index };
  } catch {
    return 'corrupt';
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
