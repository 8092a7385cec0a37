/**
 * `npm run store -- sync [--corpus DIR]` writes the corpus folder into the PostgreSQL store
 * (DATABASE_URL): nothing when it already holds exactly these documents, else everything, in one
 * transaction (knowledge/postgres/ingest.ts). `npm run store -- status` prints its counts and version.
 * Running bots see the change within a poll (knowledge/postgres/store.ts POLL_MS).
 */
import { parseArgs } from 'node:util';
import { readCorpus } from '../documents/read.js';
import { createPool, describeUrl, StoreUnavailableError } from '../knowledge/postgres/store.js';
import { ingestDocuments, readStats } from '../knowledge/postgres/ingest.js';
import { migrate } from '../knowledge/postgres/schema.js';
import { corpusDir, loadEnvFile, toolSettings } from './args.js';

const USAGE = `Usage: npm run store -- sync [--corpus DIR] | status

  sync     write the corpus folder (default: $CORPUS_DIR or corpus) into the PostgreSQL store
  status   documents, sentences, facts and version of the store
Needs DATABASE_URL=postgres://user:password@host:5432/database.`;

loadEnvFile();
const { values, positionals } = parseArgs({ options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
const command = positionals[0];
if (values.help || (command !== 'sync' && command !== 'status')) {
  process.stdout.write(USAGE + '\n');
  process.exit(values.help ? 0 : 2);
}
const store = toolSettings().store;
if (store?.kind !== 'postgres') {
  process.stderr.write('error: DATABASE_URL is not set (or STORE=memory): there is no PostgreSQL store to write\n');
  process.exit(2);
}
const pool = createPool(store.url);
try {
  if (command === 'status') {
    await migrate(pool);
    const s = await readStats(pool);
    process.stdout.write(JSON.stringify({ store: 'postgres', at: describeUrl(store.url), documents: s.documents, sentences: s.sentences, facts: s.facts, version: s.version }) + '\n');
  } else {
    const dir = corpusDir(values.corpus);
    const started = performance.now();
    const { documents, problems } = await readCorpus(dir);
    for (const p of problems) process.stderr.write(`${p.kept ? 'warning' : 'skipped'} ${p.path}: ${p.reason}\n`);
    const result = await ingestDocuments(pool, documents, 'sync');
    process.stdout.write(JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }) + '\n');
  }
} catch (error) {
  process.stderr.write(`error: ${new StoreUnavailableError(describeUrl(store.url), error).message}\n`);
  process.exitCode = 2;
} finally {
  await pool.end();
}
