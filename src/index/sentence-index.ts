/**
 * The retrieval index: MiniSearch over sentences (fields `text` and `title`), plus a second MiniSearch
 * over paragraphs for each sentence's paragraph context.
 *
 * score(sentence) = MiniSearch score of the sentence (BM25+ of its text + TITLE_WEIGHT·BM25+ of its
 *                   document title, × the number of query terms it matched)
 *                 + PARAGRAPH_WEIGHT·BM25+(its paragraph) × the same number of matched terms.
 * BM25+ is MiniSearch's (`searchOptions.bm25`: k, b, d). Candidates are the sentences whose text or
 * title matches at least one query term. When every paragraph is one sentence (one sentence a line),
 * there is no paragraph index: the paragraph score is the text score, so the text field is boosted by
 * 1 + PARAGRAPH_WEIGHT instead (same scores, one search).
 *
 * Terms are hex-encoded before MiniSearch sees them ('满意' -> '6ee1610f': 4 hex digits per UTF-16 code
 * unit, so any string round-trips exactly). Why: MiniSearch keeps its vocabulary in a radix tree whose
 * nodes scan their children linearly; a Chinese vocabulary puts thousands of distinct first characters
 * under the root (and hundreds under common first characters), so every insert and lookup walked long
 * child lists. Hex keys leave at most 16 children a node. Measured on DRCD dev (10.5k sentences):
 * addAll 1469 -> 417 ms, search p99 11 -> 4.4 ms, loadJSON 1605 -> 215 ms. Exact matching is all this
 * index does (fuzzy and prefix search are off: a character-level edit distance or prefix means nothing
 * for segmented Chinese words, and on hex digits even less), so the encoding changes nothing else; the
 * matched terms are decoded back to Chinese in `search`'s results.
 *
 * Tokens come from the segmenter (jieba search mode over the Simplified matching form, stop words
 * dropped); `search` takes such tokens, so callers tokenise queries with `indexTokens` as well.
 * Document frequencies (`documentFrequency`, `idf`) come from a term -> df Map kept beside MiniSearch
 * (it has no public df accessor): exact, O(1).
 *
 * Non-goals: fuzzy/prefix matching, incremental updates (the knowledge base is rebuilt or reloaded as a
 * whole; see persist.ts), field-level statistics beyond what MiniSearch computes (its field length is the
 * number of distinct terms; the title field's statistics are over sentences, each carrying its title).
 */
import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import type { Sentence } from '../types.js';
import { cutForSearch, indexTerm, indexTokens } from '../text/segment.js';

export interface SentenceHit {
  id: number;
  score: number;
  /** Query terms that matched this sentence (its text or its document title), in Chinese. */
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
  /** MiniSearch boost of the `title` field (the `text` field's is 1). */
  titleWeight: number;
}

/** Tuned on CMRC trial + DRCD test (see the README's index note). */
export const DEFAULT_PARAMS: IndexParams = { k: 1.2, b: 0.7, d: 0.5, paragraphWeight: 1, titleWeight: 1 };

/** Everything the index is made of, as plain data (what persist.ts writes). */
export interface IndexData {
  params: IndexParams;
  /** Sentence-level document frequencies: terms[i] occurs in the text of df[i] sentences (df > 0 only). */
  terms: string[];
  df: Uint32Array;
  /** Sentence -> paragraph number; empty when every paragraph is one sentence (no paragraph field). */
  paragraphOf: Uint32Array;
  /** `JSON.stringify` of the MiniSearch index. */
  miniSearch: string;
}

/** Separator of terms in the joined vocabulary (persist.ts's compact form). */
const TERM_SEPARATOR = '\u0001';

interface SentenceDoc {
  id: number;
  /** Hex-encoded terms joined by spaces (already tokenised: MiniSearch only splits). */
  text: string;
  title: string;
  /** The paragraph's terms on its first sentence, '' on the others (see PARAGRAPH_FIELDS). */
  paragraph: string;
}

const FIELDS = ['text', 'title', 'paragraph'];
const SENTENCE_FIELDS = ['text', 'title'];
const PARAGRAPH_FIELDS = ['paragraph'];

const splitTerms = (text: string): string[] => (text ? text.split(' ') : []);
const keepTerm = (term: string): string => term;

/** MiniSearch options: terms arrive hex-encoded and space-joined (see the header), fuzzy and prefix off. */
const OPTIONS: Options<SentenceDoc> = {
  fields: FIELDS,
  tokenize: splitTerms,
  processTerm: keepTerm,
  autoVacuum: false,
  searchOptions: { fuzzy: false, prefix: false, combineWith: 'OR' },
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** '满意' -> '6ee1610f': 4 lower-case hex digits per UTF-16 code unit. */
export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    out += HEX[c >> 8] + HEX[c & 0xff];
  }
  return out;
}

/** Inverse of encodeTerm. */
export function decodeTerm(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

type SearchSettings = Pick<SearchOptions, 'fields' | 'boost' | 'bm25'>;

export class SentenceIndex {
  private readonly sentenceSearch: SearchSettings;
  private readonly paragraphSearch: SearchSettings | null;

  private constructor(
    readonly params: IndexParams,
    private readonly df: Map<string, number>,
    private readonly miniSearch: MiniSearch<SentenceDoc>,
    private readonly paragraphOf: Uint32Array,
  ) {
    this.sentenceSearch = sentenceSettings(params, paragraphOf.length > 0);
    this.paragraphSearch = paragraphSettings(params, paragraphOf);
  }

  /** Index sentences; `titleOf` gives the Simplified title of a sentence's document. */
  static build(sentences: Sentence[], titleOf: (docId: string) => string, params: Partial<IndexParams> = {}, tokenize: (simplified: string) => string[] = indexTokens): SentenceIndex {
    const p = { ...DEFAULT_PARAMS, ...params };
    // Vocabulary: term id -> Chinese term, its hex form, its sentence df (and the last sentence counted).
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const encoded: string[] = [];
    const df: number[] = [];
    const lastSentence: number[] = [];
    const termId = (term: string): number => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = terms.length;
        termIds.set(term, id);
        terms.push(term);
        encoded.push(encodeTerm(term));
        df.push(0);
        lastSentence.push(-1);
      }
      return id;
    };
    // Default tokens: the segmenter's search-mode words normalised by indexTerm (= indexTokens), with the
    // normalisation and encoding memoised per raw word (-1: stop word or punctuation): most words repeat.
    const raw = new Map<string, number>();
    const idsOf = (text: string): number[] => {
      if (tokenize !== indexTokens) return tokenize(text).map((t) => termId(t));
      const out: number[] = [];
      for (const word of cutForSearch(text)) {
        let id = raw.get(word);
        if (id === undefined) {
          const term = indexTerm(word);
          id = term === null ? -1 : termId(term);
          raw.set(word, id);
        }
        if (id >= 0) out.push(id);
      }
      return out;
    };
    const join = (ids: number[]): string => ids.map((id) => encoded[id]).join(' ');

    // Paragraph numbers (one pass): is there any paragraph of two sentences or more?
    const paragraphOf = new Uint32Array(sentences.length);
    let paragraphKey = '';
    let paragraphCount = 0;
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      if (s.id !== i) throw new Error(`sentence ids must be 0..n-1 in order (sentence ${i} has id ${s.id})`);
      const key = s.docId + TERM_SEPARATOR + s.paragraph;
      if (key !== paragraphKey) {
        paragraphKey = key;
        paragraphCount++;
      }
      paragraphOf[i] = paragraphCount - 1;
    }
    const withParagraphs = paragraphCount < sentences.length;

    const miniSearch = new MiniSearch<SentenceDoc>(OPTIONS);
    const titles = new Map<string, string>();
    const texts: string[] = [];
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      const ids = idsOf(s.simplified);
      for (const id of ids) {
        if (lastSentence[id] !== i) {
          lastSentence[id] = i;
          df[id]++;
        }
      }
      let title = titles.get(s.docId);
      if (title === undefined) {
        title = join(idsOf(titleOf(s.docId)));
        titles.set(s.docId, title);
      }
      texts.push(join(ids));
      // A paragraph is complete at its last sentence: add its sentences, the first one carrying it.
      if (i + 1 === sentences.length || paragraphOf[i + 1] !== paragraphOf[i]) {
        const first = i + 1 - texts.length;
        const paragraph = withParagraphs ? texts.filter(Boolean).join(' ') : '';
        texts.forEach((text, j) => miniSearch.add({ id: first + j, text, title: titles.get(sentences[first + j].docId)!, paragraph: j === 0 ? paragraph : '' }));
        texts.length = 0;
      }
    }
    const dfMap = new Map<string, number>();
    for (let t = 0; t < terms.length; t++) if (df[t]) dfMap.set(terms[t], df[t]);
    return new SentenceIndex(p, dfMap, miniSearch, withParagraphs ? paragraphOf : new Uint32Array(0));
  }

  /** The index as plain data: the MiniSearch index through `JSON.stringify`, the df table, the paragraph map. */
  toData(): IndexData {
    return {
      params: this.params,
      terms: [...this.df.keys()],
      df: Uint32Array.from(this.df.values()),
      paragraphOf: this.paragraphOf,
      miniSearch: JSON.stringify(this.miniSearch),
    };
  }

  /** Restore an index from toData()'s parts (`MiniSearch.loadJSON` with the options it was built with). */
  static fromData(data: IndexData): SentenceIndex {
    if (data.terms.length !== data.df.length) throw new Error('inconsistent index data');
    const miniSearch = MiniSearch.loadJSON<SentenceDoc>(data.miniSearch, OPTIONS);
    if (data.paragraphOf.length !== 0 && data.paragraphOf.length !== miniSearch.documentCount) throw new Error('inconsistent index data');
    const df = new Map<string, number>();
    for (let i = 0; i < data.terms.length; i++) df.set(data.terms[i], data.df[i]);
    return new SentenceIndex(data.params, df, miniSearch, data.paragraphOf);
  }

  /** The vocabulary as one string (terms joined by U+0001), the compact form persist.ts stores. */
  static joinTerms(terms: string[]): string {
    return terms.join(TERM_SEPARATOR);
  }

  static splitTerms(joined: string): string[] {
    return joined ? joined.split(TERM_SEPARATOR) : [];
  }

  /** The whole index as one portable JSON string (persist.ts's binary file is the faster form). */
  toJSON(): string {
    const d = this.toData();
    return JSON.stringify({ params: d.params, terms: SentenceIndex.joinTerms(d.terms), df: Array.from(d.df), paragraphOf: Array.from(d.paragraphOf), miniSearch: d.miniSearch });
  }

  static fromJSON(json: string): SentenceIndex {
    const raw = JSON.parse(json) as { params: IndexParams; terms: string; df: number[]; paragraphOf: number[]; miniSearch: string };
    return SentenceIndex.fromData({ params: raw.params, terms: SentenceIndex.splitTerms(raw.terms), df: Uint32Array.from(raw.df), paragraphOf: Uint32Array.from(raw.paragraphOf), miniSearch: raw.miniSearch });
  }

  get size(): number {
    return this.miniSearch.documentCount;
  }

  /** Number of indexed sentences whose text contains the term (0 when unknown). */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** BM25 inverse document frequency of a term over sentences (that of an unseen term for unknown ones). */
  idf(term: string): number {
    const n = this.size;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Ranked sentences for already-normalised query terms (as `indexTokens` makes them). */
  search(terms: string[], limit = 30, params: Partial<IndexParams> = {}): SentenceHit[] {
    if (limit <= 0 || !this.size) return [];
    // Distinct query terms, hex-encoded like the indexed ones; the Chinese form back from the hex.
    const decoded = new Map<string, string>();
    for (const raw of terms) {
      const term = raw.trim().toLowerCase();
      if (term) decoded.set(encodeTerm(term), term);
    }
    if (!decoded.size) return [];
    const query = [...decoded.keys()].join(' ');
    const own = Object.keys(params).length === 0;
    const p = own ? this.params : { ...this.params, ...params };
    const hits = this.miniSearch.search(query, own ? this.sentenceSearch : sentenceSettings(p, this.paragraphOf.length > 0));
    if (!hits.length) return [];
    const scores = new Float64Array(hits.length);
    const paragraphSearch = own ? this.paragraphSearch : paragraphSettings(p, this.paragraphOf);
    if (paragraphSearch) {
      // Weighted paragraph BM25 (the search's score ÷ its matched-term count) × the sentence's matched-term count.
      const paragraph = new Map<number, number>();
      for (const r of this.miniSearch.search(query, paragraphSearch)) paragraph.set(this.paragraphOf[r.id as number], r.score / r.queryTerms.length);
      for (let i = 0; i < hits.length; i++) {
        const r = hits[i];
        scores[i] = r.score + (paragraph.get(this.paragraphOf[r.id as number]) ?? 0) * r.queryTerms.length;
      }
    } else {
      for (let i = 0; i < hits.length; i++) scores[i] = hits[i].score;
    }
    return topK(scores, hits, Math.min(limit, hits.length)).map((i) => toHit(hits[i], scores[i], decoded));
  }
}

/** Search settings of the sentence fields: the paragraph's weight goes to the text when paragraphs are sentences. */
function sentenceSettings(p: IndexParams, withParagraphs: boolean): SearchSettings {
  return { fields: SENTENCE_FIELDS, bm25: { k: p.k, b: p.b, d: p.d }, boost: { text: withParagraphs ? 1 : 1 + p.paragraphWeight, title: p.titleWeight } };
}

/**
 * Search settings of the paragraph field, null when there is none or its weight is 0.
 * MiniSearch averages a field's length over all documents, and only a paragraph's first sentence carries
 * it (the others carry ''), so its average is the paragraph average ÷ g (g = sentences per paragraph):
 * each paragraph looks g times longer than it is. k' = k(1-b) + kb/g and b' = kb/(g·k') give the same
 * length normalisation k'(1-b'+b'·g·len/avg) = k(1-b+b·len/avg); the numerator tf(k'+1) is then
 * c = (k'+1)/(k+1) times too large, so d' = c·d and the boost is weight/c: exactly BM25+(k, b, d) of the
 * paragraph, except that its idf counts the paragraphs with the term among all sentences (MiniSearch's
 * document count), not among paragraphs.
 */
function paragraphSettings(p: IndexParams, paragraphOf: Uint32Array): SearchSettings | null {
  if (!paragraphOf.length || !p.paragraphWeight) return null;
  const g = paragraphOf.length / (paragraphOf[paragraphOf.length - 1] + 1);
  const k = p.k * (1 - p.b) + (p.k * p.b) / g;
  const b = k ? (p.k * p.b) / (g * k) : 0;
  const c = (k + 1) / (p.k + 1);
  return { fields: PARAGRAPH_FIELDS, bm25: { k, b, d: c * p.d }, boost: { paragraph: p.paragraphWeight / c } };
}

function toHit(r: SearchResult, score: number, decoded: Map<string, string>): SentenceHit {
  return { id: r.id as number, score, terms: r.queryTerms.map((t) => decoded.get(t) ?? decodeTerm(t)) };
}

/** Indices of the k largest scores, best first (ties: lower sentence id first). */
function topK(values: Float64Array, hits: SearchResult[], k: number): number[] {
  if (k <= 0) return [];
  // Min-heap of indices on (value asc, id desc).
  const heap: number[] = [];
  const id = (i: number) => hits[i].id as number;
  const worse = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && id(a) > id(b));
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
  for (let i = 0; i < values.length; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => values[b] - values[a] || id(a) - id(b));
}
