/**
 * Running a question-answering system over a benchmark set and measuring it.
 * The system under test is built once from the set's documents (timed), then asked every question
 * (each answer timed). Memory is read after the build, after a full garbage collection.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { CorpusDocument } from '../types.js';
import type { BenchQuestion, BenchSet } from './squad.js';
import { citedWithin, exactMatch, f1Score, judgeOutcome, percentile, riskCoverage, type Outcome, type RiskCoverageRow } from './metrics.js';

/** What a system says to one question: a short answer (null = abstained) and the cited sentences, best first. */
export interface SystemAnswer {
  answer: string | null;
  citations: string[];
  /** Question type, when the system has one (for per-type breakdowns). */
  type?: string;
  /**
   * The passages shown to the user, best first, whether answered or not (an engine that declines still
   * shows its nearest passages). Defaults to `citations`.
   */
  passages?: string[];
  /** The system's confidence that its direct answer is right (0..1), when it has one. */
  confidence?: number;
  /** Why it did not answer, when it has a reason. */
  reason?: string;
}

export interface QaSystem {
  ask(question: string): SystemAnswer;
  /** Number of indexed sentences, when known. */
  sentences?: number;
}

export interface SystemFactory {
  name: string;
  build(documents: CorpusDocument[]): QaSystem;
}

export interface RunResult {
  system: string;
  split: string;
  questions: number;
  /** Percent, 0-100 (CMRC script convention). */
  em: number;
  f1: number;
  /** Shares, 0-1. */
  cite1: number;
  cite3: number;
  abstained: number;
  /** Shares of all questions (see metrics.judgeOutcome); they add up to 1. */
  right: number;
  wrong: number;
  declined: number;
  /** Share of the questions with a span answer whose gold answer is in the first passage shown. */
  passage1: number;
  /** Precision of direct answers by confidence decile (systems that give a confidence). */
  riskCoverage?: RiskCoverageRow[];
  buildMs: number;
  /** Segmenter dictionary load, paid once per process before any build (not part of buildMs). */
  dictMs: number;
  p50Ms: number;
  p99Ms: number;
  heapMB: number;
  rssMB: number;
  documents: number;
  sentences?: number;
}

export interface QuestionRecord {
  id: string;
  question: string;
  answers: string[];
  prediction: string | null;
  type?: string;
  em: number;
  f1: number;
  cite1: boolean;
  cite3: boolean;
  ms: number;
  citations: string[];
  outcome: Outcome;
  /** Gold answer in the first passage shown (answered or not); absent for unanswerable and yes/no questions. */
  passage1?: boolean;
  confidence?: number;
  reason?: string;
  impossible?: boolean;
  yesno?: 'yes' | 'no';
}

export interface RunOptions {
  dictMs?: number;
  onProgress?: (done: number, total: number) => void;
  onQuestion?: (record: QuestionRecord) => void;
}

let gcFn: (() => void) | null | undefined;

/** A full GC when the runtime allows one (exposes it on demand if --expose-gc was not given). */
export function collectGarbage(): boolean {
  if (gcFn === undefined) {
    gcFn = (globalThis as { gc?: () => void }).gc ?? null;
    if (!gcFn) {
      try {
        v8.setFlagsFromString('--expose-gc');
        gcFn = vm.runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  if (!gcFn) return false;
  gcFn();
  gcFn();
  return true;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** heapMB: V8's heap in use; arrayBuffersMB: typed arrays' memory, outside it (index postings, caches). */
export function memoryNow(): { heapMB: number; rssMB: number; arrayBuffersMB: number } {
  collectGarbage();
  const m = process.memoryUsage();
  return { heapMB: round(m.heapUsed / 2 ** 20, 1), rssMB: round(m.rss / 2 ** 20, 1), arrayBuffersMB: round(m.arrayBuffers / 2 ** 20, 1) };
}

export function runBench(set: BenchSet, factory: SystemFactory, questions: BenchQuestion[] = set.questions, options: RunOptions = {}): RunResult {
  collectGarbage();
  const t0 = performance.now();
  let system: QaSystem | null = factory.build(set.documents);
  const buildMs = performance.now() - t0;
  const { heapMB, rssMB } = memoryNow();
  let em = 0;
  let f1 = 0;
  let cite1 = 0;
  let cite3 = 0;
  let abstained = 0;
  const outcomes = { right: 0, wrong: 0, declined: 0 };
  let passage1 = 0;
  let spanQuestions = 0;
  const confidences: { confidence: number; right: boolean }[] = [];
  const latencies: number[] = [];
  questions.forEach((q, i) => {
    const t = performance.now();
    const a = system!.ask(q.question);
    const ms = performance.now() - t;
    latencies.push(ms);
    const qEm = exactMatch(a.answer, q.answers);
    const qF1 = f1Score(a.answer, q.answers);
    const c1 = citedWithin(a.citations, q.answers, 1);
    const c3 = citedWithin(a.citations, q.answers, 3);
    em += qEm;
    f1 += qF1;
    cite1 += Number(c1);
    cite3 += Number(c3);
    if (a.answer === null) abstained++;
    const outcome = judgeOutcome(a.answer, q);
    outcomes[outcome]++;
    if (a.answer !== null && a.confidence !== undefined) confidences.push({ confidence: a.confidence, right: outcome === 'right' });
    let p1: boolean | undefined;
    if (!q.impossible && !q.yesno) {
      spanQuestions++;
      p1 = citedWithin(a.passages ?? a.citations, q.answers, 1);
      passage1 += Number(p1);
    }
    options.onQuestion?.({
      id: q.id,
      question: q.question,
      answers: q.answers,
      prediction: a.answer,
      type: a.type,
      em: qEm,
      f1: qF1,
      cite1: c1,
      cite3: c3,
      ms,
      citations: a.citations.slice(0, 3),
      outcome,
      ...(p1 !== undefined ? { passage1: p1 } : {}),
      ...(a.confidence !== undefined ? { confidence: round(a.confidence, 4) } : {}),
      ...(a.reason ? { reason: a.reason } : {}),
      ...(q.impossible ? { impossible: true } : {}),
      ...(q.yesno ? { yesno: q.yesno } : {}),
    });
    options.onProgress?.(i + 1, questions.length);
  });
  const sentences = system.sentences;
  system = null;
  const n = Math.max(1, questions.length);
  return {
    system: factory.name,
    split: set.name,
    questions: questions.length,
    em: round((100 * em) / n, 2),
    f1: round((100 * f1) / n, 2),
    cite1: round(cite1 / n, 4),
    cite3: round(cite3 / n, 4),
    abstained: round(abstained / n, 4),
    right: round(outcomes.right / n, 4),
    wrong: round(outcomes.wrong / n, 4),
    declined: round(outcomes.declined / n, 4),
    passage1: round(passage1 / Math.max(1, spanQuestions), 4),
    ...(confidences.length
      ? {
          riskCoverage: riskCoverage(confidences, questions.length).map((r) => ({
            ...r,
            from: round(r.from, 4),
            to: round(r.to, 4),
            precision: round(r.precision, 4),
            coverage: round(r.coverage, 4),
            precisionAbove: round(r.precisionAbove, 4),
          })),
        }
      : {}),
    buildMs: round(buildMs, 1),
    dictMs: round(options.dictMs ?? 0, 1),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    heapMB,
    rssMB,
    documents: set.documents.length,
    ...(sentences !== undefined ? { sentences } : {}),
  };
}
