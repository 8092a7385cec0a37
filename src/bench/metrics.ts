/**
 * Benchmark metrics.
 *
 * EM / F1 follow the CMRC 2018 official evaluation script (cmrc2018_evaluate.py):
 * - text is lower-cased and trimmed, punctuation removed (the script's list of CJK/ASCII marks, plus every
 *   Unicode punctuation character and whitespace here);
 * - F1 segments "mixed": every Han character is one token, runs of other characters are split into words
 *   (the script uses nltk.word_tokenize; here: runs of letters/digits, other symbols one by one);
 *   precision/recall come from the longest common *contiguous* token run (the script's find_lcs);
 * - both are the maximum over the gold answers, and reported as percentages (0-100) like the script.
 * Before scoring, gold and prediction are both put in the matching form (Simplified, half-width), so a
 * Traditional gold answer and a prediction rendered back into Traditional compare equal even when the
 * Simplified->Traditional round trip picks another variant character.
 */
import { matchingForm } from '../text/script.js';

/** The official script's sp_char list. */
const OFFICIAL_PUNCTUATION = new Set([
  '-',
  ':',
  '_',
  '*',
  '^',
  '/',
  '\\',
  '~',
  '`',
  '+',
  '=',
  '，',
  '。',
  '：',
  '？',
  '！',
  '“',
  '”',
  '；',
  '’',
  '《',
  '》',
  '……',
  '·',
  '、',
  '「',
  '」',
  '（',
  '）',
  '－',
  '～',
  '『',
  '』',
]);
const PUNCT_OR_SPACE = /[\p{P}\s]/u;
const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isDropped(ch: string): boolean {
  return OFFICIAL_PUNCTUATION.has(ch) || PUNCT_OR_SPACE.test(ch);
}

/** Lower-case, trim, matching form (Simplified, half-width). */
export function normalizeForScoring(text: string, scriptFold = true): string {
  const t = String(text ?? '')
    .trim()
    .toLowerCase();
  return scriptFold ? matchingForm(t).toLowerCase() : t;
}

/** Text with punctuation and whitespace removed (EM form). */
export function removePunctuation(text: string): string {
  let out = '';
  for (const ch of text) if (!isDropped(ch)) out += ch;
  return out;
}

/** CMRC "mixed segmentation" with punctuation removed: Han characters one by one, other runs as words. */
export function mixedSegments(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const flush = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of text) {
    if (isDropped(ch)) {
      flush();
      continue;
    }
    if (HAN.test(ch)) {
      flush();
      out.push(ch);
    } else if (WORD_CHAR.test(ch)) {
      word += ch;
    } else {
      flush();
      out.push(ch);
    }
  }
  flush();
  return out;
}

/** Length of the longest common contiguous run of tokens. */
export function longestCommonRun(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const v = a[i] === b[j] ? prev[j] + 1 : 0;
      cur[j + 1] = v;
      if (v > best) best = v;
    }
    [prev, cur] = [cur, prev];
    cur.fill(0);
  }
  return best;
}

export interface ScoreOptions {
  /** Fold both sides to the matching form first (default true). */
  scriptFold?: boolean;
}

/** Exact match (0 or 1), max over gold answers. */
export function exactMatch(prediction: string | null, golds: string[], options: ScoreOptions = {}): number {
  if (prediction === null) return 0;
  const p = removePunctuation(normalizeForScoring(prediction, options.scriptFold ?? true));
  for (const g of golds) if (removePunctuation(normalizeForScoring(g, options.scriptFold ?? true)) === p) return 1;
  return 0;
}

/** Character-level F1 (0..1), max over gold answers. */
export function f1Score(prediction: string | null, golds: string[], options: ScoreOptions = {}): number {
  if (prediction === null) return 0;
  const p = mixedSegments(normalizeForScoring(prediction, options.scriptFold ?? true));
  let best = 0;
  for (const g of golds) {
    const a = mixedSegments(normalizeForScoring(g, options.scriptFold ?? true));
    const lcs = longestCommonRun(a, p);
    if (!lcs) continue;
    const precision = lcs / p.length;
    const recall = lcs / a.length;
    best = Math.max(best, (2 * precision * recall) / (precision + recall));
  }
  return best;
}

/** Does any gold answer occur in one of the first `k` cited sentences (matching form, spaces ignored)? */
export function citedWithin(citations: string[], golds: string[], k: number): boolean {
  const strip = (s: string) => matchingForm(s).replace(/\s+/g, '').toLowerCase();
  const cited = citations.slice(0, k).map(strip);
  return golds.some((g) => {
    const a = strip(g);
    return a.length > 0 && cited.some((c) => c.includes(a));
  });
}

/** Percentile (nearest-rank) of an unsorted list; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The three outcomes the product promise is measured by (issue: answer policy). */
export type Outcome = 'right' | 'wrong' | 'declined';

/** What counts as a concise answer: at most max(CONCISE_MIN_CHARS, CONCISE_FACTOR × the gold's length). */
export const CONCISE_MIN_CHARS = 20;
export const CONCISE_FACTOR = 3;
/** An answer with at least this F1 against a gold answer is right (the same bar as the hidden sets). */
export const RIGHT_MIN_F1 = 0.5;

export interface GoldQuestion {
  answers: string[];
  /** The context does not answer it: declining is right, any answer wrong. */
  impossible?: boolean;
  /** Yes/no question: right when the answer starts with 是 (yes) / 否 or 不 (no). */
  yesno?: 'yes' | 'no';
}

/**
 * right: answered, and F1 >= 0.5 with a gold answer, or the answer contains a gold answer and is at most
 * max(20, 3 × its length) characters; a yes/no question answered 是/否 as the gold says; an unanswerable
 * question declined. wrong: answered, and not right (any answer to an unanswerable question).
 * declined: an answerable question not answered.
 */
export function judgeOutcome(prediction: string | null, gold: GoldQuestion): Outcome {
  if (gold.impossible) return prediction === null ? 'right' : 'wrong';
  if (prediction === null) return 'declined';
  if (gold.yesno) {
    const p = removePunctuation(normalizeForScoring(prediction));
    const said = /^(是|对|有|会|能|可以|属实)/.test(p) ? 'yes' : /^(否|不|没|无|未)/.test(p) ? 'no' : null;
    return said === gold.yesno ? 'right' : 'wrong';
  }
  if (f1Score(prediction, gold.answers) >= RIGHT_MIN_F1) return 'right';
  const p = removePunctuation(normalizeForScoring(prediction));
  for (const g of gold.answers) {
    const a = removePunctuation(normalizeForScoring(g));
    if (a.length && p.includes(a) && p.length <= Math.max(CONCISE_MIN_CHARS, CONCISE_FACTOR * a.length)) return 'right';
  }
  return 'wrong';
}

/** One row of a risk-coverage table: the answers whose confidence falls in a decile, and how many were right. */
export interface RiskCoverageRow {
  /** Lowest and highest confidence in the bucket. */
  from: number;
  to: number;
  answered: number;
  right: number;
  /** right / answered. */
  precision: number;
  /** Share of all questions answered with at least this bucket's lowest confidence. */
  coverage: number;
  /** Precision of all answers at or above this bucket (what a threshold at `from` would give). */
  precisionAbove: number;
}

/**
 * Precision of direct answers by confidence decile, highest first. Ten buckets of (nearly) equal size over
 * the answered questions' confidences; `total` is the number of all questions.
 */
export function riskCoverage(answered: { confidence: number; right: boolean }[], total: number, buckets = 10): RiskCoverageRow[] {
  const sorted = [...answered].sort((a, b) => b.confidence - a.confidence);
  const rows: RiskCoverageRow[] = [];
  let cumRight = 0;
  let cumAnswered = 0;
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * sorted.length) / buckets);
    const hi = Math.floor(((b + 1) * sorted.length) / buckets);
    if (hi <= lo) continue;
    const slice = sorted.slice(lo, hi);
    const right = slice.filter((x) => x.right).length;
    cumRight += right;
    cumAnswered += slice.length;
    rows.push({
      from: slice[slice.length - 1].confidence,
      to: slice[0].confidence,
      answered: slice.length,
      right,
      precision: right / slice.length,
      coverage: cumAnswered / Math.max(1, total),
      precisionAbove: cumRight / cumAnswered,
    });
  }
  return rows;
}
