/**
 * From a corpus folder to a ready engine: read + clean documents, build the knowledge base.
 */
import { readCorpus, type CorpusProblem } from '../documents/read.js';
import { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.js';
import { AnswerEngine } from './engine.js';

export class EmptyCorpusError extends Error {
  constructor(readonly dir: string, readonly problems: CorpusProblem[]) {
    super(
      `No readable documents in corpus folder "${dir}". Add .txt or .md files (see README "Adding documents")` +
        (problems.length ? `; skipped: ${problems.map((p) => `${p.path} (${p.reason})`).join(', ')}` : '.'),
    );
    this.name = 'EmptyCorpusError';
  }
}

export interface LoadedCorpus {
  kb: KnowledgeBase;
  engine: AnswerEngine;
  problems: CorpusProblem[];
}

/** Read a corpus folder and build everything. Throws EmptyCorpusError when nothing is readable. */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const { documents, problems } = await readCorpus(dir);
  if (documents.length === 0) throw new EmptyCorpusError(dir, problems);
  const kb = buildKnowledgeBase(documents);
  return { kb, engine: new AnswerEngine(kb), problems };
}
