/**
 * Where a PostgreSQL store's answer time goes: asks the questions of QFILE (one a line; or the name
 * of a scale corpus, 'zh-hans 1M': the questions the scale bench asks of it) through the store at URL and prints p50/p99, the SQL time summed by query shape, the slowest questions and,
 * with SHOW=1, every query over 40 ms with its parameters. The store must hold a corpus already
 * (`npm run store -- sync`, or the scale bench's database after `bench --scale --postgres`).
 *
 *   [SHOW=1] npx tsx scripts/pg-profile.ts URL QFILE|'zh-hans 1M'
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { PostgresStore } from '../src/knowledge/postgres/store.js';
import { Answerer } from '../src/answer/answerer.js';
import { loadSegmenter } from '../src/text/segment.js';
import { percentile } from '../src/bench/metrics.js';
import { LARGE_SCALE_CORPORA, SCALE_CORPORA, WARMUP, scaleCorpus } from '../src/bench/scale.js';

/** Queries slower than this are listed with SHOW=1. */
const SLOW_QUERY_MS = 40;

const [url, qfile] = process.argv.slice(2);
if (!url || !qfile) {
  console.error('usage: [SHOW=1] npx tsx scripts/pg-profile.ts URL QFILE');
  process.exit(2);
}
const scale = [...SCALE_CORPORA, ...LARGE_SCALE_CORPORA].find((c) => c.name === qfile);
const questions = scale ? scaleCorpus(join(process.env.BENCH_DIR ?? '../shared/bench', 'scale'), scale).questions : readFileSync(qfile, 'utf8').split('\n').filter(Boolean);
loadSegmenter();
const store = await PostgresStore.open(url);
const query = store.query.bind(store);
const slow: { ms: number; shape: string; params: string }[] = [];
const byShape = new Map<string, number>();
store.query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> => {
  const t = performance.now();
  const rows = await query<R>(sql, params);
  const ms = performance.now() - t;
  const shape = sql.replace(/\s+/g, ' ').slice(0, 60);
  byShape.set(shape, (byShape.get(shape) ?? 0) + ms);
  if (ms > SLOW_QUERY_MS) slow.push({ ms, shape, params: JSON.stringify(params).slice(0, 120) });
  return rows;
};
const answerer = new Answerer(store);
for (const q of questions.slice(0, WARMUP)) await answerer.ask(q, {});
const timed: [number, string][] = [];
for (const q of questions) {
  const t = performance.now();
  await answerer.ask(q, {});
  timed.push([performance.now() - t, q]);
}
const ms = timed.map(([d]) => d);
console.log(`questions ${ms.length}, p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms`);
console.log('SQL ms by query:');
for (const [shape, total] of [...byShape].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${total.toFixed(0).padStart(8)}  ${shape}`);
console.log('slowest questions (ms):');
for (const [d, q] of timed.sort((a, b) => b[0] - a[0]).slice(0, 8)) console.log(`${d.toFixed(0).padStart(8)}  ${q}`);
if (process.env.SHOW) for (const s of slow.sort((a, b) => b.ms - a.ms).slice(0, 30)) console.log(`${s.ms.toFixed(0).padStart(8)}  ${s.shape} ${s.params}`);
await store.close();
