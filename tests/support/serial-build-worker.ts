/**
 * A one-thread knowledge-base build in a fresh worker thread (its own segmenter, which no other build
 * in the test process has taught words), for comparing with the parallel build.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusDocument } from '../../src/types.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

if (parentPort && workerData) {
  const kb = buildKnowledgeBase((workerData as { documents: CorpusDocument[] }).documents);
  parentPort.postMessage({ sentences: kb.sentences, facts: kb.facts, documents: kb.documents, corpusText: kb.corpusText, index: kb.index.toData() });
}
