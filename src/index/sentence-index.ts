/**
 * The retrieval index: BM25 over sentences, with each sentence's paragraph and document title as context.
 *
 * score(sentence) = (BM25(sentence) + PARAGRAPH_WEIGHT·BM25(paragraph) + TITLE_WEIGHT·BM25(title))
 *                   · (matched query terms)^COVERAGE_EXPONENT
 * BM25 is the BM25+ of MiniSearch (k, b, d); the coverage factor generalises MiniSearch's
 * "score × number of matched terms". Candidates are the sentences that match at least one term.
 *
 * Why not MiniSearch (measured on DRCD dev, 10.5k sentences, 210k tokens, 39k distinct terms):
 * MiniSearch's radix tree scans a node's children linearly, and a CJK vocabulary puts thousands of
 * distinct first characters at the root, so `addAll` took 1.2-1.5 s (vs 20-60 ms for a plain Map),
 * 100k sentences took 6-7 s, and its nested Map-per-term postings cost ~2.5x the heap of typed arrays.
 * This index keeps the same scoring model in compressed (CSR) typed arrays: it builds in one pass,
 * serialises as raw arrays (see persist.ts) and loads without re-inserting anything.
 *
 * Tokens come from the segmenter (jieba search mode over the Simplified matching form, stop words
 * dropped); `search` takes such tokens, so callers tokenise queries with `indexTokens` as well.
 */
import type { Sentence } from '../types.js';
import { cutForSearch, indexTerm, indexTokens } from '../text/segment.js';

export interface SentenceHit {
  id: number;
  score: number;
  /** Query terms that matched this sentence. */
  terms: string[];
}

export interface IndexParams {
  /** BM25 term-frequency saturation. */
  k: number;
  /** BM25 length normalisation. */
  b: number;
  /** BM25+ lower bound for a matching term. */
  d: number;
  /** Weight of the paragraph's BM25 score in a sentence's score. */
  paragraphWeight: number;
  /** Weight of the document title's BM25 score. */
  titleWeight: number;
  /** score × (matched distinct query terms)^coverage. */
  coverage: number;
}

/** Tuned on CMRC trial + DRCD test: paragraph and title weights 0.3 -> 1 gave cite@1 +0.1/+0.7 points, cite@3 +0.8/+0.7; k, b, coverage within ±0.2 point. */
export const DEFAULT_PARAMS: IndexParams = { k: 1.2, b: 0.7, d: 0.5, paragraphWeight: 1, titleWeight: 1, coverage: 1 };

/** One level of postings (sentences, paragraphs or titles) in CSR form: term t's postings are [start[t], start[t+1]). */
interface Postings {
  /** Number of units (sentences / paragraphs / titles). */
  count: number;
  start: Uint32Array;
  unit: Uint32Array;
  tf: Uint16Array;
  /** Tokens per unit. */
  length: Uint32Array;
  avgLength: number;
}

/** Everything the index is made of, as plain data (what persist.ts writes). */
export interface IndexData {
  params: IndexParams;
  terms: string[];
  sentences: Postings;
  paragraphs: Postings;
  titles: Postings;
  /** Sentence -> paragraph unit, sentence -> title unit. */
  paragraphOf: Uint32Array;
  titleOf: Uint32Array;
}

const TERM_SEPARATOR = '\u0001';

/** Builds one postings level from per-unit term-id lists (units in order). */
class PostingsBuilder {
  private ids = new Int32Array(1024);
  private tfs = new Uint16Array(1024);
  private size = 0;
  private bounds: number[] = [0];
  private lengths: number[] = [];
  private sorted = new Int32Array(256);

  /** Add the next unit with its (repeated) term ids. */
  add(termIds: ArrayLike<number>, count = termIds.length): void {
    if (this.sorted.length < count) this.sorted = new Int32Array(count * 2);
    const sorted = this.sorted;
    // Insertion sort: units are short (a sentence has tens of tokens).
    for (let i = 0; i < count; i++) {
      const v = termIds[i];
      let j = i - 1;
      while (j >= 0 && sorted[j] > v) {
        sorted[j + 1] = sorted[j];
        j--;
      }
      sorted[j + 1] = v;
    }
    if (this.size + count > this.ids.length) {
      const cap = Math.max(this.ids.length * 2, this.size + count);
      const ids = new Int32Array(cap);
      ids.set(this.ids.subarray(0, this.size));
      const tfs = new Uint16Array(cap);
      tfs.set(this.tfs.subarray(0, this.size));
      this.ids = ids;
      this.tfs = tfs;
    }
    for (let i = 0; i < count; ) {
      let j = i + 1;
      while (j < count && sorted[j] === sorted[i]) j++;
      this.ids[this.size] = sorted[i];
      this.tfs[this.size++] = Math.min(j - i, 0xffff);
      i = j;
    }
    this.bounds.push(this.size);
    this.lengths.push(count);
  }

  finish(termCount: number): Postings {
    const count = this.lengths.length;
    const start = new Uint32Array(termCount + 1);
    for (let p = 0; p < this.size; p++) start[this.ids[p] + 1]++;
    for (let t = 0; t < termCount; t++) start[t + 1] += start[t];
    const fill = start.slice(0, termCount);
    const unit = new Uint32Array(this.size);
    const tf = new Uint16Array(this.size);
    for (let u = 0; u < count; u++) {
      for (let p = this.bounds[u]; p < this.bounds[u + 1]; p++) {
        const slot = fill[this.ids[p]]++;
        unit[slot] = u;
        tf[slot] = this.tfs[p];
      }
    }
    let total = 0;
    for (const l of this.lengths) total += l;
    return { count, start, unit, tf, length: Uint32Array.from(this.lengths), avgLength: count ? total / count : 1 };
  }
}

export class SentenceIndex {
  private readonly termIds: Map<string, number>;
  private scratch: { sentence: Float64Array; mask: Uint32Array; touched: Uint32Array; final: Float64Array; paragraph: Float64Array; title: Float64Array } | null = null;
  private readonly weights: Partial<Record<'sentences' | 'paragraphs' | 'titles', Float32Array>> = {};

  private constructor(private readonly data: IndexData) {
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    // Posting weights up front: the first query should not pay for them.
    this.levelWeights('sentences');
    if (data.paragraphs.count !== data.sentences.count) this.levelWeights('paragraphs');
    this.levelWeights('titles');
  }

  /** Index sentences; `titleOf` gives the Simplified title of a sentence's document. */
  static build(sentences: Sentence[], titleOf: (docId: string) => string, params: Partial<IndexParams> = {}, tokenize: (simplified: string) => string[] = indexTokens): SentenceIndex {
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const termId = (tok: string): number => {
      let id = termIds.get(tok);
      if (id === undefined) {
        id = terms.length;
        termIds.set(tok, id);
        terms.push(tok);
      }
      return id;
    };
    // Default tokens: the segmenter's search-mode words normalised by indexTerm (= indexTokens), with the
    // normalisation memoised per raw word (-1: stop word or punctuation): most of a corpus' words repeat.
    const raw = new Map<string, number>();
    const idsOf = (text: string): number[] => {
      if (tokenize !== indexTokens) return tokenize(text).map((t) => termId(t.includes(TERM_SEPARATOR) ? t.replaceAll(TERM_SEPARATOR, '') : t));
      const out: number[] = [];
      for (const word of cutForSearch(text)) {
        let id = raw.get(word);
        if (id === undefined) {
          const term = indexTerm(word);
          id = term === null ? -1 : termId(term.includes(TERM_SEPARATOR) ? term.replaceAll(TERM_SEPARATOR, '') : term);
          raw.set(word, id);
        }
        if (id >= 0) out.push(id);
      }
      return out;
    };
    const sentenceLevel = new PostingsBuilder();
    const paragraphLevel = new PostingsBuilder();
    const titleLevel = new PostingsBuilder();
    const paragraphOf = new Uint32Array(sentences.length);
    const titleOfSentence = new Uint32Array(sentences.length);
    const titleUnit = new Map<string, number>();
    let paragraphKey = '';
    let paragraphIds: number[] = [];
    let paragraphCount = -1;
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      if (s.id !== i) throw new Error(`sentence ids must be 0..n-1 in order (sentence ${i} has id ${s.id})`);
      const ids = idsOf(s.simplified);
      sentenceLevel.add(ids);
      const key = s.docId + TERM_SEPARATOR + s.paragraph;
      if (key !== paragraphKey) {
        if (paragraphCount >= 0) paragraphLevel.add(paragraphIds);
        paragraphKey = key;
        paragraphIds = [];
        paragraphCount++;
      }
      for (const id of ids) paragraphIds.push(id);
      paragraphOf[i] = paragraphCount;
      let t = titleUnit.get(s.docId);
      if (t === undefined) {
        t = titleUnit.size;
        titleUnit.set(s.docId, t);
        titleLevel.add(idsOf(titleOf(s.docId)));
      }
      titleOfSentence[i] = t;
    }
    if (paragraphCount >= 0) paragraphLevel.add(paragraphIds);
    return new SentenceIndex({
      params: { ...DEFAULT_PARAMS, ...params },
      terms,
      sentences: sentenceLevel.finish(terms.length),
      paragraphs: paragraphLevel.finish(terms.length),
      titles: titleLevel.finish(terms.length),
      paragraphOf,
      titleOf: titleOfSentence,
    });
  }

  /** The index as plain data (typed arrays), for persistence. */
  toData(): IndexData {
    return this.data;
  }

  static fromData(data: IndexData): SentenceIndex {
    const n = data.sentences.count;
    for (const level of [data.sentences, data.paragraphs, data.titles]) {
      if (level.start.length !== data.terms.length + 1 || level.unit.length !== level.tf.length || level.start[data.terms.length] !== level.unit.length || level.length.length !== level.count)
        throw new Error('inconsistent index data');
    }
    if (data.paragraphOf.length !== n || data.titleOf.length !== n) throw new Error('inconsistent index data');
    return new SentenceIndex(data);
  }

  /** The vocabulary as one string (terms joined by U+0001), the compact form persist.ts stores. */
  static joinTerms(terms: string[]): string {
    return terms.join(TERM_SEPARATOR);
  }

  static splitTerms(joined: string): string[] {
    return joined ? joined.split(TERM_SEPARATOR) : [];
  }

  /** Restore an index saved with toJSON() (portable, slower than persist.ts's binary form). */
  static fromJSON(json: string): SentenceIndex {
    const raw = JSON.parse(json) as { params: IndexParams; terms: string; paragraphOf: string; titleOf: string; levels: Record<string, { count: number; avgLength: number; start: string; unit: string; tf: string; length: string }> };
    const u32 = (b64: string) => new Uint32Array(bytes(b64));
    const u16 = (b64: string) => new Uint16Array(bytes(b64));
    const level = (l: (typeof raw.levels)[string]): Postings => ({ count: l.count, avgLength: l.avgLength, start: u32(l.start), unit: u32(l.unit), tf: u16(l.tf), length: u32(l.length) });
    return SentenceIndex.fromData({
      params: raw.params,
      terms: SentenceIndex.splitTerms(raw.terms),
      sentences: level(raw.levels.sentences),
      paragraphs: level(raw.levels.paragraphs),
      titles: level(raw.levels.titles),
      paragraphOf: u32(raw.paragraphOf),
      titleOf: u32(raw.titleOf),
    });
  }

  toJSON(): string {
    const b64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    const level = (l: Postings) => ({ count: l.count, avgLength: l.avgLength, start: b64(l.start), unit: b64(l.unit), tf: b64(l.tf), length: b64(l.length) });
    const d = this.data;
    return JSON.stringify({
      params: d.params,
      terms: SentenceIndex.joinTerms(d.terms),
      paragraphOf: b64(d.paragraphOf),
      titleOf: b64(d.titleOf),
      levels: { sentences: level(d.sentences), paragraphs: level(d.paragraphs), titles: level(d.titles) },
    });
  }

  get size(): number {
    return this.data.sentences.count;
  }

  get params(): IndexParams {
    return this.data.params;
  }

  /** Number of indexed sentences containing the term (0 when unknown). */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.data.sentences.start[t + 1] - this.data.sentences.start[t];
  }

  /** BM25 inverse document frequency of a term over sentences (that of an unseen term for unknown ones). */
  idf(term: string): number {
    const n = this.data.sentences.count;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Ranked sentences for already-normalised query terms (as `indexTokens` makes them). */
  search(terms: string[], limit = 30, params: Partial<IndexParams> = {}): SentenceHit[] {
    const p = { ...this.data.params, ...params };
    const d = this.data;
    const n = d.sentences.count;
    // Distinct known query terms; the first 32 get a bit in the per-sentence match mask.
    const query: { term: string; id: number }[] = [];
    const seen = new Set<string>();
    for (const raw of terms) {
      const term = raw.trim().toLowerCase();
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const id = this.termIds.get(term);
      if (id !== undefined) query.push({ term, id });
    }
    if (!query.length || !n || limit <= 0) return [];
    const own = params === undefined || Object.keys(params).length === 0;
    this.scratch ??= {
      sentence: new Float64Array(n),
      mask: new Uint32Array(n),
      touched: new Uint32Array(n),
      final: new Float64Array(n),
      paragraph: new Float64Array(d.paragraphs.count),
      title: new Float64Array(d.titles.count),
    };
    const { sentence: score, mask, touched, final, paragraph, title } = this.scratch;
    let touchedCount = 0;
    const touchedParagraphs: number[] = [];
    const touchedTitles: number[] = [];
    // One sentence a paragraph: the paragraph score is the sentence score, no second pass needed.
    const paragraphsAreSentences = d.paragraphs.count === n;
    const sw = own ? this.levelWeights('sentences') : null;
    const pw = own && !paragraphsAreSentences ? this.levelWeights('paragraphs') : null;
    const tw = own ? this.levelWeights('titles') : null;

    for (let qi = 0; qi < query.length; qi++) {
      const t = query[qi].id;
      const bit = qi < 32 ? 1 << qi : 0;
      {
        const { start, unit } = d.sentences;
        const w = sw ?? termWeights(d.sentences, t, p);
        const off = sw ? 0 : start[t];
        for (let i = start[t], end = start[t + 1]; i < end; i++) {
          const u = unit[i];
          if (score[u] === 0) touched[touchedCount++] = u;
          score[u] += w[i - off];
          mask[u] |= bit;
        }
      }
      if (p.paragraphWeight && !paragraphsAreSentences) {
        const { start, unit } = d.paragraphs;
        const w = pw ?? termWeights(d.paragraphs, t, p);
        const off = pw ? 0 : start[t];
        for (let i = start[t], end = start[t + 1]; i < end; i++) {
          const u = unit[i];
          if (paragraph[u] === 0) touchedParagraphs.push(u);
          paragraph[u] += w[i - off];
        }
      }
      if (p.titleWeight) {
        const { start, unit } = d.titles;
        const w = tw ?? termWeights(d.titles, t, p);
        const off = tw ? 0 : start[t];
        for (let i = start[t], end = start[t + 1]; i < end; i++) {
          const u = unit[i];
          if (title[u] === 0) touchedTitles.push(u);
          title[u] += w[i - off];
        }
      }
    }

    // Final scores, then the top `limit` by a bounded selection.
    const selfWeight = 1 + (paragraphsAreSentences ? p.paragraphWeight : 0);
    for (let i = 0; i < touchedCount; i++) {
      const u = touched[i];
      let s = score[u] * selfWeight + p.titleWeight * title[d.titleOf[u]];
      if (!paragraphsAreSentences) s += p.paragraphWeight * paragraph[d.paragraphOf[u]];
      const matchedTerms = query.length <= 32 ? popcount(mask[u]) : this.countMatches(u, query);
      final[i] = p.coverage === 1 ? s * matchedTerms : s * Math.pow(matchedTerms, p.coverage);
    }
    const order = topK(final, touchedCount, Math.min(limit, touchedCount));
    const hits = order.map((i) => {
      const u = touched[i];
      return { id: u, score: final[i], terms: this.matchedTerms(u, query, mask[u]) };
    });
    for (let i = 0; i < touchedCount; i++) {
      const u = touched[i];
      score[u] = 0;
      mask[u] = 0;
    }
    for (const u of touchedParagraphs) paragraph[u] = 0;
    for (const u of touchedTitles) title[u] = 0;
    return hits;
  }

  /** BM25 weight of every posting of a level under the index's own parameters (computed once). */
  private levelWeights(level: 'sentences' | 'paragraphs' | 'titles'): Float32Array {
    let w = this.weights[level];
    if (!w) {
      const postings = this.data[level];
      w = new Float32Array(postings.unit.length);
      for (let t = 0; t < this.data.terms.length; t++) w.set(termWeights(postings, t, this.data.params), postings.start[t]);
      this.weights[level] = w;
    }
    return w;
  }

  private hasTerm(sentence: number, termId: number): boolean {
    const { start, unit } = this.data.sentences;
    let lo = start[termId];
    let hi = start[termId + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = unit[mid];
      if (v === sentence) return true;
      if (v < sentence) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  private countMatches(sentence: number, query: { id: number }[]): number {
    let c = 0;
    for (const q of query) if (this.hasTerm(sentence, q.id)) c++;
    return c;
  }

  private matchedTerms(sentence: number, query: { term: string; id: number }[], mask: number): string[] {
    const out: string[] = [];
    query.forEach((q, i) => {
      if (i < 32 ? mask & (1 << i) : this.hasTerm(sentence, q.id)) out.push(q.term);
    });
    return out;
  }
}

/** BM25+ weight of each posting of one term at one level. */
function termWeights(level: Postings, termId: number, p: IndexParams): Float32Array {
  const from = level.start[termId];
  const to = level.start[termId + 1];
  const out = new Float32Array(to - from);
  const df = to - from;
  if (!df) return out;
  const idf = Math.log(1 + (level.count - df + 0.5) / (df + 0.5));
  const norm = p.k * (1 - p.b);
  const perLength = (p.k * p.b) / level.avgLength;
  for (let i = from; i < to; i++) {
    const tf = level.tf[i];
    out[i - from] = idf * (p.d + (tf * (p.k + 1)) / (tf + norm + perLength * level.length[level.unit[i]]));
  }
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Indices of the k largest values, best first (ties: lower index first). */
function topK(values: Float64Array, count: number, k: number): number[] {
  if (k <= 0) return [];
  // Min-heap of indices on (value asc, index desc).
  const heap: number[] = [];
  const worse = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && a > b);
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => values[b] - values[a] || a - b);
}

function bytes(b64: string): ArrayBuffer {
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}
