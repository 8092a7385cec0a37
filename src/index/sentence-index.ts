/**
 * The retrieval index: MiniSearch (v7) over sentences, with fields `text` (the sentence), `title` (its
 * document's title, boost TITLE_WEIGHT < 1) and `paragraph` (its paragraph, boost PARAGRAPH_WEIGHT). The
 * title is carried by the first sentence of each document and the paragraph by the first sentence of
 * each paragraph, and apply to all their sentences:
 *
 * score(sentence) = (Σ BM25+(text) + TITLE_WEIGHT·Σ BM25+(title) + PARAGRAPH_WEIGHT·Σ BM25+(paragraph))
 *                   × number of query terms matched by its text or its title
 * (sums over the query terms). BM25+ is MiniSearch's (`searchOptions.bm25`: k, b, d); "Σ × matched
 * terms" is MiniSearch's OR combination. Candidates are the sentences whose text or document title
 * matches a query term, as if every sentence carried its title (which is what a `title` field on every
 * sentence does, at ~30% more indexing on short sentences: 100k sentences 4.9 vs 2.9 s, same answers).
 * contextSettings gives the title and paragraph fields the BM25 of their units although only first
 * sentences carry them. When (nearly) every paragraph is one sentence (one sentence a line; see
 * MIN_SENTENCES_PER_PARAGRAPH) there is no paragraph field: a paragraph's score is its sentence's, so
 * the text is boosted by 1 + PARAGRAPH_WEIGHT. Paragraphs as a field rather than a second MiniSearch over
 * paragraphs: same answers on the tuning splits, one vocabulary tree instead of two (DRCD test: heap 45
 * vs 59 MB, build and load ~30% faster).
 *
 * Each distinct query term is one MiniSearch search per field (a one-term search's score is that term's
 * BM25+); the sums above are made here, over typed arrays, and the term results under the index's own
 * parameters are kept in an LRU cache (TERM_CACHE_POSTINGS): MiniSearch builds and sorts a result
 * object per matching sentence, and frequent words recur across questions.
 *
 * Terms are hex-encoded before MiniSearch sees them ('满意' -> '6ee1610f': 4 hex digits per UTF-16 code
 * unit, so any string round-trips exactly). Why: MiniSearch keeps its vocabulary in a radix tree whose
 * nodes scan their children linearly; a Chinese vocabulary puts thousands of distinct first characters
 * under the root (and hundreds under common first characters), so every insert and lookup walked long
 * child lists. Hex keys leave at most 16 children a node. Measured on DRCD dev (10.5k sentences):
 * addAll 1469 -> 417 ms, search p99 11 -> 4.4 ms, loadJSON 1605 -> 215 ms. Exact matching is all this
 * index does (fuzzy and prefix search are off: an edit distance or prefix of hex digits means nothing,
 * and segmented Chinese words are matched whole), so the encoding changes no score; `search` reports
 * the matched terms in Chinese.
 *
 * Tokens come from the segmenter (jieba search mode over the Simplified matching form, stop words
 * dropped); `search` takes such tokens, so callers tokenise queries with `indexTokens` as well.
 * Document frequencies (`documentFrequency`, `idf`) come from a term -> df Map built while indexing
 * (MiniSearch has no public df accessor): exact, O(1). Persistence: `toData` / `fromData` (persist.ts)
 * through `JSON.stringify(miniSearch)` and `MiniSearch.loadJSON`.
 *
 * Non-goals: fuzzy or prefix matching; incremental updates (the knowledge base is rebuilt or reloaded as
 * a whole, see persist.ts); statistics MiniSearch does not keep (its field length is the number of
 * distinct terms, and its document count, the sentences, is the N of every field's idf: a title's or
 * paragraph's idf counts the documents or paragraphs with the term among all sentences).
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Sentence } from '../types.js';
import { indexTerm, indexTokens, searchWords } from '../text/segment.js';

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
  /** Weight of the document title's BM25 score (the `text` field's is 1). */
  titleWeight: number;
}

/**
 * MiniSearch's BM25 defaults; paragraph and title weights from the tuning splits (CMRC trial + DRCD test):
 * title 0.3-1 and paragraph 0.5-1.5 all within ±0.1 point of F1 and cite@1/3, title kept below the text.
 */
export const DEFAULT_PARAMS: IndexParams = { k: 1.2, b: 0.7, d: 0.5, paragraphWeight: 1, titleWeight: 0.5 };

/**
 * Below this many sentences per paragraph on average (one sentence a line, a few lines of two), the
 * paragraph field would nearly repeat the text field at twice the indexing cost: paragraphs count as
 * sentences then (text boosted by 1 + paragraph weight).
 */
export const MIN_SENTENCES_PER_PARAGRAPH = 1.1;

/** Everything the index is made of, as plain data (what persist.ts writes). */
export interface IndexData {
  params: IndexParams;
  /** Sentence-level document frequencies: terms[i] occurs in the text of df[i] sentences (df > 0 only). */
  terms: string[];
  df: Uint32Array;
  /** Sentence -> document number (documents numbered in order of first sentence). */
  documentOf: Uint32Array;
  /** Sentence -> paragraph number; empty when paragraphs count as sentences (no paragraph field). */
  paragraphOf: Uint32Array;
  /** `JSON.stringify` of the MiniSearch index. */
  miniSearch: string;
}

/** Separator of terms in the joined vocabulary (persist.ts's compact form). */
const TERM_SEPARATOR = '\u0001';

/** A sentence as MiniSearch indexes it: fields are arrays of hex-encoded terms (already tokenised). */
interface SentenceDoc {
  id: number;
  text: string[];
  /** The document's title on its first sentence, [] on the others (see contextSettings). */
  title: string[];
  /** The paragraph's terms on its first sentence, [] on the others. */
  paragraph: string[];
}

type ContextField = 'title' | 'paragraph';
const FIELDS = ['text', 'title', 'paragraph'];
const NO_TERMS: string[] = [];

/**
 * MiniSearch options. Documents arrive tokenised (arrays of hex-encoded terms): `stringifyField` and
 * `tokenize` hand them through, so MiniSearch does not join and split them again; query strings (one
 * encoded term each, see termPostings) are split on spaces. Fuzzy and prefix matching are off.
 */
const OPTIONS: Options<SentenceDoc> = {
  fields: FIELDS,
  stringifyField: (value) => value, // string[]: tokenize takes it as it is
  tokenize: (value: string | string[]) => (typeof value === 'string' ? (value ? value.split(' ') : []) : value),
  processTerm: (term: string) => term,
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

export type SearchSettings = Pick<SearchOptions, 'fields' | 'boost' | 'bm25'>;

/** A context of sentences (their document's title, their paragraph): the field, who carries it, its search. */
export interface Context {
  field: ContextField;
  /** Sentence -> unit (document or paragraph number). */
  unitOf: Uint32Array;
  units: number;
  search: SearchSettings;
  /** Title: the sentences of each document (CSR), candidates and matches when its title matches. */
  members: Members | null;
}

/** Sentences of each unit u: sentences[start[u] .. start[u+1]). */
export interface Members {
  start: Uint32Array;
  sentences: Uint32Array;
}

/** One query term's results: weighted BM25+ by sentence (text) and by unit of each context (in `contexts` order). */
export interface TermPostings {
  sentences: Uint32Array;
  scores: Float64Array;
  contexts: { units: Uint32Array; scores: Float64Array }[];
}

/** Cached term results, at most this many postings in all (≈ 12 bytes each). */
export const TERM_CACHE_POSTINGS = 1 << 20;

export class SentenceIndex {
  private readonly textSearch: SearchSettings;
  private readonly contexts: Context[];
  /** Per-term results under the index's own parameters, least recently used first. */
  private readonly termCache = new Map<string, TermPostings>();
  private cachedPostings = 0;
  private readonly documentMembers: Members;
  private readonly scorer: PostingsScorer;

  private constructor(
    readonly params: IndexParams,
    private readonly df: Map<string, number>,
    private readonly miniSearch: MiniSearch<SentenceDoc>,
    private readonly documentOf: Uint32Array,
    private readonly paragraphOf: Uint32Array,
  ) {
    this.textSearch = textSettings(params, paragraphOf.length > 0);
    this.documentMembers = members(documentOf);
    this.contexts = contexts(params, documentOf, this.documentMembers, paragraphOf);
    this.scorer = new PostingsScorer(documentOf, paragraphOf);
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
    // Default tokens: the segmenter's search-mode words (mixed terms merged) normalised by indexTerm (= indexTokens), with the
    // normalisation and encoding memoised per raw word (-1: stop word or punctuation): most words repeat.
    const raw = new Map<string, number>();
    const idsOf = (text: string): number[] => {
      if (tokenize !== indexTokens) return tokenize(text).map((t) => termId(t));
      const out: number[] = [];
      for (const word of searchWords(text)) {
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

    // Document and paragraph numbers (one pass); enough paragraphs of two sentences or more?
    const documentOf = new Uint32Array(sentences.length);
    const paragraphOf = new Uint32Array(sentences.length);
    const documents = new Map<string, number>();
    let paragraphKey = '';
    let paragraphCount = 0;
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i];
      if (s.id !== i) throw new Error(`sentence ids must be 0..n-1 in order (sentence ${i} has id ${s.id})`);
      let doc = documents.get(s.docId);
      if (doc === undefined) {
        doc = documents.size;
        documents.set(s.docId, doc);
      }
      documentOf[i] = doc;
      const key = s.docId + TERM_SEPARATOR + s.paragraph;
      if (key !== paragraphKey) {
        paragraphKey = key;
        paragraphCount++;
      }
      paragraphOf[i] = paragraphCount - 1;
    }
    // No paragraph field either when it would weigh nothing (a per-search weight then boosts the text).
    const withParagraphs = usesParagraphField(p, sentences.length, paragraphCount);

    const miniSearch = new MiniSearch<SentenceDoc>(OPTIONS);
    const titled = new Set<number>();
    const texts: string[][] = [];
    const encode = (ids: number[]) => ids.map((id) => encoded[id]);
    for (let i = 0; i < sentences.length; i++) {
      const ids = idsOf(sentences[i].simplified);
      for (const id of ids) {
        if (lastSentence[id] !== i) {
          lastSentence[id] = i;
          df[id]++;
        }
      }
      texts.push(encode(ids));
      // A paragraph is complete at its last sentence: add its sentences, the first one carrying it (and
      // the title, when it is the document's first).
      if (i + 1 === sentences.length || paragraphOf[i + 1] !== paragraphOf[i]) {
        const first = i + 1 - texts.length;
        let paragraph = NO_TERMS;
        if (withParagraphs) {
          paragraph = [];
          for (const text of texts) for (const term of text) paragraph.push(term);
        }
        for (let j = 0; j < texts.length; j++) {
          const doc = documentOf[first + j];
          const title = titled.has(doc) ? NO_TERMS : encode(idsOf(titleOf(sentences[first + j].docId)));
          titled.add(doc);
          miniSearch.add({ id: first + j, text: texts[j], title, paragraph: j === 0 ? paragraph : NO_TERMS });
        }
        texts.length = 0;
      }
    }
    const dfMap = new Map<string, number>();
    for (let t = 0; t < terms.length; t++) if (df[t]) dfMap.set(terms[t], df[t]);
    return new SentenceIndex(p, dfMap, miniSearch, documentOf, withParagraphs ? paragraphOf : new Uint32Array(0));
  }

  /** The index as plain data: the MiniSearch index through `JSON.stringify`, the df table, the unit maps. */
  toData(): IndexData {
    return {
      params: this.params,
      terms: [...this.df.keys()],
      df: Uint32Array.from(this.df.values()),
      documentOf: this.documentOf,
      paragraphOf: this.paragraphOf,
      miniSearch: JSON.stringify(this.miniSearch),
    };
  }

  /** Restore an index from toData()'s parts (`MiniSearch.loadJSON` with the options it was built with). */
  static fromData(data: IndexData): SentenceIndex {
    if (data.terms.length !== data.df.length) throw new Error('inconsistent index data');
    const miniSearch = MiniSearch.loadJSON<SentenceDoc>(data.miniSearch, OPTIONS);
    const n = miniSearch.documentCount;
    if (data.documentOf.length !== n || (data.paragraphOf.length !== 0 && data.paragraphOf.length !== n)) throw new Error('inconsistent index data');
    const df = new Map<string, number>();
    for (let i = 0; i < data.terms.length; i++) df.set(data.terms[i], data.df[i]);
    return new SentenceIndex(data.params, df, miniSearch, data.documentOf, data.paragraphOf);
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
    return JSON.stringify({ ...d, terms: SentenceIndex.joinTerms(d.terms), df: Array.from(d.df), documentOf: Array.from(d.documentOf), paragraphOf: Array.from(d.paragraphOf) });
  }

  static fromJSON(json: string): SentenceIndex {
    const raw = JSON.parse(json) as { params: IndexParams; terms: string; df: number[]; documentOf: number[]; paragraphOf: number[]; miniSearch: string };
    return SentenceIndex.fromData({
      params: raw.params,
      terms: SentenceIndex.splitTerms(raw.terms),
      df: Uint32Array.from(raw.df),
      documentOf: Uint32Array.from(raw.documentOf),
      paragraphOf: Uint32Array.from(raw.paragraphOf),
      miniSearch: raw.miniSearch,
    });
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

  /**
   * Ranked sentences for already-normalised query terms (as `indexTokens` makes them).
   * Each distinct term is one MiniSearch search per field (results cached, see termPostings); the sums
   * are MiniSearch's OR combination: Σ term scores × number of matched terms, with the contexts' scores.
   */
  search(terms: string[], limit = 30, params: Partial<IndexParams> = {}): SentenceHit[] {
    const n = this.size;
    if (limit <= 0 || !n) return [];
    const query = queryTerms(terms);
    if (!query.length) return [];
    const own = Object.keys(params).length === 0;
    const p = own ? this.params : { ...this.params, ...params };
    const textSearch = own ? this.textSearch : textSettings(p, this.paragraphOf.length > 0);
    const contextList = own ? this.contexts : contexts(p, this.documentOf, this.documentMembers, this.paragraphOf);
    const postings = query.map((term) => (own ? this.cachedTerm(term) : this.termPostings(term, textSearch, contextList)));
    return this.scorer.rank(query, postings, contextList, limit);
  }

  /** A term's results under the index's own parameters, from the cache (least recently used evicted). */
  private cachedTerm(term: string): TermPostings {
    let t = this.termCache.get(term);
    if (t) {
      this.termCache.delete(term);
    } else {
      t = this.termPostings(term, this.textSearch, this.contexts);
      this.cachedPostings += postingCount(t);
      for (const [old, postings] of this.termCache) {
        if (this.cachedPostings <= TERM_CACHE_POSTINGS) break;
        this.termCache.delete(old);
        this.cachedPostings -= postingCount(postings);
      }
    }
    this.termCache.set(term, t);
    return t;
  }

  /** One term's MiniSearch results, one search per field: a one-term search's score is the term's weighted BM25+. */
  private termPostings(term: string, textSearch: SearchSettings, contextList: Context[]): TermPostings {
    const key = encodeTerm(term);
    const text = this.collect(key, textSearch, null);
    return { sentences: text.units, scores: text.scores, contexts: contextList.map((c) => this.collect(key, c.search, c.unitOf)) };
  }

  /**
   * A one-term MiniSearch search as (unit, score) arrays, in MiniSearch's result order before sorting.
   * The results are read by the `filter` option, which keeps none: MiniSearch would otherwise sort
   * them all by score (most of a frequent term's cost), and the order does not matter here.
   */
  private collect(key: string, settings: SearchSettings, unitOf: Uint32Array | null): { units: Uint32Array; scores: Float64Array } {
    const ids: number[] = [];
    const scores: number[] = [];
    this.miniSearch.search(key, {
      ...settings,
      filter: (r) => {
        ids.push(r.id as number);
        scores.push(r.score);
        return false;
      },
    });
    const units = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) units[i] = unitOf ? unitOf[ids[i]] : ids[i];
    return { units, scores: Float64Array.from(scores) };
  }
}

/**
 * How the terms' postings combine into ranked sentences (MiniSearch's OR combination, see the top of
 * this file): Σ text scores + Σ context scores of the sentence's units, × the number of query terms its
 * text or title matched; ties to the lower sentence id. Shared by SentenceIndex and the server stores,
 * which read the same postings from SQL, so both rank alike.
 */
export class PostingsScorer {
  private scratch: {
    score: Float64Array;
    count: Uint16Array;
    mask: Uint32Array;
    /** Index (in the query) of the last term counted for a sentence, -1 for none. */
    lastTerm: Int32Array;
    touched: Uint32Array;
    final: Float64Array;
    units: Record<ContextField, Float64Array>;
  } | null = null;

  /** `paragraphOf` is empty when there is no paragraph field. */
  constructor(
    private readonly documentOf: Uint32Array,
    private readonly paragraphOf: Uint32Array,
  ) {}

  /** Ranked sentences for distinct query terms and their postings (postings[i] is query[i]'s). */
  rank(query: string[], postings: TermPostings[], contextList: Context[], limit: number): SentenceHit[] {
    const n = this.documentOf.length;
    this.scratch ??= {
      score: new Float64Array(n),
      count: new Uint16Array(n),
      mask: new Uint32Array(n),
      lastTerm: new Int32Array(n).fill(-1),
      touched: new Uint32Array(n),
      final: new Float64Array(n),
      units: { title: new Float64Array(unitCount(this.documentOf)), paragraph: new Float64Array(unitCount(this.paragraphOf)) },
    };
    const { score, count, mask, lastTerm, touched, final } = this.scratch;
    const unitScores = contextList.map((c) => this.scratch!.units[c.field]);
    const touchedUnits = contextList.map((): number[] => []);
    let touchedCount = 0;
    // A sentence matches a term through its text or its document's title (MiniSearch's fields), once.
    const match = (u: number, qi: number, bit: number) => {
      if (lastTerm[u] === qi) return;
      lastTerm[u] = qi;
      if (count[u]++ === 0) touched[touchedCount++] = u;
      mask[u] |= bit;
    };
    postings.forEach((t, qi) => {
      const bit = qi < 32 ? 1 << qi : 0;
      for (let i = 0; i < t.sentences.length; i++) {
        score[t.sentences[i]] += t.scores[i];
        match(t.sentences[i], qi, bit);
      }
      t.contexts.forEach((c, ci) => {
        const scores = unitScores[ci];
        const list = touchedUnits[ci];
        const members = contextList[ci].members;
        for (let i = 0; i < c.units.length; i++) {
          const unit = c.units[i];
          if (scores[unit] === 0) list.push(unit);
          scores[unit] += c.scores[i];
          if (members) for (let j = members.start[unit]; j < members.start[unit + 1]; j++) match(members.sentences[j], qi, bit);
        }
      });
    });
    for (let i = 0; i < touchedCount; i++) {
      const u = touched[i];
      let s = score[u];
      for (let ci = 0; ci < contextList.length; ci++) s += unitScores[ci][contextList[ci].unitOf[u]];
      final[i] = s * count[u];
    }
    const hits = topK(final, touched, touchedCount, Math.min(limit, touchedCount)).map((i): SentenceHit => {
      const u = touched[i];
      const matches = (qi: number) =>
        qi < 32 ? mask[u] & (1 << qi) : postings[qi].sentences.includes(u) || contextList.some((c, ci) => c.members && postings[qi].contexts[ci].units.includes(c.unitOf[u]));
      return { id: u, score: final[i], terms: query.filter((_, qi) => matches(qi)) };
    });
    for (let i = 0; i < touchedCount; i++) {
      const u = touched[i];
      score[u] = 0;
      count[u] = 0;
      mask[u] = 0;
      lastTerm[u] = -1;
    }
    touchedUnits.forEach((list, ci) => {
      for (const u of list) unitScores[ci][u] = 0;
    });
    return hits;
  }
}

function postingCount(t: TermPostings): number {
  let c = t.sentences.length;
  for (const x of t.contexts) c += x.units.length;
  return c;
}

/** A query's distinct terms as `search` takes them (trimmed, lower-cased, first occurrence kept). */
export function queryTerms(terms: readonly string[]): string[] {
  const query: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().toLowerCase();
    if (term && !query.includes(term)) query.push(term);
  }
  return query;
}

/** Is there a paragraph field (see MIN_SENTENCES_PER_PARAGRAPH)? */
export function usesParagraphField(p: IndexParams, sentences: number, paragraphs: number): boolean {
  return p.paragraphWeight > 0 && sentences >= MIN_SENTENCES_PER_PARAGRAPH * paragraphs && paragraphs < sentences;
}

/**
 * A one-term, one-field MiniSearch score, as MiniSearch 7 computes it (calcBM25Score × the field's
 * boost, same operations in the same order, so the same floating-point result): for stores that read
 * the postings from elsewhere. `matching` is the number of documents with the term in the field, `total`
 * the number of documents, `avgLength` MiniSearch's running average of the field's length.
 */
export function fieldScore(settings: SearchSettings, field: string, tf: number, matching: number, total: number, length: number, avgLength: number): number {
  const { k, b, d } = settings.bm25!;
  const invDocFreq = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
  const raw = invDocFreq * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength)));
  const boost = (settings.boost as Record<string, number> | undefined)?.[field] || 1;
  return 1 * 1 * boost * 1 * raw;
}

/** Text search settings: the paragraph's weight goes to the text when paragraphs count as sentences. */
export function textSettings(p: IndexParams, withParagraphs: boolean): SearchSettings {
  return { fields: ['text'], bm25: { k: p.k, b: p.b, d: p.d }, boost: { text: withParagraphs ? 1 : 1 + p.paragraphWeight } };
}

/** The title context, and the paragraph context when there is a paragraph field; none of weight 0. */
export function contexts(p: IndexParams, documentOf: Uint32Array, documentMembers: Members, paragraphOf: Uint32Array): Context[] {
  const out: Context[] = [];
  const add = (field: ContextField, weight: number, unitOf: Uint32Array, unitMembers: Members | null) => {
    if (!weight || !unitOf.length) return;
    const units = unitCount(unitOf);
    out.push({ field, unitOf, units, search: contextSettings(field, weight, unitOf.length / units, p), members: unitMembers });
  };
  add('title', p.titleWeight, documentOf, documentMembers);
  add('paragraph', p.paragraphWeight, paragraphOf, null);
  return out;
}

/** The sentences of each unit, by a counting sort of sentence -> unit. */
export function members(unitOf: Uint32Array): Members {
  const units = unitCount(unitOf);
  const start = new Uint32Array(units + 1);
  for (let i = 0; i < unitOf.length; i++) start[unitOf[i] + 1]++;
  for (let u = 0; u < units; u++) start[u + 1] += start[u];
  const fill = start.slice(0, units);
  const sentences = new Uint32Array(unitOf.length);
  for (let i = 0; i < unitOf.length; i++) sentences[fill[unitOf[i]]++] = i;
  return { start, sentences };
}

function unitCount(unitOf: Uint32Array): number {
  let max = -1;
  for (let i = 0; i < unitOf.length; i++) if (unitOf[i] > max) max = unitOf[i];
  return max + 1;
}

/**
 * Search settings of a context field (title, paragraph) of weight w: only the first sentence of each
 * unit carries it (the others carry []), and MiniSearch averages a field's length over all documents, so
 * its average is the units' average ÷ g (g = sentences per unit): each unit looks g times longer than it
 * is. k' = k(1-b) + kb/g and b' = kb/(g·k') give the same length normalisation,
 * k'(1-b'+b'·g·len/avg) = k(1-b+b·len/avg); the numerator tf(k'+1) is then c = (k'+1)/(k+1) times too
 * large, so d' = c·d and the boost is w/c: exactly w·BM25+(k, b, d) of the unit, except that its idf
 * counts the units with the term among all sentences (MiniSearch's document count), not among units.
 */
function contextSettings(field: ContextField, weight: number, g: number, p: IndexParams): SearchSettings {
  const k = p.k * (1 - p.b) + (p.k * p.b) / g;
  const b = k ? (p.k * p.b) / (g * k) : 0;
  const c = (k + 1) / (p.k + 1);
  return { fields: [field], bm25: { k, b, d: c * p.d }, boost: { [field]: weight / c } };
}

/** Indices (into `ids`, of which the first `count`) of the k largest scores, best first (ties: lower sentence id first). */
function topK(values: Float64Array, ids: Uint32Array, count: number, k: number): number[] {
  if (k <= 0) return [];
  // Min-heap of indices on (value asc, id desc).
  const heap: number[] = [];
  const worse = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && ids[a] > ids[b]);
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
  return heap.sort((a, b) => values[b] - values[a] || ids[a] - ids[b]);
}
