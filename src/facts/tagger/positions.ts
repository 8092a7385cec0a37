/**
 * Positions a text mentions, held by someone named or not (记者了解到, 该局局长表示, 财政司司长的职责):
 * the recogniser's position spans, and title heads of the lexicon the recogniser left out (with the title
 * chain written before them, as people.ts reads it). Each one keeps the organisation written right before
 * it (the recogniser's organisation or place span, or the chain's place) and, when one of the text's
 * people holds it, that person. Input is the Simplified matching form.
 */
import { TITLE_HEAD_WORDS, longestFirst } from '../lexicon.js';
import { parseChain, type PersonMention } from '../people.js';
import { tagged } from '../tokens.js';
import type { RecognisedSpan } from './index.js';

export interface PositionMention {
  /** The position as written (Simplified): 财政司司长, 副局长, 记者. */
  title: string;
  /** The organisation or place written right before it (香港特区政府, 铁岭). */
  org?: string;
  /** The person of the same text who holds it, when one does. */
  holder?: string;
  /** Where the position starts and ends (exclusive) in the text. */
  index: number;
  end: number;
  /** Which reader found it. */
  source: 'tagger' | 'lexicon';
}

/** Shortest position kept: one character (长, 员) names no office. */
export const MIN_POSITION_CHARS = 2;

/** Title heads longest first, so that 总经理 is read before 经理. */
const HEADS = longestFirst(TITLE_HEAD_WORDS);
/** Where a title chain before a head starts (as in people.ts). */
const CHAIN_BREAK = /[，。；！？：:;!?,（）()\s【】[\]「」『』《》“”"]/;

/**
 * Is a person's title this position: equal, or one ends with the other (铁岭市委常委 / 市委常委; a chain's
 * 领导小组副组长 / 副组长), the shorter of MIN_POSITION_CHARS at least. 领导 inside 领导小组副组长 is not.
 */
function sameTitle(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= MIN_POSITION_CHARS && long.endsWith(short);
}

/** Where jieba's words of a text start (per code unit: the start of its word) and end. */
function words(text: string): { wordStart: Int32Array; wordEnd: Int32Array; wordEnds: Set<number> } {
  const wordStart = new Int32Array(text.length + 1).fill(-1);
  const wordEnd = new Int32Array(text.length + 1).fill(-1);
  const wordEnds = new Set<number>();
  let at = 0;
  for (const w of tagged(text)) {
    for (let k = 0; k < w.word.length; k++) {
      wordStart[at + k] = at;
      wordEnd[at + k] = at + w.word.length;
    }
    at += w.word.length;
    wordEnds.add(at);
  }
  return { wordStart, wordEnd, wordEnds };
}

/**
 * Title heads of the lexicon ending a jieba word (委员 in 委员会 does not; 局长 in 副局长 does), with the
 * chain before them, where no recogniser position overlaps.
 */
function lexiconPositions(text: string, taken: readonly { start: number; end: number }[]): PositionMention[] {
  const out: PositionMention[] = [];
  // A head must end a jieba word, and start one or lie inside the word it ends (副局长), never start
  // inside an earlier word (部门|将 holds no 门将).
  const { wordStart, wordEnds } = words(text);
  for (let i = 0; i < text.length; i++) {
    const head = HEADS.find((h) => text.startsWith(h, i));
    if (!head) continue;
    const end = i + head.length;
    const inOneWord = wordStart[i] === i || wordStart[i] === wordStart[end - 1];
    if (!wordEnds.has(end) || !inOneWord || taken.some((t) => t.start < end && i < t.end) || out.some((o) => o.index < end && i < o.end)) continue;
    let start = i;
    while (start > 0 && !CHAIN_BREAK.test(text[start - 1])) start--;
    const chain = parseChain(text.slice(start, end));
    const title = chain?.titles[chain.titles.length - 1];
    if (!chain || !title || !text.slice(start, end).endsWith(title) || title.length < MIN_POSITION_CHARS) continue;
    const index = end - title.length;
    if (taken.some((t) => t.start < end && index < t.end)) continue;
    out.push({ title, org: chain.titles.length === 1 ? chain.org : undefined, index, end, source: 'lexicon' });
    i = end - 1;
  }
  return out;
}

export interface PositionOptions {
  /** Also read title heads of the lexicon the recogniser left out. */
  lexicon: boolean;
  /**
   * A position starting inside a jieba word that ends within it starts after that word instead (习近平总书记
   * tagged 习近|平总书记 gives 总书记).
   */
  wordStart: boolean;
}

/**
 * The lexicon is off: cross-validated on CLUENER train (out-of-fold spans, `npm run train:tagger`), its
 * heads raise the recall of the position facts from 0.842 to 0.858 of 3,051 gold positions and cut their
 * precision from 0.885 to 0.851 (about 180 more positions, two in three not annotated: 代表, 成员, 选手,
 * chains running into other words). The rules' title chains still reach the facts through the people who
 * hold them. The word-start move costs nothing there (0.8967 -> 0.8968 with the people's titles).
 */
export const POSITION_DEFAULTS: PositionOptions = { lexicon: false, wordStart: true };

/**
 * The positions a text mentions, in order. `people` are the text's person mentions (their titles decide
 * the holder: the nearest person one of whose titles is this position).
 */
export function findPositions(text: string, spans: readonly RecognisedSpan[], people: readonly PersonMention[], options: PositionOptions = POSITION_DEFAULTS): PositionMention[] {
  const places = spans.filter((s) => s.kind === 'ORG' || s.kind === 'LOC');
  const out: PositionMention[] = [];
  const split = options.wordStart && spans.some((s) => s.kind === 'POS') ? words(text) : null;
  for (const s of spans) {
    if (s.kind !== 'POS') continue;
    let start = s.start;
    if (split && split.wordStart[start] < start && split.wordEnd[start] < s.end) start = split.wordEnd[start];
    if (s.end - start < MIN_POSITION_CHARS) continue;
    out.push({ title: text.slice(start, s.end), org: start === s.start ? places.find((p) => p.end === s.start)?.text : undefined, index: start, end: s.end, source: 'tagger' });
  }
  if (options.lexicon)
    out.push(
      ...lexiconPositions(
        text,
        out.map((p) => ({ start: p.index, end: p.end })),
      ),
    );
  for (const p of out) {
    let best: PersonMention | undefined;
    for (const m of people) {
      if (!m.titles.some((t) => sameTitle(t, p.title))) continue;
      if (!best || Math.abs(m.index - p.index) < Math.abs(best.index - p.index)) best = m;
    }
    if (best) p.holder = best.name;
  }
  return out.sort((a, b) => a.index - b.index);
}
