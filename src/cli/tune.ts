/**
 * `npm run tune [-- --bench-dir DIR] [--dump FILE] [--from-dump FILE ...] [--cluener-only] [--precision 0.8] [--folds 5] [--synthetic-weight 0.5] [--calibrator trees|logistic] [--rounds N] [--depth N] [--learning-rate R]`
 *
 * Fits the answer policy (src/answer/policy.json) on the tuning splits only: DRCD test, CMRC 2018
 * trial, CAIL 2019 test, and CLUENER 2020 train as a fourth, news-style source of synthesised
 * questions (person/title, who-holds-title and who-did-it questions from its annotations, plus
 * unanswerable ones; see synthesiseCluener). Every question goes through the engine's candidate
 * generation once; each candidate's features and whether it would be right (bench/metrics.judgeOutcome,
 * the bench's own definition) are dumped (cache: --from-dump refits without re-running the engine;
 * several dumps are concatenated). A conditional-logit ranker scores candidates; the best eligible one
 * per question is the answer; gradient-boosted trees (answer/boosting.ts) calibrate its probability of
 * being right. Cross-validation is grouped by document (a paragraph of the split, an
 * 8-sentence CLUENER document), so held-out questions never share a document with the fitted ones.
 * The direct-answer threshold is the lowest confidence at which held-out direct answers of the three
 * human-written splits are right with the target precision; the ambiguity share is chosen the same
 * way (the value giving most right answers at that precision). The synthetic source's total weight
 * (0.5 of one human split) was chosen the same way among 0.5, 1, 2, 3. The report-only splits are
 * never read.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSegmenter } from '../text/segment.js';
import { loadSquad, type BenchQuestion } from '../bench/squad.js';
import { citedWithin, judgeOutcome } from '../bench/metrics.js';
import { buildKnowledgeBase } from '../knowledge/knowledge-base.js';
import { AnswerEngine } from '../answer/engine.js';
import { FEATURE_NAMES, UNFITTED_POLICY, linearScore, otherDocumentShare, rankerChoice, type FittedPolicy } from '../answer/policy.js';
import { toolSettings } from './args.js';
import { fitLogistic, fitRanker, predictLogistic, type LogisticModel } from '../answer/logistic.js';
import { fitBoostedTrees, predictBoosted, type BoostedTrees, type BoostingOptions } from '../answer/boosting.js';
import { TUNING_SPLITS, foldOf } from '../bench/splits.js';
import { CLUENER_NAME, CLUENER_SPLIT, synthesiseCluener } from '../bench/cluener-questions.js';

export { TUNING_SPLITS };
export { CLUENER_NAME, CLUENER_SPLIT, synthesiseCluener };
interface DumpCandidate {
  kind: string;
  x: number[];
  eligible: boolean;
  right: boolean;
  /** The gold answer is in this candidate's sentence. */
  passageGold: boolean;
  text: string;
}

interface DumpQuestion {
  split: string;
  id: string;
  /** Cross-validation group: the question's own document. */
  group: string;
  impossible: boolean;
  yesno: boolean;
  /** The gold answer is in the top-ranked sentence (what is shown first without a candidate). */
  topGold: boolean;
  /** Best other document's score as a share of the top one. */
  otherDocShare: number;
  candidates: DumpCandidate[];
}

function collect(benchDir: string, log: (s: string) => void): DumpQuestion[] {
  const out: DumpQuestion[] = [];
  for (const rel of TUNING_SPLITS) {
    const path = join(benchDir, rel);
    if (!existsSync(path)) throw new Error(`tuning split missing: ${path}`);
    const set = loadSquad(path);
    const t0 = performance.now();
    const kb = buildKnowledgeBase(set.documents);
    const engine = new AnswerEngine(kb);
    log(`${set.name}: ${set.questions.length} questions, built in ${Math.round(performance.now() - t0)} ms`);
    for (const q of set.questions) out.push(describe(engine, set.name, q));
  }
  return out;
}

function collectCluener(benchDir: string, log: (s: string) => void): DumpQuestion[] {
  const path = join(benchDir, CLUENER_SPLIT);
  if (!existsSync(path)) throw new Error(`tuning split missing: ${path}`);
  const set = synthesiseCluener(path);
  const kb = buildKnowledgeBase(set.documents);
  const engine = new AnswerEngine(kb);
  log(`${set.name}: ${set.questions.length} questions (${set.questions.filter((q) => q.impossible).length} unanswerable) over ${set.documents.length} documents`);
  return set.questions.map((q) => describe(engine, set.name, q));
}

function describe(engine: AnswerEngine, split: string, gold: BenchQuestion): DumpQuestion {
  const base = { split, id: gold.id, group: `${split}/${gold.docId}`, impossible: !!gold.impossible, yesno: !!gold.yesno };
  const analysed = engine.analyze(gold.question);
  if (!analysed) return { ...base, topGold: false, otherDocShare: 0, candidates: [] };
  const { decision } = engine.consider(analysed.q, analysed.ranked, UNFITTED_POLICY);
  const sentenceText = (id: number | undefined) => (id === undefined ? '' : engine.store.sentence(id)!.text);
  const candidates = decision.scored.map(({ candidate, x, invariant }) => {
    const text = engine.answerText(candidate, analysed.q.script);
    return {
      kind: candidate.kind,
      x: x.map((v) => Math.round(v * 1e4) / 1e4),
      eligible: invariant === null,
      right: judgeOutcome(text, gold) === 'right',
      passageGold: !gold.impossible && !gold.yesno && citedWithin([sentenceText(candidate.sentenceIds[0])], gold.answers, 1),
      text,
    };
  });
  return {
    ...base,
    topGold: !gold.impossible && !gold.yesno && citedWithin([analysed.ranked[0].sentence.text], gold.answers, 1),
    otherDocShare: otherDocumentShare(analysed.ranked, (id) => engine.store.sentence(id)!.docId).share,
    candidates,
  };
}

// ---------------------------------------------------------------------------------------------------
// Fitting and held-out evaluation

/** Each split weighs the same in total, whatever its size: the policy must serve all three kinds of text. */
function splitWeights(questions: DumpQuestion[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const q of questions) count.set(q.split, (count.get(q.split) ?? 0) + 1);
  const mean = questions.length / Math.max(1, count.size);
  return new Map([...count].map(([k, n]) => [k, (mean / n) * (k === CLUENER_NAME ? syntheticWeight : 1)]));
}

/**
 * The share of held-out direct answers of the human-written tuning splits (pooled) that must be right:
 * the direct-answer threshold is the lowest confidence reaching it. From issue 8's done-when: DRCD dev
 * with wrong <= 0.12 at right >= 0.42 is a precision of at least 0.78 on encyclopedic text; 0.80 pooled
 * gives DRCD test 0.85-0.86 and the news-style CLUENER questions 0.94 held out (when the target was
 * changed, 0.85 pooled, the earlier choice, gave 2.4% of questions fewer right answers for 2.3% fewer
 * wrong ones, held out: docs/measurements/span-reader.md, round 2).
 */
const TARGET_PRECISION = 0.8;

/** Total weight of the synthetic CLUENER source relative to one human-written split (--synthetic-weight; chosen on held-out human splits). */
let syntheticWeight = 0.5;

interface Models {
  ranker: LogisticModel;
  calibrator: LogisticModel | BoostedTrees;
}

/**
 * The calibrator's model (--calibrator trees|logistic) and the trees' settings. Trees were chosen on
 * held-out pooled right at the target precision (from the same dump, 5 folds): logistic 0.297, trees
 * 200 rounds depth 3 0.305, 400 rounds depth 3 0.309, 200 depth 4 0.305, 400 depth 2 0.306, 100 depth 5
 * 0.305, 600 rounds at rate 0.03 the same as 400 at 0.05; a pointwise tree reranker over all candidates
 * 0.301. (Splitting the span reader's score into its alignment and type parts as ranker features gave
 * 0.315 held-out but lost 6 right answers on eval/probe's news pages: not taken.)
 */
let calibratorKind = 'trees';
const CALIBRATOR_TREES: BoostingOptions = { rounds: 400, depth: 3, learningRate: 0.05 };
let boostingOptions: BoostingOptions = CALIBRATOR_TREES;

/** The ranker's choice among a question's eligible candidates, with its softmax probability and margin. */
function choose(ranker: LogisticModel, q: DumpQuestion): { best: DumpCandidate | null; extras: number[] } {
  const eligible = q.candidates.filter((c) => c.eligible);
  if (!eligible.length) return { best: null, extras: [] };
  const scores = eligible.map((c) => linearScore(ranker, c.x));
  const { at, probability, margin } = rankerChoice(
    scores,
    eligible.map((c) => c.text),
  );
  return { best: eligible[at], extras: [probability, margin] };
}

function fit(questions: DumpQuestion[], l2: number): Models {
  const weights = splitWeights(questions);
  const ranker = fitRanker(
    questions.map((q) => {
      const eligible = q.candidates.filter((c) => c.eligible);
      return { x: eligible.map((c) => c.x), right: eligible.map((c) => c.right), weight: weights.get(q.split) };
    }),
    { l2 },
  );
  const x: number[][] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const q of questions) {
    const { best, extras } = choose(ranker, q);
    if (!best) continue;
    x.push([...best.x, ...extras]);
    y.push(best.right ? 1 : 0);
    w.push(weights.get(q.split) ?? 1);
  }
  const calibrator = calibratorKind === 'trees' ? fitBoostedTrees(x, y, { ...boostingOptions, rowWeights: w }) : fitLogistic(x, y, { l2, rowWeights: w });
  return { ranker, calibrator };
}

interface Prediction {
  q: DumpQuestion;
  /** Best eligible candidate, or null. */
  best: DumpCandidate | null;
  confidence: number;
}

function predict(models: Models, q: DumpQuestion): Prediction {
  const { best, extras } = choose(models.ranker, q);
  if (!best) return { q, best, confidence: 0 };
  const row = [...best.x, ...extras];
  const c = models.calibrator;
  return { q, best, confidence: 'trees' in c ? predictBoosted(c, row) : predictLogistic(c, row) };
}

function crossValidate(questions: DumpQuestion[], folds: number, l2: number): Prediction[] {
  const out: Prediction[] = [];
  for (let k = 0; k < folds; k++) {
    const train = questions.filter((q) => foldOf(q.group, folds) !== k);
    const heldOut = questions.filter((q) => foldOf(q.group, folds) === k);
    const model = fit(train, l2);
    for (const q of heldOut) out.push(predict(model, q));
  }
  return out;
}

/** Answers a prediction would give under a threshold and an ambiguity share. */
function answers(p: Prediction, threshold: number, ambiguousShare: number): boolean {
  if (!p.best || p.confidence < threshold) return false;
  return !(p.q.otherDocShare >= ambiguousShare && p.best.kind !== 'constrained');
}

/** The lowest threshold at which the answered predictions are right with at least `precision` (pooled). */
function thresholdFor(preds: Prediction[], precision: number, ambiguousShare: number): number {
  const answerable = preds.filter((p) => answers(p, 0, ambiguousShare)).sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let threshold = 1.01;
  answerable.forEach((p, i) => {
    right += Number(p.best!.right);
    // Only cut between distinct confidences, and not on the first handful (noise).
    if (i >= 20 && right / (i + 1) >= precision && (i + 1 === answerable.length || answerable[i + 1].confidence < p.confidence)) threshold = p.confidence;
  });
  return threshold;
}

interface Outcomes {
  questions: number;
  right: number;
  wrong: number;
  declined: number;
  precision: number;
  passage1: number;
  /** passage1 if declined questions showed the top-ranked sentence first instead of the chosen candidate's. */
  passage1TopWhenDeclined: number;
}

function outcomes(preds: Prediction[], threshold: number, ambiguousShare: number): Outcomes {
  let right = 0;
  let wrong = 0;
  let declined = 0;
  let answered = 0;
  let answeredRight = 0;
  let p1 = 0;
  let p1Top = 0;
  let spanQuestions = 0;
  for (const p of preds) {
    const says = answers(p, threshold, ambiguousShare);
    if (says) {
      answered++;
      answeredRight += Number(p.best!.right);
      if (p.best!.right) right++;
      else wrong++;
    } else if (p.q.impossible) right++;
    else declined++;
    if (!p.q.impossible && !p.q.yesno) {
      spanQuestions++;
      // The first passage shown is the chosen candidate's sentence (answered or not), else the top sentence.
      p1 += Number(p.best ? p.best.passageGold : p.q.topGold);
      p1Top += Number(says ? p.best!.passageGold : p.q.topGold);
    }
  }
  const n = Math.max(1, preds.length);
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return {
    questions: preds.length,
    right: r4(right / n),
    wrong: r4(wrong / n),
    declined: r4(declined / n),
    precision: r4(answeredRight / Math.max(1, answered)),
    passage1: r4(p1 / Math.max(1, spanQuestions)),
    passage1TopWhenDeclined: r4(p1Top / Math.max(1, spanQuestions)),
  };
}

/** Precision of held-out direct answers by confidence decile (answers the ambiguity rule allows). */
function riskCoverageTable(preds: Prediction[], ambiguousShare: number): { from: number; to: number; answered: number; precision: number; coverage: number; precisionAbove: number }[] {
  const answerable = preds.filter((p) => answers(p, 0, ambiguousShare)).sort((a, b) => b.confidence - a.confidence);
  const rows = [];
  let cumRight = 0;
  let cum = 0;
  const size = Math.ceil(answerable.length / 10);
  for (let b = 0; b < 10; b++) {
    const bucket = answerable.slice(b * size, (b + 1) * size);
    if (!bucket.length) break;
    const right = bucket.filter((p) => p.best!.right).length;
    cumRight += right;
    cum += bucket.length;
    const r3 = (v: number) => Math.round(v * 1000) / 1000;
    rows.push({
      from: r3(bucket[bucket.length - 1].confidence),
      to: r3(bucket[0].confidence),
      answered: bucket.length,
      precision: r3(right / bucket.length),
      coverage: r3(cum / preds.length),
      precisionAbove: r3(cumRight / cum),
    });
  }
  return rows;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'bench-dir': { type: 'string' },
      dump: { type: 'string' },
      'from-dump': { type: 'string', multiple: true },
      /** Collect only the CLUENER synthetic source (its dump can then be passed with another --from-dump). */
      'cluener-only': { type: 'boolean', default: false },
      precision: { type: 'string', default: String(TARGET_PRECISION) },
      folds: { type: 'string', default: '5' },
      l2: { type: 'string', default: '1' },
      'synthetic-weight': { type: 'string', default: '0.5' },
      out: { type: 'string' },
      calibrator: { type: 'string', default: 'trees' },
      rounds: { type: 'string' },
      depth: { type: 'string' },
      'learning-rate': { type: 'string' },
    },
  });
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const benchDir = resolve(values['bench-dir'] ?? toolSettings().benchDir ?? join(root, '../shared/bench'));
  const log = (s: string) => process.stderr.write(s + '\n');
  let questions: DumpQuestion[];
  if (values['from-dump']?.length) {
    questions = values['from-dump'].flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DumpQuestion),
    );
  } else {
    loadSegmenter();
    questions = [...(values['cluener-only'] ? [] : collect(benchDir, log)), ...collectCluener(benchDir, log)];
    if (values.dump) writeFileSync(values.dump, questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
  }
  const precision = Number(values.precision);
  const folds = Number(values.folds);
  const l2 = Number(values.l2);
  syntheticWeight = Number(values['synthetic-weight']);
  calibratorKind = values.calibrator ?? 'trees';
  boostingOptions = {
    ...CALIBRATOR_TREES,
    ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
    ...(values.depth ? { depth: Number(values.depth) } : {}),
    ...(values['learning-rate'] ? { learningRate: Number(values['learning-rate']) } : {}),
  };
  const preds = crossValidate(questions, folds, l2);
  // The threshold and the ambiguity share are set on the human-written questions only: the synthetic
  // CLUENER questions are easier (the person/title tagger was trained on those very sentences), so they
  // teach the ranker and calibrator but must not lower the precision bar.
  const bar = preds.filter((p) => p.q.split !== CLUENER_NAME);
  // The ambiguity share: most held-out right answers at the target precision.
  let bestShare = 1.01;
  let bestRight = -1;
  for (const share of [0.9, 0.95, 0.98, 0.99, 1, 1.01]) {
    const t = thresholdFor(bar, precision, share);
    const o = outcomes(bar, t, share);
    log(`ambiguous share ${share}: threshold ${t.toFixed(3)} right ${o.right} wrong ${o.wrong} precision ${o.precision}`);
    if (o.right > bestRight + 1e-9) {
      bestRight = o.right;
      bestShare = share;
    }
  }
  const threshold = thresholdFor(bar, precision, bestShare);
  // Per family: the family's own lowest threshold reaching the target precision on held-out answers.
  for (const family of ['constrained', 'fact', 'span', 'sentence', 'yes', 'no']) {
    for (const [label, set] of [
      ['human', bar],
      ['all', preds],
    ] as const) {
      const fam = set.filter((p) => p.best?.kind === family);
      const t = thresholdFor(fam, precision, bestShare);
      const o = outcomes(fam, t, bestShare);
      const atPooled = outcomes(fam, thresholdFor(bar, precision, bestShare), bestShare);
      log(`family ${family} (${label}): ${fam.length} chosen, threshold ${t.toFixed(3)} right ${o.right} wrong ${o.wrong} | at pooled: right ${atPooled.right} wrong ${atPooled.wrong}`);
    }
  }
  const bySplit: Record<string, Outcomes> = {};
  for (const split of [...new Set(questions.map((q) => q.split))])
    bySplit[split] = outcomes(
      preds.filter((p) => p.q.split === split),
      threshold,
      bestShare,
    );
  const models = fit(questions, l2);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const rounded = (m: LogisticModel) => ({ mean: m.mean.map(r6), sd: m.sd.map(r6), weights: m.weights.map(r6), bias: r6(m.bias) });
  const roundedTrees = (m: BoostedTrees): BoostedTrees => ({
    base: r6(m.base),
    trees: m.trees.map((t) => ({ ...t, threshold: t.threshold.map(r6), value: t.value.map(r6) })),
  });
  const policy: FittedPolicy = {
    fittedOn: [
      ...new Set(
        questions.map((q) =>
          q.split === CLUENER_NAME ? `${CLUENER_SPLIT} (synthesised person/title questions)` : (TUNING_SPLITS.find((s) => s.toLowerCase().includes(q.split.toLowerCase())) ?? q.split),
        ),
      ),
    ],
    fittedAt: new Date().toISOString().slice(0, 10),
    features: [...FEATURE_NAMES],
    ranker: rounded(models.ranker),
    calibrator: 'trees' in models.calibrator ? roundedTrees(models.calibrator) : rounded(models.calibrator),
    directAnswerThreshold: r6(threshold),
    targetPrecision: precision,
    ambiguousDocShare: bestShare,
    heldOut: {
      method: `${folds}-fold cross-validation grouped by document, L2 ${l2}; splits weighted equally`,
      pooled: outcomes(bar, threshold, bestShare),
      pooledWithSynthetic: outcomes(preds, threshold, bestShare),
      bySplit,
      riskCoverage: riskCoverageTable(bar, bestShare),
      riskCoverageSynthetic: riskCoverageTable(
        preds.filter((p) => p.q.split === CLUENER_NAME),
        bestShare,
      ),
      // What other thresholds would give, per split (right / wrong shares of all questions).
      tradeOff: [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9].map((t) => ({
        threshold: t,
        ...Object.fromEntries(
          Object.keys(bySplit).map((split) => {
            const o = outcomes(
              preds.filter((p) => p.q.split === split),
              t,
              bestShare,
            );
            return [split, { right: o.right, wrong: o.wrong }];
          }),
        ),
      })),
    },
  };
  if (FEATURE_NAMES.length !== models.ranker.weights.length) throw new Error('feature count mismatch: refit from a fresh dump');
  const out = values.out ?? join(root, 'src/answer/policy.json');
  // The trees are thousands of numbers: one line each, the rest of the file readable.
  const text = JSON.stringify(policy, (key, value) => (key === 'calibrator' && 'trees' in value ? '@calibrator@' : value), 1).replace('"@calibrator@"', JSON.stringify(policy.calibrator));
  writeFileSync(out, text + '\n');
  log(`wrote ${out}`);
  log(JSON.stringify(policy.heldOut, null, 1));
}

main();
