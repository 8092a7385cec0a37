/**
 * Naive baselines on the same corpus (same documents, same sentence splitting, same matching form):
 * (a) MiniSearch with its default tokenizer (splits on spaces and punctuation: for Chinese, whole clauses);
 * (b) MiniSearch with plain nodejieba cutForSearch tokens, default options otherwise (no stop words, no tuning).
 * Both answer with their best sentence and cite their top three sentences.
 */
import MiniSearch from 'minisearch';
import type { CorpusDocument } from '../types.js';
import { toSentences } from '../knowledge/knowledge-base.js';
import { matchingForm } from '../text/script.js';
import { cutForSearch } from '../text/segment.js';
import type { QaSystem, SystemFactory } from './run.js';

function miniSearchSystem(documents: CorpusDocument[], tokenize?: (text: string) => string[]): QaSystem {
  const sentences = toSentences(documents);
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], ...(tokenize ? { tokenize } : {}) });
  mini.addAll(sentences.map((s) => ({ id: s.id, text: s.simplified })));
  return {
    sentences: sentences.length,
    ask(question) {
      const hits = mini.search(matchingForm(question)).slice(0, 3);
      if (!hits.length) return { answer: null, citations: [] };
      const cited = hits.map((h) => sentences[h.id as number].text);
      return { answer: cited[0], citations: cited };
    },
  };
}

export const minisearchDefault: SystemFactory = {
  name: 'minisearch-default',
  build: (documents) => miniSearchSystem(documents),
};

export const minisearchJieba: SystemFactory = {
  name: 'minisearch-jieba',
  build: (documents) => miniSearchSystem(documents, (text) => cutForSearch(text)),
};
