// [SHOW=1] npx tsx scratch/pg-profile.ts URL QFILE : p50/p99 and where SQL time goes; SHOW lists queries > 40 ms.
import { readFileSync } from 'node:fs';
import { PostgresStore } from '../src/knowledge/postgres/store.js';
import { Answerer } from '../src/answer/answerer.js';
import { loadSegmenter } from '../src/text/segment.js';
import { percentile } from '../src/bench/metrics.js';
const [url, qfile] = process.argv.slice(2);
const questions = readFileSync(qfile, 'utf8').split('\n').filter(Boolean);
loadSegmenter();
const store = await PostgresStore.open(url);
const orig = store.query.bind(store);
const slow: { ms: number; sql: string; params: string }[] = [];
const byKind = new Map<string, number>();
(store as any).query = async (sql: string, params: unknown[]) => {
  const t = performance.now();
  const r = await orig(sql, params);
  const ms = performance.now() - t;
  const kind = sql.replace(/\s+/g, ' ').slice(0, 60);
  byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
  if (ms > 40) slow.push({ ms, sql: kind, params: JSON.stringify(params).slice(0, 120) });
  return r;
};
const answerer = new Answerer(store);
for (const q of questions.slice(0, 20)) await answerer.ask(q, {});
const ms: number[] = [];
const perQ: [number, string][] = [];
for (const q of questions) {
  const t = performance.now();
  await answerer.ask(q, {});
  const d = performance.now() - t;
  ms.push(d);
  perQ.push([d, q]);
}
console.log('n', ms.length, 'p50', percentile(ms, 50).toFixed(1), 'p99', percentile(ms, 99).toFixed(1));
console.log([...byKind].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(0).padStart(7)} ${k}`).join('\n'));
perQ.sort((a, b) => b[0] - a[0]);
console.log(perQ.slice(0, 8).map(([d, q]) => `${d.toFixed(0)} ${q}`).join('\n'));
if (process.env.SHOW) console.log(slow.sort((a, b) => b.ms - a.ms).slice(0, 30).map((s) => `${s.ms.toFixed(0)} ${s.sql} ${s.params}`).join('\n'));
await store.close();
