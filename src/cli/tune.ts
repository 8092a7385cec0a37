/**
 * `npm run tune [-- --bench-dir DIR] [--dump FILE] [--from-dump FILE] [--precision 0.9] [--folds 5]`
 *
 * Fits the answer policy (src/answer/policy.json) on the tuning splits only: DRCD test, CMRC 2018
 * trial, CAIL 2019 test. Every question goes through the engine's candidate generation once; each
 * candidate's features and whether it would be right (bench/metrics.judgeOutcome, the bench's own
 * definition) are dumped (cache: --from-dump refits without re-running the engine). A logistic
 * regression scores candidates; the best eligible one per question is the answer. Cross-validation is
 * grouped by document (a paragraph of the split), so held-out questions never share a document with
 * the fitted ones. The direct-answer threshold is the lowest confidence at which held-out direct
 * answers are right with the target precision; the ambiguity share is chosen the same way (the value
 * giving most right answers at that precision). The report-only splits are never read.
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
import { FEATURE_NAMES, UNFITTED_POLICY, linearScore, otherDocumentShare, softmax, type FittedPolicy } from '../answer/policy.js';
import { toolSettings } from './args.js';
import { fitLogistic, fitRanker, predictLogistic, type LogisticModel } from '../answer/logistic.js';

export const TUNING_SPLITS = ['drcd/DRCD_test.json', 'cmrc2018/cmrc2018_trial.json', 'cail2019/cail2019_test.json'];

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

function describe(engine: AnswerEngine, split: string, gold: BenchQuestion): DumpQuestion {
  const base = { split, id: gold.id, group: `${split}/${gold.docId}`, impossible: !!gold.impossible, yesno: !!gold.yesno };
  const analysed = engine.analyze(gold.question);
  if (!analysed) return { ...base, topGold: false, otherDocShare: 0, candidates: [] };
  const { decision } = engine.consider(analysed.q, analysed.ranked, UNFITTED_POLICY);
  const sentenceText = (id: number | undefined) => (id === undefined ? '' : engine.kb.sentences[id].text);
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
    otherDocShare: otherDocumentShare(analysed.ranked, (id) => engine.kb.sentences[id].docId).share,
    candidates,
  };
}

// ---------------------------------------------------------------------------------------------------
// Fitting and held-out evaluation

/** Stable fold of a group (a document): folds never split a document. */
function foldOf(group: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/** Each split weighs the same in total, whatever its size: the policy must serve all three kinds of text. */
function splitWeights(questions: DumpQuestion[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const q of questions) count.set(q.split, (count.get(q.split) ?? 0) + 1);
  const mean = questions.length / Math.max(1, count.size);
  return new Map([...count].map(([k, n]) => [k, mean / n]));
}

interface Models {
  ranker: LogisticModel;
  calibrator: LogisticModel;
}

/** The ranker's choice among a question's eligible candidates, with its softmax probability and margin. */
function choose(ranker: LogisticModel, q: DumpQuestion): { best: DumpCandidate | null; extras: number[] } {
  const eligible = q.candidates.filter((c) => c.eligible);
  if (!eligible.length) return { best: null, extras: [] };
  const scores = eligible.map((c) => linearScore(ranker, c.x));
  const { probabilities, margin } = softmax(scores);
  let at = 0;
  scores.forEach((z, i) => {
    if (z > scores[at]) at = i;
  });
  return { best: eligible[at], extras: [probabilities[at], margin] };
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
  return { ranker, calibrator: fitLogistic(x, y, { l2, rowWeights: w }) };
}

interface Prediction {
  q: DumpQuestion;
  /** Best eligible candidate, or null. */
  best: DumpCandidate | null;
  confidence: number;
}

function predict(models: Models, q: DumpQuestion): Prediction {
  const { best, extras } = choose(models.ranker, q);
  return { q, best, confidence: best ? predictLogistic(models.calibrator, [...best.x, ...extras]) : 0 };
}

function crossValidate(questions: DumpQuestion[], folds: number, l2: number): Prediction[] {
  const out: Prediction[] = [];
  for (let k = 0; k < folds; k++) {
    const train = questions.filter((q) => foldOf(q.group, folds) !== k);
    const test = questions.filter((q) => foldOf(q.group, folds) === k);
    const model = fit(train, l2);
    for (const q of test) out.push(predict(model, q));
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
  return { questions: preds.length, right: r4(right / n), wrong: r4(wrong / n), declined: r4(declined / n), precision: r4(answeredRight / Math.max(1, answered)), passage1: r4(p1 / Math.max(1, spanQuestions)), passage1TopWhenDeclined: r4(p1Top / Math.max(1, spanQuestions)) };
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
    rows.push({ from: r3(bucket[bucket.length - 1].confidence), to: r3(bucket[0].confidence), answered: bucket.length, precision: r3(right / bucket.length), coverage: r3(cum / preds.length), precisionAbove: r3(cumRight / cum) });
  }
  return rows;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'bench-dir': { type: 'string' },
      dump: { type: 'string' },
      'from-dump': { type: 'string' },
      precision: { type: 'string', default: '0.85' },
      folds: { type: 'string', default: '5' },
      l2: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const benchDir = resolve(values['bench-dir'] ?? toolSettings().benchDir ?? join(root, '../shared/bench'));
  const log = (s: string) => process.stderr.write(s + '\n');
  let questions: DumpQuestion[];
  if (values['from-dump']) {
    questions = readFileSync(values['from-dump'], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } else {
    loadSegmenter();
    questions = collect(benchDir, log);
    if (values.dump) writeFileSync(values.dump, questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
  }
  const precision = Number(values.precision);
  const folds = Number(values.folds);
  const l2 = Number(values.l2);
  const preds = crossValidate(questions, folds, l2);
  // The ambiguity share: most held-out right answers at the target precision.
  let bestShare = 1.01;
  let bestRight = -1;
  for (const share of [0.9, 0.95, 0.98, 0.99, 1, 1.01]) {
    const t = thresholdFor(preds, precision, share);
    const o = outcomes(preds, t, share);
    log(`ambiguous share ${share}: threshold ${t.toFixed(3)} right ${o.right} wrong ${o.wrong} precision ${o.precision}`);
    if (o.right > bestRight + 1e-9) (bestRight = o.right), (bestShare = share);
  }
  const threshold = thresholdFor(preds, precision, bestShare);
  const bySplit: Record<string, Outcomes> = {};
  for (const split of [...new Set(questions.map((q) => q.split))]) bySplit[split] = outcomes(preds.filter((p) => p.q.split === split), threshold, bestShare);
  const models = fit(questions, l2);
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const rounded = (m: LogisticModel) => ({ mean: m.mean.map(r6), sd: m.sd.map(r6), weights: m.weights.map(r6), bias: r6(m.bias) });
  const policy: FittedPolicy = {
    fittedOn: TUNING_SPLITS,
    fittedAt: new Date().toISOString().slice(0, 10),
    features: [...FEATURE_NAMES],
    ranker: rounded(models.ranker),
    calibrator: rounded(models.calibrator),
    directAnswerThreshold: r6(threshold),
    targetPrecision: precision,
    ambiguousDocShare: bestShare,
    heldOut: {
      method: `${folds}-fold cross-validation grouped by document, L2 ${l2}; splits weighted equally`,
      pooled: outcomes(preds, threshold, bestShare),
      bySplit,
      riskCoverage: riskCoverageTable(preds, bestShare),
      // What other thresholds would give, per split (right / wrong shares of all questions).
      tradeOff: [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9].map((t) => ({
        threshold: t,
        ...Object.fromEntries(Object.keys(bySplit).map((split) => {
          const o = outcomes(preds.filter((p) => p.q.split === split), t, bestShare);
          return [split, { right: o.right, wrong: o.wrong }];
        })),
      })),
    },
  };
  if (FEATURE_NAMES.length !== models.ranker.weights.length) throw new Error('feature count mismatch: refit from a fresh dump');
  const out = values.out ?? join(root, 'src/answer/policy.json');
  writeFileSync(out, JSON.stringify(policy, null, 1) + '\n');
  log(`wrote ${out}`);
  log(JSON.stringify(policy.heldOut, null, 1));
}

main();
