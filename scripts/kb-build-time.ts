/**
 * The knowledge-base build of a SQuAD-style split on one thread, timed: CPU (process.cpuUsage around
 * buildKnowledgeBase) and wall, with the number of facts by type. One build per process (a build teaches
 * the segmenter words, so a second build in the same process would not start alike).
 *
 *   npx tsx scripts/kb-build-time.ts ../shared/bench/drcd/DRCD_dev.json
 *
 * To compare two commits, run it in a checkout of each, alternating, at the same load.
 */
import { loadSquad } from '../src/bench/squad.js';
import { buildKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { loadSegmenter } from '../src/text/segment.js';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/kb-build-time.ts SPLIT.json');
loadSegmenter();
const set = loadSquad(file);
const c0 = process.cpuUsage();
const t0 = performance.now();
const kb = buildKnowledgeBase(set.documents);
const cpu = process.cpuUsage(c0);
const byType: Record<string, number> = {};
for (const f of kb.facts) byType[f.type] = (byType[f.type] ?? 0) + 1;
process.stdout.write(
  `${JSON.stringify({ documents: set.documents.length, sentences: kb.sentences.length, cpuMs: Math.round((cpu.user + cpu.system) / 1000), wallMs: Math.round(performance.now() - t0), facts: byType })}\n`,
);
