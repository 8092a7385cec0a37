/**
 * One part of a parallel knowledge-base build (parallel-build.ts), in a worker thread: the documents
 * it is given (workerData), split into sentences, their names, their facts once the whole corpus's
 * names are known, and their index tokens once every person name is known. Messages from the parent
 * and the answers posted back:
 *   (start)                      -> { type: 'names', names, sentences }
 *   { type: 'facts', names }     -> { type: 'facts', facts }
 *   { type: 'tokens', persons }  -> { type: 'tokens', sentences, tokens }
 * Errors -> { type: 'failed', message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusDocument, Fact, Sentence } from '../types.js';
import { FactExtraction } from '../facts/index.js';
import { tokenizeSentences, type TokenizedSentences } from '../index/sentence-index.js';
import { addUserWord } from '../text/segment.js';
import { headingsOf, toSentences } from './knowledge-base.js';

export type PartRequest = { type: 'facts'; names: string[] } | { type: 'tokens'; persons: string[] };
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

if (parentPort && workerData) serve((workerData as { documents: CorpusDocument[] }).documents);
