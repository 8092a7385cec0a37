/**
 * The bot-instance side of `npm run bench -- --scale --postgres URL` (bench/scale-postgres.ts): open
 * the PostgreSQL store at URL (argv[2]), answer the questions on stdin (one a line; WARMUP untimed
 * first), print {startMs, p50Ms, p99Ms, heapMB, rssMB, arrayBuffersMB} as one JSON line.
 */
import { text } from 'node:stream/consumers';
import { PostgresStore } from '../knowledge/postgres/store.js';
import { Answerer } from '../answer/answerer.js';
import { loadSegmenter } from '../text/segment.js';
import { WARMUP, roundTo } from '../bench/scale.js';
import { collectGarbage, memoryNow } from '../bench/run.js';
import { percentile } from '../bench/metrics.js';

const questions = (await text(process.stdin)).split('\n').filter(Boolean);
loadSegmenter();
let t = performance.now();
const store = await PostgresStore.open(process.argv[2]);
const startMs = performance.now() - t;
const answerer = new Answerer(store);
for (const q of questions.slice(0, WARMUP)) await answerer.ask(q, {});
collectGarbage();
const ms: number[] = [];
for (const q of questions) {
  t = performance.now();
  await answerer.ask(q, {});
  ms.push(performance.now() - t);
}
collectGarbage();
const mem = memoryNow();
process.stdout.write(
  JSON.stringify({
    startMs: roundTo(startMs),
    p50Ms: roundTo(percentile(ms, 50), 3),
    p99Ms: roundTo(percentile(ms, 99), 3),
    heapMB: mem.heapMB,
    rssMB: mem.rssMB,
    arrayBuffersMB: mem.arrayBuffersMB,
  }) + '\n',
);
await store.close();
