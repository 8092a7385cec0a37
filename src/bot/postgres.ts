/**
 * The bot over the PostgreSQL store (STORE=postgres / DATABASE_URL): open it (retrying while the server
 * does not answer yet), watch it for other instances' writes, and give createBot a corpus, a loader and
 * an adder that write into it instead of building a knowledge base in this process:
 *
 * - /reload: the corpus folder is read and written as `npm run store -- sync` writes it (ingestDocuments
 *   'sync': nothing when the store holds exactly these documents, else all of them, one transaction),
 *   in a worker thread (store-worker.ts) so the event loop keeps answering meanwhile;
 * - an upload (saved into the folder first, as in process): appended with ingestDocuments 'add'
 *   (idempotent by content hash, one transaction), without reading or extracting the rest again;
 * - another instance's write: seen by the store's version poll (POLL_MS; knowledge/postgres/store.ts
 *   says why a poll and not LISTEN/NOTIFY), so every instance answers it within a poll or two.
 *
 * The process holds the store's snapshot (documents' metadata, per-sentence unit numbers) and caches,
 * never the corpus. While PostgreSQL is unreachable, reads reject with StoreUnavailableError (the error
 * boundary answers one line) and the poll keeps trying; the pool reconnects when the server is back.
 */
import { relative, sep } from 'node:path';
import { existsSync } from 'node:fs';
import { PostgresStore, POLL_MS, StoreUnavailableError } from '../knowledge/postgres/store.js';
import { EmptyCorpusError } from '../knowledge/load.js';
import { runModuleWorker } from '../knowledge/module-worker.js';
import { readDocumentFile } from '../documents/read.js';
import type { Logger } from '../logger.js';
import type { CorpusLoader, DocumentAdder, LibraryCorpus, ReloadProgress } from './corpus.js';
import type { StoreSyncMessage, StoreSyncRequest } from './store-worker.js';
import { StoreLibrary } from './library.js';
import { pause } from './pause.js';

/** Opening the store at start: attempts, first pause and longest pause between them (as getMe's in run.ts). */
export const STORE_OPEN_ATTEMPTS = 8;
export const STORE_OPEN_FIRST_PAUSE_MS = 1000;
export const STORE_OPEN_MAX_PAUSE_MS = 30_000;

/** The store could not be opened after every attempt (or is misconfigured): one line. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface StoreCorpus {
  store: PostgresStore;
  corpus: LibraryCorpus;
  loadCorpus: CorpusLoader;
  addDocument: DocumentAdder;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  logger: Logger;
  /** The corpus folder: /reload writes it, uploads are saved in it; an empty store is filled from it at start. */
  dir: string;
  /** Ends the attempts early (a stop during start). */
  signal?: AbortSignal;
  attempts?: number;
  firstPauseMs?: number;
  /** How often to look for other instances' writes (default POLL_MS). */
  pollMs?: number;
}

type SyncDone = Extract<StoreSyncMessage, { type: 'done' }>;

/** Write the folder into the store from a worker thread (store-worker.ts), then read the new snapshot here. */
async function syncInWorker(store: PostgresStore, url: string, dir: string, onProgress?: (p: ReloadProgress) => void): Promise<SyncDone> {
  const request: StoreSyncRequest = { url, dir };
  const entry = new URL(import.meta.url.endsWith('.ts') ? './store-worker.ts' : './store-worker.js', import.meta.url);
  const done = await runModuleWorker<StoreSyncMessage, SyncDone>(
    entry,
    request,
    (m) => {
      if (m.type === 'progress') onProgress?.({ stage: m.stage, documents: m.documents });
      else if (m.type === 'done') return { done: m };
      else if (m.connection) return { failed: new StoreUnavailableError(store.where, new Error(m.message)) };
      else return { failed: m.name === 'EmptyCorpusError' ? new EmptyCorpusError(dir, []) : Object.assign(new Error(m.message), { name: m.name }) };
      return undefined;
    },
    'store sync worker',
  );
  await store.catchUp();
  return done;
}

/** Open the PostgreSQL store for the bot. Rejects with StoreOpenError when it cannot be reached after every attempt. */
export async function openStoreCorpus(url: string, options: OpenStoreOptions): Promise<StoreCorpus> {
  const { logger, dir } = options;
  const attempts = options.attempts ?? STORE_OPEN_ATTEMPTS;
  const onEvent = (e: { level: 'info' | 'warn'; message: string }) => logger[e.level](e.message);
  let pauseMs = options.firstPauseMs ?? STORE_OPEN_FIRST_PAUSE_MS;
  let store: PostgresStore | undefined;
  for (let attempt = 1; !store; attempt++) {
    try {
      store = await PostgresStore.open(url, { onEvent });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts || options.signal?.aborted) throw new StoreOpenError(`DATABASE_URL: ${reason} (after ${attempt} attempts); start PostgreSQL or correct DATABASE_URL`);
      logger.warn({ attempt, of: attempts, retryInSeconds: pauseMs / 1000, reason }, 'knowledge store unavailable at start; retrying');
      await pause(pauseMs, options.signal);
      pauseMs = Math.min(pauseMs * 2, STORE_OPEN_MAX_PAUSE_MS);
    }
  }
  const opened = store;
  const library = new StoreLibrary(opened);

  if (!opened.documentCount && existsSync(dir)) {
    // A new database: fill it from the folder, as `npm run store -- sync` would (another instance
    // starting at the same moment queues on the store's lock and then finds the documents written).
    try {
      const result = await syncInWorker(opened, url, dir);
      logger.info({ documents: result.documents, sentences: result.sentences, facts: result.facts, dir }, 'the empty knowledge store was filled from CORPUS_DIR');
    } catch (error) {
      logger.warn({ reason: error instanceof Error ? error.message.split('\n')[0] : String(error), dir }, 'the empty knowledge store could not be filled from CORPUS_DIR; /reload writes it');
    }
  }

  opened.watch(undefined, options.pollMs ?? POLL_MS);

  const loadCorpus: CorpusLoader = async (folder, onProgress) => {
    const { problems } = await syncInWorker(opened, url, folder, onProgress);
    return { library, problems };
  };

  const addDocument: DocumentAdder = async (upload, onProgress) => {
    // The document as a later /reload reads the saved file (readCorpus sets the path the same way).
    const doc = await readDocumentFile(upload.path, upload.id);
    doc.meta.path = relative(dir, upload.path).split(sep).join('/');
    onProgress?.({ stage: 'storing', documents: 1 });
    await opened.write([doc], 'add');
    return { library };
  };

  return { store: opened, corpus: { library }, loadCorpus, addDocument, close: () => opened.close() };
}
