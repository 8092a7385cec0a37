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
 * blobs. The sentence index's MiniSearch index is a blob of `JSON.stringify(miniSearch)`, read back
 * with `MiniSearch.loadJSON` (see SentenceIndex.toData / fromData); its df table and its sentence ->
 * document / paragraph maps are a joined term string in the header and u32 arrays.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CorpusDocument, Fact, Sentence } from '../types.js';
import { SentenceIndex, type IndexData } from '../index/sentence-index.js';

/** Bump when the cache layout or the index's data layout changes (part of the corpus fingerprint too). */
export const INDEX_VERSION = 2;

const MAGIC = Buffer.from('ZDQAKB', 'ascii');
const PREFIX = MAGIC.length + 2 + 20 + 4;

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

type Typed = Uint32Array | Uint16Array;
interface ArrayRef {
  type: 'u32' | 'u16';
  offset: number;
  length: number;
}
/** A UTF-8 string section; length in bytes. */
interface BlobRef {
  type: 'utf8';
  offset: number;
  length: number;
}

interface Header {
  version: number;
  fingerprint: string;
  documents: CorpusDocument[];
  sentences: { docIds: string[]; doc: number[]; paragraph: number[]; position: number[]; text: string[]; simplified: (string | 0)[] };
  facts: Fact[];
  problems: CorpusProblemLike[];
  index: {
    params: IndexData['params'];
    terms: string;
    df: ArrayRef;
    documentOf: ArrayRef;
    paragraphOf: ArrayRef;
    miniSearch: BlobRef;
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
  const ref = (a: Typed): ArrayRef => ({ type: a instanceof Uint32Array ? 'u32' : 'u16', length: a.length, offset: section(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) });
  const blob = (text: string): BlobRef => {
    const bytes = Buffer.from(text, 'utf8');
    return { type: 'utf8', length: bytes.byteLength, offset: section(bytes) };
  };
  const data = corpus.index.toData();
  const docIds: string[] = [];
  const docIndex = new Map<string, number>();
  const s = corpus.sentences;
  const doc = s.map((x) => {
    let i = docIndex.get(x.docId);
    if (i === undefined) {
      i = docIds.length;
      docIds.push(x.docId);
      docIndex.set(x.docId, i);
    }
    return i;
  });
  const header: Header = {
    version: INDEX_VERSION,
    fingerprint,
    documents: corpus.documents,
    sentences: {
      docIds,
      doc,
      paragraph: s.map((x) => x.paragraph),
      position: s.map((x) => x.position),
      text: s.map((x) => x.text),
      simplified: s.map((x) => (x.simplified === x.text ? 0 : x.simplified)),
    },
    facts: corpus.facts,
    problems: corpus.problems,
    index: {
      params: data.params,
      terms: SentenceIndex.joinTerms(data.terms),
      df: ref(data.df),
      documentOf: ref(data.documentOf),
      paragraphOf: ref(data.paragraphOf),
      miniSearch: blob(data.miniSearch),
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
  try {
    if (buf.length < PREFIX || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return 'corrupt';
    if (buf.readUInt16LE(MAGIC.length) !== INDEX_VERSION) return 'version';
    const digest = createHash('sha1')
      .update(buf.subarray(MAGIC.length + 2 + 20))
      .digest();
    if (!digest.equals(buf.subarray(MAGIC.length + 2, MAGIC.length + 2 + 20))) return 'corrupt';
    const headerLength = buf.readUInt32LE(MAGIC.length + 2 + 20);
    if (PREFIX + headerLength > buf.length) return 'corrupt';
    const header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
    if (header.version !== INDEX_VERSION) return 'version';
    if (header.fingerprint !== fingerprint) return 'stale';
    // Copy the arrays into one aligned buffer (the file buffer's offset need not be aligned).
    const arraysStart = align8(PREFIX + headerLength);
    const body = new Uint8Array(buf.length - arraysStart);
    body.set(buf.subarray(arraysStart));
    const arr = <T extends Typed>(r: ArrayRef): T => {
      const size = r.type === 'u32' ? 4 : 2;
      if (r.offset + r.length * size > body.byteLength) throw new Error('array out of range');
      return (r.type === 'u32' ? new Uint32Array(body.buffer, r.offset, r.length) : new Uint16Array(body.buffer, r.offset, r.length)) as T;
    };
    const text = (r: BlobRef): string => {
      if (r.offset + r.length > body.byteLength) throw new Error('blob out of range');
      return buf.toString('utf8', arraysStart + r.offset, arraysStart + r.offset + r.length);
    };
    const h = header.index;
    const index = SentenceIndex.fromData({
      params: h.params,
      terms: SentenceIndex.splitTerms(h.terms),
      df: arr<Uint32Array>(h.df),
      documentOf: arr<Uint32Array>(h.documentOf),
      paragraphOf: arr<Uint32Array>(h.paragraphOf),
      miniSearch: text(h.miniSearch),
    });
    const c = header.sentences;
    const sentences: Sentence[] = c.text.map((text, id) => ({
      id,
      docId: c.docIds[c.doc[id]],
      paragraph: c.paragraph[id],
      position: c.position[id],
      text,
      simplified: c.simplified[id] === 0 ? text : (c.simplified[id] as string),
    }));
    if (sentences.length !== index.size || sentences.some((x) => x.docId === undefined)) return 'corrupt';
    return { documents: header.documents, sentences, facts: header.facts, problems: header.problems, index };
  } catch {
    return 'corrupt';
  }
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
