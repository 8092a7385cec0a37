// npx tsx scratch/pg-ingest.ts URL 'zh-hans 300k' QFILE : empty DB, ingest the scale corpus, write its questions.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { scaleCorpus, SCALE_CORPORA, LARGE_SCALE_CORPORA } from '../src/bench/scale.js';
import { ingestDocuments } from '../src/knowledge/postgres/ingest.js';
import { dropStore } from '../src/knowledge/postgres/schema.js';
import { loadSegmenter } from '../src/text/segment.js';
const [url, name, qfile] = process.argv.slice(2);
const c = [...SCALE_CORPORA, ...LARGE_SCALE_CORPORA].find((x) => x.name === name)!;
loadSegmenter();
const { documents, questions } = scaleCorpus('../shared/bench/scale', c);
writeFileSync(qfile, questions.join('\n'));
const pool = new pg.Pool({ connectionString: url, max: 2 });
await dropStore(pool);
const t = performance.now();
const r = await ingestDocuments(pool, documents, 'sync');
console.log('ingest ms', Math.round(performance.now() - t), r.sentences);
await pool.query('VACUUM ANALYZE');
await pool.end();
