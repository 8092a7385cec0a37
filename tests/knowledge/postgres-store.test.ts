/**
 * The PostgreSQL store against a real server (TEST_DATABASE_URL, a database the test may empty; .ci/run
 * starts one): the same answers as the in-process store on the seed corpus (our paraphrase set and the
 * shared dev set) and on a 300-question sample of DRCD test (a tuning split) with its whole corpus;
 * idempotent ingest; two instances ingesting at once lose nothing; an upload through one instance is
 * seen by another. Skipped with a message when no server is given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { readCorpus } from '../../src/documents/read.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { ingestDocuments } from '../../src/knowledge/postgres/ingest.js';
import { PostgresStore, unpackPostings, type PackedRows } from '../../src/knowledge/postgres/store.js';
import { MemoryStore } from '../../src/knowledge/store.js';
import { dropStore, migrate } from '../../src/knowledge/postgres/schema.js';
import { AnswerEngine } from '../../src/answer/engine.js';
import { Answerer } from '../../src/answer/answerer.js';
import { loadSquad } from '../../src/bench/squad.js';
import type { CorpusDocument } from '../../src/types.js';
import { testDatabaseUrl } from '../../src/config/settings.js';

const url = testDatabaseUrl();
const BENCH = resolve(process.env.BENCH_DIR ?? '../shared/bench');
const SHARED_DEV = resolve('../shared/eval/seed-qa-dev.jsonl');
if (!url) console.warn('TEST_DATABASE_URL is not set: the PostgreSQL store tests are skipped');

/** Empty the test database: every table the migrations made, and their record. */
async function resetDatabase(): Promise<void> {
  const pool = new pg.Pool({ connectionString: url });
  await dropStore(pool);
  await pool.end();
}

const questionsOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);

/**
 * Undo what migration `version` made (`undo`) and forget it ran, as in a database written before it;
 * migrating again must run just it and leave what `read` reads as it was.
 */
async function expectMigrationRewrites<T>(pool: pg.Pool, version: number, undo: string[], read: () => Promise<T>): Promise<void> {
  const written = await read();
  for (const sql of undo) await pool.query(sql);
  await pool.query('DELETE FROM schema_migrations WHERE version = $1', [version]);
  expect(await migrate(pool)).toEqual([version]);
  expect(await read()).toEqual(written);
}

/** Ask every question of both; the answers must be the same JSON. */
async function expectSameAnswers(engine: AnswerEngine, answerer: Answerer, questions: string[]): Promise<void> {
  const differ: string[] = [];
  for (const q of questions) {
    const memory = JSON.stringify(engine.ask(q, {}));
    const server = JSON.stringify(await answerer.ask(q, {}));
    if (memory !== server) differ.push(`${q}\n  memory:   ${memory.slice(0, 300)}\n  postgres: ${server.slice(0, 300)}`);
  }
  expect(differ, differ.slice(0, 3).join('\n')).toEqual([]);
}

describe.skipIf(!url)('PostgreSQL store (TEST_DATABASE_URL)', () => {
  let documents: CorpusDocument[];
  const stores: PostgresStore[] = [];
  const open = async () => {
    const store = await PostgresStore.open(url!);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    await resetDatabase();
    documents = (await readCorpus('corpus')).documents;
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('answers the seed questions as the in-process store does; a second ingest writes nothing', async () => {
    const pool = new pg.Pool({ connectionString: url });
    const first = await ingestDocuments(pool, documents, 'sync');
    expect(first).toMatchObject({ written: documents.length, rewritten: true });
    const again = await ingestDocuments(pool, documents, 'sync');
    expect(again).toMatchObject({ written: 0, unchanged: documents.length, version: first.version });
    await pool.end();
    const engine = new AnswerEngine(buildKnowledgeBase(documents));
    const store = await open();
    expect(store.sentenceCount).toBe(engine.store.sentenceCount);
    const questions = questionsOf('eval/seed-paraphrases.jsonl');
    if (existsSync(SHARED_DEV)) questions.push(...questionsOf(SHARED_DEV));
    else console.warn('../shared/eval is absent: only our own seed paraphrases are compared');
    await expectSameAnswers(engine, new Answerer(store), questions);
  }, 120_000);

  it('an upload through one instance is answered by another after its poll', async () => {
    const a = await open();
    const b = await open();
    const upload: CorpusDocument = { meta: { id: 'upload-test', title: '青港湾大桥通车' }, paragraphs: ['青港湾大桥全长12.6公里，于2023年5月1日正式通车。'] };
    const before = await new Answerer(b).ask('青港湾大桥全长多少公里？');
    expect(before.answered).toBe(false);
    await ingestDocuments(a.pool, [upload], 'add');
    expect(await b.refresh()).toBe(true);
    const after = await new Answerer(b).ask('青港湾大桥全长多少公里？');
    expect(after.citations[0]?.docId).toBe('upload-test');
    expect(after.answer).toContain('12.6');
  }, 60_000);

  it('a store written before the postings table gets the same postings from its migration', async () => {
    const pool = new pg.Pool({ connectionString: url });
    // Each term's postings per field, decoded (rows of two writes hold the same postings as one row).
    const postings = async () => {
      const rows = (await pool.query<{ term: string; field: number; count: number; data: Buffer }>('SELECT term, field, count, data FROM postings ORDER BY term COLLATE "C", field, batch')).rows;
      const packed = new Map<string, PackedRows>();
      for (const r of rows) {
        const key = `${r.term}\u0000${r.field}`;
        const p = packed.get(key) ?? { count: 0, parts: [] };
        p.count += r.count;
        p.parts.push(r.data);
        packed.set(key, p);
      }
      return [...packed].map(([key, p]) => ({ key, ...unpackPostings(p) }));
    };
    expect((await postings()).length).toBeGreaterThan(100);
    // As a database that never had migration 3: no postings table or function.
    await expectMigrationRewrites(pool, 3, ['DROP TABLE postings', 'DROP FUNCTION postings_varint(bigint)'], postings);
    await pool.end();
  }, 60_000);

  it('counts every 1- and 2-character piece as the in-process store counts it, at ingest and in the migration', async () => {
    await resetDatabase();
    // Doubled characters: 哈哈哈哈哈 holds two 哈哈 that do not overlap, 谢谢谢 one; 哈谢 is not doubled.
    const docs = [...documents, { meta: { id: 'doubles', title: '哈哈哈' }, paragraphs: ['他笑着说哈哈哈哈哈，谢谢谢大家。', '哈谢，好好学习。'] }];
    const pool = new pg.Pool({ connectionString: url });
    await ingestDocuments(pool, docs.slice(0, 3), 'add');
    await ingestDocuments(pool, docs.slice(3), 'add');
    const memory = new MemoryStore(buildKnowledgeBase(docs));
    const stored = async () => (await pool.query<{ gram: string; count: string }>('SELECT gram, count FROM corpus_grams ORDER BY gram COLLATE "C"')).rows;
    const written = await stored();
    expect(written.length).toBeGreaterThan(1000);
    const differ = written.filter((r) => Number(r.count) !== memory.countInCorpus(r.gram, Infinity));
    expect(differ.slice(0, 5)).toEqual([]);
    expect(written.find((r) => r.gram === '哈哈')?.count).toBe(String(memory.countInCorpus('哈哈', Infinity)));
    // As a database that never had migration 4: no counts, no document trigram indexes.
    await expectMigrationRewrites(pool, 4, ['ALTER TABLE corpus_grams DROP COLUMN count', 'DROP INDEX documents_title_trgm, documents_metadata_trgm'], stored);
    await pool.end();
  }, 60_000);

  it('two instances ingesting at once lose nothing', async () => {
    await resetDatabase();
    const a = new pg.Pool({ connectionString: url });
    const b = new pg.Pool({ connectionString: url });
    const half = Math.ceil(documents.length / 2);
    // The first migration may run from either; both then append their half.
    await Promise.all([migrate(a), migrate(b)]);
    const [ra, rb] = await Promise.all([ingestDocuments(a, documents.slice(0, half), 'add'), ingestDocuments(b, documents.slice(half), 'add')]);
    expect(ra.written + rb.written).toBe(documents.length);
    const counts = (
      await a.query(
        'SELECT (SELECT count(*) FROM documents)::int AS docs, (SELECT count(*) FROM sentences)::int AS sentences, (SELECT max(id) FROM sentences) AS max_id, (SELECT sentences FROM corpus_stats) AS stat',
      )
    ).rows[0];
    const expected = buildKnowledgeBase(documents).sentences.length;
    expect(counts).toEqual({ docs: documents.length, sentences: expected, max_id: expected - 1, stat: expected });
    await a.end();
    await b.end();
  }, 120_000);

  it.skipIf(!existsSync(resolve(BENCH, 'drcd/DRCD_test.json')))(
    'answers a 300-question sample of DRCD test as the in-process store does',
    async () => {
      await resetDatabase();
      const set = loadSquad(resolve(BENCH, 'drcd/DRCD_test.json'), 'drcd_test');
      // One extraction for both stores (the store takes the built sentences and facts): half the time.
      const kb = buildKnowledgeBase(set.documents);
      const pool = new pg.Pool({ connectionString: url });
      await ingestDocuments(pool, set.documents, 'sync', kb);
      await pool.end();
      const engine = new AnswerEngine(kb);
      const step = Math.floor(set.questions.length / 300);
      const sample = set.questions.filter((_, i) => i % step === 0).slice(0, 300);
      await expectSameAnswers(
        engine,
        new Answerer(await open()),
        sample.map((q) => q.question),
      );
    },
    300_000,
  );
});

describe('PostgreSQL store that cannot be reached', () => {
  it('fails with one line naming host, port and database, never the password', async () => {
    const error = await PostgresStore.open('postgres://qa:hunter2@127.0.0.1:1/qa').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^PostgreSQL store at 127\.0\.0\.1:1\/qa is unavailable: /);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('\n');
  });
});
