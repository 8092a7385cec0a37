/**
 * Do the two knowledge stores give the same answers? Builds a bench split in process, writes the same
 * knowledge base into the PostgreSQL store at URL (a database the script may empty), asks every
 * question of both and compares the whole `Answer` JSON (issue 13: the same answer to >= 99% of DRCD
 * dev). Prints one JSON line: questions, same, share, and the first differing questions.
 *
 *   npx tsx scripts/compare-stores.ts URL [--split drcd/DRCD_dev.json] [--bench-dir DIR]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadSquad } from '../src/bench/squad.js';
import { buildKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { ingestDocuments } from '../src/knowledge/postgres/ingest.js';
import { dropStore } from '../src/knowledge/postgres/schema.js';
import { PostgresStore } from '../src/knowledge/postgres/store.js';
import { AnswerEngine } from '../src/answer/engine.js';
import { Answerer } from '../src/answer/answerer.js';
import { loadSegmenter } from '../src/text/segment.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { split: { type: 'string', default: 'drcd/DRCD_dev.json' }, 'bench-dir': { type: 'string' } } });
const url = positionals[0];
if (!url) {
  console.error('usage: npx tsx scripts/compare-stores.ts URL [--split drcd/DRCD_dev.json] [--bench-dir DIR]');
  process.exit(2);
}
const benchDir = resolve(values['bench-dir'] ?? process.env.BENCH_DIR ?? '../shared/bench');
loadSegmenter();
const set = loadSquad(resolve(benchDir, values.split!));
const kb = buildKnowledgeBase(set.documents);
const pool = new pg.Pool({ connectionString: url });
await dropStore(pool);
await ingestDocuments(pool, set.documents, 'sync', kb);
await pool.end();
const engine = new AnswerEngine(kb);
const store = await PostgresStore.open(url);
const answerer = new Answerer(store);
let same = 0;
const differ: string[] = [];
for (const q of set.questions) {
  const memory = JSON.stringify(engine.ask(q.question, {}));
  const server = JSON.stringify(await answerer.ask(q.question, {}));
  if (memory === server) same++;
  else if (differ.length < 5) differ.push(q.id);
}
await store.close();
console.log(JSON.stringify({ split: values.split, questions: set.questions.length, same, share: Math.round((same / Math.max(1, set.questions.length)) * 1e4) / 1e4, differ }));
