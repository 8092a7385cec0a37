/**
 * The systems the benchmark can run. `engine` is the product: the knowledge base built once and every
 * question through AnswerEngine.ask, exactly as the bot answers. `retrieval` is a diagnostic of the
 * index and span extractor alone (no engine reranking, no facts): best index hit, span or sentence.
 */
import type { CorpusDocument } from '../types.js';
import { buildKnowledgeBase } from '../knowledge/knowledge-base.js';
import { AnswerEngine } from '../answer/engine.js';
import { extractSpan } from '../answer/span.js';
import { classifyQuestion } from '../question/classify.js';
import { matchingForm } from '../text/script.js';
import { indexTokens } from '../text/segment.js';
import type { QaSystem, SystemFactory } from './run.js';
import { minisearchDefault, minisearchJieba } from './baselines.js';

export const engineSystem: SystemFactory = {
  name: 'engine',
  build(documents: CorpusDocument[]): QaSystem {
    const kb = buildKnowledgeBase(documents);
    const engine = new AnswerEngine(kb);
    return {
      sentences: kb.sentences.length,
      ask(question) {
        const a = engine.ask(question, {});
        const citations = a.citations.map((c) => c.sentence);
        return {
          answer: a.answered ? a.answer : null,
          citations,
          passages: a.answered ? citations : a.nearest.map((c) => c.sentence),
          type: a.type,
          ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
          ...(a.reason ? { reason: a.reason } : {}),
        };
      },
    };
  },
};

export const retrievalSystem: SystemFactory = {
  name: 'index+span',
  build(documents: CorpusDocument[]): QaSystem {
    const kb = buildKnowledgeBase(documents, { facts: false });
    return {
      sentences: kb.sentences.length,
      ask(question) {
        const matching = matchingForm(question);
        const type = classifyQuestion(matching);
        const hits = kb.index.search(indexTokens(matching), 3);
        if (!hits.length) return { answer: null, citations: [], type };
        const best = kb.sentences[hits[0].id];
        const span = extractSpan(matching, best.simplified, type);
        return { answer: span ?? best.simplified, citations: hits.map((h) => kb.sentences[h.id].text), type };
      },
    };
  },
};

export const SYSTEMS: Record<string, SystemFactory> = {
  engine: engineSystem,
  'index+span': retrievalSystem,
  'minisearch-default': minisearchDefault,
  'minisearch-jieba': minisearchJieba,
};
