/**
 * `npx tsx scripts/diagnose-people.ts [--every N] [--show N]`: where the person facts lose names on every
 * Nth sentence of CLUENER train (a tuning split; the committed model was trained on all of it, so this
 * shows where attachment and the scorer lose names, not how the tagger generalises: the training
 * script's cross-validated figures say that). Each gold name falls in one category: found; tagger span exact but dropped (low confidence /
 * cleanName / overlapped by a rule's name); tagger span with other boundaries; missed. Each wrong
 * person fact: from the rules or the tagger, and what gold it overlaps. CLUENER dev is never read here.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCluener } from '../src/bench/cluener.js';
import { sentencePeople } from '../src/bench/facts.js';
import { matchingForm } from '../src/text/script.js';
import { loadSegmenter } from '../src/text/segment.js';
import { attachSettings, recognise } from '../src/facts/tagger/index.js';
import { cleanName, nameScore, recognisedCandidates } from '../src/facts/tagger/attach.js';
import { findBylinePeople, findTitledPeople } from '../src/facts/people.js';

const { values } = parseArgs({ options: { show: { type: 'string' }, every: { type: 'string' } } });
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const file = join(repoRoot, '..', 'shared', 'bench', 'cluener', 'cluener_train.json');
loadSegmenter();
const every = Number(values.every ?? 10);
const sentences = loadCluener(file).filter((_, k) => k % every === 0);
const show = Number(values.show ?? 0);
const counts = new Map<string, number>();
const examples = new Map<string, string[]>();
const add = (cat: string, ex: string) => {
  counts.set(cat, (counts.get(cat) ?? 0) + 1);
  const l = examples.get(cat) ?? [];
  if (l.length < show) l.push(ex);
  examples.set(cat, l);
};
const settings = attachSettings();
for (const s of sentences) {
  const text = matchingForm(s.text);
  const people = sentencePeople(s.text);
  const predicted = new Set(people.map((p) => p.value));
  const spans = recognise(text);
  const ruled = [...findTitledPeople(text), ...findBylinePeople(text)];
  const golds = s.spans.filter((x) => x.label === 'name');
  const goldNames = new Set(golds.map((g) => matchingForm(g.text)));
  for (const g of golds) {
    const name = matchingForm(g.text);
    if (predicted.has(name)) {
      add('gold: found', name);
      continue;
    }
    const exact = spans.find((x) => x.kind === 'PER' && x.start === g.start && x.end === g.end);
    const ctx = `${name} | ${text}`;
    if (exact) {
      if (!cleanName(exact.text)) add('gold: tagger exact, cleanName rejects', ctx);
      else if (ruled.some((r) => r.index < g.end && g.start < r.index + r.name.length)) add('gold: tagger exact, rule name overlaps', ctx);
      else {
        const candidate = recognisedCandidates(text, spans, settings.knownNames).find((c) => c.mention.index === g.start);
        const score = candidate ? nameScore(candidate.inputs, settings.nameWeights) : -1;
        if (candidate && score < settings.minNameScore) add(`gold: tagger exact, score ${score.toFixed(1)} < ${settings.minNameScore}`, ctx);
        else add('gold: tagger exact, dropped otherwise', ctx);
      }
      continue;
    }
    const overlap = spans.find((x) => x.start < g.end && g.start < x.end && x.kind === 'PER');
    if (overlap) add(`gold: tagger PER boundary (${overlap.text})`.replace(/\(.*\)/, overlap.end - overlap.start > g.end - g.start ? '(longer)' : '(shorter/shifted)'), `${ctx} -> ${overlap.text}`);
    else {
      const other = spans.find((x) => x.start < g.end && g.start < x.end);
      add(other ? `gold: tagger other kind ${other.kind}` : 'gold: tagger misses', `${ctx}${other ? ' -> ' + other.text : ''}`);
    }
  }
  for (const p of people) {
    if (goldNames.has(p.value)) continue;
    const at = text.indexOf(p.value);
    const fromRule = ruled.some((r) => r.name === p.value);
    const src = fromRule ? 'rule' : 'tagger';
    const over = s.spans.find((x) => at >= 0 && x.start < at + p.value.length && at < x.end);
    add(`wrong ${src}: ${over ? (over.label === 'name' ? 'boundary of a name' : 'overlaps ' + over.label) : 'no gold there'}`, `${p.value} | ${text}`);
  }
}
for (const [cat, n] of [...counts.entries()].sort()) {
  console.log(`${String(n).padStart(5)}  ${cat}`);
  for (const e of examples.get(cat) ?? []) console.log(`         ${e}`);
}
