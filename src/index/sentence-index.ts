/**
 * The retrieval index: BM25+ over sentences, with fields `text` (the sentence), `title` (its document's
 * title, boost TITLE_WEIGHT < 1) and `paragraph` (its paragraph, boost PARAGRAPH_WEIGHT). The title is
 * carried by the first sentence of each document and the paragraph by the first sentence of each
 * paragraph, and apply to all their sentences:
 *
 * score(sentence) = (Σ BM25+(text) + TITLE_WEIGHT·Σ BM25+(title) + PARAGRAPH_WEIGHT·Σ BM25+(paragraph))
 *                   × number of query terms matched by its text or its title
 * (sums over the query terms). BM25+ is MiniSearch's (v7: `calcBM25Score` with k, b, d; a field's length
 * is its number of distinct terms, its average the running average MiniSearch keeps, the N of every
 * field's idf the number of sentences); "Σ × matched terms" is MiniSearch's OR combination. The index
 * was a MiniSearch index until its object graph (a Map per term and field) became the cost of large
 * corpora: adding 783k sentences took 26 s and loading the persisted index 22 s in one synchronous block
 * (docs/measurements/speed.md). The postings are now compressed-row typed arrays (term -> sentences and
 * term frequencies, per field), which build, persist and load without making an object per posting; the
 * scores are computed with MiniSearch's formula in MiniSearch's operation order, so they are the same
 * numbers to the last bit (tests/index/sentence-index.test.ts checks them against MiniSearch itself).
 *
 * Candidates are the sentences whose text or document title matches a query term, as if every sentence
 * carried its title (which is what a `title` field on every sentence does, at ~30% more indexing on short
 * sentences: 100k sentences 4.9 vs 2.9 s, same answers). contextSettings gives the title and paragraph
 * fields the BM25 of their units although only first sentences carry them. When (nearly) every paragraph
 * is one sentence (one sentence a line; see MIN_SENTENCES_PER_PARAGRAPH) there is no paragraph field: a
 * paragraph's score is its sentence's, so the text is boosted by 1 + PARAGRAPH_WEIGHT. Paragraphs as a
 * field rather than a second index over paragraphs: same answers on the tuning splits, one vocabulary
 * instead of two (DRCD test: heap 45 vs 59 MB, build and load ~30% faster).
 *
 * Each distinct query term is one pass over its postings per field (a one-term score is that term's
 * BM25+); the sums above are made over typed arrays, and the term results under the index's own
 * parameters are kept in an LRU cache (TERM_CACHE_POSTINGS): frequent words recur across questions.
 *
 * Tokens come from the segmenter (jieba search mode over the Simplified matching form, stop words
 * dropped); `search` takes such tokens, so callers tokenise queries with `indexTokens` as well.
 * Document frequencies (`documentFrequency`, `idf`) are the lengths of the text field's postings: exact,
 * O(1). Persistence: `toData` / `fromData` (typed arrays and the joined vocabulary, see persist.ts).
 *
 * Non-goals: fuzzy or prefix matching (a one-character edit is another word); incremental updates (the
 * knowledge base is rebuilt or reloaded as a whole, see persist.ts); statistics MiniSearch did not keep
 * (a title's or paragraph's idf counts the documents or paragraphs with the term among all sentences).
 */
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

/** The fields, in the order of IndexData.fields. */
const TEXT = 0;
const TITLE = 1;
const PARAGRAPH = 2;
const FIELD_COUNT = 3;

/**
 * One field's postings as compressed rows: the sentences carrying term t in this field are
 * sentences[start[t] .. start[t+1]) (ascending), with its frequency in each.
 */
export interface FieldPostings {
  /** Distinct terms of the field in each sentence (MiniSearch's field length). */
  length: Uint32Array;
  /** MiniSearch's running average of `length`, updated sentence by sentence in id order (the same double it kept). */
  average: number;
  start: Uint32Array;
  sentences: Uint32Array;
  frequencies: Uint32Array;
}

/** Everything the index is made of, as plain data (what persist.ts writes). */
export interface IndexData {
  params: IndexParams;
  /** The vocabulary: term id -> term (terms of every field). */
  terms: string[];
  /** Postings of the text, title and paragraph fields (in that order), by term id. */
  fields: FieldPostings[];
  /** Sentence -> document number (documents numbered in order of first sentence). */
  documentOf: Uint32Array;
  /** Sentence -> paragraph number; empty when paragraphs count as sentences (no paragraph field). */
  paragraphOf: Uint32Array;
}

/** Separator of terms in the joined vocabulary (persist.ts's compact form). */
const TERM_SEPARATOR = '\u0001';

type ContextField = 'title' | 'paragraph';

/** Field number of a field name (MiniSearch-style search settings name their one field). */
const FIELD_NUMBER: Record<string, number> = { text: TEXT, title: TITLE, paragraph: PARAGRAPH };

/** How one field is scored: MiniSearch's search options for it (one field, its boost, BM25+ parameters). */
export interface SearchSettings {
  fields?: string[];
  boost?: Record<string, number>;
  bm25?: { k: number; b: number; d: number };
}

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

const NO_POSTINGS = { units: new Uint32Array(0), scores: new Float64Array(0) };

/** A Uint32Array that grows as values are pushed. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * A field's postings as sentences are added (in id order): each sentence's distinct terms with their
 * frequencies, appended; then sorted by term into compressed rows (a counting sort, stable, so each
 * term's sentences stay ascending).
 */
class FieldBuilder {
  readonly length: Uint32Array;
  average = 0;
  private added = 0;
  private readonly terms = new U32List();
  private readonly frequencies = new U32List();
  private readonly sentenceOf = new U32List();

  constructor(sentences: number) {
    this.length = new Uint32Array(sentences);
  }

  /** Add sentence `id`'s terms in this field (`seen`/`slot`: per-term scratch, `stamp` unique to this call). */
  add(id: number, ids: readonly number[], seen: Int32Array, slot: Uint32Array, stamp: number): void {
    let distinct = 0;
    for (const t of ids) {
      if (seen[t] === stamp) {
        this.frequencies.data[slot[t]]++;
        continue;
      }
      seen[t] = stamp;
      slot[t] = this.frequencies.length;
      this.terms.push(t);
      this.frequencies.push(1);
      this.sentenceOf.push(id);
      distinct++;
    }
    this.length[id] = distinct;
    // MiniSearch's addFieldLength, operation for operation.
    const totalFieldLength = (this.average || 0) * this.added + distinct;
    this.average = totalFieldLength / (this.added + 1);
    this.added++;
  }

  finish(termCount: number): FieldPostings {
    const count = this.terms.length;
    const terms = this.terms.data;
    const start = new Uint32Array(termCount + 1);
    for (let p = 0; p < count; p++) start[terms[p] + 1]++;
    for (let t = 0; t < termCount; t++) start[t + 1] += start[t];
    const fill = start.slice(0, termCount);
    const sentences = new Uint32Array(count);
    const frequencies = new Uint32Array(count);
    for (let p = 0; p < count; p++) {
      const at = fill[terms[p]]++;
      sentences[at] = this.sentenceOf.data[p];
      frequencies[at] = this.frequencies.data[p];
    }
    return { length: this.length, average: this.average, start, sentences, frequencies };
  }
}

/**
 * The index tokens of sentences[from .. to): each sentence's text terms and, on the first sentence of
 * each document, its document's title terms (ids into `terms`, ends per sentence). Made on any thread
 * (the segmenter must know the same words everywhere) and put together by SentenceIndex.fromTokens.
 */
export interface TokenizedSentences {
  from: number;
  terms: string[];
  text: Uint32Array;
  textEnds: Uint32Array;
  title: Uint32Array;
  titleEnds: Uint32Array;
}

export function tokenizeSentences(
  sentences: readonly Sentence[],
  from: number,
  to: number,
  titleOf: (docId: string) => string,
  tokenize: (simplified: string) => string[] = indexTokens,
): TokenizedSentences {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const termId = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
    }
    return id;
  };
  // Default tokens: the segmenter's search-mode words (mixed terms merged) normalised by indexTerm (= indexTokens), with the
  // normalisation memoised per raw word (-1: stop word or punctuation): most words repeat.
  const raw = new Map<string, number>();
  const idsInto = (text: string, out: U32List) => {
    if (tokenize !== indexTokens) {
      for (const t of tokenize(text)) out.push(termId(t));
      return;
    }
    for (const word of searchWords(text)) {
      let id = raw.get(word);
      if (id === undefined) {
        const term = indexTerm(word);
        id = term === null ? -1 : termId(term);
        raw.set(word, id);
      }
      if (id >= 0) out.push(id);
    }
  };
  const text = new U32List();
  const title = new U32List();
  const textEnds = new Uint32Array(to - from);
  const titleEnds = new Uint32Array(to - from);
  for (let i = from; i < to; i++) {
    idsInto(sentences[i].simplified, text);
    textEnds[i - from] = text.length;
    if (i === 0 || sentences[i - 1].docId !== sentences[i].docId) idsInto(titleOf(sentences[i].docId), title);
    titleEnds[i - from] = title.length;
  }
  return { from, terms, text: text.data.slice(0, text.length), textEnds, title: title.data.slice(0, title.length), titleEnds };
}

export class SentenceIndex {
  private readonly textSearch: SearchSettings;
  private readonly contexts: Context[];
  private readonly termIds: Map<string, number>;
  /** Per-term results under the index's own parameters, least recently used first. */
  private readonly termCache = new Map<string, TermPostings>();
  private cachedPostings = 0;
  private readonly documentMembers: Members;
  private readonly scorer: PostingsScorer;

  private constructor(
    readonly params: IndexParams,
    private readonly terms: string[],
    private readonly fields: FieldPostings[],
    private readonly documentOf: Uint32Array,
    private readonly paragraphOf: Uint32Array,
  ) {
    this.termIds = new Map();
    for (let t = 0; t < terms.length; t++) this.termIds.set(terms[t], t);
    this.textSearch = textSettings(params, paragraphOf.length > 0);
    this.documentMembers = members(documentOf);
    this.contexts = contexts(params, documentOf, this.documentMembers, paragraphOf);
    this.scorer = new PostingsScorer(documentOf, paragraphOf);
  }

  /** Index sentences; `titleOf` gives the Simplified title of a sentence's document. */
  static build(sentences: Sentence[], titleOf: (docId: string) => string, params: Partial<IndexParams> = {}, tokenize: (simplified: string) => string[] = indexTokens): SentenceIndex {
    return SentenceIndex.fromTokens(sentences, [tokenizeSentences(sentences, 0, sentences.length, titleOf, tokenize)], params);
  }

  /**
   * Index sentences from their tokens, made in parts (tokenizeSentences over consecutive ranges, on any
   * thread): the same index as `build` over the same tokens.
   */
  static fromTokens(sentences: Sentence[], parts: readonly TokenizedSentences[], params: Partial<IndexParams> = {}): SentenceIndex {
    const p = { ...DEFAULT_PARAMS, ...params };
    // One vocabulary: each part's term ids mapped to global ones.
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const ranges: { from: number; to: number; text: Uint32Array; textEnds: Uint32Array; title: Uint32Array; titleEnds: Uint32Array }[] = [];
    let expected = 0;
    for (const part of parts) {
      if (part.from !== expected) throw new Error(`token parts must cover the sentences in order (part from ${part.from}, expected ${expected})`);
      const global = new Uint32Array(part.terms.length);
      for (let t = 0; t < part.terms.length; t++) {
        let id = termIds.get(part.terms[t]);
        if (id === undefined) {
          id = terms.length;
          termIds.set(part.terms[t], id);
          terms.push(part.terms[t]);
        }
        global[t] = id;
      }
      const remap = (ids: Uint32Array) => ids.map((t) => global[t]);
      ranges.push({ from: part.from, to: part.from + part.textEnds.length, text: remap(part.text), textEnds: part.textEnds, title: remap(part.title), titleEnds: part.titleEnds });
      expected = part.from + part.textEnds.length;
    }
    if (expected !== sentences.length) throw new Error(`token parts cover ${expected} of ${sentences.length} sentences`);
    const seen = new Int32Array(terms.length).fill(-1);
    const slot = new Uint32Array(terms.length);

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

    let range = ranges[0];
    const tokens = (i: number, which: 'text' | 'title'): number[] => {
      while (i >= range.to) range = ranges[ranges.indexOf(range) + 1];
      const k = i - range.from;
      const ids = which === 'text' ? range.text : range.title;
      const ends = which === 'text' ? range.textEnds : range.titleEnds;
      return Array.from(ids.subarray(k ? ends[k - 1] : 0, ends[k]));
    };
    const builders = Array.from({ length: FIELD_COUNT }, () => new FieldBuilder(sentences.length));
    const titled = new Set<number>();
    const texts: number[][] = [];
    const none: number[] = [];
    let stamp = 0;
    for (let i = 0; i < sentences.length; i++) {
      texts.push(tokens(i, 'text'));
      // A paragraph is complete at its last sentence: add its sentences, the first one carrying it (and
      // the title, when it is the document's first).
      if (i + 1 === sentences.length || paragraphOf[i + 1] !== paragraphOf[i]) {
        const first = i + 1 - texts.length;
        let paragraph = none;
        if (withParagraphs) {
          paragraph = [];
          for (const text of texts) for (const term of text) paragraph.push(term);
        }
        for (let j = 0; j < texts.length; j++) {
          const id = first + j;
          const doc = documentOf[id];
          const title = titled.has(doc) ? none : tokens(id, 'title');
          titled.add(doc);
          builders[TEXT].add(id, texts[j], seen, slot, stamp++);
          builders[TITLE].add(id, title, seen, slot, stamp++);
          builders[PARAGRAPH].add(id, j === 0 ? paragraph : none, seen, slot, stamp++);
        }
        texts.length = 0;
      }
    }
    const fields = builders.map((b) => b.finish(terms.length));
    return new SentenceIndex(p, terms, fields, documentOf, withParagraphs ? paragraphOf : new Uint32Array(0));
  }

  /** The index as plain data: the vocabulary, each field's postings, the unit maps (shared, not copied). */
  toData(): IndexData {
    return { params: this.params, terms: this.terms, fields: this.fields, documentOf: this.documentOf, paragraphOf: this.paragraphOf };
  }

  /** Restore an index from toData()'s parts (checked for consistency). */
  static fromData(data: IndexData): SentenceIndex {
    const n = data.documentOf.length;
    const v = data.terms.length;
    const consistent =
      data.fields.length === FIELD_COUNT &&
      (data.paragraphOf.length === 0 || data.paragraphOf.length === n) &&
      data.fields.every((f) => f.length.length === n && f.start.length === v + 1 && f.start[v] === f.sentences.length && f.frequencies.length === f.sentences.length);
    if (!consistent) throw new Error('inconsistent index data');
    return new SentenceIndex(data.params, data.terms, data.fields, data.documentOf, data.paragraphOf);
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
    return JSON.stringify({
      params: d.params,
      terms: SentenceIndex.joinTerms(d.terms),
      fields: d.fields.map((f) => ({ length: Array.from(f.length), average: f.average, start: Array.from(f.start), sentences: Array.from(f.sentences), frequencies: Array.from(f.frequencies) })),
      documentOf: Array.from(d.documentOf),
      paragraphOf: Array.from(d.paragraphOf),
    });
  }

  static fromJSON(json: string): SentenceIndex {
    type FieldJSON = { length: number[]; average: number; start: number[]; sentences: number[]; frequencies: number[] };
    const raw = JSON.parse(json) as { params: IndexParams; terms: string; fields: FieldJSON[]; documentOf: number[]; paragraphOf: number[] };
    return SentenceIndex.fromData({
      params: raw.params,
      terms: SentenceIndex.splitTerms(raw.terms),
      fields: raw.fields.map((f) => ({
        length: Uint32Array.from(f.length),
        average: f.average,
        start: Uint32Array.from(f.start),
        sentences: Uint32Array.from(f.sentences),
        frequencies: Uint32Array.from(f.frequencies),
      })),
      documentOf: Uint32Array.from(raw.documentOf),
      paragraphOf: Uint32Array.from(raw.paragraphOf),
    });
  }

  get size(): number {
    return this.documentOf.length;
  }

  /** Number of indexed sentences whose text contains the term (0 when unknown). */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    if (t === undefined) return 0;
    const start = this.fields[TEXT].start;
    return start[t + 1] - start[t];
  }

  /** BM25 inverse document frequency of a term over sentences (that of an unseen term for unknown ones). */
  idf(term: string): number {
    const n = this.size;
    const df = this.documentFrequency(term);
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

  /** One term's results, one pass per field: a one-term score is the term's weighted BM25+. */
  private termPostings(term: string, textSearch: SearchSettings, contextList: Context[]): TermPostings {
    const id = this.termIds.get(term);
    const text = this.collect(id, textSearch, null);
    return { sentences: text.units, scores: text.scores, contexts: contextList.map((c) => this.collect(id, c.search, c.unitOf)) };
  }

  /**
   * A term's weighted BM25+ in one field (the settings' one field), by sentence (or by unit, through
   * `unitOf`): fieldScore over the field's postings, as MiniSearch computed it.
   */
  private collect(term: number | undefined, settings: SearchSettings, unitOf: Uint32Array | null): { units: Uint32Array; scores: Float64Array } {
    if (term === undefined) return NO_POSTINGS;
    const field = settings.fields![0];
    const f = this.fields[FIELD_NUMBER[field]];
    const from = f.start[term];
    const matching = f.start[term + 1] - from;
    if (!matching) return NO_POSTINGS;
    const total = this.size;
    const units = new Uint32Array(matching);
    const scores = new Float64Array(matching);
    for (let i = 0; i < matching; i++) {
      const sentence = f.sentences[from + i];
      scores[i] = fieldScore(settings, field, f.frequencies[from + i], matching, total, f.length[sentence], f.average);
      units[i] = unitOf ? unitOf[sentence] : sentence;
    }
    return { units, scores };
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
