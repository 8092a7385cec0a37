/**
 * The knowledge store: what the answer layer may ask of a knowledge base, and nothing more. The answer
 * policy, the ranking and the pickers see only this interface, so a knowledge base held in this process
 * (MemoryStore, over MiniSearch) and one held in a database server (knowledge/postgres/) give the same
 * answers from the same code.
 *
 * Everything here is synchronous: answering is a few milliseconds of CPU over a handful of sentences.
 * A server store answers a question in rounds (see QuestionScopedStore): a view answers from what it has
 * fetched and records what it lacks, the answerer fetches that in one batch and runs again.
 */
import type { CorpusDocument, DocumentMeta, Fact, FactType, Sentence } from '../types.js';
import type { SentenceHit } from '../index/sentence-index.js';
import type { CorpusProbe } from '../question/analyze.js';
import type { KnowledgeBase } from './knowledge-base.js';

export type StoreKind = 'memory' | 'postgres';

export interface KnowledgeStore extends CorpusProbe {
  readonly kind: StoreKind;
  /** Sentences in the corpus: the N of every inverse document frequency. */
  readonly sentenceCount: number;
  /** Documents the store knows (for follow-ups that point at "that article"). */
  readonly docById: { has(docId: string): boolean };

  /** A sentence by id (ids are 0..sentenceCount-1, in document order). */
  sentence(id: number): Sentence | undefined;
  /** Ids of a document's sentences, in order. */
  sentenceIdsOf(docId: string): readonly number[];
  /** The matching form of a sentence's whole paragraph. */
  paragraphText(s: Sentence): string;
  /** Every sentence whose matching form contains `text`, in id order. */
  sentencesContaining(text: string): Sentence[];

  /** A document's metadata. */
  document(docId: string): DocumentMeta | undefined;
  /** Every document's metadata, in corpus order. */
  documents(): readonly DocumentMeta[];

  /** Facts extracted from a sentence, and from a document, in extraction order. */
  factsOfSentence(sentenceId: number): readonly Fact[];
  factsOfDocument(docId: string): readonly Fact[];
  /** Facts of a type whose value occurs in `text` (a question naming a person), in extraction order. */
  factsNamedIn(type: FactType, text: string): Fact[];
  /** Facts of a type (and event, when given), in extraction order. */
  factsOfType(type: FactType, event?: string): Fact[];
  /** Is `value` the value of some fact of one of these types? */
  isFactValue(types: readonly FactType[], value: string): boolean;

  /** Sentences whose text has this index token (0 when none). */
  documentFrequency(term: string): number;
  /** Non-overlapping occurrences of `text` in the corpus text, counting up to `max`. */
  countInCorpus(text: string, max: number): number;
  /** BM25 candidates for a question's index tokens, best first (SentenceIndex.search's contract). */
  search(tokens: string[], limit: number): SentenceHit[];
}

/** A server store: answering goes through per-question views that fetch in batches. */
export interface QuestionScopedStore {
  readonly kind: StoreKind;
  /** A fresh view over the data fetched so far; it records what a run asked for and it lacked. */
  view(): StoreView;
}

export interface StoreView extends KnowledgeStore {
  /** Did a run over this view ask for something not fetched yet? */
  readonly incomplete: boolean;
  /** Fetch what the run lacked (and what it will likely ask next), in one batch. */
  fetchMissing(): Promise<void>;
  /** A view for the next run: what this one fetched, and nothing recorded as lacking. */
  next(): StoreView;
}

/**
 * Most rounds one read may take. Each round after the first is one batch of queries; measured on the
 * seed dev set and DRCD test, questions take 2-4 (the search, its documents, a picker's lookups).
 */
export const MAX_FETCH_ROUNDS = 8;

export class StoreRoundsError extends Error {
  constructor(readonly rounds: number) {
    super(`the knowledge store still lacked data after ${rounds} rounds`);
    this.name = 'StoreRoundsError';
  }
}

/**
 * Run a synchronous read over a store: at once in process; over a server store in rounds (run over a
 * view, fetch what it lacked, run again) until a run lacked nothing, whose result is returned. `read`
 * must be free of side effects a discarded run would leave (the answerer runs over a copy of its state).
 */
export async function readThrough<T>(store: KnowledgeStore | QuestionScopedStore, read: (view: KnowledgeStore) => T): Promise<T> {
  if (!('view' in store)) return read(store);
  let view = store.view();
  for (let round = 1; round <= MAX_FETCH_ROUNDS; round++, view = view.next()) {
    const out = read(view);
    if (!view.incomplete) return out;
    await view.fetchMissing();
  }
  throw new StoreRoundsError(MAX_FETCH_ROUNDS);
}

/** The in-process store: a KnowledgeBase (sentences, facts, MiniSearch index, corpus text) in this heap. */
export class MemoryStore implements KnowledgeStore {
  readonly kind = 'memory';
  private readonly bySentence = new Map<number, Fact[]>();
  private readonly byDoc = new Map<string, Fact[]>();
  /** Paragraph texts (matching form), built on first use: documents can be long. */
  private readonly paragraphs = new Map<string, string>();
  private factValues: Map<FactType, Set<string>> | null = null;
  private metas: DocumentMeta[] | null = null;

  constructor(readonly kb: KnowledgeBase) {
    for (const f of kb.facts) {
      const bySentence = this.bySentence.get(f.sentenceId) ?? [];
      bySentence.push(f);
      this.bySentence.set(f.sentenceId, bySentence);
      const byDoc = this.byDoc.get(f.docId) ?? [];
      byDoc.push(f);
      this.byDoc.set(f.docId, byDoc);
    }
  }

  get sentenceCount(): number {
    return this.kb.sentences.length;
  }

  get docById(): { has(docId: string): boolean } {
    return this.kb.docById;
  }

  includes(text: string): boolean {
    return this.kb.corpusText.includes(text);
  }

  test(pattern: RegExp): boolean {
    return pattern.test(this.kb.corpusText);
  }

  sentence(id: number): Sentence | undefined {
    return this.kb.sentences[id];
  }

  sentenceIdsOf(docId: string): readonly number[] {
    return this.kb.sentencesByDoc.get(docId) ?? [];
  }

  paragraphText(s: Sentence): string {
    const key = `${s.docId}\u0000${s.paragraph}`;
    let text = this.paragraphs.get(key);
    if (text === undefined) {
      text = paragraphAround(s, (id) => this.kb.sentences[id]);
      this.paragraphs.set(key, text);
    }
    return text;
  }

  sentencesContaining(text: string): Sentence[] {
    return this.kb.sentences.filter((x) => x.simplified.includes(text));
  }

  document(docId: string): DocumentMeta | undefined {
    return this.kb.docById.get(docId)?.meta;
  }

  documents(): readonly DocumentMeta[] {
    this.metas ??= this.kb.documents.map((d: CorpusDocument) => d.meta);
    return this.metas;
  }

  factsOfSentence(sentenceId: number): readonly Fact[] {
    return this.bySentence.get(sentenceId) ?? [];
  }

  factsOfDocument(docId: string): readonly Fact[] {
    return this.byDoc.get(docId) ?? [];
  }

  factsNamedIn(type: FactType, text: string): Fact[] {
    return this.kb.facts.filter((f) => f.type === type && text.includes(f.value));
  }

  factsOfType(type: FactType, event?: string): Fact[] {
    return this.kb.facts.filter((f) => f.type === type && (event === undefined || f.event === event));
  }

  isFactValue(types: readonly FactType[], value: string): boolean {
    if (!this.factValues) {
      this.factValues = new Map();
      for (const f of this.kb.facts) {
        const values = this.factValues.get(f.type) ?? new Set<string>();
        values.add(f.value);
        this.factValues.set(f.type, values);
      }
    }
    return types.some((t) => this.factValues!.get(t)?.has(value) ?? false);
  }

  documentFrequency(term: string): number {
    return this.kb.index.documentFrequency(term);
  }

  countInCorpus(text: string, max: number): number {
    const corpus = this.kb.corpusText;
    let n = 0;
    for (let i = corpus.indexOf(text); i >= 0 && n < max; i = corpus.indexOf(text, i + text.length)) n++;
    return n;
  }

  search(tokens: string[], limit: number): SentenceHit[] {
    return this.kb.index.search(tokens, limit);
  }
}

/** The matching form of a sentence's paragraph: its sentences are contiguous ids, so walk out from it. */
export function paragraphAround(s: Sentence, sentenceAt: (id: number) => Sentence | undefined): string {
  const same = (o: Sentence | undefined) => o !== undefined && o.docId === s.docId && o.paragraph === s.paragraph;
  let lo = s.id;
  let hi = s.id;
  while (lo > 0 && same(sentenceAt(lo - 1))) lo--;
  while (same(sentenceAt(hi + 1))) hi++;
  let text = '';
  for (let id = lo; id <= hi; id++) text += sentenceAt(id)!.simplified;
  return text;
}
