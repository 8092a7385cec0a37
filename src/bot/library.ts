/**
 * What the bot's handlers read of the corpus, from either knowledge store: the documents' list (held in
 * process by both), answers, pages of facts, a document's text and sentences, example questions. The
 * in-process store (a KnowledgeBase and its AnswerEngine, or a test's fake of them) answers at once;
 * the PostgreSQL store answers through the same Answerer `npm run ask` uses, and its other reads go
 * through the KnowledgeStore views (readThrough) or one query each. Every read may reject with
 * StoreUnavailableError while PostgreSQL cannot be reached; the bot's error boundary tells the user so.
 */
import type { Answer, CorpusDocument, DocumentMeta, Fact, Sentence } from '../types.js';
import type { ChatState } from '../answer/engine.js';
import { Answerer } from '../answer/answerer.js';
import { readThrough, type StoreKind } from '../knowledge/store.js';
import type { PostgresStore } from '../knowledge/postgres/store.js';
import { documentFingerprint } from '../documents/read.js';
import type { BotCorpus, BotKnowledge, MemoryCorpus } from './corpus.js';
import { EXAMPLE_TYPE_GROUPS, exampleQuestions } from './examples.js';
import { sameTextIn } from './upload.js';

/** The store behind a library, as /healthz reports it. */
export interface LibraryStatus {
  kind: StoreKind;
  reachable: boolean;
  /** corpus_stats.version (PostgreSQL). */
  version?: number;
  /** Why it is unreachable, one line. */
  error?: string;
}

export interface BotLibrary {
  readonly kind: StoreKind;
  /** Every document's metadata, in corpus order (numbered from 1 by /docs and /source). */
  documents(): readonly DocumentMeta[];
  /** Sentences of a document (0 for an unknown one). */
  sentenceCount(docId: string): number;
  readonly sentenceTotal: number;
  readonly factCount: number;
  /** Answer a question; `state` (follow-ups) is updated as AnswerEngine.ask does. */
  ask(question: string, state: ChatState): Promise<Answer>;
  /** Facts offset..offset+limit, in extraction order. */
  facts(offset: number, limit: number): Promise<readonly Fact[]>;
  /** A document's verbatim paragraphs. */
  paragraphs(docId: string): Promise<readonly string[] | undefined>;
  /** A document's sentences, in order. */
  sentences(docId: string): Promise<readonly Sentence[]>;
  /** Up to `max` example questions generated from the facts (exampleQuestions). */
  examples(max?: number): Promise<string[]>;
  /** A stored document with the same cleaned text as `doc` (an upload is refused then). */
  sameText(doc: CorpusDocument): Promise<DocumentMeta | undefined>;
  status(): LibraryStatus;
}

/** The in-process corpus as a library. Reads the knowledge base live (tests edit their fakes in place). */
class MemoryLibrary implements BotLibrary {
  readonly kind = 'memory';
  constructor(private readonly corpus: MemoryCorpus) {}

  private get kb(): BotKnowledge {
    return this.corpus.kb;
  }

  documents(): readonly DocumentMeta[] {
    return this.kb.documents.map((d) => d.meta);
  }

  sentenceCount(docId: string): number {
    return this.kb.sentencesByDoc.get(docId)?.length ?? 0;
  }

  get sentenceTotal(): number {
    return this.kb.sentences.length;
  }

  get factCount(): number {
    return this.kb.facts.length;
  }

  async ask(question: string, state: ChatState): Promise<Answer> {
    return this.corpus.engine.ask(question, state);
  }

  async facts(offset: number, limit: number): Promise<readonly Fact[]> {
    return this.kb.facts.slice(offset, offset + limit);
  }

  async paragraphs(docId: string): Promise<readonly string[] | undefined> {
    return this.kb.docById.get(docId)?.paragraphs;
  }

  async sentences(docId: string): Promise<readonly Sentence[]> {
    return (this.kb.sentencesByDoc.get(docId) ?? []).map((id) => this.kb.sentences[id]).filter((s) => s !== undefined);
  }

  async examples(max?: number): Promise<string[]> {
    return exampleQuestions(this.kb, max);
  }

  async sameText(doc: CorpusDocument): Promise<DocumentMeta | undefined> {
    return sameTextIn(doc, this.kb.documents);
  }

  status(): LibraryStatus {
    return { kind: 'memory', reachable: true };
  }
}

/**
 * Facts of each example type group read for the example questions (the first ones in extraction order),
 * so the PostgreSQL store never reads every fact for /start. exampleQuestions takes the first usable
 * question of each group (later ones only when fewer than four groups have any); usable = a fact with
 * titles, a subject or an event. Where the first usable fact of a group sits among the group's facts,
 * measured with a one-off script over buildKnowledgeBase (tuning corpora): corpus/ at most 1, DRCD test
 * 46 (place; person 2, others 0), CMRC 2018 trial 34 (place). 200 keeps the in-process store's examples
 * with room to spare.
 */
export const EXAMPLE_FACTS_PER_GROUP = 200;

/** The PostgreSQL store as a library: every instance on the database reads the same corpus. */
export class StoreLibrary implements BotLibrary {
  readonly kind = 'postgres';
  private readonly answerer: Answerer;
  /** Facts sampled for the examples, per store version. */
  private sample?: { version: number; facts: Promise<Fact[]> };

  constructor(readonly store: PostgresStore) {
    this.answerer = new Answerer(store);
  }

  documents(): readonly DocumentMeta[] {
    return this.store.view().documents();
  }

  sentenceCount(docId: string): number {
    return this.store.view().sentenceIdsOf(docId).length;
  }

  get sentenceTotal(): number {
    return this.store.sentenceCount;
  }

  get factCount(): number {
    return this.store.factCount;
  }

  ask(question: string, state: ChatState): Promise<Answer> {
    return this.answerer.ask(question, state);
  }

  facts(offset: number, limit: number): Promise<readonly Fact[]> {
    return this.store.factPage(offset, limit);
  }

  paragraphs(docId: string): Promise<readonly string[] | undefined> {
    return this.store.paragraphsOf(docId);
  }

  sentences(docId: string): Promise<readonly Sentence[]> {
    return readThrough(this.store, (view) =>
      view
        .sentenceIdsOf(docId)
        .map((id) => view.sentence(id))
        .filter((s) => s !== undefined),
    );
  }

  async examples(max?: number): Promise<string[]> {
    const version = this.store.version;
    if (this.sample?.version !== version) {
      const facts = Promise.all(EXAMPLE_TYPE_GROUPS.map((types) => this.store.firstFactsOfTypes(types, EXAMPLE_FACTS_PER_GROUP))).then((groups) => groups.flat());
      this.sample = { version, facts };
      // A failed read is not kept: the next call tries again.
      facts.catch(() => {
        if (this.sample?.facts === facts) this.sample = undefined;
      });
    }
    const facts = await this.sample.facts;
    return exampleQuestions({ facts, documents: this.documents().map((meta) => ({ meta })) }, max);
  }

  sameText(doc: CorpusDocument): Promise<DocumentMeta | undefined> {
    return this.store.documentWithText(documentFingerprint(doc));
  }

  status(): LibraryStatus {
    const s = this.store.status;
    return { kind: 'postgres', reachable: s.reachable, version: s.version, ...(s.error ? { error: s.error } : {}) };
  }
}

const memoryLibraries = new WeakMap<MemoryCorpus, BotLibrary>();

/** The library of a corpus the bot holds: its own (PostgreSQL), or one over the in-process knowledge base. */
export function libraryOf(corpus: BotCorpus): BotLibrary {
  if ('library' in corpus) return corpus.library;
  let library = memoryLibraries.get(corpus);
  if (!library) {
    library = new MemoryLibrary(corpus);
    memoryLibraries.set(corpus, library);
  }
  return library;
}
