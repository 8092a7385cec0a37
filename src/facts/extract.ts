/**
 * Fact extraction. PROVISIONAL: returns no facts until the extractors land.
 */
import type { CorpusDocument, Fact, Sentence } from '../types.js';

export function extractFacts(_documents: CorpusDocument[], _sentences: Sentence[]): Fact[] {
  return [];
}
