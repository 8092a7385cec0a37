/**
 * `npm run tune:spans [-- --bench-dir DIR] [--folds 5] [--l2 1] [--lexical-l2 1[,5,...]] [--min-tasks 5] [--out FILE]`
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
import { LEXICAL_TEMPLATES, SPAN_FEATURE_NAMES, UNFITTED_SPAN_MODEL, scoreSpans, useSpanModel, type SpanModel } from '../answer/span.js';
import { fitRanker, linearScore, type LogisticModel, type RankerOptions, type RankingGroup } from '../answer/logistic.js';
import { toolSettings } from './args.js';

/**
 * extractSpan answers with the best span alone (the who-picker, the baseline) when held-out best spans
 * at its probability are right at least this often: a wrong span costs as much as a right one gains.
 */
const SPAN_ANSWER_PRECISION = 0.5;
/**
 * L2 penalties of the lexical indicators tried (--lexical-l2 1,4,16 tries several); the one with the best
 * held-out top-1 right is kept. 4 won among 1, 4 and 16 when the conjunctions were introduced
 * (docs/measurements/span-reader.md, round 2), so the default fit tries it alone.
 */
const LEXICAL_L2 = [4];
/** A lexical key is fitted only when at least this many reading tasks have it (rarer ones cannot be weighed). */
const LEXICAL_MIN_TASKS = 5;
/** Lexical weights smaller than this are left out of span-model.json (they change no score visibly). */
const LEXICAL_MIN_WEIGHT = 0.005;

interface ReadingTask {
  split: string;
  group: string;
  question: string;
  answers: string[];
  /** Candidate spans of the gold sentence: features, lexical key ids (vocabulary), answer text, right or not. */
  x: Float64Array[];
  keys: Int32Array[];
  texts: string[];
  right: boolean[];
}

const log = (s: string) => process.stderr.write(s + '\n');

/** Lexical keys seen while collecting, by id (ids index ReadingTask.keys). */
class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }
}

function collect(benchDir: string, vocabulary: Vocabulary): ReadingTask[] {
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
        keys: scored.candidates.map((c) => Int32Array.from(c.keys ?? [], (k) => vocabulary.id(k))),
        texts,
        right: f1.map((v) => best >= RIGHT_MIN_F1 && v >= best - 1e-9),
      });
    }
    log(`${set.name}: ${tasks.filter((t) => t.split === set.name).length} reading tasks (${noSentence} without a sentence holding the answer, ${noSpans} without spans)`);
  }
  return tasks;
}

/**
 * Each split weighs the same in total. Lexical keys are renumbered to those seen in at least
 * minTasks of these tasks (the others, too rare to weigh, are dropped): returns the groups and the kept
 * vocabulary ids in their new order.
 */
function withSplitWeights(tasks: ReadingTask[], minTasks: number): { groups: RankingGroup[]; kept: number[] } {
  const count = new Map<string, number>();
  for (const t of tasks) count.set(t.split, (count.get(t.split) ?? 0) + 1);
  const mean = tasks.length / Math.max(1, count.size);
  const seen = new Map<number, number>();
  for (const t of tasks) for (const id of new Set(t.keys.flatMap((k) => Array.from(k)))) seen.set(id, (seen.get(id) ?? 0) + 1);
  const kept = [...seen].filter(([, n]) => n >= minTasks).map(([id]) => id);
  const column = new Map(kept.map((id, i) => [id, i]));
  const groups = tasks.map((t) => ({
    x: t.x,
    sparse: t.keys.map((k) =>
      Int32Array.from(
        Array.from(k).filter((id) => column.has(id)),
        (id) => column.get(id)!,
      ),
    ),
    right: t.right,
    weight: mean / count.get(t.split)!,
  }));
  return { groups, kept };
}

/** A fitted reader over vocabulary ids: the dense model and each kept key's weight. */
interface Reader {
  model: LogisticModel;
  lexical: Map<number, number>;
}

function fitReader(tasks: ReadingTask[], options: RankerOptions & { minTasks: number }): Reader {
  const { groups, kept } = withSplitWeights(tasks, options.minTasks);
  const model = fitRanker(groups, { ...options, sparseDims: kept.length });
  return { model, lexical: new Map(kept.map((id, i) => [id, model.sparseWeights[i]])) };
}

interface HeldOut {
  task: ReadingTask;
  /** The best span's probability among the sentence's spans. */
  share: number;
  right: boolean;
}

function evaluate(reader: Reader, task: ReadingTask): HeldOut {
  const scores = task.x.map((x, i) => linearScore(reader.model, x) + Array.from(task.keys[i]).reduce((a, id) => a + (reader.lexical.get(id) ?? 0), 0));
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

interface SplitHeldOut {
  tasks: number;
  top1Right: number;
  reachable: number;
}

function crossValidate(tasks: ReadingTask[], folds: number, options: RankerOptions & { minTasks: number }): HeldOut[] {
  const held: HeldOut[] = [];
  for (let k = 0; k < folds; k++) {
    const train = tasks.filter((t) => foldOf(t.group, folds) !== k);
    const reader = fitReader(train, options);
    for (const t of tasks) if (foldOf(t.group, folds) === k) held.push(evaluate(reader, t));
    log(`fold ${k + 1}/${folds} done`);
  }
  return held;
}

function heldOutBySplit(held: HeldOut[]): Record<string, SplitHeldOut> {
  const bySplit: Record<string, SplitHeldOut> = {};
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
  return bySplit;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'bench-dir': { type: 'string' },
      folds: { type: 'string', default: '5' },
      l2: { type: 'string', default: '1' },
      'lexical-l2': { type: 'string', default: LEXICAL_L2.join(',') },
      'min-tasks': { type: 'string', default: String(LEXICAL_MIN_TASKS) },
      iterations: { type: 'string', default: '300' },
      out: { type: 'string' },
    },
  });
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const benchDir = resolve(values['bench-dir'] ?? toolSettings().benchDir ?? join(root, '../shared/bench'));
  const folds = Number(values.folds);
  const base = { l2: Number(values.l2), minTasks: Number(values['min-tasks']), iterations: Number(values.iterations) };
  // Several lexical penalties may be given (1,5,20): each is cross-validated, the best held-out one is kept.
  const lexicalL2s = values['lexical-l2'].split(',').map(Number);
  loadSegmenter();
  const vocabulary = new Vocabulary();
  const tasks = collect(benchDir, vocabulary);
  log(`${vocabulary.keys.length} lexical keys`);
  const reachable = tasks.filter((t) => t.right.some(Boolean)).length;
  log(`${tasks.length} reading tasks, a right span among the candidates in ${reachable}`);
  let chosen: { options: RankerOptions & { minTasks: number }; held: HeldOut[]; bySplit: Record<string, SplitHeldOut>; score: number } | null = null;
  for (const sparseL2 of lexicalL2s) {
    const options = { ...base, sparseL2 };
    const held = crossValidate(tasks, folds, options);
    const bySplit = heldOutBySplit(held);
    // Splits weigh the same, as in the fit.
    const score = Object.values(bySplit).reduce((a, r) => a + r.top1Right, 0) / Math.max(1, Object.keys(bySplit).length);
    log(`lexical L2 ${sparseL2}: held-out top-1 right ${JSON.stringify(bySplit)} mean ${score.toFixed(4)}`);
    if (!chosen || score > chosen.score) chosen = { options, held, bySplit, score };
  }
  const { options, held, bySplit } = chosen!;
  const minShare = minShareFor(held, SPAN_ANSWER_PRECISION);
  const answered = held.filter((h) => h.share >= minShare);
  const fitted = fitReader(tasks, options);
  const final = fitted.model;
  // Keys whose weight rounds to nothing are left out of the file (they score 0 either way).
  const lexical: Record<string, number> = {};
  for (const [id, w] of [...fitted.lexical].sort((a, b) => (vocabulary.keys[a[0]] < vocabulary.keys[b[0]] ? -1 : 1)))
    if (Math.abs(w) >= LEXICAL_MIN_WEIGHT) lexical[vocabulary.keys[id]] = Math.round(w * 1e4) / 1e4;
  const model: SpanModel = {
    features: [...SPAN_FEATURE_NAMES],
    fittedOn: TUNING_SPLITS,
    fittedAt: new Date().toISOString().slice(0, 10),
    mean: final.mean.map((v) => Math.round(v * 1e6) / 1e6),
    sd: final.sd.map((v) => Math.round(v * 1e6) / 1e6),
    weights: final.weights.map((v) => Math.round(v * 1e6) / 1e6),
    bias: 0,
    lexicalTemplates: [...LEXICAL_TEMPLATES],
    lexical,
    minShare: Math.round(minShare * 1e4) / 1e4,
    heldOut: {
      folds,
      l2: options.l2,
      lexicalL2: options.sparseL2,
      lexicalMinTasks: options.minTasks,
      lexicalKept: Object.keys(lexical).length,
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
