/**
 * Ranking: BM25 candidates from the index, re-scored by how much of the question they cover.
 * BM25 alone favours short sentences that repeat one rare word; a reader wants the sentence that
 * has all the question's words, with the document's title and paragraph as context for the ones
 * a sentence leaves implicit (铁岭 in the title, 满意度 in the sentence).
 */
import type { Sentence } from '../types.js';
import { containsTerm, type AnalyzedQuestion } from '../question/analyze.js';
import { matchingForm } from '../text/script.js';
import { metadataText } from '../knowledge/knowledge-base.js';
import type { KnowledgeStore } from '../knowledge/store.js';

export interface RankedSentence {
  sentence: Sentence;
  /** Final score (coverage-led, roughly 0..1.5). */
  score: number;
  /** IDF-weighted share of the question's corpus terms found in the sentence itself. */
  coverage: number;
  /** Same, counting the document title and the sentence's paragraph as well. */
  contextCoverage: number;
  bm25: number;
}

/** Inverse document frequency of question terms, cached per term. */
export class TermWeights {
  private readonly cache = new Map<string, number>();
  private readonly n: number;
  constructor(private readonly store: KnowledgeStore) {
    this.n = Math.max(1, store.sentenceCount);
  }

  idf(term: string): number {
    let w = this.cache.get(term);
    if (w === undefined) {
      // Exact document frequency from the index when the term is an index token; otherwise (a title
      // matched in the text, a word jieba cuts differently in sentences) count it in the corpus text.
      let df = this.store.documentFrequency(term);
      if (df === 0) df = this.store.countInCorpus(term, this.n);
      w = Math.log(1 + this.n / (1 + df));
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(term, w);
    }
    return w;
  }
}

/** The matching form of a sentence's paragraph. */
export function paragraphOf(store: KnowledgeStore, s: Sentence): string {
  return store.paragraphText(s);
}

function bylineCandidates(store: KnowledgeStore, q: AnalyzedQuestion, seen: Set<number>): { id: number; score: number; terms: string[] }[] {
  const terms = q.terms.filter((t) => t.inCorpus);
  if (!terms.length) return [];
  const out: { id: number; score: number; terms: string[] }[] = [];
  for (const meta of store.documents()) {
    const heading = matchingForm(meta.title) + ' ' + metadataText({ meta });
    const matched = terms.filter((t) => containsTerm(heading, t)).map((t) => t.text);
    if (!matched.length) continue;
    const first = store.sentenceIdsOf(meta.id)[0];
    if (first === undefined || seen.has(first)) continue;
    out.push({ id: first, score: matched.length * 1e-3, terms: matched });
    if (out.length >= 20) break;
  }
  return out;
}

export interface RankOptions {
  limit?: number;
  /** Sentences of this document get a boost (follow-ups about "that article"). */
  preferDocId?: string;
}

/** How coverage, context coverage and the index's own score combine (tuned on the tuning splits). */
export const RANK_WEIGHTS = { coverage: 1, context: 0.5, bm25: 0.15 };

export function rankSentences(store: KnowledgeStore, q: AnalyzedQuestion, termWeights: TermWeights, options: RankOptions = {}, weights = RANK_WEIGHTS): RankedSentence[] {
  const hits = store.search(q.searchTokens, 60);
  // A question about a document's byline (中央社记者是谁) may match no sentence at all: its documents'
  // opening sentences are the candidates.
  if (hits.length < 3) hits.push(...bylineCandidates(store, q, new Set(hits.map((h) => h.id))));
  if (!hits.length) return [];
  const terms = q.terms.filter((t) => t.inCorpus);
  const idfs = terms.map((t) => termWeights.idf(t.text));
  const total = idfs.reduce((a, b) => a + b, 0) || 1;
  const maxBm25 = hits[0].score || 1;
  const titleCache = new Map<string, string>();
  const titleOf = (docId: string) => {
    let t = titleCache.get(docId);
    if (t === undefined) {
      const meta = store.document(docId);
      t = meta ? matchingForm(meta.title) + ' ' + metadataText({ meta }) : '';
      titleCache.set(docId, t);
    }
    return t;
  };
  const paragraphText = (s: Sentence) => store.paragraphText(s);
  const ranked = hits.map((hit) => {
    const sentence = store.sentence(hit.id)!;
    let inSentence = 0;
    let inContext = 0;
    let context: string | null = null;
    terms.forEach((t, i) => {
      if (containsTerm(sentence.simplified, t)) inSentence += idfs[i];
      else {
        context ??= titleOf(sentence.docId) + '\n' + paragraphText(sentence);
        if (containsTerm(context, t)) inContext += idfs[i];
      }
    });
    const coverage = inSentence / total;
    const contextCoverage = (inSentence + inContext) / total;
    const bm25 = hit.score / maxBm25;
    let score = weights.coverage * coverage + weights.context * (contextCoverage - coverage) + weights.bm25 * bm25;
    if (options.preferDocId && sentence.docId === options.preferDocId) score += 0.3;
    return { sentence, score, coverage, contextCoverage, bm25 };
  });
  ranked.sort((a, b) => b.score - a.score || a.sentence.id - b.sentence.id);
  return ranked.slice(0, options.limit ?? 20);
}
