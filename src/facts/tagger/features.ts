/**
 * Features of the character tagger. Every feature of character i is a 32-bit hash of (template id,
 * values) computed from character codes and small integer ids, never a string: decoding a whole corpus
 * must stay cheap. The hash picks a row of the weight table (one weight per tag), so the feature set is
 * open (no vocabulary to store) and the model size is fixed by the number of rows.
 *
 * Positions are UTF-16 code units of the text. Input is the Simplified matching form with jieba's tags of the same text (the tags' words must
 * concatenate to the text).
 */
import type { TaggedWord } from '../../text/segment.js';
import { COMPOUND_SURNAMES, SURNAMES, TITLE_HEAD_WORDS } from '../lexicon.js';

/** Codes outside the text (before its start, after its end). */
const BEFORE = 1;
const AFTER = 2;

/** Character classes: Han, digit (ASCII, full-width, Chinese), Latin letter, punctuation/symbol, space, other. */
const CLASS_HAN = 1;
const CLASS_DIGIT = 2;
const CLASS_LATIN = 3;
const CLASS_PUNCT = 4;
const CLASS_SPACE = 5;
const CLASS_OTHER = 6;
const CHINESE_DIGITS = new Set(Array.from('〇零一二两三四五六七八九十百千万亿'));
const HAN_RE = /\p{Script=Han}/u;
const PUNCT_RE = /[\p{P}\p{S}]/u;

function charClass(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c === 0x20 || c === 0x3000 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0) return CLASS_SPACE;
  if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) return CLASS_DIGIT;
  if (CHINESE_DIGITS.has(ch)) return CLASS_DIGIT;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return CLASS_LATIN;
  if (c >= 0x4e00 && c <= 0x9fff) return CLASS_HAN;
  if (c < 0x80) return /[A-Za-z0-9\s]/.test(ch) ? CLASS_OTHER : CLASS_PUNCT;
  if (HAN_RE.test(ch)) return CLASS_HAN;
  if (PUNCT_RE.test(ch)) return CLASS_PUNCT;
  return CLASS_OTHER;
}

/** The code a character contributes to n-gram features: ASCII digits fold to '0', Latin letters to lower case. */
function charCode(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x30 && c <= 0x39) return 0x30;
  if (c >= 0xff10 && c <= 0xff19) return 0x30;
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  return c;
}

/** 32-bit string hash (FNV-1a) for jieba tags and words. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Final avalanche (murmur3 fmix32), so feature hashes spread over the table's rows. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// A template id and up to three values, each multiplied by its own odd constant (so (a, b) and (b, a)
// differ), then avalanched: a handful of multiplications per feature.
const f1 = (t: number, a: number) => finish(Math.imul(t, 0x9e3779b1) ^ Math.imul(a, 0x85ebca77));
const f2 = (t: number, a: number, b: number) => finish(Math.imul(t, 0x9e3779b1) ^ Math.imul(a, 0x85ebca77) ^ Math.imul(b ^ 0x5bd1e995, 0xc2b2ae3d));
const f3 = (t: number, a: number, b: number, c: number) => finish(Math.imul(t, 0x9e3779b1) ^ Math.imul(a, 0x85ebca77) ^ Math.imul(b ^ 0x5bd1e995, 0xc2b2ae3d) ^ Math.imul(c ^ 0x27d4eb2f, 0x165667b1));

/** Title heads by length, for marking where a head of the title lexicon lies in the text. */
const HEADS_BY_LENGTH = (() => {
  const byLength = new Map<number, Set<string>>();
  for (const h of TITLE_HEAD_WORDS) {
    if (!byLength.has(h.length)) byLength.set(h.length, new Set());
    byLength.get(h.length)!.add(h);
  }
  return [...byLength.entries()].sort((a, b) => b[0] - a[0]);
})();
const COMPOUND_SET = new Set(COMPOUND_SURNAMES);
const HEAD_FIRST_CHARS = new Set(TITLE_HEAD_WORDS.map((h) => h[0]));

/**
 * Word lists learnt from the tagger's training data and stored in its model: the names and positions
 * annotated there (matching form). A text's matches are features, not decisions: the perceptron learns
 * how far a match is to be trusted, because the training script computes each training sentence's
 * matches with lists built from the other folds only (a list never sees the sentence it marks).
 */
export interface TaggerLexicons {
  names: readonly string[];
  positions: readonly string[];
  /**
   * The other entities annotated there (organisations, companies, government bodies, addresses,
   * scenes, games, books, films): what a name-like string can be instead of a name (博尔顿 the club).
   */
  others?: readonly string[];
}

/** A word list by first character, longest first (for greedy longest-first matching). */
interface WordMarker {
  byFirst: Map<string, string[]>;
}

const markers = new WeakMap<readonly string[], WordMarker>();

function markerOf(words: readonly string[]): WordMarker {
  let m = markers.get(words);
  if (!m) {
    const byFirst = new Map<string, string[]>();
    for (const w of words) {
      if (w.length < 2) continue;
      const list = byFirst.get(w[0]) ?? [];
      list.push(w);
      byFirst.set(w[0], list);
    }
    for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    m = { byFirst };
    markers.set(words, m);
  }
  return m;
}

/** Marks of the longest matches, left to right: 1 begins a match, 2 inside, 3 ends it (0 none). */
function markMatches(text: string, n: number, marker: WordMarker, out: Uint8Array): void {
  out.fill(0, 0, n);
  for (let i = 0; i < n; ) {
    const list = marker.byFirst.get(text[i]);
    const hit = list?.find((w) => i + w.length <= n && text.startsWith(w, i));
    if (!hit) {
      i++;
      continue;
    }
    out[i] = 1;
    for (let k = 1; k < hit.length - 1; k++) out[i + k] = 2;
    out[i + hit.length - 1] = 3;
    i += hit.length;
  }
}

/** Position of a character in its jieba word: single, begin, middle, end. */
const WORD_S = 0;
const WORD_B = 1;
const WORD_M = 2;
const WORD_E = 3;

/** Per-character context the templates read (computed once per text). */
export interface CharContext {
  /** Characters of the text (the arrays may be longer: they are reused between texts). */
  n: number;
  codes: Int32Array;
  classes: Uint8Array;
  /** BMES position of the character in its jieba word. */
  wordPos: Uint8Array;
  /** Hash of the jieba tag of the character's word. */
  wordTag: Uint32Array;
  /** Hash of the word itself (0 for one-character words). */
  wordHash: Uint32Array;
  /** Hashes of the previous and next words themselves. */
  prevWord: Uint32Array;
  nextWord: Uint32Array;
  /** Hash of the tags of the previous and next words. */
  prevTag: Uint32Array;
  nextTag: Uint32Array;
  /** 1 if the character is a surname (2: starts a compound surname). */
  surname: Uint8Array;
  /** Title lexicon: 0 none, 1 begins a head, 2 inside, 3 ends a head (longest match wins). */
  title: Uint8Array;
  /** The model's name and position lists (TaggerLexicons), marked as `title` is. */
  knownName: Uint8Array;
  knownPosition: Uint8Array;
  knownOther: Uint8Array;
}

function allocate(n: number): CharContext {
  return {
    n,
    codes: new Int32Array(n),
    classes: new Uint8Array(n),
    wordPos: new Uint8Array(n),
    wordTag: new Uint32Array(n),
    wordHash: new Uint32Array(n),
    prevWord: new Uint32Array(n),
    nextWord: new Uint32Array(n),
    prevTag: new Uint32Array(n),
    nextTag: new Uint32Array(n),
    surname: new Uint8Array(n),
    title: new Uint8Array(n),
    knownName: new Uint8Array(n),
    knownPosition: new Uint8Array(n),
    knownOther: new Uint8Array(n),
  };
}

/**
 * The context of a text. With `reuse`, its arrays are filled in place when long enough (decoding a corpus
 * sentence by sentence allocates nothing); the result is then only valid until the next call.
 */
export function charContext(text: string, tags: readonly TaggedWord[], reuse?: CharContext, lexicons?: TaggerLexicons): CharContext {
  const n = text.length;
  const ctx = reuse && reuse.codes.length >= n ? reuse : allocate(Math.max(n, reuse ? 256 : 0));
  ctx.n = n;
  if (lexicons) {
    markMatches(text, n, markerOf(lexicons.names), ctx.knownName);
    markMatches(text, n, markerOf(lexicons.positions), ctx.knownPosition);
    if (lexicons.others) markMatches(text, n, markerOf(lexicons.others), ctx.knownOther);
    else ctx.knownOther.fill(0, 0, n);
  } else {
    ctx.knownName.fill(0, 0, n);
    ctx.knownPosition.fill(0, 0, n);
    ctx.knownOther.fill(0, 0, n);
  }
  ctx.surname.fill(0, 0, n);
  ctx.title.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    ctx.codes[i] = charCode(ch);
    ctx.classes[i] = charClass(ch);
    if (SURNAMES.has(ch)) ctx.surname[i] = 1;
    if (i + 1 < n && COMPOUND_SET.has(text.substr(i, 2))) ctx.surname[i] = 2;
  }
  // Words: jieba's words cover the text in order (code units); map them onto characters.
  const tagHashes = tags.map((t) => hashString(t.tag));
  const wordHashes = tags.map((t) => hashString(t.word));
  let ci = 0;
  for (let w = 0; w < tags.length && ci < n; w++) {
    const len = tags[w].word.length;
    const wh = len >= 2 && len <= 6 ? hashString(tags[w].word) : 0;
    const prev = w > 0 ? tagHashes[w - 1] : BEFORE;
    const next = w + 1 < tags.length ? tagHashes[w + 1] : AFTER;
    const prevWord = w > 0 ? wordHashes[w - 1] : BEFORE;
    const nextWord = w + 1 < tags.length ? wordHashes[w + 1] : AFTER;
    for (let k = 0; k < len && ci < n; k++, ci++) {
      ctx.prevWord[ci] = prevWord;
      ctx.nextWord[ci] = nextWord;
      ctx.wordPos[ci] = len === 1 ? WORD_S : k === 0 ? WORD_B : k === len - 1 ? WORD_E : WORD_M;
      ctx.wordTag[ci] = tagHashes[w];
      ctx.wordHash[ci] = wh;
      ctx.prevTag[ci] = prev;
      ctx.nextTag[ci] = next;
    }
  }
  // Characters no word covered (never, when the tags are of this text): as a fresh context has them.
  for (const a of [ctx.wordPos, ctx.wordTag, ctx.wordHash, ctx.prevWord, ctx.nextWord, ctx.prevTag, ctx.nextTag]) a.fill(0, ci, n);
  // Title heads of the lexicon, longest first at each start.
  for (let i = 0; i < n; ) {
    let matched = 0;
    if (!HEAD_FIRST_CHARS.has(text[i])) {
      i++;
      continue;
    }
    for (const [len, set] of HEADS_BY_LENGTH) {
      if (i + len <= n && set.has(text.substr(i, len))) {
        matched = len;
        break;
      }
    }
    if (!matched) {
      i++;
      continue;
    }
    ctx.title[i] = 1;
    for (let k = 1; k < matched - 1; k++) ctx.title[i + k] = 2;
    ctx.title[i + matched - 1] = 3;
    i += matched;
  }
  return ctx;
}

/** Number of features per character (fixed, so feature ids fit one flat array). */
export const FEATURES_PER_CHAR = 41;

/**
 * The feature hashes of every character, FEATURES_PER_CHAR per character, into `out`
 * (reused between calls when large enough).
 */
export function featureHashes(ctx: CharContext, out?: Uint32Array): Uint32Array {
  const n = ctx.n;
  const F = FEATURES_PER_CHAR;
  const buf = out && out.length >= n * F ? out : new Uint32Array(n * F);
  const c = (i: number) => (i < 0 ? BEFORE : i >= n ? AFTER : ctx.codes[i]);
  const cls = (i: number) => (i < 0 ? 0 : i >= n ? 7 : ctx.classes[i]);
  const ttl = (i: number) => (i < 0 || i >= n ? 4 : ctx.title[i]);
  const sur = (i: number) => (i < 0 || i >= n ? 3 : ctx.surname[i]);
  const kn = (i: number) => (i < 0 || i >= n ? 4 : ctx.knownName[i]);
  const kp = (i: number) => (i < 0 || i >= n ? 4 : ctx.knownPosition[i]);
  const ko = (i: number) => (i < 0 || i >= n ? 4 : ctx.knownOther[i]);
  for (let i = 0; i < n; i++) {
    const o = i * F;
    const cm2 = c(i - 2),
      cm1 = c(i - 1),
      c0 = c(i),
      c1 = c(i + 1),
      c2 = c(i + 2);
    buf[o] = f1(1, 0); // bias
    buf[o + 1] = f1(2, cm2);
    buf[o + 2] = f1(3, cm1);
    buf[o + 3] = f1(4, c0);
    buf[o + 4] = f1(5, c1);
    buf[o + 5] = f1(6, c2);
    buf[o + 6] = f2(7, cm1, c0);
    buf[o + 7] = f2(8, c0, c1);
    buf[o + 8] = f2(9, cm2, cm1);
    buf[o + 9] = f2(10, c1, c2);
    buf[o + 10] = f2(11, cm1, c1);
    buf[o + 11] = f3(12, cm1, c0, c1);
    buf[o + 12] = f3(13, cls(i - 1), cls(i), cls(i + 1));
    buf[o + 13] = f2(14, ctx.wordPos[i], ctx.wordTag[i]);
    buf[o + 14] = f3(15, ctx.wordPos[i], ctx.wordTag[i], ctx.prevTag[i]);
    buf[o + 15] = f3(16, ctx.wordPos[i], ctx.wordTag[i], ctx.nextTag[i]);
    buf[o + 16] = ctx.wordHash[i] ? f2(17, ctx.wordPos[i], ctx.wordHash[i]) : f1(17, ctx.wordPos[i]);
    buf[o + 17] = f3(18, sur(i), ctx.wordPos[i], ctx.wordTag[i]);
    buf[o + 18] = f2(19, sur(i - 1), sur(i));
    buf[o + 19] = f3(20, ttl(i - 1), ttl(i), ttl(i + 1));
    buf[o + 20] = f2(21, ttl(i - 1), sur(i));
    buf[o + 21] = f2(22, c0, ctx.wordPos[i]);
    buf[o + 22] = f3(23, ctx.wordPos[i], ctx.wordTag[i], c0);
    buf[o + 23] = f2(24, ttl(i - 2), ttl(i - 1));
    buf[o + 24] = f3(25, cls(i), ctx.wordPos[i], ctx.wordTag[i]);
    buf[o + 25] = f2(26, ttl(i + 1), ttl(i + 2));
    buf[o + 26] = f3(27, cm2, cm1, c0);
    buf[o + 27] = f3(28, c0, c1, c2);
    buf[o + 28] = f2(29, ctx.wordPos[i], ctx.prevWord[i]);
    buf[o + 29] = f2(30, ctx.wordPos[i], ctx.nextWord[i]);
    buf[o + 30] = f3(31, sur(i + 1), cls(i), ctx.wordPos[i]);
    buf[o + 31] = f3(32, kn(i - 1), kn(i), kn(i + 1));
    buf[o + 32] = f3(33, kn(i), ctx.wordPos[i], ctx.wordTag[i]);
    buf[o + 33] = f3(34, kp(i - 1), kp(i), kp(i + 1));
    buf[o + 34] = f3(35, kp(i - 1), kn(i), sur(i));
    buf[o + 35] = f3(36, ko(i - 1), ko(i), ko(i + 1));
    buf[o + 36] = f3(37, ko(i), kn(i), ctx.wordPos[i]);
    // A wider window: three characters away, and skip-bigrams over the neighbour.
    buf[o + 37] = f1(38, c(i - 3));
    buf[o + 38] = f1(39, c(i + 3));
    buf[o + 39] = f2(40, cm2, c0);
    buf[o + 40] = f2(41, c0, c2);
  }
  return buf;
}
