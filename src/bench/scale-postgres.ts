/**
 * The scale run through the PostgreSQL store: for each scale corpus, empty the given database, ingest
 * the corpus (timed: what `npm run store -- sync` waits for, documents already in memory), then open
 * the store and ask the scale questions in a fresh process (cli/bench-store-child.ts), as a bot
 * instance would: its start, latency, heap and RSS are the instance's own.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ingestDocuments } from '../knowledge/postgres/ingest.js';
import { dropStore } from '../knowledge/postgres/schema.js';
import { SCALE_CORPORA, roundTo, scaleCorpus, type ScaleCorpus, type StoreScaleRow } from './scale.js';
import { collectGarbage } from './run.js';

const CHILD = fileURLToPath(new URL('../cli/bench-store-child.ts', import.meta.url));

export interface ChildResult {
  startMs: number;
  p50Ms: number;
  p99Ms: number;
  heapMB: number;
  rssMB: number;
  arrayBuffersMB: number;
}

/** Drop the store's tables (the bench's database only). */
export const emptyDatabase = dropStore;

export async function runPostgresScale(dir: string, url: string, options: { log?: (line: string) => void; corpora?: ScaleCorpus[] } = {}): Promise<StoreScaleRow[]> {
  const log = options.log ?? (() => {});
  const rows: StoreScaleRow[] = [];
  for (const c of options.corpora ?? SCALE_CORPORA) {
    const { documents, questions } = scaleCorpus(dir, c);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await emptyDatabase(pool);
      log(`${c.name} (postgres): ingesting ${documents.length} documents…`);
      collectGarbage();
      const t = performance.now();
      const ingested = await ingestDocuments(pool, documents, 'sync');
      const firstStartMs = performance.now() - t;
      await pool.query('VACUUM ANALYZE');
      const size = (await pool.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows[0].bytes;
      log(`${c.name} (postgres): asking from a fresh process…`);
      const child = await askInChild(url, questions);
      rows.push({
        store: 'postgres',
        corpus: c.name,
        sentences: ingested.sentences,
        firstStartMs: roundTo(firstStartMs),
        startMs: child.startMs,
        p50Ms: child.p50Ms,
        p99Ms: child.p99Ms,
        heapMB: child.heapMB,
        arrayBuffersMB: child.arrayBuffersMB,
        rssMB: child.rssMB,
        diskMB: roundTo(Number(size) / 2 ** 20),
      });
      log(JSON.stringify(rows[rows.length - 1]));
    } finally {
      await pool.end();
    }
  }
  return rows;
}

function askInChild(url: string, questions: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [...process.execArgv, '--expose-gc', CHILD, url], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`bench-store-child failed: ${stderr.trim().split('\n').pop() ?? error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
    });
    child.stdin!.end(questions.join('\n'));
  });
}
