/**
 * Precision and recall of date and figure facts on the pages in eval/facts-numbers (written for this, both
 * scripts, page chrome included) against eval/facts-numbers/gold.json. Each page goes through the cleaner
 * and the fact extractor as in the knowledge-base build. A figure matches when its value equals the gold
 * value in the matching form, whitespace and leading approximation words (约, 逾…) removed.
 *
 *   npx tsx scripts/eval-facts-numbers.ts [--set facts-numbers|facts-numbers-heldout] [--verbose]
 *
 * facts-numbers (default) was written while the rules were built; facts-numbers-heldout after they were frozen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanDocument } from '../src/documents/clean.js';
import { extractFacts } from '../src/facts/extract.js';
import { APPROXIMATE_BEFORE, alternation } from '../src/facts/lexicon.js';
import { toSentences } from '../src/knowledge/knowledge-base.js';
import { matchingForm } from '../src/text/script.js';

interface GoldDocument {
  file: string;
  dates: string[];
  figures: string[];
}

const FIGURE_TYPES = new Set(['percentage', 'score', 'grade', 'ordinal', 'duration', 'count', 'amount']);
const APPROXIMATION = new RegExp(`^${alternation(APPROXIMATE_BEFORE)}`);
const normalise = (value: string) => matchingForm(value).replace(/\s+/g, '').replace(APPROXIMATION, '');

const setAt = process.argv.indexOf('--set');
const set = setAt >= 0 ? process.argv[setAt + 1] : 'facts-numbers';
const dir = join(import.meta.dirname, '..', 'eval', set);
const gold: GoldDocument[] = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')).documents;
const verbose = process.argv.includes('--verbose');

const totals = { dates: { tp: 0, predicted: 0, gold: 0 }, figures: { tp: 0, predicted: 0, gold: 0 } };
for (const g of gold) {
  const doc = cleanDocument(readFileSync(join(dir, g.file), 'utf8'), g.file.replace(/\.txt$/, ''));
  const facts = extractFacts([doc], toSentences([doc]));
  const predicted = {
    dates: new Set(facts.filter((f) => f.type === 'date').map((f) => f.value)),
    figures: new Set(facts.filter((f) => FIGURE_TYPES.has(f.type) && (f as { origin?: string }).origin !== 'meta').map((f) => normalise(f.value))),
  };
  const wanted = { dates: new Set(g.dates), figures: new Set(g.figures.map(normalise)) };
  for (const kind of ['dates', 'figures'] as const) {
    const hits = [...predicted[kind]].filter((v) => wanted[kind].has(v));
    totals[kind].tp += hits.length;
    totals[kind].predicted += predicted[kind].size;
    totals[kind].gold += wanted[kind].size;
    if (verbose) {
      const extra = [...predicted[kind]].filter((v) => !wanted[kind].has(v));
      const missed = [...wanted[kind]].filter((v) => !predicted[kind].has(v));
      console.log(`${g.file} ${kind}: extra ${JSON.stringify(extra)} missed ${JSON.stringify(missed)}`);
    }
  }
}
const round = (x: number) => Math.round(x * 100) / 100;
const report = Object.fromEntries(Object.entries(totals).map(([kind, t]) => [kind, { precision: round(t.tp / (t.predicted || 1)), recall: round(t.tp / (t.gold || 1)), ...t }]));
console.log(JSON.stringify({ set, documents: gold.length, ...report }, null, 1));
