/**
 * `npm run train:tagger [-- --bench-dir DIR] [--out FILE]`: trains the person/title character tagger on
 * CLUENER 2020 train and writes src/facts/tagger/person-tagger.json (reproducible: fixed seed and order).
 *
 * 1. Every HELDOUT_EVERY-th train sentence is held out; the perceptron is trained on the rest for up to
 *    MAX_EPOCHS epochs, and the epoch with the best held-out F1 (names + positions) is kept.
 * 2. The pruning threshold is the largest in PRUNE_CANDIDATES that costs at most PRUNE_TOLERANCE of that
 *    F1; the marginals' temperature is the one in TEMPERATURES with the best held-out log-likelihood.
 * 3. The name thresholds (a tagger name without and with an attached title) are fitted on the held-out
 *    slice through the whole facts pipeline: the pair with the most recall whose precision reaches
 *    NAME_PRECISION_TARGET.
 * 4. The model trained without the held-out slice is written (the thresholds were fitted for it).
 * CLUENER dev is never read here (it is report-only: `npm run bench -- --facts`).
 */
import { writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCluener, type ClueSentence } from '../src/bench/cluener.js';
import { matchingForm } from '../src/text/script.js';
import { loadSegmenter, tag } from '../src/text/segment.js';
import { charContext, featureHashes } from '../src/facts/tagger/features.js';
import { TAG_COUNT, deserialise, emissions, marginals, pathOf as pathOfGold, serialise, spansOf, viterbi, type EntityKind, type TaggedSpan, type TaggerModel } from '../src/facts/tagger/model.js';
import { train, type TrainingExample } from '../src/facts/tagger/train.js';
import { MODEL_FILE, overrideAttachSettings, useTaggerModel } from '../src/facts/tagger/index.js';
import { scoreCluener } from '../src/bench/facts.js';

/** Weight table rows (2^19): the loaded int16 table is 9 MB; 2^20 rows gave no better held-out F1 (0.758 against 0.760) and decode slower (cache misses). */
const ROWS = 1 << 19;
const SEED = 20201;
const HELDOUT_EVERY = 10;
const MAX_EPOCHS = 15;
/** Rows whose largest weight is below the threshold are dropped (candidates in the perceptron's units: one update is 1). */
const PRUNE_CANDIDATES = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
/** Share of the held-out F1 that pruning may cost. */
const PRUNE_TOLERANCE = 0.005;
const TEMPERATURES = [16, 24, 32, 40, 48, 56, 64, 80, 96];
/** Candidate thresholds on a tagger name's confidence (the lowest marginal of its tags). */
const NAME_CONFIDENCES = [0, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];
/** Held-out precision the names must reach: the done-when (CLUENER dev names precision >= 0.90). */
const NAME_PRECISION_TARGET = 0.9;

const LABEL_KIND: Record<string, EntityKind> = {
  name: 'PER',
  position: 'POS',
  organization: 'ORG',
  government: 'ORG',
  company: 'ORG',
  address: 'LOC',
};

const { values } = parseArgs({ options: { 'bench-dir': { type: 'string' }, out: { type: 'string' } } });
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const benchDir = resolve(values['bench-dir'] ?? process.env.BENCH_DIR ?? join(repoRoot, '..', 'shared', 'bench'));
const trainFile = join(benchDir, 'cluener', 'cluener_train.json');
if (!existsSync(trainFile)) {
  process.stderr.write(`no ${trainFile} (set --bench-dir or BENCH_DIR)\n`);
  process.exit(2);
}
const out = values.out ? resolve(values.out) : MODEL_FILE;
const log = (s: string) => process.stderr.write(s + '\n');

/** Gold spans of the tagged kinds; a span overlapping an earlier (longer-first) one is dropped. */
function goldSpans(s: ClueSentence): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const sp of s.spans) {
    const kind = LABEL_KIND[sp.label];
    if (!kind) continue;
    if (out.some((o) => sp.start < o.end && o.start < sp.end)) continue;
    out.push({ kind, start: sp.start, end: sp.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

function toExample(s: ClueSentence): TrainingExample {
  // The matching form when it keeps the offsets (opencc maps character for character almost always).
  const simplified = matchingForm(s.text);
  const text = simplified.length === s.text.length ? simplified : s.text;
  return { text, feats: featureHashes(charContext(text, tag(text))), gold: goldSpans(s) };
}

interface Scores {
  f1: number;
  byKind: Record<string, { p: number; r: number; f1: number }>;
}

function evaluate(model: TaggerModel, examples: readonly TrainingExample[]): Scores {
  const counts: Record<string, { tp: number; pred: number; gold: number }> = {};
  for (const k of ['PER', 'POS']) counts[k] = { tp: 0, pred: 0, gold: 0 };
  for (const ex of examples) {
    const n = ex.text.length;
    const pred = spansOf(viterbi(model, emissions(model, ex.feats, n), n));
    for (const k of Object.keys(counts)) {
      const g = ex.gold.filter((s) => s.kind === k);
      const p = pred.filter((s) => s.kind === k);
      counts[k].gold += g.length;
      counts[k].pred += p.length;
      counts[k].tp += p.filter((x) => g.some((y) => y.start === x.start && y.end === x.end)).length;
    }
  }
  const byKind: Scores['byKind'] = {};
  for (const [k, c] of Object.entries(counts)) {
    const p = c.pred ? c.tp / c.pred : 0;
    const r = c.gold ? c.tp / c.gold : 0;
    byKind[k] = { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
  }
  return { f1: round((byKind.PER.f1 + byKind.POS.f1) / 2), byKind };
}

/** Mean log-likelihood of the gold tags under the marginals at a temperature. */
function goldLogLikelihood(model: TaggerModel, examples: readonly TrainingExample[], temperature: number): number {
  let sum = 0;
  let count = 0;
  for (const ex of examples) {
    const n = ex.text.length;
    if (!n) continue;
    const probs = marginals(model, emissions(model, ex.feats, n), n, temperature);
    const gold = pathOfGold(n, ex.gold);
    for (let i = 0; i < n; i++) {
      sum += Math.log(Math.max(1e-12, probs[i * TAG_COUNT + gold[i]]));
      count++;
    }
  }
  return sum / count;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

const t0 = performance.now();
loadSegmenter();
const sentences = loadCluener(trainFile);
const examples = sentences.map(toExample);
const fitSet = examples.filter((_, k) => k % HELDOUT_EVERY !== 0);
const heldout = examples.filter((_, k) => k % HELDOUT_EVERY === 0);
log(`features for ${examples.length} sentences in ${Math.round(performance.now() - t0)} ms; fit ${fitSet.length}, held out ${heldout.length}`);

let bestEpoch = 1;
let bestScores: Scores | null = null;
let bestModel: TaggerModel | null = null;
train(fitSet, {
  rows: ROWS,
  epochs: MAX_EPOCHS,
  seed: SEED,
  onEpoch: (epoch, model) => {
    const s = evaluate(model, heldout);
    log(`epoch ${epoch}: held-out ${JSON.stringify(s.byKind)}`);
    if (!bestScores || s.f1 > bestScores.f1) {
      bestScores = s;
      bestEpoch = epoch;
      bestModel = model;
    }
  },
});
const chosen = bestModel!;
const chosenScores = bestScores! as Scores;
log(`best epoch ${bestEpoch}: F1 ${chosenScores.f1}`);

let prune = 0;
for (const candidate of PRUNE_CANDIDATES) {
  const pruned = deserialise(serialise(chosen, candidate));
  const s = evaluate(pruned, heldout);
  log(`prune ${candidate}: F1 ${s.f1} (${JSON.stringify(s.byKind)})`);
  if (s.f1 >= chosenScores.f1 - PRUNE_TOLERANCE) prune = candidate;
}
const prunedHeldout = deserialise(serialise(chosen, prune));
let temperature = 1;
let bestLl = -Infinity;
for (const t of TEMPERATURES) {
  const ll = goldLogLikelihood(prunedHeldout, heldout, t);
  log(`temperature ${t}: mean gold log-likelihood ${ll.toFixed(4)}`);
  if (ll > bestLl) {
    bestLl = ll;
    temperature = t;
  }
}
const heldoutScores = evaluate(prunedHeldout, heldout);

// Attachment thresholds, fitted through the whole facts pipeline on the held-out slice.
const heldoutSentences = sentences.filter((_, k) => k % HELDOUT_EVERY === 0);
useTaggerModel(prunedHeldout, { temperature });
// Every pair (untitled, titled) of name thresholds: the most recall whose precision reaches the target
// (else the most precise pair).
let minNameConfidence = NAME_CONFIDENCES[NAME_CONFIDENCES.length - 1];
let minTitledNameConfidence = minNameConfidence;
let bestNames: ReturnType<typeof scoreCluener>['names'] | null = null;
for (const c of NAME_CONFIDENCES) {
  for (const ct of NAME_CONFIDENCES) {
    if (ct > c) continue;
    overrideAttachSettings({ minNameConfidence: c, minTitledNameConfidence: ct });
    const { names } = scoreCluener(heldoutSentences);
    log(`name confidence >= ${c} (titled >= ${ct}): held-out facts names P ${names.precision} R ${names.recall}`);
    const ok = names.precision >= NAME_PRECISION_TARGET;
    const better =
      !bestNames || (ok ? bestNames.precision < NAME_PRECISION_TARGET || names.recall > bestNames.recall : bestNames.precision < NAME_PRECISION_TARGET && names.precision > bestNames.precision);
    if (better) {
      bestNames = names;
      minNameConfidence = c;
      minTitledNameConfidence = ct;
    }
  }
}
overrideAttachSettings({ minNameConfidence, minTitledNameConfidence });
const facts = scoreCluener(heldoutSentences);
log(`chosen: name confidence ${minNameConfidence} (titled ${minTitledNameConfidence}): ${JSON.stringify(facts)}`);

// The committed model is the one trained without the held-out slice: its thresholds were fitted on that
// slice, and they hold for the model they were fitted with.
prunedHeldout.info = {
  trainedOn: `CLUENER 2020 train (cluener/cluener_train.json) without every ${HELDOUT_EVERY}th sentence`,
  sentences: fitSet.length,
  epochs: bestEpoch,
  seed: SEED,
  rows: ROWS,
  prune,
  temperature,
  minNameConfidence,
  minTitledNameConfidence,
  nameWithPrecisionTarget: NAME_PRECISION_TARGET,
  heldout: { sentences: heldout.length, tagger: heldoutScores.byKind, facts: { names: facts.names, positions: facts.positions } },
  script: 'npm run train:tagger (scripts/train-tagger.ts)',
};
const json = serialise(prunedHeldout, prune);
writeFileSync(out, json);
log(`wrote ${out}: ${(json.length / 1e6).toFixed(2)} MB in ${Math.round((performance.now() - t0) / 1000)} s`);
