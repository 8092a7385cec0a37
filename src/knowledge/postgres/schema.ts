/**
 * The PostgreSQL store's tables, created by versioned migrations: each migration runs once, in order,
 * in its own transaction, and is recorded in schema_migrations. Two instances starting at once take an
 * advisory lock, so one migrates and the other finds it done.
 *
 * What the tables hold (knowledge/postgres/ingest.ts writes them, store.ts reads them):
 * - documents: metadata (json keeps its key order), verbatim paragraphs, content hash (ingest is
 *   idempotent by it), the heading's index tokens (the MiniSearch `title` field: title + byline) as a
 *   tsvector with positions (tf = positions), and the sizes of its paragraphs in sentences;
 * - sentences: verbatim + matching form, their index tokens (jieba search mode, sentence-index.ts) as a
 *   tsvector ('simple' lexemes written as they are; GIN-indexed until migration 3 packed them into
 *   postings) and the field length BM25 uses; the
 *   matching form has a trigram index for "is this string anywhere in the corpus";
 * - paragraphs: the paragraph field (the tokens of its sentences) as a tsvector;
 * - facts, in extraction order; terms: sentence document frequency of every index token;
 * - corpus_grams: every 1- and 2-character piece of the corpus text (trigrams cannot find those) and,
 *   from migration 4, how often it occurs: the count a term's weight needs when it is not an index
 *   token, which a LIKE scan took up to 0.7 s to give for a common pair at 300k sentences; and
 *   trigram indexes on document titles and metadata, read every time a string is looked for;
 * - corpus_stats: counts, MiniSearch's running average field lengths, and `version`, bumped by every
 *   write: other instances poll it to see an upload.
 * - documents.text_fingerprint (migration 2): the cleaned text's fingerprint (documentFingerprint), so
 *   the bot refuses an upload whose text the store holds already without reading every document.
 * - postings (migration 3): every index term's postings per field, packed (three varints each: the
 *   distance from the previous unit, tf, field length), one row per term, field and write. Reading a common term is then one row, where
 *   the GIN index gave a heap row per posting to unnest (3 s per question at 1M sentences). Filled in
 *   SQL from the tsvectors just written (fillPostings), so tf and lengths are exactly the tsvectors'.
 */
import type { Pool, PoolClient } from 'pg';
import { documentFingerprint } from '../../documents/read.js';

export interface Migration {
  version: number;
  sql: string;
  /** Work SQL cannot do (filling a column from JavaScript), in the migration's transaction, after `sql`. */
  fill?: (client: PoolClient) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE documents (
  doc_no integer PRIMARY KEY,
  id text NOT NULL UNIQUE,
  content_hash text NOT NULL UNIQUE,
  meta json NOT NULL,
  paragraphs json NOT NULL,
  first_sentence integer NOT NULL,
  sentence_count integer NOT NULL,
  paragraph_sizes integer[] NOT NULL,
  title_text text NOT NULL,
  metadata_text text NOT NULL,
  heading_tsv tsvector NOT NULL,
  heading_length integer NOT NULL
);
CREATE INDEX documents_heading_tsv ON documents USING gin (heading_tsv);
CREATE TABLE sentences (
  id integer PRIMARY KEY,
  doc_no integer NOT NULL REFERENCES documents (doc_no),
  paragraph integer NOT NULL,
  position integer NOT NULL,
  text text NOT NULL,
  simplified text NOT NULL,
  tsv tsvector NOT NULL,
  text_length integer NOT NULL
);
CREATE INDEX sentences_doc_no ON sentences (doc_no);
CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
CREATE INDEX sentences_simplified_trgm ON sentences USING gin (simplified gin_trgm_ops);
CREATE TABLE paragraphs (
  para_no integer PRIMARY KEY,
  doc_no integer NOT NULL REFERENCES documents (doc_no),
  tsv tsvector NOT NULL,
  length integer NOT NULL
);
CREATE INDEX paragraphs_tsv ON paragraphs USING gin (tsv);
CREATE TABLE facts (
  ord bigint PRIMARY KEY,
  doc_no integer NOT NULL REFERENCES documents (doc_no),
  sentence_id integer NOT NULL,
  type text NOT NULL,
  value text NOT NULL,
  event text,
  fact json NOT NULL
);
CREATE INDEX facts_doc_no ON facts (doc_no);
CREATE INDEX facts_type_value ON facts (type, value);
CREATE INDEX facts_type_event ON facts (type, event);
CREATE TABLE terms (
  term text PRIMARY KEY,
  df integer NOT NULL
);
CREATE TABLE corpus_grams (
  gram text PRIMARY KEY
);
CREATE TABLE corpus_stats (
  id integer PRIMARY KEY CHECK (id = 1),
  documents integer NOT NULL,
  sentences integer NOT NULL,
  paragraphs integer NOT NULL,
  facts bigint NOT NULL,
  avg_text double precision NOT NULL,
  avg_title double precision NOT NULL,
  avg_paragraph double precision NOT NULL,
  version bigint NOT NULL
);
INSERT INTO corpus_stats VALUES (1, 0, 0, 0, 0, 0, 0, 0, 0);
`,
  },
  {
    version: 2,
    sql: `
ALTER TABLE documents ADD COLUMN text_fingerprint text;
CREATE INDEX documents_text_fingerprint ON documents (text_fingerprint);
`,
    // Documents written before this migration: fingerprinted here, as ingest does for new ones.
    fill: async (client) => {
      const rows = (await client.query<{ doc_no: number; paragraphs: string[] }>('SELECT doc_no, paragraphs FROM documents WHERE text_fingerprint IS NULL')).rows;
      if (!rows.length) return;
      await client.query('UPDATE documents d SET text_fingerprint = f.fp FROM unnest($1::integer[], $2::text[]) AS f(no, fp) WHERE d.doc_no = f.no', [
        rows.map((r) => r.doc_no),
        rows.map((r) => documentFingerprint({ meta: { id: '', title: '' }, paragraphs: r.paragraphs })),
      ]);
    },
  },
  {
    version: 3,
    sql: `
-- One unsigned LEB128 varint (7 bits a byte, low group first, high bit set on all but the last).
-- Plain SQL and not STRICT, so the planner inlines it into fillPostings' aggregate.
CREATE FUNCTION postings_varint(v bigint) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
  WHEN v < 128 THEN substr(int8send(v), 8, 1)
  WHEN v < 16384 THEN substr(int8send((((v & 127) | 128) << 8) | (v >> 7)), 7, 2)
  WHEN v < 2097152 THEN substr(int8send((((v & 127) | 128) << 16) | ((((v >> 7) & 127) | 128) << 8) | (v >> 14)), 6, 3)
  WHEN v < 268435456 THEN substr(int8send((((v & 127) | 128) << 24) | ((((v >> 7) & 127) | 128) << 16) | ((((v >> 14) & 127) | 128) << 8) | (v >> 21)), 5, 4)
  ELSE substr(int8send((((v & 127) | 128) << 32) | ((((v >> 7) & 127) | 128) << 24) | ((((v >> 14) & 127) | 128) << 16) | ((((v >> 21) & 127) | 128) << 8) | (v >> 28)), 4, 5)
END $$;
-- Postings are read from here now: the tsvectors' GIN indexes had no reader left, only upkeep at every write.
DROP INDEX IF EXISTS sentences_tsv, paragraphs_tsv, documents_heading_tsv;
CREATE TABLE postings (
  term text NOT NULL,
  field smallint NOT NULL,
  batch bigint NOT NULL,
  count integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (term, field, batch)
);
`,
    fill: (client) => fillPostings(client, 0, { sentence: 0, document: 0, paragraph: 0 }),
  },
  {
    version: 4,
    sql: `
ALTER TABLE corpus_grams ADD COLUMN count bigint NOT NULL DEFAULT 0;
CREATE INDEX documents_title_trgm ON documents USING gin (title_text gin_trgm_ops);
CREATE INDEX documents_metadata_trgm ON documents USING gin (metadata_text gin_trgm_ops);
`,
    fill: fillGramCounts,
  },
];

/** Every table the migrations create, for tools that drop the whole store (benches, tests). */
export const TABLES = ['postings', 'facts', 'paragraphs', 'sentences', 'documents', 'terms', 'corpus_grams', 'corpus_stats', 'schema_migrations'] as const;

/** Drop the store's tables and functions: the database is then as before the first migration. */
export async function dropStore(pool: Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')} CASCADE`);
  await pool.query('DROP FUNCTION IF EXISTS postings_varint(bigint)');
}

/** postings.field: the MiniSearch field a row's postings belong to. */
export const POSTING_FIELDS = { text: 0, title: 1, paragraph: 2 } as const;

/** Where a write's new rows begin: its first sentence id, document number and paragraph number. */
export interface PostingsFrom {
  sentence: number;
  document: number;
  paragraph: number;
}

/**
 * Pack the postings of the rows from `from` on into one postings row per term and field, tagged `batch`.
 * Title postings only for documents with sentences (the in-process index has no heading without them).
 */
export async function fillPostings(client: PoolClient, batch: number, from: PostingsFrom): Promise<void> {
  // The grouping sorts every (term, unit) of the write: more memory than the default 4 MB keeps it off disk.
  await client.query("SET LOCAL work_mem = '256MB'");
  const fields: [number, string, string, string, string, number][] = [
    [POSTING_FIELDS.text, 'sentences', 'id', 'tsv', 'text_length', from.sentence],
    [POSTING_FIELDS.title, 'documents', 'doc_no', 'heading_tsv', 'heading_length', from.document],
    [POSTING_FIELDS.paragraph, 'paragraphs', 'para_no', 'tsv', 'length', from.paragraph],
  ];
  for (const [field, table, key, tsv, length, first] of fields) {
    // Each posting: the unit's distance from the row's previous unit (the first: the unit itself), tf
    // and the field length, three varints; a common term's units are mostly 1 apart, so 3 bytes.
    await client.query(
      `INSERT INTO postings (term, field, batch, count, data)
       SELECT lexeme, $1, $2, count(*), string_agg(postings_varint(unit - previous) || postings_varint(tf) || postings_varint(len), ''::bytea ORDER BY unit)
       FROM (
         SELECT u.lexeme, t.${key} AS unit, lag(t.${key}, 1, 0) OVER (PARTITION BY u.lexeme ORDER BY t.${key}) AS previous,
                cardinality(u.positions) AS tf, t.${length} AS len
         FROM ${table} t, unnest(t.${tsv}) u
         WHERE t.${key} >= $3${table === 'documents' ? ' AND t.sentence_count > 0' : ''}) p
       GROUP BY lexeme`,
      [field, batch, first],
    );
  }
}

/**
 * Count the grams of a store written before migration 4 in SQL, as ingest counts them in JavaScript
 * (addGrams): every character, every pair of unlike characters, and doubled characters without
 * overlap (regexp_matches with 'g' resumes after each match).
 */
async function fillGramCounts(client: PoolClient): Promise<void> {
  await client.query("SET LOCAL work_mem = '256MB'");
  await client.query(`
    WITH parts AS (
      SELECT simplified AS x FROM sentences
      UNION ALL SELECT title_text FROM documents
      UNION ALL SELECT metadata_text FROM documents),
    counted AS (
      SELECT c AS gram, count(*) AS n FROM parts, regexp_split_to_table(x, '') c WHERE x <> '' GROUP BY c
      UNION ALL
      SELECT substr(x, i, 2), count(*) FROM parts, generate_series(1, length(x) - 1) i WHERE substr(x, i, 1) <> substr(x, i + 1, 1) GROUP BY 1
      UNION ALL
      SELECT m[1] || m[1], count(*) FROM parts, regexp_matches(x, '(.)\\1', 'g') m GROUP BY 1)
    UPDATE corpus_grams g SET count = counted.n FROM counted WHERE g.gram = counted.gram`);
}

/** Key of the advisory lock migrations hold (any constant both instances agree on). */
const MIGRATION_LOCK = 7_301_013;

/** Apply the migrations this database lacks. */
export async function migrate(pool: Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await inTransaction(client, async () => {
        await client.query(m.sql);
        await m.fill?.(client);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
      });
      applied.push(m.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}

export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await work();
    await client.query('COMMIT');
    return out;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A tsvector literal of tokens in order: each lexeme quoted, with its positions (1-based; tf = their number). */
export function tsvectorLiteral(tokens: readonly string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = positions.get(t) ?? [];
    list.push(Math.min(i + 1, 16383));
    positions.set(t, list);
  });
  const parts: string[] = [];
  for (const [t, at] of positions) parts.push(`${quoteLexeme(t)}:${[...new Set(at)].join(',')}`);
  return parts.join(' ');
}

/** A lexeme as tsvector and tsquery literals write it: in single quotes, ' and \ doubled / escaped. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
