/**
 * `npm run store -- sync` in a worker thread (postgres.ts): reads and cleans the corpus folder, then
 * writes it into the PostgreSQL store with ingestDocuments 'sync' (fact extraction and tokenising are
 * seconds to minutes of CPU for a large folder), so /reload never blocks the event loop that answers
 * questions. The worker has its own connection pool; the main thread reads the new snapshot after
 * 'done'. Messages to the parent:
 *   { type: 'progress', stage: 'reading' | 'storing', documents? }
 *   { type: 'done', documents, written, rewritten, sentences, facts, problems }
 *   { type: 'failed', name, message, connection }   (connection: the server could not be reached)
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readCorpus } from '../documents/read.js';
import { createPool, isConnectionError } from '../knowledge/postgres/store.js';
import { ingestDocuments } from '../knowledge/postgres/ingest.js';

export interface StoreSyncRequest {
  url: string;
  dir: string;
}

export type StoreSyncMessage =
  | { type: 'progress'; stage: 'reading' | 'storing'; documents?: number }
  | { type: 'done'; documents: number; written: number; rewritten: boolean; sentences: number; facts: number; problems: { path: string; reason: string }[] }
  | { type: 'failed'; name: string; message: string; connection: boolean };

async function sync({ url, dir }: StoreSyncRequest): Promise<void> {
  const post = (m: StoreSyncMessage) => parentPort?.postMessage(m);
  const pool = createPool(url);
  try {
    post({ type: 'progress', stage: 'reading' });
    const { documents, problems } = await readCorpus(dir);
    if (!documents.length) {
      post({
        type: 'failed',
        name: 'EmptyCorpusError',
        message: `No readable documents in corpus folder "${dir}"` + (problems.length ? `; skipped: ${problems.map((p) => `${p.path} (${p.reason})`).join(', ')}` : ''),
        connection: false,
      });
      return;
    }
    post({ type: 'progress', stage: 'storing', documents: documents.length });
    const result = await ingestDocuments(pool, documents, 'sync');
    post({
      type: 'done',
      documents: documents.length,
      written: result.written,
      rewritten: result.rewritten,
      sentences: result.sentences,
      facts: result.facts,
      problems: problems.map((p) => ({ path: p.path, reason: p.reason })),
    });
  } catch (error) {
    post({ type: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error), connection: isConnectionError(error) });
  } finally {
    await pool.end().catch(() => undefined);
  }
}

if (parentPort && workerData) await sync(workerData as StoreSyncRequest);
