/**
 * The retrieval index: MiniSearch (BM25) over sentences, each with its document title as a second field.
 * Tokens come from the segmenter (MiniSearch's own tokenizer splits on spaces and cannot segment Chinese).
 * Fuzzy and prefix matching stay off: for CJK a one-character edit is another word.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Sentence } from '../types.js';
import { indexTokens } from '../text/segment.js';

/** What is stored per indexed sentence: its id and the Simplified text of its fields. */
interface IndexedSentence {
  id: number;
  text: string;
  title: string;
}

export interface SentenceHit {
  id: number;
  score: number;
  /** Query terms that matched this sentence. */
  terms: string[];
}

export const INDEX_FIELDS = ['text', 'title'] as const;
export const FIELD_BOOSTS = { text: 1, title: 0.3 };

function newMiniSearch(): MiniSearch<IndexedSentence> {
  return new MiniSearch<IndexedSentence>({
    fields: [...INDEX_FIELDS],
    storeFields: [],
    // Text is segmented already; the field value is tokens joined by spaces.
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term || null,
    searchOptions: {
      boost: FIELD_BOOSTS,
      fuzzy: false,
      prefix: false,
      combineWith: 'OR',
      tokenize: (text) => (text ? text.split(' ') : []),
      processTerm: (term) => term || null,
    },
  });
}

export class SentenceIndex {
  private constructor(private readonly mini: MiniSearch<IndexedSentence>) {}

  /** Index sentences; `titleOf` gives the Simplified title of a sentence's document. */
  static build(sentences: Sentence[], titleOf: (docId: string) => string): SentenceIndex {
    const mini = newMiniSearch();
    const titleTokens = new Map<string, string>();
    const docs: IndexedSentence[] = sentences.map((s) => {
      let title = titleTokens.get(s.docId);
      if (title === undefined) {
        title = indexTokens(titleOf(s.docId)).join(' ');
        titleTokens.set(s.docId, title);
      }
      return { id: s.id, text: indexTokens(s.simplified).join(' '), title };
    });
    mini.addAll(docs);
    return new SentenceIndex(mini);
  }

  /** Restore an index saved with toJSON(). */
  static fromJSON(json: string): SentenceIndex {
    const opts = (newMiniSearch() as unknown as { _options: ConstructorParameters<typeof MiniSearch>[0] })._options;
    return new SentenceIndex(MiniSearch.loadJSON<IndexedSentence>(json, opts));
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** BM25 search with already-normalised query terms. */
  search(terms: string[], limit = 30): SentenceHit[] {
    if (terms.length === 0) return [];
    const results: SearchResult[] = this.mini.search(terms.join(' '));
    return results.slice(0, limit).map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
  }
}
