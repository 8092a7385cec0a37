/**
 * Check that the parallel knowledge-base build gives what the one-thread build gives on a real corpus
 * folder (tests/knowledge/parallel-build.test.ts does it on small fixtures): the SHA-1 of the sentences,
 * facts, corpus text and index data of each, with its CPU and wall time. Each build runs in a fresh
 * process (the segmenter keeps the words a build taught it, so a second build in the same process
 * would not start from the same state).
 *
 *   npx tsx scripts/parallel-check.ts DIR [--limit N]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCorpus } from '../src/documents/read.js';
import { buildKnowledgeBase, type KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { buildKnowledgeBaseInParallel } from '../src/knowledge/parallel-build.js';
import { loadSegmenter } from '../src/text/segment.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, mode: { type: 'string' } } });
if (!positionals[0]) throw new Error('usage: npx tsx scripts/parallel-check.ts DIR [--limit N]');
loadSegmenter();
const read = await readCorpus(positionals[0]);
const documents = values.limit ? read.documents.slice(0, Number(values.limit)) : read.documents;
const digest = (kb: KnowledgeBase) => {
  const h = (x: unknown) =>
    createHash('sha1')
      .update(typeof x === 'string' ? x : JSON.stringify(x))
      .digest('hex')
      .slice(0, 12);
  return { sentences: h(kb.sentences), facts: h(kb.facts), corpusText: h(kb.corpusText), index: h(kb.index.toJSON()) };
};
const timed = async (label: string, build: () => Promise<KnowledgeBase> | KnowledgeBase) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const kb = await build();
  const c = process.cpuUsage(c0);
  const d = digest(kb);
  console.log(
    `${label}: wall ${((performance.now() - t0) / 1000).toFixed(1)} s, cpu of this process ${((c.user + c.system) / 1e6).toFixed(1)} s; ${kb.sentences.length} sentences, ${kb.facts.length} facts; ${JSON.stringify(d)}`,
  );
  return d;
};
if (values.mode) {
  const errors: unknown[] = [];
  const d = await timed(values.mode, () =>
    values.mode === 'parallel' ? buildKnowledgeBaseInParallel(documents, { minChars: 0, onWorkerError: (e) => errors.push(e) }) : buildKnowledgeBase(documents),
  );
  console.log(`DIGEST ${JSON.stringify({ ...d, workerErrors: errors.length })}`);
  process.exit(0);
}
const run = (mode: string) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2), '--mode', mode], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(
    out
      .split('\n')
      .filter((l) => !l.startsWith('DIGEST'))
      .join('\n'),
  );
  return out.split('\n').find((l) => l.startsWith('DIGEST'));
};
const parallel = run('parallel');
const serial = run('one-thread');
const same = parallel === serial;
console.log(same ? 'same knowledge base' : 'DIFFERENT');
process.exit(same ? 0 : 1);
