/**
 * Fact extraction speed on a corpus folder (read and cleaned first, not timed): CPU and wall time of
 * toSentences, extractFacts and the index build, and a digest of the facts and index (to check that a
 * faster version gives the same result).
 *
 *   npx tsx scripts/facts-speed.ts DIR [--limit N]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readCorpus } from '../src/documents/read.js';
import { toSentences } from '../src/knowledge/knowledge-base.js';
import { extractFacts } from '../src/facts/index.js';
import { SentenceIndex } from '../src/index/sentence-index.js';
import { loadSegmenter } from '../src/text/segment.js';
import { matchingForm } from '../src/text/script.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, 'no-index': { type: 'boolean' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx scripts/facts-speed.ts DIR [--limit N]');
loadSegmenter();
const read = await readCorpus(dir);
const documents = values.limit ? read.documents.slice(0, Number(values.limit)) : read.documents;
const time = <T>(label: string, fn: () => T): T => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const c = process.cpuUsage(c0);
  console.log(`${label}: wall ${((performance.now() - t0) / 1000).toFixed(2)} s, cpu ${((c.user + c.system) / 1e6).toFixed(2)} s`);
  return out;
};
const sentences = time('toSentences', () => toSentences(documents));
const facts = time('extractFacts', () => extractFacts(documents, sentences));
console.log(`${documents.length} documents, ${sentences.length} sentences, ${facts.length} facts; facts digest ${createHash('sha1').update(JSON.stringify(facts)).digest('hex').slice(0, 12)}`);
if (!values['no-index']) {
  const titles = new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
  const index = time('index build', () => SentenceIndex.build(sentences, (id) => titles.get(id) ?? ''));
  console.log(`index digest ${createHash('sha1').update(index.toJSON()).digest('hex').slice(0, 12)}`);
}
