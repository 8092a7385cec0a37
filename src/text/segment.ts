/**
 * Chinese word segmentation (nodejieba, HMM on so unknown names stay whole).
 * Input must be the Simplified matching form: jieba's dictionary is Simplified and segments
 * Traditional text badly. The dictionary is loaded once, on first use (~1.2 s).
 */
import nodejieba from 'nodejieba';
import { STOP_WORDS, isPunctuation } from './stopwords.js';

let loadedMs: number | null = null;
const userWords = new Set<string>();

/** Load the segmenter's dictionaries now (otherwise on first use). Returns the load time in ms. */
export function loadSegmenter(): number {
  if (loadedMs === null) {
    const t0 = performance.now();
    nodejieba.load();
    loadedMs = performance.now() - t0;
  }
  return loadedMs;
}

/** Teach the segmenter a word (a name found by fact extraction) so it stays whole. */
export function addUserWord(word: string, tag = 'nz'): void {
  if (word.length < 2 || userWords.has(word)) return;
  loadSegmenter();
  userWords.add(word);
  nodejieba.insertWord(word, tag);
}

/** Precise mode: each character in exactly one token. */
export function cut(simplified: string): string[] {
  loadSegmenter();
  return nodejieba.cut(simplified, true);
}

/** Search mode: long words also yield their dictionary sub-words (政法委书记 -> 政法, 政法委, 书记, …). */
export function cutForSearch(simplified: string): string[] {
  loadSegmenter();
  return nodejieba.cutForSearch(simplified, true);
}

export interface TaggedWord {
  word: string;
  tag: string;
}

/** Precise mode with part-of-speech tags (nr person, ns place, nt organisation, m numeral…). */
export function tag(simplified: string): TaggedWord[] {
  loadSegmenter();
  return nodejieba.tag(simplified);
}

/**
 * Mixed Latin/digit terms. jieba cuts 5G into 5 / G, COVID-19 into COVID / - / 19, A股 into A / 股:
 * a question about 4G would then match a document about 5G on G alone, and 5G is no term at all.
 * Both sides (question terms and index tokens) merge the pieces back, with the same rule:
 * - a run of Latin/digit tokens, joined directly, by one hyphen (COVID-19), by a dot between digits
 *   (PM2.5) or by one space from letters to digits (iPhone 15), is one term when it holds both letters
 *   and digits (5G, 4K, H1N1, iPhone15); a run of digits alone stays a number for the figure readers;
 * - a single Latin letter followed by a single-character word of jieba's dictionary that jieba left
 *   standing alone (A股, B站, Q币, U盘) is one term: a lone letter is no word, the pair is. Function
 *   words and stop words (A和B, A是) never join, nor does a letter that ends a masked name (马X做);
 *   longer Latin words (GDP, NBA) are words by themselves;
 * - a run of katakana (a foreign name a Chinese question quotes, 「ミライ」), which jieba cuts into
 *   single characters, is one term.
 * Merged terms are written without the space (iphone15 for iPhone 15) and tagged 'eng', like the
 * Latin words jieba keeps whole (GDP/eng, iPhone15Pro/eng).
 */
const LATIN_DIGIT = /^[A-Za-z0-9]+$/;
const HAS_LATIN = /[A-Za-z]/;
/** Text that may hold a mixed term: Latin letters or katakana. */
const MAY_MIX = /[A-Za-z\u30a1-\u30fa\uff66-\uff9d]/;
/** A katakana token (jieba cuts katakana one character at a time): letters, middle dot, length mark, full- and half-width. */
const KATAKANA = /^[\u30a1-\u30ff\u31f0-\u31ff\uff65-\uff9f]+$/;
const KATAKANA_LETTER = /[\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff6f\uff71-\uff9d]/;
const HAS_DIGIT = /[0-9]/;
const SINGLE_LETTER = /^[A-Za-z]$/;
const SINGLE_HAN = /^\p{Script=Han}$/u;
/** jieba tags of single characters that never join a letter: particles, prepositions, conjunctions, pronouns, adverbs, numerals, locatives, unknown. */
const NON_JOINING_TAGS = /^(p|c|u[a-z]*|r[a-z]*|d|y|e|o|m|f|x|zg)$/;
/** Tag of a merged mixed term (jieba's tag for Latin words). */
export const MIXED_TERM_TAG = 'eng';

/** Dictionary tags of single characters that count a thing rather than name it: classifiers and numerals (多少家A股). */
const COUNTING_TAGS = /^(q|m)$/;

const characterTags = new Map<string, string>();

/** jieba's dictionary tag of a single character ('x' when the dictionary lacks it): tagging it alone gives it. */
function characterTag(ch: string): string {
  let t = characterTags.get(ch);
  if (t === undefined) {
    const tagged = nodejieba.tag(ch);
    t = tagged.length === 1 ? tagged[0].tag : 'x';
    characterTags.set(ch, t);
  }
  return t;
}

/** Is this single Han character a content word of jieba's dictionary (股, 站, 马), not a function or stop word (在, 和, 是)? */
function isContentCharacter(ch: string): boolean {
  return !NON_JOINING_TAGS.test(characterTag(ch)) && !STOP_WORDS.has(ch);
}

/**
 * Does the lone letter at i make one word with the single character after it (A股, B站)? Not when a
 * naming character stands alone right before it: then the letter ends a masked or abbreviated name
 * (马X做, 王A说), as in judgments that mask names; a classifier or numeral before it counts (多少家A股).
 */
function lettersWord(words: readonly string[], i: number): boolean {
  const next = words[i + 1] ?? '';
  if (!SINGLE_HAN.test(next) || !isContentCharacter(next)) return false;
  const prev = words[i - 1] ?? '';
  return !(SINGLE_HAN.test(prev) && isContentCharacter(prev) && !COUNTING_TAGS.test(characterTag(prev)));
}

/**
 * Where the mixed terms are in a token sequence: [start, end) token ranges, in order. Works on precise
 * cuts and on search-mode cuts alike: search mode adds sub-words of two or three Han characters only,
 * never around Latin/digit tokens or single characters, so the pieces to merge stay adjacent.
 */
function mixedRuns(words: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    if (KATAKANA.test(words[i])) {
      let end = i + 1;
      while (end < words.length && KATAKANA.test(words[end])) end++;
      if (end - i > 1 && KATAKANA_LETTER.test(words.slice(i, end).join(''))) runs.push([i, end]);
      i = end - 1;
      continue;
    }
    if (!LATIN_DIGIT.test(words[i])) continue;
    let end = i + 1;
    for (;;) {
      const next = words[end];
      if (next !== undefined && LATIN_DIGIT.test(next)) {
        end++;
        continue;
      }
      const after = words[end + 1];
      if (next === undefined || after === undefined || !LATIN_DIGIT.test(after)) break;
      const before = words[end - 1];
      const joins = next === '-' || (next === '.' && /[0-9]$/.test(before) && /^[0-9]/.test(after)) || (next === ' ' && /[A-Za-z]$/.test(before) && /^[0-9]/.test(after));
      if (!joins) break;
      end += 2;
    }
    const text = words.slice(i, end).join('');
    if (end - i > 1 && HAS_LATIN.test(text) && HAS_DIGIT.test(text)) runs.push([i, end]);
    else if (end - i === 1 && SINGLE_LETTER.test(words[i]) && lettersWord(words, i)) {
      runs.push([i, i + 2]);
      end = i + 2;
    }
    i = end - 1;
  }
  return runs;
}

/** The text of a merged run: its pieces without the joining space. */
function runText(words: readonly string[], start: number, end: number): string {
  return words.slice(start, end).join('').replace(/\s+/g, '');
}

/** The items with each run replaced by what `merged` makes of it (and whatever `pieces` yields before it). */
function replaceRuns<T>(items: readonly T[], runs: [number, number][], merged: (start: number, end: number) => T, pieces?: (start: number, end: number) => T[]): T[] {
  const out: T[] = [];
  let i = 0;
  for (const [start, end] of runs) {
    while (i < start) out.push(items[i++]);
    if (pieces) out.push(...pieces(start, end));
    out.push(merged(start, end));
    i = end;
  }
  while (i < items.length) out.push(items[i++]);
  return out;
}

/** Precise mode with tags, mixed terms merged and tagged 'eng': the question's terms come from here. */
export function tagTerms(simplified: string): TaggedWord[] {
  const tagged = tag(simplified);
  if (!MAY_MIX.test(simplified)) return tagged;
  const words = tagged.map((t) => t.word);
  const runs = mixedRuns(words);
  return runs.length === 0 ? tagged : replaceRuns(tagged, runs, (start, end) => ({ word: runText(words, start, end), tag: MIXED_TERM_TAG }));
}

/** Precise mode, mixed terms merged. */
export function cutTerms(simplified: string): string[] {
  const words = cut(simplified);
  if (!MAY_MIX.test(simplified)) return words;
  const runs = mixedRuns(words);
  return runs.length === 0 ? words : replaceRuns(words, runs, (start, end) => runText(words, start, end));
}

/** Latin words of two letters or more inside a merged run (covid in COVID-19). */
const LATIN_WORD = /^[A-Za-z]{2,}$/;

/**
 * Search mode with mixed terms merged: what the index and the question's search tokens are made of.
 * Like jieba's search mode, a merged term also yields its Latin words of two letters or more
 * (covid and covid-19), so a question naming the word alone still finds it; lone letters and digit
 * runs (the G and 5 of 5G) are not yielded.
 */
export function searchWords(simplified: string): string[] {
  const words = cutForSearch(simplified);
  if (!MAY_MIX.test(simplified)) return words;
  const runs = mixedRuns(words);
  if (runs.length === 0) return words;
  return replaceRuns(
    words,
    runs,
    (start, end) => runText(words, start, end),
    (start, end) => words.slice(start, end).filter((w) => LATIN_WORD.test(w)),
  );
}

/** Normalise a token for indexing: ASCII lower case; null for stop words and punctuation. */
export function indexTerm(token: string): string | null {
  const t = token.trim().toLowerCase();
  if (!t || isPunctuation(t) || STOP_WORDS.has(t)) return null;
  return t;
}

/** Tokens for the index (and for queries, which must be tokenised the same way): search-mode words, mixed terms merged. */
export function indexTokens(simplified: string): string[] {
  const out: string[] = [];
  for (const tok of searchWords(simplified)) {
    const t = indexTerm(tok);
    if (t) out.push(t);
  }
  return out;
}
