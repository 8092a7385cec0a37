/**
 * The knowledge-base build, run in a worker thread (see rebuild.ts) so /reload, uploads and
 * announced reloads never block the event loop that answers questions. The worker reads and cleans
 * the corpus folder, builds the knowledge base and persists it to `cacheFile`; the main thread then
 * loads that file (much faster than building) and swaps it in. Messages to the parent:
 *   { type: 'progress', stage, documents?, sentences?, facts? }
 *   { type: 'done', fingerprint, documents, sentences, facts, problems, buildMs }
 *   { type: 'failed', name, message }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readAndBuild } from '../knowledge/load.js';
import { corpusFingerprint } from '../knowledge/fingerprint.js';
import { saveCache } from '../knowledge/persist.js';

export interface BuildRequest {
  dir: string;
  cacheFile: string;
}

export type BuildStage = 'reading' | 'building' | 'saving' | 'loading';

export type BuildMessage =
  | { type: 'progress'; stage: BuildStage; documents?: number; sentences?: number; facts?: number }
  | { type: 'done'; fingerprint: string; documents: number; sentences: number; facts: number; problems: { path: string; reason: string }[]; buildMs: number }
  | { type: 'failed'; name: string; message: string };

async function build({ dir, cacheFile }: BuildRequest): Promise<void> {
  const post = (m: BuildMessage) => parentPort?.postMessage(m);
  const started = performance.now();
  try {
    post({ type: 'progress', stage: 'reading' });
    // Fingerprint first: a file changed while reading makes the cache look stale, never falsely fresh.
    // (A missing folder: readCorpus says so properly.)
    let fingerprint: string | undefined;
    try {
      fingerprint = corpusFingerprint(dir);
    } catch {
      fingerprint = undefined;
    }
    const { kb, problems } = await readAndBuild(dir, (documents) => post({ type: 'progress', stage: 'building', documents }));
    fingerprint ??= corpusFingerprint(dir);
    const documents = kb.documents;
    post({ type: 'progress', stage: 'saving', documents: documents.length, sentences: kb.sentences.length, facts: kb.facts.length });
    saveCache(cacheFile, fingerprint, { documents: kb.documents, sentences: kb.sentences, facts: kb.facts, problems, index: kb.index });
    post({
      type: 'done',
      fingerprint,
      documents: documents.length,
      sentences: kb.sentences.length,
      facts: kb.facts.length,
      problems: problems.map((p) => ({ path: p.path, reason: p.reason })),
      buildMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    post({ type: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (parentPort && workerData) await build(workerData as BuildRequest);
