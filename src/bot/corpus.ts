/**
 * The corpus the bot answers from, swappable at run time: /reload and uploads build a new knowledge
 * base and engine completely, then replace the old pair in one assignment. A handler reads
 * `holder.current` once and uses that pair to the end, so no update ever mixes two corpora.
 */
import type { Answer } from '../types.js';
import type { ChatState } from '../answer/engine.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { CorpusProblem } from '../documents/read.js';

/** The part of the knowledge base the bot reads (tests build small fakes of it). */
export type BotKnowledge = Pick<KnowledgeBase, 'documents' | 'docById' | 'sentences' | 'sentencesByDoc' | 'facts'>;

/** The answering core as the bot uses it: AnswerEngine, or a fake in tests. */
export interface Asker {
  ask(question: string, state?: ChatState): Answer;
}

export interface BotCorpus {
  kb: BotKnowledge;
  engine: Asker;
  problems?: CorpusProblem[];
}

export type CorpusLoader = (dir: string) => Promise<BotCorpus>;

export class CorpusHolder {
  private corpus: BotCorpus;
  private queue: Promise<unknown> = Promise.resolve();
  /** Incremented on every swap. */
  version = 1;
  /** Called after a reload made here (not one announced by another instance): run.ts announces it. */
  onReload?: () => void;

  constructor(
    initial: BotCorpus,
    private readonly loader: CorpusLoader,
    readonly dir: string,
  ) {
    this.corpus = initial;
  }

  get current(): BotCorpus {
    return this.corpus;
  }

  /**
   * Re-read the corpus folder and swap it in. Reloads run one at a time (two admins, or an upload
   * during a reload, queue up). On failure the old corpus stays and the error is rethrown.
   */
  reload(announce = true): Promise<BotCorpus> {
    const next = this.queue.then(async () => {
      const loaded = await this.loader(this.dir);
      this.corpus = loaded;
      this.version++;
      if (announce) this.onReload?.();
      return loaded;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
