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

/** Normalise a token for indexing: ASCII lower case; null for stop words and punctuation. */
export function indexTerm(token: string): string | null {
  const t = token.trim().toLowerCase();
  if (!t || isPunctuation(t) || STOP_WORDS.has(t)) return null;
  return t;
}

/** Tokens for the index (and for queries, which must be tokenised the same way). */
export function indexTokens(simplified: string): string[] {
  const out: string[] = [];
  for (const tok of cutForSearch(simplified)) {
    const t = indexTerm(tok);
    if (t) out.push(t);
  }
  return out;
}
