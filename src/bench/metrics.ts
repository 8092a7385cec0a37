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
  '-', ':', '_', '*', '^', '/', '\\', '~', '`', '+', '=', '，', '。', '：', '？', '！', '“', '”', '；', '’', '《', '》', '……', '·', '、',
  '「', '」', '（', '）', '－', '～', '『', '』',
]);
const PUNCT_OR_SPACE = /[\p{P}\s]/u;
const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isDropped(ch: string): boolean {
  return OFFICIAL_PUNCTUATION.has(ch) || PUNCT_OR_SPACE.test(ch);
}

/** Lower-case, trim, matching form (Simplified, half-width). */
export function normalizeForScoring(text: string, scriptFold = true): string {
  const t = String(text ?? '').trim().toLowerCase();
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
