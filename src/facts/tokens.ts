/**
 * Shared text helpers for the extractors: memoised jieba tagging, clause boundaries, trimming.
 * All inputs are in the Simplified matching form.
 */
import { tag, type TaggedWord } from '../text/segment.js';

const tagCache = new Map<string, TaggedWord[]>();

/** jieba POS tagging, memoised (the same clause is tagged by several extractors). */
export function tagged(text: string): TaggedWord[] {
  let out = tagCache.get(text);
  if (!out) {
    out = tag(text);
    if (tagCache.size > 5000) tagCache.clear();
    tagCache.set(text, out);
  }
  return out;
}

/** Forget cached tags (after new user words were taught to the segmenter). */
export function clearTagCache(): void {
  tagCache.clear();
}

/** Punctuation that ends a clause. */
export const CLAUSE_BREAK = /[，。；！？：:;!?,、（）()“”"「」『』【】《》\s]/;
/** Punctuation that ends a clause, but not 、 (which joins items) or quotes. */
export const HARD_BREAK = /[，。；！？：:;!?,（）()\s]/;

/** Start of the clause containing position i (after the last hard break before i). */
export function clauseStart(text: string, i: number, breaks: RegExp = HARD_BREAK): number {
  let j = i;
  while (j > 0 && !breaks.test(text[j - 1])) j--;
  return j;
}

/** End of the clause containing position i (index of the next hard break, or text length). */
export function clauseEnd(text: string, i: number, breaks: RegExp = HARD_BREAK): number {
  let j = i;
  while (j < text.length && !breaks.test(text[j])) j++;
  return j;
}

/** Tags that never start or end a noun phrase. */
const FUNCTION_TAGS = /^(p|c|u.*|d|ad|r|f|t|y|e|o|zg|ul|uj|uz|ug|ud|uv)$/;

/** True if a token is a function word (preposition, conjunction, particle, adverb, pronoun, locative, time). */
export function isFunctionToken(t: TaggedWord): boolean {
  return FUNCTION_TAGS.test(t.tag);
}

/** Nouns and noun-like tokens that may be part of a noun phrase (jieba tags 整顿 as m: non-numeral m counts). */
export function isNounish(t: TaggedWord): boolean {
  if (/^(n|nz|nt|ns|nr|nrfg|nrt|vn|j|an|b|l|ng|nl|x)$/.test(t.tag)) return !/^[\p{P}\p{S}\s]+$/u.test(t.word);
  if (t.tag === 'm') return !/[\d〇零一二两三四五六七八九十百千万第个多几]/.test(t.word);
  return false;
}

/**
 * The trailing noun phrase of a text: last tokens that are noun-like, at most `maxTokens`.
 * With `headOnly`, keeps just the head: stops at jieba's m-tagged words (教育整顿|动员部署会议), names, places,
 * quotes and scope words (全省|科技大会); a two-character verb may be part of it (禁毒工作会议, 乡村振兴工作会议).
 */
export function trailingNounPhrase(text: string, maxTokens = 3, headOnly = false): string {
  const toks = tagged(text);
  let start = toks.length;
  let count = 0;
  for (let k = toks.length - 1; k >= 0 && count < maxTokens; k--) {
    // A two-character verb inside a head: opening it (全市|禁毒|工作会议) or between nouns (乡村|振兴|工作会议).
    const modifier = headOnly && count >= 1 && toks[k].tag === 'v' && toks[k].word.length === 2;
    if (!isNounish(toks[k]) && !modifier) break;
    if (headOnly) {
      if (/^(m|x|nr|ns|l)$/.test(toks[k].tag) || SCOPE_WORD.test(toks[k].word)) break;
    }
    start = k;
    count++;
  }
  return toks
    .slice(start)
    .map((t) => t.word)
    .join('');
}

/** The leading noun phrase of a text: first noun-like tokens (at most maxTokens). */
export function leadingNounPhrase(text: string, maxTokens = 4): string {
  const toks = tagged(text);
  const out: string[] = [];
  for (const t of toks) {
    if (out.length >= maxTokens || !isNounish(t)) break;
    out.push(t.word);
  }
  return out.join('');
}

/**
 * Drop leading function words and verbs of reporting from a phrase: "经测评" and "由" prefixes, "认真落实…".
 * Cuts after the last function token found in the phrase, so the rest is a clean noun phrase.
 */
export function trimLeadingFunctionWords(text: string): string {
  const toks = tagged(text);
  let cut = 0;
  let pos = 0;
  for (const t of toks) {
    pos += t.word.length;
    if (isFunctionToken(t)) cut = pos;
  }
  return text.slice(cut);
}

/** Scope words that open a phrase without being part of its head (全省, 各级). */
const SCOPE_WORD = /^[全各本该][省市县区国镇乡]?$|^各级$/;

/** Han characters only? */
export function isHan(text: string): boolean {
  return /^\p{Script=Han}+$/u.test(text);
}
