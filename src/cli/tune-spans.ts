/**
 * `npm run tune:spans [-- --bench-dir DIR] [--folds 5] [--l2 1] [--out FILE]`
 *
 * Fits the span reader (src/answer/span-model.json): the weights that score every candidate span of a
 * sentence (src/answer/span.ts, SPAN_FEATURE_NAMES), on the tuning splits only (DRCD test, CMRC 2018
 * trial, CAIL 2019 test; src/bench/splits.ts). For each answerable question, the sentence of its own
 * paragraph that holds a gold answer (the one sharing most characters with the question when several
 * do) is the reading task: every span the reader enumerates there is a candidate, and the spans whose
 * answer (as the engine would give it) reaches the best F1 with the gold, at least RIGHT_MIN_F1, are
 * the right ones. A conditional-logit ranker (answer/logistic.fitRanker) puts them first; splits weigh
 * the same. Cross-validation is grouped by paragraph; the held-out figures (top-1 right, as the bench
 * judges it) are written into the model file, and so is minShare: the least probability of the best
 * span at which held-out best spans are right with SPAN_ANSWER_PRECISION. The report-only splits are
 * never read. Run `npm run tune` after this one: the answer policy's span features come from here.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadSegmenter } from '../text/segment.js';
import { loadSquad } from '../bench/squad.js';
import { f1Score, judgeOutcome, RIGHT_MIN_F1 } from '../bench/metrics.js';
import { TUNING_SPLITS, foldOf } from '../bench/splits.js';
import { buildKnowledgeBase } from '../knowledge/knowledge-base.js';
import { analyzeQuestion } from '../question/analyze.js';
import { matchingForm } from '../text/script.js';
import { SPAN_FEATURE_NAMES, UNFITTED_SPAN_MODEL, scoreSpans, useSpanModel, type SpanModel } from '../answer/span.js';
import { fitRanker, linearScore, type LogisticModel } from '../answer/logistic.js';
import { toolSettings } from './args.js';

/**
 * extractSpan answers with the best span alone (the who-picker, the baseline) when held-out best spans
 * at its probability are right at least this often: a wrong span costs as much as a right one gains.
 */
const SPAN_ANSWER_PRECISION = 0.5;

interface ReadingTask {
  split: string;
  group: string;
  question: string;
  answers: string[];
  /** Candidate spans of the gold sentence: features, answer text, right or not. */
  x: Float64Array[];
  texts: string[];
  right: boolean[];
}

const log = (s: string) => process.stderr.write(s + '\n');

function collect(benchDir: string): ReadingTask[] {
  const tasks: ReadingTask[] = [];
  useSpanModel(UNFITTED_SPAN_MODEL);
  for (const rel of TUNING_SPLITS) {
    const path = join(benchDir, rel);
    if (!existsSync(path)) throw new Error(`tuning split missing: ${path}`);
    const set = loadSquad(path);
    // Facts are extracted as at run time: the names they find are taught to the segmenter, which changes the tags the features see.
    const kb = buildKnowledgeBase(set.documents, { index: false });
    const sentencesOf = new Map<string, string[]>();
    for (const s of kb.sentences) {
      const list = sentencesOf.get(s.docId) ?? [];
      list.push(s.simplified);
      sentencesOf.set(s.docId, list);
    }
    let noSentence = 0;
    let noSpans = 0;
    for (const q of set.questions) {
      if (q.impossible || q.yesno) continue;
      const golds = q.answers.map(matchingForm);
      const question = analyzeQuestion(q.question, kb.corpusText).matching;
      const holding = (sentencesOf.get(q.docId) ?? []).filter((s) => golds.some((g) => s.includes(g)));
      if (!holding.length) {
        noSentence++;
        continue;
      }
      const overlap = (s: string) => Array.from(new Set(question)).filter((c) => s.includes(c)).length;
      const sentence = holding.reduce((a, b) => (overlap(b) > overlap(a) ? b : a));
      const scored = scoreSpans(question, sentence, 'what');
      if (!scored?.candidates.length) {
        noSpans++;
        continue;
      }
      const texts = scored.candidates.map((c) => scored.finish(c));
      const f1 = texts.map((t) => f1Score(t, golds));
      const best = Math.max(...f1);
      tasks.push({
        split: set.name,
        group: `${set.name}/${q.docId}`,
        question,
        answers: golds,
        x: scored.candidates.map((c) => c.x!),
        texts,
        right: f1.map((v) => best >= RIGHT_MIN_F1 && v >= best - 1e-9),
      });
    }
    log(`${set.name}: ${tasks.filter((t) => t.split === set.name).length} reading tasks (${noSentence} without a sentence holding the answer, ${noSpans} without spans)`);
  }
  return tasks;
}

/** Each split weighs the same in total. */
function withSplitWeights(tasks: ReadingTask[]): { x: Float64Array[]; right: boolean[]; weight: number }[] {
  const count = new Map<string, number>();
  for (const t of tasks) count.set(t.split, (count.get(t.split) ?? 0) + 1);
  const mean = tasks.length / Math.max(1, count.size);
  return tasks.map((t) => ({ x: t.x, right: t.right, weight: mean / count.get(t.split)! }));
}

interface HeldOut {
  task: ReadingTask;
  /** The best span's probability among the sentence's spans. */
  share: number;
  right: boolean;
}

function evaluate(model: LogisticModel, task: ReadingTask): HeldOut {
  const scores = task.x.map((x) => linearScore(model, x));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
  const max = scores[best];
  const sum = scores.reduce((a, z) => a + Math.exp(z - max), 0);
  return { task, share: 1 / sum, right: judgeOutcome(task.texts[best], { answers: task.answers }) === 'right' };
}

/** The least share at which held-out best spans at or above it are right with the target precision. */
function minShareFor(held: HeldOut[], precision: number): number {
  const sorted = [...held].sort((a, b) => b.share - a.share);
  let right = 0;
  let chosen = 1.01;
  sorted.forEach((h, i) => {
    right += h.right ? 1 : 0;
    if (right / (i + 1) >= precision) chosen = h.share;
  });
  return chosen;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'bench-dir': { type: 'string' },
      folds: { type: 'string', default: '5' },
      l2: { type: 'string', default: '1' },
      iterations: { type: 'string', default: '300' },
      out: { type: 'string' },
    },
  });
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const benchDir = resolve(values['bench-dir'] ?? toolSettings().benchDir ?? join(root, '../shared/bench'));
  const folds = Number(values.folds);
  const options = { l2: Number(values.l2), iterations: Number(values.iterations) };
  loadSegmenter();
  const tasks = collect(benchDir);
  const reachable = tasks.filter((t) => t.right.some(Boolean)).length;
  log(`${tasks.length} reading tasks, a right span among the candidates in ${reachable}`);
  const held: HeldOut[] = [];
  for (let k = 0; k < folds; k++) {
    const train = tasks.filter((t) => foldOf(t.group, folds) !== k);
    const model = fitRanker(withSplitWeights(train), options);
    for (const t of tasks) if (foldOf(t.group, folds) === k) held.push(evaluate(model, t));
    log(`fold ${k + 1}/${folds} done`);
  }
  const bySplit: Record<string, { tasks: number; top1Right: number; reachable: number }> = {};
  for (const h of held) {
    bySplit[h.task.split] ??= { tasks: 0, top1Right: 0, reachable: 0 };
    const row = bySplit[h.task.split];
    row.tasks++;
    row.top1Right += h.right ? 1 : 0;
    row.reachable += h.task.right.some(Boolean) ? 1 : 0;
  }
  for (const row of Object.values(bySplit)) {
    row.top1Right = Math.round((row.top1Right / row.tasks) * 1e4) / 1e4;
    row.reachable = Math.round((row.reachable / row.tasks) * 1e4) / 1e4;
  }
  const minShare = minShareFor(held, SPAN_ANSWER_PRECISION);
  const answered = held.filter((h) => h.share >= minShare);
  const final = fitRanker(withSplitWeights(tasks), options);
  const model: SpanModel = {
    features: [...SPAN_FEATURE_NAMES],
    fittedOn: TUNING_SPLITS,
    fittedAt: new Date().toISOString().slice(0, 10),
    mean: final.mean.map((v) => Math.round(v * 1e6) / 1e6),
    sd: final.sd.map((v) => Math.round(v * 1e6) / 1e6),
    weights: final.weights.map((v) => Math.round(v * 1e6) / 1e6),
    bias: 0,
    minShare: Math.round(minShare * 1e4) / 1e4,
    heldOut: {
      folds,
      l2: options.l2,
      bySplit,
      minShareAnswered: Math.round((answered.length / Math.max(1, held.length)) * 1e4) / 1e4,
      minSharePrecision: Math.round((answered.filter((h) => h.right).length / Math.max(1, answered.length)) * 1e4) / 1e4,
    },
  };
  const out = values.out ?? join(root, 'src/answer/span-model.json');
  writeFileSync(out, JSON.stringify(model, null, 1) + '\n');
  log(`wrote ${out}`);
  log(JSON.stringify(model.heldOut, null, 1));
}

main();
