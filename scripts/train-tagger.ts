/**
 * `npm run train:tagger [-- --bench-dir DIR] [--out FILE] [--spans-out FILE | --spans-in FILE]`: trains the person/title character tagger on
 * CLUENER 2020 train and writes src/facts/tagger/person-tagger.json (reproducible: fixed seed and order).
 *
 * 1. Train is cut into FOLDS folds. A model trained on folds 1-4 picks, on fold 0, the epoch (up to
 *    MAX_EPOCHS: the best names F1 of the model as kept within ROW_BUDGET, averaged over neighbouring
 *    epochs), the pruning threshold (the largest in PRUNE_CANDIDATES costing at most PRUNE_TOLERANCE of
 *    F1; raised further to keep ROW_BUDGET rows) and the marginals' temperature (best gold
 *    log-likelihood).
 * 2. Every fold is tagged by a model trained on the other folds (cross-validation), as loaded at run
 *    time (pruned, int16, with its name, position and other-entity lists).
 * 3. On those out-of-fold spans of all of train, the name scorer (logistic regression over
 *    NAME_SCORE_FEATURES, attach.ts) is fitted on the candidates the rules do not name. Its threshold is
 *    chosen on held-out scores (each fold scored by a scorer fitted on the others): the most recall of
 *    person facts whose precision reaches NAME_PRECISION_TARGET plus the folds' spread
 *    (NAME_MARGIN_SDS standard deviations of their precision at the target's threshold).
 *    The position facts are measured on the same spans (3b).
 * 4. The committed model is trained on all of train for the chosen epochs, with the lists of all of it.
 * CLUENER dev is never read here (it is report-only: `npm run bench -- --facts`).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCluener, type ClueSentence } from '../src/bench/cluener.js';
import { matchingForm } from '../src/text/script.js';
import { loadSegmenter, tag } from '../src/text/segment.js';
import { charContext, featureHashes, type TaggerLexicons } from '../src/facts/tagger/features.js';
import { TAG_COUNT, deserialise, emissions, marginals, pathOf as pathOfGold, serialise, spansOf, viterbi, type EntityKind, type TaggedSpan, type TaggerModel } from '../src/facts/tagger/model.js';
import { train, type TrainingExample } from '../src/facts/tagger/train.js';
import { MODEL_FILE, recogniseWith, type RecognisedSpan } from '../src/facts/tagger/index.js';
import { NAME_SCORE_FEATURES, nameScore, recognisedCandidates, type NameCandidate } from '../src/facts/tagger/attach.js';
import { findBylinePeople, findSpeakers, findTitledPeople, type PersonMention } from '../src/facts/people.js';
import { isChrome } from '../src/facts/extract.js';
import { findPositions } from '../src/facts/tagger/positions.js';
import { positionMatches } from '../src/bench/facts.js';

/** Weight table rows (2^19): the loaded int16 table is 9 MB; 2^20 rows gave no better held-out F1 (0.758 against 0.760) and decode slower (cache misses). */
const ROWS = 1 << 19;
const SEED = 20201;
/**
 * Folds of CLUENER train (sentence k is in fold k % FOLDS). Every fold is tagged by a model trained on
 * the others (cross-validation), and the name scorer and its threshold are fitted on those out-of-fold
 * spans of all 10,748 sentences. A model's name and position lists are its training sentences'; a
 * training sentence's list features are computed with lists that leave its own fold out too (so the
 * perceptron learns what a match is worth on sentences whose names the lists may not hold, as at run
 * time).
 */
const FOLDS = 5;
const MAX_EPOCHS = 25;
/** Epochs on either side averaged with an epoch's held-out names F1 when the epoch is chosen. */
const EPOCH_SMOOTHING = 1;
/** Rows whose largest weight is below the threshold are dropped (candidates in the perceptron's units: one update is 1). */
const PRUNE_CANDIDATES = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
/** Share of the held-out F1 that pruning may cost. */
const PRUNE_TOLERANCE = 0.005;
/**
 * Most weight rows a model keeps (the rows with the largest weights): about 14 bytes each in the JSON,
 * so 75,000 rows keep the model near 1 MB (the first committed model kept 73,919). A model trained
 * longer or with more features has more rows above PRUNE_CANDIDATES' thresholds; the budget holds its
 * size. Cross-validation applies it to every fold's model, as to the committed one.
 */
const ROW_BUDGET = 75_000;

/** The pruning threshold of a model: the tolerated one, raised until at most ROW_BUDGET rows keep a weight. */
function pruneOf(model: TaggerModel, tolerated: number): number {
  const T = TAG_COUNT;
  const rowMax = new Float64Array(model.rows);
  for (let row = 0; row < model.rows; row++) {
    let m = 0;
    for (let t = 0; t < T; t++) m = Math.max(m, Math.abs(model.weights[row * T + t] * model.scale));
    rowMax[row] = m;
  }
  const sorted = Float64Array.from(rowMax).sort().reverse();
  const budget = sorted[ROW_BUDGET] > 0 ? sorted[ROW_BUDGET] * (1 + 1e-9) + 1e-12 : 0;
  return Math.max(tolerated, budget);
}
const TEMPERATURES = [16, 24, 32, 40, 48, 56, 64, 80, 96];
/** Candidate thresholds on the name scorer's probability. */
const NAME_SCORES = Array.from({ length: 99 }, (_, k) => (k + 1) / 100);
/** L2 penalty and Newton steps of the name scorer's logistic regression (10 inputs, thousands of candidates: barely regularised). */
const SCORER_L2 = 1;
const SCORER_STEPS = 30;
/** Held-out precision the names must reach: the done-when (CLUENER dev names precision >= 0.90). */
const NAME_PRECISION_TARGET = 0.9;
/** Standard deviations of the folds' precision asked above the target (see the threshold's choice). */
const NAME_MARGIN_SDS = 1;

function standardDeviation(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
}

/** CLUENER's labels whose annotated strings make the model's list of other entities (TaggerLexicons.others). */
const OTHER_LABELS = ['organization', 'government', 'company', 'address', 'scene', 'game', 'book', 'movie'];

const LABEL_KIND: Record<string, EntityKind> = {
  name: 'PER',
  position: 'POS',
  organization: 'ORG',
  government: 'ORG',
  company: 'ORG',
  address: 'LOC',
};

// --spans-out FILE writes the out-of-fold spans of step 2; --spans-in FILE reads them instead of
// training (steps 1, 2 and 4 are skipped: a development aid for the name scorer; writes no model).
const { values } = parseArgs({ options: { 'bench-dir': { type: 'string' }, out: { type: 'string' }, 'spans-out': { type: 'string' }, 'spans-in': { type: 'string' } } });
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const benchDir = resolve(values['bench-dir'] ?? process.env.BENCH_DIR ?? join(repoRoot, '..', 'shared', 'bench'));
const trainFile = join(benchDir, 'cluener', 'cluener_train.json');
if (!existsSync(trainFile)) {
  process.stderr.write(`no ${trainFile} (set --bench-dir or BENCH_DIR)\n`);
  process.exit(2);
}
const out = values.out ? resolve(values.out) : MODEL_FILE;
const log = (s: string) => process.stderr.write(s + '\n');

/** Sentences of the folds not in `without`. */
function outside(sentences: readonly ClueSentence[], ...without: number[]): ClueSentence[] {
  return sentences.filter((_, k) => !without.includes(k % FOLDS));
}

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

/** The text a sentence is tagged in: the matching form when it keeps the offsets (opencc maps character for character almost always). */
function taggedText(s: ClueSentence): string {
  const simplified = matchingForm(s.text);
  return simplified.length === s.text.length ? simplified : s.text;
}

const jiebaTags = new Map<string, ReturnType<typeof tag>>();
function tagsOf(text: string): ReturnType<typeof tag> {
  let t = jiebaTags.get(text);
  if (!t) {
    t = tag(text);
    jiebaTags.set(text, t);
  }
  return t;
}

function toExample(s: ClueSentence, lexicons: TaggerLexicons): TrainingExample {
  const text = taggedText(s);
  return { text, feats: featureHashes(charContext(text, tagsOf(text), undefined, lexicons)), gold: goldSpans(s) };
}

/** The names and positions annotated in some sentences, as the model stores them (sorted, so the model is reproducible). */
function lexiconsOf(sentences: readonly ClueSentence[]): TaggerLexicons {
  const of = (label: string) => {
    const words = new Set<string>();
    for (const s of sentences) {
      const text = taggedText(s);
      for (const sp of s.spans) if (sp.label === label && sp.end - sp.start >= 2) words.add(text.slice(sp.start, sp.end));
    }
    return [...words].sort();
  };
  return { names: of('name'), positions: of('position'), others: [...new Set(OTHER_LABELS.flatMap((label) => of(label)))].sort() };
}

interface Scores {
  f1: number;
  byKind: Record<string, { p: number; r: number; f1: number }>;
  counts: Record<string, { tp: number; pred: number; gold: number }>;
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
  return { f1: round((byKind.PER.f1 + byKind.POS.f1) / 2), byKind, counts };
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
const foldOf = (k: number) => k % FOLDS;
/** Training examples of every sentence outside `fold`, list features leaving out the sentence's own fold and `fold`. */
function trainingExamples(fold: number | null): TrainingExample[] {
  const lists = Array.from({ length: FOLDS }, (_, own) => (own === fold ? null : lexiconsOf(fold === null ? outside(sentences, own) : outside(sentences, own, fold))));
  return sentences.flatMap((s, k) => (foldOf(k) === fold ? [] : [toExample(s, lists[foldOf(k)]!)]));
}
const elapsed = () => `${Math.round((performance.now() - t0) / 1000)} s`;

const spansIn = values['spans-in'];
let outOfFold: RecognisedSpan[][] = new Array(sentences.length);
let foldNames: Set<string>[] = [];
/** The other entities of the lists a fold's model was given (its training folds'). */
const foldOthers = Array.from({ length: FOLDS }, (_, fold) => new Set(lexiconsOf(outside(sentences, fold)).others));
let bestEpoch = 1;
let prune = 0;
let temperature = 1;
let crossValidated: Record<string, { p: number; r: number; f1: number }> = {};
if (spansIn) {
  const saved = JSON.parse(readFileSync(spansIn, 'utf8')) as { outOfFold: RecognisedSpan[][]; foldNames: string[][] };
  outOfFold = saved.outOfFold;
  foldNames = saved.foldNames.map((names) => new Set(names));
} else {
  // 1. Fold 0 chooses the epoch, the pruning threshold and the temperature.
  const fold0Lexicons = lexiconsOf(outside(sentences, 0));
  const fold0Test = sentences.flatMap((s, k) => (foldOf(k) === 0 ? [toExample(s, fold0Lexicons)] : []));
  const byEpoch: { scores: Scores; model: TaggerModel }[] = [];
  train(trainingExamples(0), {
    rows: ROWS,
    epochs: MAX_EPOCHS,
    seed: SEED,
    onEpoch: (epoch, model) => {
      // Each epoch's model as it would be kept (within the row budget): a longer-trained model has more
      // rows to lose to the budget, so the epoch is chosen on what is kept.
      const s = evaluate(deserialise(serialise(model, pruneOf(model, 0))), fold0Test);
      log(`fold 0, epoch ${epoch}, within the row budget: ${JSON.stringify(s.byKind)} (${elapsed()})`);
      byEpoch.push({ scores: s, model });
    },
  });
  // The epoch: the best names F1, averaged with the epochs on either side (one fold's F1 moves by ±0.3
  // from one epoch to the next; names are what the person facts are short of, while positions vary by
  // 0.01 over epochs 5-25).
  const smoothed = (k: number) => {
    const near = byEpoch.slice(Math.max(0, k - EPOCH_SMOOTHING), k + EPOCH_SMOOTHING + 1);
    return near.reduce((sum, e) => sum + e.scores.byKind.PER.f1, 0) / near.length;
  };
  let best = 0;
  for (let k = 1; k < byEpoch.length; k++) if (smoothed(k) > smoothed(best)) best = k;
  bestEpoch = best + 1;
  const fold0Model = byEpoch[best].model;
  const chosenScores = byEpoch[best].scores;
  log(`best epoch ${bestEpoch}: names F1 ${chosenScores.byKind.PER.f1} (smoothed ${smoothed(best).toFixed(4)}), F1 ${chosenScores.f1}`);
  byEpoch.length = 0;
  for (const candidate of PRUNE_CANDIDATES) {
    const s = evaluate(deserialise(serialise(fold0Model, pruneOf(fold0Model, candidate))), fold0Test);
    log(`prune ${candidate}: F1 ${s.f1} (${JSON.stringify(s.byKind)})`);
    if (s.f1 >= chosenScores.f1 - PRUNE_TOLERANCE) prune = candidate;
  }
  const budgeted = pruneOf(fold0Model, prune);
  log(`pruning at ${prune}, ${budgeted.toFixed(3)} within the row budget: F1 ${evaluate(deserialise(serialise(fold0Model, budgeted)), fold0Test).f1}`);
  let bestLl = -Infinity;
  for (const t of TEMPERATURES) {
    const ll = goldLogLikelihood(deserialise(serialise(fold0Model, pruneOf(fold0Model, prune))), fold0Test, t);
    log(`temperature ${t}: mean gold log-likelihood ${ll.toFixed(4)}`);
    if (ll > bestLl) {
      bestLl = ll;
      temperature = t;
    }
  }

  // 2. Every fold tagged by a model trained on the others (fold 0's is the one above), as it will be
  //    loaded: pruned, int16, with its lists.
  const cvCounts = { PER: { tp: 0, pred: 0, gold: 0 }, POS: { tp: 0, pred: 0, gold: 0 } };
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fold === 0 ? fold0Model : train(trainingExamples(fold), { rows: ROWS, epochs: bestEpoch, seed: SEED });
    const lexicons = fold === 0 ? fold0Lexicons : lexiconsOf(outside(sentences, fold));
    const loaded = deserialise(serialise({ ...model, lexicons }, pruneOf(model, prune)));
    foldNames[fold] = new Set(lexicons.names);
    const test = sentences.flatMap((s, k) => (foldOf(k) === fold ? [toExample(s, lexicons)] : []));
    const s = evaluate(loaded, test);
    for (const kind of ['PER', 'POS'] as const) {
      const c = s.counts[kind];
      cvCounts[kind].tp += c.tp;
      cvCounts[kind].pred += c.pred;
      cvCounts[kind].gold += c.gold;
    }
    sentences.forEach((x, k) => {
      if (foldOf(k) === fold) outOfFold[k] = recogniseWith(loaded, { temperature }, matchingForm(x.text));
    });
    log(`fold ${fold}: ${JSON.stringify(s.byKind)} (${elapsed()})`);
  }
  const prf = (c: { tp: number; pred: number; gold: number }) => {
    const p = c.pred ? c.tp / c.pred : 0;
    const r = c.gold ? c.tp / c.gold : 0;
    return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
  };
  crossValidated = { PER: prf(cvCounts.PER), POS: prf(cvCounts.POS) };
  log(`cross-validated tagger spans: ${JSON.stringify(crossValidated)}`);

  if (values['spans-out']) writeFileSync(values['spans-out'], JSON.stringify({ outOfFold, foldNames: foldNames.map((names) => [...names]) }));
}

// 3. The name scorer, fitted on the out-of-fold candidates the rules do not already name, and its
//    threshold: the most recall of person facts (as extractSentenceFacts reads them) whose precision
//    reaches the target.
interface SentencePeople {
  gold: Set<string>;
  ruled: Set<string>;
  candidates: NameCandidate[];
  /** The rules' mentions (for the position facts' holders). */
  rules: PersonMention[];
}
const perSentence: SentencePeople[] = sentences.map((x, k) => {
  const text = matchingForm(x.text);
  const gold = new Set(x.spans.filter((sp) => sp.label === 'name').map((sp) => matchingForm(sp.text)));
  if (isChrome(text)) return { gold, ruled: new Set(), candidates: [], rules: [] };
  const rules = [...findTitledPeople(text), ...findBylinePeople(text)];
  const ruled = new Set([...rules, ...findSpeakers(text)].map((m) => m.name));
  const candidates = recognisedCandidates(text, outOfFold[k], foldNames[foldOf(k)], foldOthers[foldOf(k)]).filter(
    (c) => !ruled.has(c.mention.name) && !rules.some((r) => r.name !== c.mention.name && r.index < c.mention.index + c.mention.name.length && c.mention.index < r.index + r.name.length),
  );
  return { gold, ruled, candidates, rules };
});
{
  let right = 0;
  let named = 0;
  for (const p of perSentence) {
    named += p.ruled.size;
    for (const n of p.ruled) if (p.gold.has(n)) right++;
  }
  log(`the rules' names (title chains, bylines, speakers): ${right} of ${named} right`);
}
const sampleOf = (p: SentencePeople, c: NameCandidate) => ({ x: c.inputs, y: p.gold.has(c.mention.name) ? 1 : 0 });
const samples = perSentence.flatMap((p) => p.candidates.map((c) => sampleOf(p, c)));
const nameWeights = fitLogistic(samples, SCORER_L2, SCORER_STEPS).map((w) => round(w));
log(`name scorer on ${samples.length} candidates: ${JSON.stringify(Object.fromEntries(['bias', ...NAME_SCORE_FEATURES].map((f, k) => [f, nameWeights[k]])))}`);

// The scorer's threshold is chosen on scores it did not see fitted: every fold's candidates scored by a
// scorer fitted on the other folds' (fitting and choosing on the same candidates reads 0.90 where CLUENER
// dev reads 0.88).
const heldOutScore = new Map<NameCandidate, number>();
for (let fold = 0; fold < FOLDS; fold++) {
  const w = fitLogistic(
    perSentence.flatMap((p, k) => (foldOf(k) === fold ? [] : p.candidates.map((c) => sampleOf(p, c)))),
    SCORER_L2,
    SCORER_STEPS,
  );
  perSentence.forEach((p, k) => {
    if (foldOf(k) === fold) for (const c of p.candidates) heldOutScore.set(c, nameScore(c.inputs, w));
  });
}

interface FactScores {
  precision: number;
  recall: number;
  predicted: number;
  gold: number;
}
/** Person facts' names at a threshold, pooled over the sentences of `folds`, under a score of the candidates. */
function factScores(threshold: number, scoreOf: (c: NameCandidate) => number, folds?: number[]): FactScores {
  let matched = 0;
  let predicted = 0;
  let gold = 0;
  perSentence.forEach((p, k) => {
    if (folds && !folds.includes(foldOf(k))) return;
    const names = new Set(p.ruled);
    for (const c of p.candidates) if (scoreOf(c) >= threshold) names.add(c.mention.name);
    predicted += names.size;
    gold += p.gold.size;
    for (const n of names) if (p.gold.has(n)) matched++;
  });
  return { precision: round(matched / predicted), recall: round(matched / gold), predicted, gold };
}
const heldOut = (c: NameCandidate) => heldOutScore.get(c)!;
const everyFold = Array.from({ length: FOLDS }, (_, f) => f);
interface Threshold {
  minNameScore: number;
  names: FactScores;
  foldPrecisions: number[];
}
/** The threshold with the most held-out recall whose held-out precision reaches `precision`. */
function thresholdFor(precision: number, logEach: boolean): Threshold {
  let chosen: Threshold | null = null;
  for (const t of NAME_SCORES) {
    const s = factScores(t, heldOut);
    const byFold = everyFold.map((f) => factScores(t, heldOut, [f]).precision);
    if (logEach) log(`name score >= ${t.toFixed(2)}: held-out facts names P ${s.precision} R ${s.recall} (fold P ${byFold.join(' ')})`);
    if (s.precision >= precision && (!chosen || s.recall > chosen.names.recall)) chosen = { minNameScore: t, names: s, foldPrecisions: byFold };
  }
  const last = NAME_SCORES[NAME_SCORES.length - 1];
  return chosen ?? { minNameScore: last, names: factScores(last, heldOut), foldPrecisions: [] };
}
// The precision asked is the target plus the spread of the folds' precisions at the target's threshold
// (their standard deviation): a sample of CLUENER dev's size (about 330 person facts) lands that far
// from the pooled precision as often as a fold does, so the target alone is met only half the time.
const atTarget = thresholdFor(NAME_PRECISION_TARGET, true);
const spread = standardDeviation(atTarget.foldPrecisions);
const nameMargin = round(spread * NAME_MARGIN_SDS);
log(`at the target: name score >= ${atTarget.minNameScore}: ${JSON.stringify(atTarget.names)}, fold precisions ${atTarget.foldPrecisions.join(' ')} (sd ${spread.toFixed(4)})`);
const { minNameScore, names, foldPrecisions } = thresholdFor(NAME_PRECISION_TARGET + nameMargin, false);
log(`chosen (precision >= ${NAME_PRECISION_TARGET} + ${nameMargin}): name score >= ${minNameScore}: ${JSON.stringify(names)}, fold precisions ${foldPrecisions.join(' ')}`);
log(`the fitted scorer on the candidates it was fitted on, at that threshold: ${JSON.stringify(factScores(minNameScore, (c) => nameScore(c.inputs, nameWeights)))}`);

// 3b. Position facts, cross-validated: the out-of-fold spans' positions (and the lexicon's) of every
//     body sentence, with the person facts' titles, against the gold positions (exact or contained, as
//     the facts bench counts them).
function positionScores(lexicon: boolean, withTitles: boolean, wordStart = true): { precision: number; recall: number; predicted: number; gold: number } {
  let matchedPredicted = 0;
  let predicted = 0;
  let matchedGold = 0;
  let gold = 0;
  sentences.forEach((x, k) => {
    const goldPositions = [...new Set(x.spans.filter((sp) => sp.label === 'position').map((sp) => matchingForm(sp.text)))];
    gold += goldPositions.length;
    const text = matchingForm(x.text);
    const p = perSentence[k];
    if (isChrome(text)) return;
    const kept = p.candidates.filter((c) => heldOut(c) >= minNameScore).map((c) => c.mention);
    const people = [...p.rules, ...kept];
    const titles = new Set(findPositions(text, outOfFold[k], people, { lexicon, wordStart }).map((m) => m.title));
    if (withTitles) for (const m of people) for (const t of m.titles) titles.add(t);
    predicted += titles.size;
    matchedPredicted += [...titles].filter((t) => goldPositions.some((g) => positionMatches(t, g))).length;
    matchedGold += goldPositions.filter((g) => [...titles].some((t) => positionMatches(t, g))).length;
  });
  return { precision: round(matchedPredicted / predicted), recall: round(matchedGold / gold), predicted, gold };
}
for (const lexicon of [false, true]) {
  for (const withTitles of [false, true]) log(`position facts (lexicon ${lexicon}, people's titles ${withTitles}): ${JSON.stringify(positionScores(lexicon, withTitles))}`);
}
log(`position facts without the word-start move: ${JSON.stringify(positionScores(false, true, false))}`);

// 4. The committed model: trained on all of CLUENER train for the chosen epochs, with the lists of all of it.
if (spansIn) process.exit(0);
const finalModel = train(trainingExamples(null), { rows: ROWS, epochs: bestEpoch, seed: SEED });
finalModel.lexicons = lexiconsOf(sentences);
const finalPrune = pruneOf(finalModel, prune);
finalModel.info = {
  trainedOn: 'CLUENER 2020 train (cluener/cluener_train.json), all of it',
  sentences: sentences.length,
  epochs: bestEpoch,
  seed: SEED,
  rows: ROWS,
  prune,
  rowBudget: ROW_BUDGET,
  prunedAt: round(finalPrune),
  temperature,
  nameWeights,
  nameScoreFeatures: ['bias', ...NAME_SCORE_FEATURES],
  minNameScore,
  nameWithPrecisionTarget: NAME_PRECISION_TARGET,
  nameMargin,
  crossValidated: { folds: FOLDS, tagger: crossValidated, facts: { names } },
  script: 'npm run train:tagger (scripts/train-tagger.ts)',
};
const json = serialise(finalModel, finalPrune);
writeFileSync(out, json);
log(`wrote ${out}: ${(json.length / 1e6).toFixed(2)} MB in ${elapsed()}`);

/** Logistic regression by Newton's method (IRLS) with an L2 penalty on all but the bias. */
function fitLogistic(data: readonly { x: number[]; y: number }[], l2: number, steps: number): number[] {
  const d = data[0]?.x.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const { x, y } of data) {
      const p = nameScore(x, w);
      const r = p * (1 - p);
      for (let a = 0; a < d; a++) {
        grad[a] += (p - y) * x[a];
        for (let b = 0; b < d; b++) hess[a][b] += r * x[a] * x[b];
      }
    }
    for (let a = 1; a < d; a++) {
      grad[a] += l2 * w[a];
      hess[a][a] += l2;
    }
    for (let a = 0; a < d; a++) hess[a][a] += 1e-9;
    const delta = solve(hess, grad);
    for (let a = 0; a < d; a++) w[a] -= delta[a];
  }
  return w;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let k = r + 1; k < n; k++) sum -= m[r][k] * x[k];
    x[r] = sum / m[r][r];
  }
  return x;
}
