/**
 * From a corpus folder to a ready engine: the knowledge layer reads, builds or loads the knowledge base
 * (knowledge/load.ts); this module puts the answer engine on top of it.
 */
import { loadKnowledgeBase, type LoadedKnowledge, type LoadOptions } from '../knowledge/load.js';
import { AnswerEngine } from './engine.js';

export interface LoadedCorpus extends LoadedKnowledge {
  engine: AnswerEngine;
}

/** Read a corpus folder, build or load its knowledge base, and make the engine. Throws EmptyCorpusError when nothing is readable. */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const loaded = await loadKnowledgeBase(dir, options);
  return { ...loaded, engine: new AnswerEngine(loaded.kb) };
}
