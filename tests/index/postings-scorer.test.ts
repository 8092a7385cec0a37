/**
 * What lets a store that reads postings from elsewhere (the PostgreSQL store) rank as the in-process
 * index does: fieldScore is MiniSearch's one-term score to the last bit, and PostingsScorer over postings
 * built from it gives SentenceIndex.search's hits.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { contexts, DEFAULT_PARAMS, fieldScore, members, PostingsScorer, queryTerms, SentenceIndex, textSettings, type TermPostings } from '../../src/index/sentence-index.js';
import { toSentences } from '../../src/knowledge/knowledge-base.js';
import type { CorpusDocument } from '../../src/types.js';

const texts = [['港口', '安全', '港口'], ['安全', '生产', '会议', '安全'], ['白鹭', '湖'], ['港口', '泊位'], []];

describe('fieldScore', () => {
  it("equals MiniSearch's score of a one-term search, bit for bit", () => {
    const ms = new MiniSearch<{ id: number; text: string[] }>({
      fields: ['text'],
      tokenize: (v: string | string[]) => (typeof v === 'string' ? v.split(' ') : v),
      stringifyField: (v) => v,
      processTerm: (t) => t,
    });
    texts.forEach((text, id) => {
      ms.add({ id, text });
    });
    // MiniSearch's running average of the field length (distinct terms), in the order documents were added.
    let avg = 0;
    texts.forEach((t, i) => {
      avg = (avg * i + new Set(t).size) / (i + 1);
    });
    const settings = textSettings(DEFAULT_PARAMS, false);
    for (const term of ['港口', '安全', '湖']) {
      const matching = texts.filter((t) => t.includes(term)).length;
      for (const r of ms.search(term, settings)) {
        const t = texts[r.id as number];
        const tf = t.filter((x) => x === term).length;
        expect(fieldScore(settings, 'text', tf, matching, texts.length, new Set(t).size, avg)).toBe(r.score);
      }
    }
  });
});

describe('PostingsScorer', () => {
  it("ranks postings as SentenceIndex.search does (text only: each term's hits from the index itself)", () => {
    const docs: CorpusDocument[] = [
      { meta: { id: 'a', title: '甲' }, paragraphs: ['港口安全生产。', '港口泊位42个。'] },
      { meta: { id: 'b', title: '乙' }, paragraphs: ['安全会议在港口召开。'] },
    ];
    const sentences = toSentences(docs);
    const index = SentenceIndex.build(sentences, () => '', { titleWeight: 0, paragraphWeight: 0 });
    const query = queryTerms(['港口', '安全', '港口', ' ']);
    expect(query).toEqual(['港口', '安全']);
    const documentOf = Uint32Array.from(sentences, (s) => (s.docId === 'a' ? 0 : 1));
    const noParagraphs = new Uint32Array(0);
    const p = { ...DEFAULT_PARAMS, titleWeight: 0, paragraphWeight: 0 };
    expect(contexts(p, documentOf, members(documentOf), noParagraphs)).toEqual([]);
    // Each term's postings, as a server store reads them: the sentences with the term and their score.
    const postings: TermPostings[] = query.map((term) => {
      const hits = index.search([term], 100);
      return { sentences: Uint32Array.from(hits, (h) => h.id), scores: Float64Array.from(hits, (h) => h.score), contexts: [] };
    });
    const scorer = new PostingsScorer(documentOf, noParagraphs);
    expect(scorer.rank(query, postings, [], 10)).toEqual(index.search(query, 10));
  });
});
