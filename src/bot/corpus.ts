/**
 * The corpus the bot answers from, swappable at run time: /reload and uploads build a new knowledge
 * base and engine completely (in a worker thread, see rebuild.ts) while the old pair keeps answering,
 * then replace the old pair in one assignment. A handler reads
 * `holder.current` once and uses that pair to the end, so no update ever mixes two corpora.
 *
 * Under STORE=postgres the corpus is a library over the PostgreSQL store (library.ts, postgres.ts):
 * /reload writes the corpus folder into the store and an upload appends one document (both in one
 * transaction, idempotent by content hash); the store's snapshot changes under the same library, also
 * when another instance wrote (its poll), so every instance answers from the same data.
 */
import type { Answer } from '../types.js';
import type { ChatState } from '../answer/engine.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CorpusProblem } from '../documents/read.js';
import { libraryOf, type BotLibrary } from './library.js';

/** The part of the knowledge base the bot reads (tests build small fakes of it). */
export type BotKnowledge = Pick<KnowledgeBase, 'documents' | 'docById' | 'sentences' | 'sentencesByDoc' | 'facts'>;

/** The answering core as the bot uses it: AnswerEngine, or a fake in tests. */
export interface Asker {
  ask(question: string, state?: ChatState): Answer;
}

interface CorpusReport {
  problems?: CorpusProblem[];
  /** How long a rebuild took in the worker, and each synchronous step of loading it here (rebuild.ts). */
  timings?: { buildMs: number; loadMs: { file: number; restore: number; engine: number } };
}

/** A corpus in this process: the knowledge base and its engine. */
export interface MemoryCorpus extends CorpusReport {
  kb: BotKnowledge;
  engine: Asker;
}

/** A corpus read through a library (the PostgreSQL store). */
export interface LibraryCorpus extends CorpusReport {
  library: BotLibrary;
}

export type BotCorpus = MemoryCorpus | LibraryCorpus;

export interface ReloadProgress {
  /** storing: writing into the PostgreSQL store (extraction and rows, one transaction). */
  stage: 'reading' | 'building' | 'saving' | 'loading' | 'storing';
  documents?: number;
  sentences?: number;
  facts?: number;
}

/** Builds a corpus from a folder (rebuild.ts builds in a worker thread; tests pass fakes). */
export type CorpusLoader = (dir: string, onProgress?: (p: ReloadProgress) => void) => Promise<BotCorpus>;

/** An uploaded document saved into the corpus folder: its file and document id. */
export interface SavedUpload {
  path: string;
  id: string;
}

/**
 * Adds one uploaded document without reading the whole folder again (the PostgreSQL store appends it).
 * Without one, an upload reloads the folder, which holds the saved file.
 */
export type DocumentAdder = (upload: SavedUpload, onProgress?: (p: ReloadProgress) => void) => Promise<BotCorpus>;

/** What a finished reload reports to the admin. */
export interface ReloadOutcome {
  corpus: BotCorpus;
  documents: number;
  sentences: number;
  facts: number;
  /** Wall time of the whole rebuild (worker build + load here). */
  ms: number;
}

interface Run {
  promise: Promise<ReloadOutcome>;
  listeners: Set<(p: ReloadProgress) => void>;
  /** Set when the run adds this upload (through the adder) rather than reloading the folder. */
  upload?: SavedUpload;
}

export class CorpusHolder {
  private corpus: BotCorpus;
  private running?: Run;
  private queued?: Run;
  /** Incremented on every swap. */
  version = 1;
  /** Called after a reload made here (not one announced by another instance): run.ts announces it. */
  onReload?: () => void;

  constructor(
    initial: BotCorpus,
    private readonly loader: CorpusLoader,
    readonly dir: string,
    private readonly adder?: DocumentAdder,
  ) {
    this.corpus = initial;
  }

  get current(): BotCorpus {
    return this.corpus;
  }

  /** A rebuild is running or waiting. */
  get busy(): boolean {
    return !!this.running || !!this.queued;
  }

  /**
   * Rebuild from the corpus folder and swap it in when ready; the old corpus answers until then.
   * Requests coalesce: while one rebuild runs, every further request joins one rebuild that starts
   * when it ends (it sees all their changes), so N requests cost at most two rebuilds. On failure the
   * old corpus stays and the error is rethrown to every caller of that rebuild.
   */
  reload(announce = true, onProgress?: (p: ReloadProgress) => void, upload?: SavedUpload): Promise<ReloadOutcome> {
    const join = (run: Run) => {
      if (onProgress) run.listeners.add(onProgress);
      return run.promise;
    };
    if (this.queued) return join(this.queued);
    if (this.running) {
      const previous = this.running.promise.catch(() => undefined);
      const run: Run = { listeners: new Set(), promise: undefined as unknown as Promise<ReloadOutcome> };
      run.promise = previous.then(() => {
        this.queued = undefined;
        this.running = run;
        return this.execute(run, announce);
      });
      this.queued = run;
      return join(run);
    }
    // An upload saved into the folder with nothing else running is added alone (when an adder is set);
    // one that joins a queued reload is read with the folder like every other file.
    const run: Run = { listeners: new Set(), promise: undefined as unknown as Promise<ReloadOutcome>, upload: this.adder ? upload : undefined };
    this.running = run;
    run.promise = Promise.resolve().then(() => this.execute(run, announce));
    return join(run);
  }

  private async execute(run: Run, announce: boolean): Promise<ReloadOutcome> {
    const started = performance.now();
    try {
      const progress = (p: ReloadProgress) => {
        for (const l of run.listeners) {
          try {
            l(p);
          } catch {
            // A progress listener's failure (an edit that did not go out) never stops the rebuild.
          }
        }
      };
      const loaded = run.upload && this.adder ? await this.adder(run.upload, progress) : await this.loader(this.dir, progress);
      this.corpus = loaded;
      this.version++;
      if (announce) this.onReload?.();
      const library = libraryOf(loaded);
      return { corpus: loaded, documents: library.documents().length, sentences: library.sentenceTotal, facts: library.factCount, ms: Math.round(performance.now() - started) };
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }
}
