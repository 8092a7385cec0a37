/**
 * The PostgreSQL knowledge store: the corpus lives in the database (schema.ts), every instance reads
 * the same data, and this process holds only what ranking needs per sentence (its document and
 * paragraph numbers, a few bytes each) and the documents' metadata.
 *
 * A question is answered in rounds (answer/answerer.ts): a view answers from the snapshot's caches and
 * records what it lacks; fetchMissing reads all of that in one batch of queries. Candidates come from
 * SQL (each query term's packed postings rows, schema.ts), with the term frequencies and field lengths
 * BM25 needs; they are
 * scored with MiniSearch's formula (fieldScore) and combined by the same PostingsScorer the in-process
 * index uses, so both stores rank alike on the same corpus.
 *
 * Another instance's upload bumps corpus_stats.version; `watch` polls it (POLL_MS) and swaps in a new
 * snapshot, so an upload on one instance is answered by all within a poll or two. Why a poll and not
 * LISTEN/NOTIFY: a notification reaches only a listener connected at the moment of the commit, so a
 * listener would still need a poll after every reconnect (a restart of the server, a network cut) to
 * learn what it missed, plus a dedicated connection per instance kept outside the pool. The poll is
 * that catch-up alone: one primary-key read of one row a second per instance, correct after any outage
 * by construction, and it doubles as the reachability check /healthz reports (`status`).
 */
import pg from 'pg';
import type { CorpusDocument, DocumentMeta, Fact, FactType, Sentence } from '../../types.js';
import { addUserWord } from '../../text/segment.js';
import {
  contexts as contextsOf,
  DEFAULT_PARAMS,
  fieldScore,
  members,
  PostingsScorer,
  queryTerms,
  textSettings,
  usesParagraphField,
  type Context,
  type SearchSettings,
  type SentenceHit,
  type TermPostings,
} from '../../index/sentence-index.js';
import { paragraphAround, type QuestionScopedStore, type StoreView } from '../store.js';
import { migrate, POSTING_FIELDS } from './schema.js';
import { ingestDocuments, readStats, type IngestMode, type IngestResult } from './ingest.js';

/** How often an instance looks for another's upload (the issue asks for answers within 5 s). */
export const POLL_MS = 1000;
/**
 * Cached postings, in postings (12 bytes each: unit and score), least recently used out first. Sized
 * for the commonest terms: at 1M sentences (bench --scale 'zh-hans 1M') the two commonest hold 3.6M
 * postings over their fields, and a cache smaller than one question's terms fetched them (9 MB each)
 * for every question that had them. 8M postings: about 100 MB of typed arrays at most.
 */
const POSTINGS_CACHE = 8 << 20;
/** Cached documents (their sentences and facts). */
const DOCUMENT_CACHE = 4000;
/** Cached answers to the smaller lookups (substring checks, counts, fact queries). */
const LOOKUP_CACHE = 50_000;
/** Longest fact value looked up by factsNamedIn (names, titles: far shorter). */
const MAX_NAMED_VALUE = 64;

/** The store cannot be read: one line, naming the server and the cause. */
export class StoreUnavailableError extends Error {
  constructor(where: string, cause: unknown) {
    super(`PostgreSQL store at ${where} is unavailable: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
    this.name = 'StoreUnavailableError';
  }
}

/** What the last poll (or write) found: reachable or not, since when, and why not. */
export interface StoreStatus {
  reachable: boolean;
  version: number;
  /** The one-line StoreUnavailableError message while unreachable. */
  error?: string;
  /** When this status was established (ms since the epoch). */
  since: number;
}

export interface StoreHealth {
  ok: boolean;
  store: 'postgres';
  sentences?: number;
  documents?: number;
  version?: number;
  error?: string;
}

interface DocumentRecord {
  no: number;
  meta: DocumentMeta;
  first: number;
  count: number;
}

interface DocumentData {
  sentences: Sentence[];
  facts: Fact[];
  bySentence: Map<number, Fact[]>;
}

/** Everything read from one version of the store, and the caches of what was fetched from it. */
class Snapshot {
  readonly docs: DocumentRecord[];
  readonly docById = new Map<string, DocumentRecord>();
  readonly docOfSentence: Uint32Array;
  readonly unitOfDoc: Int32Array;
  readonly textSearch: SearchSettings;
  readonly contexts: Context[];
  readonly scorer: PostingsScorer;
  readonly withParagraphs: boolean;
  readonly metas: DocumentMeta[];

  readonly postings = new Map<string, TermPostings>();
  postingCount = 0;
  readonly documents = new Map<number, DocumentData>();
  readonly df = new Map<string, number>();
  readonly includes = new Map<string, boolean>();
  readonly patterns = new Map<string, boolean>();
  readonly counts = new Map<string, number>();
  readonly containing = new Map<string, Sentence[]>();
  readonly facts = new Map<string, Fact[]>();
  readonly factTypes = new Map<string, Set<string>>();

  constructor(
    readonly version: number,
    readonly sentences: number,
    /** Facts in the store (the name `facts` is the fact-query cache). */
    readonly factTotal: number,
    paragraphs: number,
    readonly avg: { text: number; title: number; paragraph: number },
    docs: DocumentRecord[],
    paragraphSizes: number[][],
  ) {
    this.docs = docs;
    this.metas = docs.map((d) => d.meta);
    for (const d of docs) this.docById.set(d.meta.id, d);
    const p = DEFAULT_PARAMS;
    this.withParagraphs = usesParagraphField(p, sentences, paragraphs);
    this.docOfSentence = new Uint32Array(sentences);
    this.unitOfDoc = new Int32Array(docs.length).fill(-1);
    const documentOf = new Uint32Array(sentences);
    const paragraphOf = new Uint32Array(this.withParagraphs ? sentences : 0);
    let unit = 0;
    let paragraph = 0;
    docs.forEach((d, i) => {
      if (!d.count) return;
      this.unitOfDoc[d.no] = unit;
      this.docOfSentence.fill(d.no, d.first, d.first + d.count);
      documentOf.fill(unit, d.first, d.first + d.count);
      let at = d.first;
      for (const size of paragraphSizes[i]) {
        if (this.withParagraphs) paragraphOf.fill(paragraph, at, at + size);
        at += size;
        paragraph++;
      }
      unit++;
    });
    this.textSearch = textSettings(p, this.withParagraphs);
    this.contexts = contextsOf(p, documentOf, members(documentOf), paragraphOf);
    this.scorer = new PostingsScorer(documentOf, paragraphOf);
  }

  /** A term's cached postings, marked as the most recently used. */
  recentPostings(term: string): TermPostings | undefined {
    const p = this.postings.get(term);
    if (p) {
      this.postings.delete(term);
      this.postings.set(term, p);
    }
    return p;
  }

  remember<K, V>(map: Map<K, V>, key: K, value: V, limit = LOOKUP_CACHE): void {
    if (map.size >= limit) map.delete(map.keys().next().value as K);
    map.set(key, value);
  }
}

export interface PostgresStoreOptions {
  /** Log lines about the store (a failed poll, a new version). */
  onEvent?: (event: { level: 'info' | 'warn'; message: string }) => void;
}

export class PostgresStore implements QuestionScopedStore {
  readonly kind = 'postgres';
  private timer: NodeJS.Timeout | null = null;
  private lastPollFailed = false;
  private state: StoreStatus;

  private constructor(
    readonly pool: pg.Pool,
    readonly where: string,
    private current: Snapshot,
    private readonly options: PostgresStoreOptions,
  ) {
    this.state = { reachable: true, version: current.version, since: Date.now() };
  }

  /** Connect, migrate, read the snapshot, teach the segmenter the stored names. Rejects with StoreUnavailableError. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url);
    const where = describeUrl(url);
    try {
      await migrate(pool);
      const snapshot = await loadSnapshot(pool);
      const names = await pool.query<{ value: string }>("SELECT value FROM facts WHERE type = 'person' GROUP BY value ORDER BY min(ord)");
      for (const r of names.rows) addUserWord(r.value, 'nr');
      return new PostgresStore(pool, where, snapshot, options);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreUnavailableError(where, error);
    }
  }

  get version(): number {
    return this.current.version;
  }

  get sentenceCount(): number {
    return this.current.sentences;
  }

  get documentCount(): number {
    return this.current.docs.length;
  }

  /** Facts in the store (as of the current snapshot). */
  get factCount(): number {
    return this.current.factTotal;
  }

  /** Reachability as the last poll or query found it (no round trip: /healthz reads it). */
  get status(): StoreStatus {
    return { ...this.state, version: this.current.version };
  }

  /** A query reached the server (true) or failed to (the error): the status changes, logged once per outage. */
  private observe(error?: unknown): void {
    if (error === undefined) {
      if (!this.state.reachable) this.options.onEvent?.({ level: 'info', message: `PostgreSQL store at ${this.where} is reachable again` });
      if (!this.state.reachable || this.lastPollFailed) this.state = { reachable: true, version: this.current.version, since: Date.now() };
      this.lastPollFailed = false;
      return;
    }
    const message = (error instanceof StoreUnavailableError ? error : new StoreUnavailableError(this.where, error)).message;
    if (this.state.reachable) {
      this.options.onEvent?.({ level: 'warn', message });
      this.state = { reachable: false, version: this.current.version, error: message, since: Date.now() };
    }
    this.lastPollFailed = true;
  }

  view(): StoreView {
    return new PostgresView(this.current, this, new Map(), new Map());
  }

  /** Read the new snapshot when another writer changed the store; true when it did. */
  async refresh(): Promise<boolean> {
    const stats = await readStats(this.pool);
    if (stats.version === this.current.version) return false;
    const snapshot = await loadSnapshot(this.pool);
    const names = await this.pool.query<{ value: string }>("SELECT value FROM facts WHERE type = 'person' GROUP BY value ORDER BY min(ord)");
    for (const r of names.rows) addUserWord(r.value, 'nr');
    this.current = snapshot;
    this.options.onEvent?.({ level: 'info', message: `knowledge store version ${snapshot.version}: ${snapshot.docs.length} documents, ${snapshot.sentences} sentences` });
    return true;
  }

  /** Poll for other instances' writes; `onChange` after each new snapshot. A failed poll is retried at the next tick. */
  watch(onChange?: () => void, intervalMs = POLL_MS): void {
    if (this.timer) return;
    let running = false;
    this.timer = setInterval(() => {
      if (running) return;
      running = true;
      this.refresh()
        .then((changed) => {
          this.observe();
          if (changed) onChange?.();
        })
        .catch((error) => this.observe(error))
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * Write documents (ingestDocuments: idempotent by content hash, one transaction) and read the new
   * snapshot at once, so this instance answers from them without waiting for its poll.
   */
  async write(documents: CorpusDocument[], mode: IngestMode): Promise<IngestResult> {
    let result: IngestResult;
    try {
      result = await ingestDocuments(this.pool, documents, mode);
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      const unavailable = new StoreUnavailableError(this.where, error);
      this.observe(unavailable);
      throw unavailable;
    }
    await this.catchUp();
    return result;
  }

  /** Read the new snapshot now (after a write made elsewhere, e.g. a worker), not at the next poll. Rejects with StoreUnavailableError. */
  async catchUp(): Promise<boolean> {
    try {
      const changed = await this.refresh();
      this.observe();
      return changed;
    } catch (error) {
      const unavailable = new StoreUnavailableError(this.where, error);
      this.observe(unavailable);
      throw unavailable;
    }
  }

  /** Facts `offset`..`offset+limit` in extraction order (the bot's /facts pages). */
  async factPage(offset: number, limit: number): Promise<Fact[]> {
    return (await this.query<{ fact: Fact }>('SELECT fact FROM facts ORDER BY ord OFFSET $1 LIMIT $2', [offset, limit])).map((r) => r.fact);
  }

  /** The first `limit` facts of these types, in extraction order. */
  async firstFactsOfTypes(types: readonly FactType[], limit: number): Promise<Fact[]> {
    return (await this.query<{ fact: Fact }>('SELECT fact FROM facts WHERE type = ANY($1) ORDER BY ord LIMIT $2', [types, limit])).map((r) => r.fact);
  }

  /** A document's verbatim paragraphs (undefined when the store has no such document). */
  async paragraphsOf(docId: string): Promise<string[] | undefined> {
    return (await this.query<{ paragraphs: string[] }>('SELECT paragraphs FROM documents WHERE id = $1', [docId]))[0]?.paragraphs;
  }

  /** The stored document whose cleaned text has this fingerprint (documentFingerprint), if any. */
  async documentWithText(fingerprint: string): Promise<DocumentMeta | undefined> {
    return (await this.query<{ meta: DocumentMeta }>('SELECT meta FROM documents WHERE text_fingerprint = $1 ORDER BY doc_no LIMIT 1', [fingerprint]))[0]?.meta;
  }

  async health(): Promise<StoreHealth> {
    try {
      const stats = await readStats(this.pool);
      return { ok: true, store: 'postgres', sentences: stats.sentences, documents: stats.documents, version: stats.version };
    } catch (error) {
      return { ok: false, store: 'postgres', error: new StoreUnavailableError(this.where, error).message };
    }
  }

  /** Run a query, turning a connection failure into StoreUnavailableError. */
  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      const rows = (await this.pool.query<R>(sql, params)).rows;
      if (!this.state.reachable) this.observe();
      return rows;
    } catch (error) {
      const unavailable = new StoreUnavailableError(this.where, error);
      if (isConnectionError(error)) this.observe(unavailable);
      throw unavailable;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pool.end();
  }
}

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 3000, statement_timeout: 30_000, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection (the server restarted) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Did this error come from not reaching the server (refused, reset, timed out, the server shutting
 * down), rather than from the query? SQLSTATE class 08 is "connection exception", 57P01-57P03 the
 * server going away or starting; errors without a SQLSTATE are the driver's own socket errors.
 */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || /^E[A-Z]+$/.test(code);
  // pg's own messages: "Connection terminated unexpectedly", "timeout exceeded when trying to connect"…
  return error instanceof Error && /connect|terminated|timeout|socket/i.test(error.message);
}

/** host:port/database of a postgres:// URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function loadSnapshot(pool: pg.Pool): Promise<Snapshot> {
  const client = await pool.connect();
  try {
    // One consistent read of statistics and documents.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const stats = await readStats(client);
    const rows = (
      await client.query<{ doc_no: number; meta: DocumentMeta; first_sentence: number; sentence_count: number; paragraph_sizes: number[] }>(
        'SELECT doc_no, meta, first_sentence, sentence_count, paragraph_sizes FROM documents ORDER BY doc_no',
      )
    ).rows;
    await client.query('COMMIT');
    const docs = rows.map((r) => ({ no: r.doc_no, meta: r.meta, first: r.first_sentence, count: r.sentence_count }));
    return new Snapshot(
      stats.version,
      stats.sentences,
      stats.facts,
      stats.paragraphs,
      { text: stats.avg_text, title: stats.avg_title, paragraph: stats.avg_paragraph },
      docs,
      rows.map((r) => r.paragraph_sizes),
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
const SENTENCE_COLUMNS = 'id, doc_no, paragraph, position, text, simplified';

interface SentenceRow {
  id: number;
  doc_no: number;
  paragraph: number;
  position: number;
  text: string;
  simplified: string;
}

/** One question's view of a snapshot: answers from its caches, records what they lack. */
class PostgresView implements StoreView {
  readonly kind = 'postgres';
  private readonly needDocs = new Set<number>();
  private readonly needTerms = new Set<string>();
  private readonly needDf = new Set<string>();
  private readonly needIncludes = new Set<string>();
  private readonly needPatterns = new Map<string, RegExp>();
  private readonly needCounts = new Set<string>();
  private readonly needContaining = new Set<string>();
  private readonly needFacts = new Map<string, [FactType, string | null, string | null]>();
  private readonly needTypes = new Set<string>();
  /** Searches asked for: their hits' documents are fetched with the postings. */
  private readonly searches: { query: string[]; limit: number }[] = [];

  /**
   * What this question's earlier rounds fetched, kept here as well as in the snapshot's caches, which
   * may evict it (another question's common terms) before the next round reads it.
   */
  constructor(
    private readonly s: Snapshot,
    private readonly store: PostgresStore,
    private readonly pinnedPostings: Map<string, TermPostings>,
    private readonly pinnedDocs: Map<number, DocumentData>,
  ) {}

  next(): StoreView {
    return new PostgresView(this.s, this.store, this.pinnedPostings, this.pinnedDocs);
  }

  get incomplete(): boolean {
    return (
      this.needDocs.size +
        this.needTerms.size +
        this.needDf.size +
        this.needIncludes.size +
        this.needPatterns.size +
        this.needCounts.size +
        this.needContaining.size +
        this.needFacts.size +
        this.needTypes.size >
      0
    );
  }

  get sentenceCount(): number {
    return this.s.sentences;
  }

  get docById(): { has(docId: string): boolean } {
    return this.s.docById;
  }

  private data(docNo: number): DocumentData | undefined {
    const d = this.pinnedDocs.get(docNo) ?? this.s.documents.get(docNo);
    if (!d) this.needDocs.add(docNo);
    else this.pinnedDocs.set(docNo, d);
    return d;
  }

  sentence(id: number): Sentence | undefined {
    if (!(id >= 0 && id < this.s.sentences)) return undefined;
    const no = this.s.docOfSentence[id];
    return this.data(no)?.sentences[id - this.s.docs[no].first];
  }

  sentenceIdsOf(docId: string): readonly number[] {
    const d = this.s.docById.get(docId);
    return d ? Array.from({ length: d.count }, (_, i) => d.first + i) : [];
  }

  paragraphText(s: Sentence): string {
    const no = this.s.docOfSentence[s.id];
    const d = this.data(no);
    if (!d) return '';
    const first = this.s.docs[no].first;
    return paragraphAround(s, (id) => (id >= first ? d.sentences[id - first] : undefined));
  }

  sentencesContaining(text: string): Sentence[] {
    const found = this.s.containing.get(text);
    if (!found) this.needContaining.add(text);
    return found ? [...found] : [];
  }

  document(docId: string): DocumentMeta | undefined {
    return this.s.docById.get(docId)?.meta;
  }

  documents(): readonly DocumentMeta[] {
    return this.s.metas;
  }

  factsOfSentence(sentenceId: number): readonly Fact[] {
    if (!(sentenceId >= 0 && sentenceId < this.s.sentences)) return [];
    return this.data(this.s.docOfSentence[sentenceId])?.bySentence.get(sentenceId) ?? [];
  }

  factsOfDocument(docId: string): readonly Fact[] {
    const d = this.s.docById.get(docId);
    return d ? (this.data(d.no)?.facts ?? []) : [];
  }

  private factQuery(key: string, query: [FactType, string | null, string | null]): Fact[] {
    const found = this.s.facts.get(key);
    if (!found) this.needFacts.set(key, query);
    return found ? [...found] : [];
  }

  factsNamedIn(type: FactType, text: string): Fact[] {
    return this.factQuery(`named\u0000${type}\u0000${text}`, [type, text, null]);
  }

  factsOfType(type: FactType, event?: string): Fact[] {
    return this.factQuery(`type\u0000${type}\u0000${event ?? ''}`, [type, null, event ?? null]);
  }

  isFactValue(types: readonly FactType[], value: string): boolean {
    const found = this.s.factTypes.get(value);
    if (!found) this.needTypes.add(value);
    return found ? types.some((t) => found.has(t)) : false;
  }

  documentFrequency(term: string): number {
    const df = this.s.df.get(term);
    if (df === undefined) this.needDf.add(term);
    // Not 0 while unknown: 0 would send the caller to count the term in the corpus text as well.
    return df ?? 1;
  }

  countInCorpus(text: string, max: number): number {
    const n = this.s.counts.get(text);
    if (n === undefined) this.needCounts.add(text);
    return Math.min(n ?? 0, max);
  }

  includes(text: string): boolean {
    if (!text) return true;
    const found = this.s.includes.get(text);
    if (found === undefined) this.needIncludes.add(text);
    return found ?? false;
  }

  test(pattern: RegExp): boolean {
    const key = `${pattern.flags}/${pattern.source}`;
    const found = this.s.patterns.get(key);
    if (found === undefined) this.needPatterns.set(key, pattern);
    return found ?? false;
  }

  search(tokens: string[], limit: number): SentenceHit[] {
    if (limit <= 0 || !this.s.sentences) return [];
    const query = queryTerms(tokens);
    if (!query.length) return [];
    const postings: TermPostings[] = [];
    for (const term of query) {
      const p = this.pinnedPostings.get(term) ?? this.s.recentPostings(term);
      if (p) {
        postings.push(p);
        this.pinnedPostings.set(term, p);
      } else this.needTerms.add(term);
    }
    if (postings.length < query.length) {
      this.searches.push({ query, limit });
      return [];
    }
    const hits = this.s.scorer.rank(query, postings, this.s.contexts, limit);
    for (const h of hits) this.data(this.s.docOfSentence[h.id]);
    return hits;
  }

  async fetchMissing(): Promise<void> {
    const q = <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => this.store.query<R>(sql, params);
    const s = this.s;
    const jobs: Promise<void>[] = [];
    if (this.needTerms.size) jobs.push(this.fetchPostings([...this.needTerms]));
    if (this.needDf.size) {
      const terms = [...this.needDf];
      jobs.push(
        q<{ term: string; df: number }>('SELECT term, df FROM terms WHERE term = ANY($1)', [terms]).then((rows) => {
          const found = new Map(rows.map((r) => [r.term, r.df]));
          for (const t of terms) s.remember(s.df, t, found.get(t) ?? 0);
        }),
      );
    }
    if (this.needIncludes.size) {
      // 1-2 characters: the n-gram table, one query for all; longer: the trigram indexes.
      const texts = [...this.needIncludes];
      const short = texts.filter((t) => Array.from(t).length <= 2);
      const long = texts.filter((t) => Array.from(t).length > 2);
      if (short.length) {
        jobs.push(
          q<{ gram: string }>('SELECT gram FROM corpus_grams WHERE gram = ANY($1)', [short]).then((rows) => {
            const found = new Set(rows.map((r) => r.gram));
            for (const t of short) s.remember(s.includes, t, found.has(t));
          }),
        );
      }
      // One query a text: a pattern known when the query is planned uses the trigram indexes, where a
      // pattern taken from an array row was matched against every row (0.13 s at 300k sentences).
      for (const text of long) {
        jobs.push(
          q<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM sentences WHERE simplified LIKE $1) OR EXISTS (SELECT 1 FROM documents WHERE title_text LIKE $1 OR metadata_text LIKE $1) AS found', [
            likePattern(text),
          ]).then((rows) => s.remember(s.includes, text, rows[0].found)),
        );
      }
    }
    for (const [key, pattern] of this.needPatterns) {
      const op = pattern.flags.includes('i') ? '~*' : '~';
      jobs.push(
        q<{ found: boolean }>(`SELECT EXISTS (SELECT 1 FROM sentences WHERE simplified ${op} $1) OR EXISTS (SELECT 1 FROM documents WHERE title_text ${op} $1 OR metadata_text ${op} $1) AS found`, [
          pattern.source,
        ]).then((rows) => s.remember(s.patterns, key, rows[0].found)),
      );
    }
    // 1-2 characters: counted at ingest (corpus_grams); longer: counted in the rows that hold them.
    const counts = [...this.needCounts];
    const shortCounts = counts.filter((t) => Array.from(t).length <= 2);
    if (shortCounts.length) {
      jobs.push(
        q<{ gram: string; count: string }>('SELECT gram, count FROM corpus_grams WHERE gram = ANY($1)', [shortCounts]).then((rows) => {
          const found = new Map(rows.map((r) => [r.gram, Number(r.count)]));
          for (const t of shortCounts) s.remember(s.counts, t, found.get(t) ?? 0);
        }),
      );
    }
    for (const text of counts.filter((t) => Array.from(t).length > 2)) {
      jobs.push(
        q<{ n: string | null }>(
          `SELECT sum((length(x) - length(replace(x, $2, ''))) / length($2)) AS n FROM (
             SELECT simplified AS x FROM sentences WHERE simplified LIKE $1
             UNION ALL SELECT title_text FROM documents WHERE title_text LIKE $1
             UNION ALL SELECT metadata_text FROM documents WHERE metadata_text LIKE $1) parts`,
          [likePattern(text), text],
        ).then((rows) => s.remember(s.counts, text, Number(rows[0].n ?? 0))),
      );
    }
    for (const text of this.needContaining) {
      jobs.push(
        q<SentenceRow>(`SELECT ${SENTENCE_COLUMNS} FROM sentences WHERE simplified LIKE $1 ORDER BY id`, [likePattern(text)]).then((rows) =>
          s.remember(
            s.containing,
            text,
            rows.map((r) => this.sentenceOf(r)),
          ),
        ),
      );
    }
    for (const [key, [type, namedIn, event]] of this.needFacts) {
      const job =
        namedIn !== null
          ? q<{ fact: Fact }>('SELECT fact FROM facts WHERE type = $1 AND value = ANY($2) ORDER BY ord', [type, substrings(namedIn, MAX_NAMED_VALUE)])
          : q<{ fact: Fact }>('SELECT fact FROM facts WHERE type = $1 AND ($2::text IS NULL OR event = $2) ORDER BY ord', [type, event]);
      jobs.push(
        job.then((rows) =>
          s.remember(
            s.facts,
            key,
            rows.map((r) => r.fact),
          ),
        ),
      );
    }
    if (this.needTypes.size) {
      const values = [...this.needTypes];
      jobs.push(
        q<{ value: string; type: string }>('SELECT DISTINCT value, type FROM facts WHERE value = ANY($1)', [values]).then((rows) => {
          const byValue = new Map(values.map((v) => [v, new Set<string>()]));
          for (const r of rows) byValue.get(r.value)?.add(r.type);
          for (const [v, types] of byValue) s.remember(s.factTypes, v, types);
        }),
      );
    }
    const docs = new Set(this.needDocs);
    await Promise.all(jobs);
    // The searches can run now: fetch their hits' documents in this round rather than the next.
    for (const { query, limit } of this.searches) {
      const postings = query.map((t) => this.pinnedPostings.get(t));
      if (postings.some((p) => !p)) continue;
      for (const h of s.scorer.rank(query, postings as TermPostings[], s.contexts, limit)) {
        const no = s.docOfSentence[h.id];
        if (!this.pinnedDocs.has(no) && !s.documents.has(no)) docs.add(no);
      }
    }
    if (docs.size) await this.fetchDocuments([...docs]);
  }

  private sentenceOf(r: SentenceRow): Sentence {
    return { id: r.id, docId: this.s.docs[r.doc_no].meta.id, paragraph: r.paragraph, position: r.position, text: r.text, simplified: r.simplified };
  }

  private async fetchDocuments(docNos: number[]): Promise<void> {
    const [sentences, facts] = await Promise.all([
      this.store.query<SentenceRow>(`SELECT ${SENTENCE_COLUMNS} FROM sentences WHERE doc_no = ANY($1) ORDER BY id`, [docNos]),
      this.store.query<{ doc_no: number; fact: Fact }>('SELECT doc_no, fact FROM facts WHERE doc_no = ANY($1) ORDER BY ord', [docNos]),
    ]);
    const data = new Map<number, DocumentData>(docNos.map((no) => [no, { sentences: [], facts: [], bySentence: new Map() }]));
    for (const r of sentences) data.get(r.doc_no)!.sentences.push(this.sentenceOf(r));
    for (const r of facts) {
      const d = data.get(r.doc_no)!;
      d.facts.push(r.fact);
      const list = d.bySentence.get(r.fact.sentenceId) ?? [];
      list.push(r.fact);
      d.bySentence.set(r.fact.sentenceId, list);
    }
    for (const [no, d] of data) {
      this.pinnedDocs.set(no, d);
      this.s.remember(this.s.documents, no, d, DOCUMENT_CACHE);
    }
  }

  /**
   * Terms' postings: sentences with each in their text, documents in their heading, paragraphs; scored
   * as MiniSearch scores them. One query for all terms: their packed postings rows (schema.ts), in the
   * order they were written, so each field's units come in ascending order.
   */
  private async fetchPostings(terms: string[]): Promise<void> {
    const s = this.s;
    const rows = await this.store.query<{ term: string; field: number; count: number; data: Buffer }>(
      'SELECT term, field, count, data FROM postings WHERE term = ANY($1) AND (field <> $2 OR $3) ORDER BY term, field, batch',
      [terms, POSTING_FIELDS.paragraph, s.withParagraphs],
    );
    const packed = new Map<string, PackedRows[]>(terms.map((t) => [t, [0, 1, 2].map(() => ({ count: 0, parts: [] }))]));
    for (const r of rows) {
      const field = packed.get(r.term)?.[r.field];
      if (!field) continue;
      field.count += r.count;
      field.parts.push(r.data);
    }
    const n = s.sentences;
    for (const term of terms) {
      const [textParts, titleParts, paragraphParts] = packed.get(term)!;
      const scored = (rows: PackedRows, search: SearchSettings, field: string, avg: number) => {
        const { units, tf, len } = unpackPostings(rows);
        const scores = new Float64Array(units.length);
        for (let i = 0; i < units.length; i++) scores[i] = fieldScore(search, field, tf[i], units.length, n, len[i], avg);
        return { units, scores };
      };
      const text = scored(textParts, s.textSearch, 'text', s.avg.text);
      const postings: TermPostings = {
        sentences: text.units,
        scores: text.scores,
        contexts: s.contexts.map((c) => {
          if (c.field !== 'title') return scored(paragraphParts, c.search, c.field, s.avg.paragraph);
          const title = scored(titleParts, c.search, c.field, s.avg.title);
          // Heading postings are stored by document number; the scorer counts only documents with sentences.
          for (let i = 0; i < title.units.length; i++) title.units[i] = s.unitOfDoc[title.units[i]];
          return title;
        }),
      };
      let count = postings.sentences.length;
      for (const c of postings.contexts) count += c.units.length;
      s.postingCount += count;
      for (const [old, p] of s.postings) {
        if (s.postingCount <= POSTINGS_CACHE) break;
        s.postings.delete(old);
        s.postingCount -= p.sentences.length + p.contexts.reduce((a, c) => a + c.units.length, 0);
      }
      s.postings.set(term, postings);
      this.pinnedPostings.set(term, postings);
    }
  }
}

/** One term's postings rows of one field, in write order, and how many postings they hold. */
export interface PackedRows {
  count: number;
  parts: Buffer[];
}

/**
 * The postings of one term and field from its rows (schema.ts, fillPostings): in each row, per posting,
 * three LEB128 varints: the distance from the row's previous unit (the first: the unit), tf, field length.
 */
export function unpackPostings(rows: PackedRows): { units: Uint32Array; tf: Uint32Array; len: Uint32Array } {
  const units = new Uint32Array(rows.count);
  const tf = new Uint32Array(rows.count);
  const len = new Uint32Array(rows.count);
  let i = 0;
  let at = 0;
  let part: Buffer = Buffer.alloc(0);
  const varint = (): number => {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = part[at++];
      v += (b & 127) * 2 ** shift;
      shift += 7;
    } while (b & 128);
    return v;
  };
  for (part of rows.parts) {
    at = 0;
    let unit = 0;
    while (at < part.length && i < rows.count) {
      unit += varint();
      units[i] = unit;
      tf[i] = varint();
      len[i++] = varint();
    }
  }
  return { units, tf, len };
}

/** Every distinct substring of `text` up to `max` UTF-16 units (the values a fact whose value `text.includes` may have). */
function substrings(text: string, max: number): string[] {
  const out = new Set<string>(['']);
  for (let i = 0; i < text.length; i++) for (let j = i + 1; j <= Math.min(text.length, i + max); j++) out.add(text.slice(i, j));
  return [...out];
}
