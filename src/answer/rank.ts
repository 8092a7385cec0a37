/**
 * Ranking: BM25 candidates from the index, re-scored by how much of the question they cover.
 * BM25 alone favours short sentences that repeat one rare word; a reader wants the sentence that
 * has all the question's words, with the document's title and paragraph as context for the ones
 * a sentence leaves implicit (铁岭 in the title, 满意度 in the sentence).
 */
import type { Sentence } from '../types.js';
import { containsTerm, type AnalyzedQuestion } from '../question/analyze.js';
import { matchingForm } from '../text/script.js';
import { metadataText, type KnowledgeBase } from '../knowledge/knowledge-base.js';

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
  constructor(private readonly kb: KnowledgeBase) {
    this.n = Math.max(1, kb.sentences.length);
  }

  idf(term: string): number {
    let w = this.cache.get(term);
    if (w === undefined) {
      // Exact document frequency from the index when the term is an index token; otherwise (a title
      // matched in the text, a word jieba cuts differently in sentences) count it in the corpus text.
      let df = this.kb.index.documentFrequency(term);
      if (df === 0) {
        for (let i = this.kb.corpusText.indexOf(term); i >= 0 && df < this.n; i = this.kb.corpusText.indexOf(term, i + term.length)) df++;
      }
      w = Math.log(1 + this.n / (1 + df));
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(term, w);
    }
    return w;
  }
}

/** Paragraph texts (matching form), built on first use per knowledge base: documents can be long. */
const paragraphCache = new WeakMap<KnowledgeBase, Map<string, string>>();

export function paragraphOf(kb: KnowledgeBase, s: Sentence): string {
  let byKey = paragraphCache.get(kb);
  if (!byKey) {
    byKey = new Map();
    paragraphCache.set(kb, byKey);
  }
  const key = `${s.docId}\u0000${s.paragraph}`;
  let text = byKey.get(key);
  if (text === undefined) {
    // Sentences of a paragraph are contiguous ids: walk out from this one instead of scanning the document.
    let lo = s.id;
    let hi = s.id;
    while (lo > 0 && kb.sentences[lo - 1].docId === s.docId && kb.sentences[lo - 1].paragraph === s.paragraph) lo--;
    while (hi + 1 < kb.sentences.length && kb.sentences[hi + 1].docId === s.docId && kb.sentences[hi + 1].paragraph === s.paragraph) hi++;
    text = kb.sentences
      .slice(lo, hi + 1)
      .map((o) => o.simplified)
      .join('');
    byKey.set(key, text);
  }
  return text;
}

function bylineCandidates(kb: KnowledgeBase, q: AnalyzedQuestion, seen: Set<number>): { id: number; score: number; terms: string[] }[] {
  const terms = q.terms.filter((t) => t.inCorpus);
  if (!terms.length) return [];
  const out: { id: number; score: number; terms: string[] }[] = [];
  for (const doc of kb.documents) {
    const heading = matchingForm(doc.meta.title) + ' ' + metadataText(doc);
    const matched = terms.filter((t) => containsTerm(heading, t)).map((t) => t.text);
    if (!matched.length) continue;
    const first = kb.sentencesByDoc.get(doc.meta.id)?.[0];
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

export function rankSentences(kb: KnowledgeBase, q: AnalyzedQuestion, termWeights: TermWeights, options: RankOptions = {}, weights = RANK_WEIGHTS): RankedSentence[] {
  const hits = kb.index.search(q.searchTokens, 60);
  // A question about a document's byline (中央社记者是谁) may match no sentence at all: its documents'
  // opening sentences are the candidates.
  if (hits.length < 3) hits.push(...bylineCandidates(kb, q, new Set(hits.map((h) => h.id))));
  if (!hits.length) return [];
  const terms = q.terms.filter((t) => t.inCorpus);
  const idfs = terms.map((t) => termWeights.idf(t.text));
  const total = idfs.reduce((a, b) => a + b, 0) || 1;
  const maxBm25 = hits[0].score || 1;
  const titleCache = new Map<string, string>();
  const titleOf = (docId: string) => {
    let t = titleCache.get(docId);
    if (t === undefined) {
      const doc = kb.docById.get(docId);
      t = doc ? matchingForm(doc.meta.title) + ' ' + metadataText(doc) : '';
      titleCache.set(docId, t);
    }
    return t;
  };
  const paragraphText = (s: Sentence) => paragraphOf(kb, s);
  const ranked = hits.map((hit) => {
    const sentence = kb.sentences[hit.id];
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
