/**
 * One part of a parallel knowledge-base build (parallel-build.ts), in a worker thread: the documents
 * it is given (a first `documents` message: a worker starts before the corpus is read and loads the
 * segmenter and the tagger meanwhile), split into sentences, their names, their facts
 * once the whole corpus's names are known, and their index tokens once every person name is known.
 * Messages from the parent and the answers posted back:
 *   { type: 'documents', documents } -> { type: 'names', names, sentences }
 *   { type: 'facts', names }     -> { type: 'facts', facts }
 *   { type: 'tokens', persons }  -> { type: 'tokens', sentences, tokens }
 * Errors -> { type: 'failed', message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusDocument, Fact, Sentence } from '../types.js';
import { FactExtraction, loadTagger } from '../facts/index.js';
import { tokenizeSentences, type TokenizedSentences } from '../index/sentence-index.js';
import { addUserWord, loadSegmenter } from '../text/segment.js';
import { headingsOf, toSentences } from './knowledge-base.js';

export type PartRequest = { type: 'documents'; documents: CorpusDocument[] } | { type: 'facts'; names: string[] } | { type: 'tokens'; persons: string[] };
export type PartMessage =
  | { type: 'names'; names: string[]; sentences: number }
  | { type: 'facts'; facts: Fact[] }
  | { type: 'tokens'; sentences: Sentence[]; tokens: TokenizedSentences }
  | { type: 'failed'; message: string };

function serve(documents: CorpusDocument[]): void {
  const port = parentPort!;
  const post = (m: PartMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const sentences = toSentences(documents);
    const extraction = new FactExtraction(documents, sentences);
    post({ type: 'names', names: extraction.names(), sentences: sentences.length });
    port.on('message', (m: PartRequest) => {
      try {
        if (m.type === 'documents') return;
        if (m.type === 'facts') {
          post({ type: 'facts', facts: extraction.facts(m.names) });
        } else {
          for (const name of m.persons) addUserWord(name, 'nr');
          const tokens = tokenizeSentences(sentences, 0, sentences.length, headingsOf(documents));
          post({ type: 'tokens', sentences, tokens }, [tokens.text.buffer, tokens.textEnds.buffer, tokens.title.buffer, tokens.titleEnds.buffer] as ArrayBuffer[]);
        }
      } catch (error) {
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

/** What PartWorker passes as workerData: only a thread started as a part worker serves. */
export const PART_WORKER = 'build-part';

if (parentPort && workerData === PART_WORKER) {
  // Started ahead of its documents: the dictionary and the model load while the parent reads the corpus.
  loadSegmenter();
  loadTagger();
  parentPort.once('message', (m: PartRequest) => {
    if (m.type === 'documents') serve(m.documents);
    else parentPort!.postMessage({ type: 'failed', message: `expected documents, got ${m.type}` } satisfies PartMessage);
  });
}
