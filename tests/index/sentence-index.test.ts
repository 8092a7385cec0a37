import { describe, expect, it } from 'vitest';
import { SentenceIndex } from '../../src/index/sentence-index.js';
import { toSentences } from '../../src/answer/knowledge-base.js';
import { indexTokens } from '../../src/text/segment.js';
import type { CorpusDocument } from '../../src/types.js';

const docs: CorpusDocument[] = [
  { meta: { id: 'harbor', title: '青石港安全生产会议' }, paragraphs: ['会议由港务局局长韩立主持。会议强调，要加强危险品运输管理。', '港区共有泊位42个。'] },
  { meta: { id: 'lake', title: '白鹭湖' }, paragraphs: ['白鹭湖是一个淡水湖。湖中盛产银鱼和莲藕。'] },
  { meta: { id: 'school', title: '松山书院' }, paragraphs: ['书院由周敦颐创办。藏书超过两万卷。'] },
];
const sentences = toSentences(docs);
const titles = new Map(docs.map((d) => [d.meta.id, d.meta.title]));
const index = SentenceIndex.build(sentences, (id) => titles.get(id) ?? '');
const ask = (q: string, limit = 5) => index.search(indexTokens(q), limit);

describe('SentenceIndex', () => {
  it('finds the sentence with the question words and reports the matched terms', () => {
    const hits = ask('湖里盛产什么？');
    expect(sentences[hits[0].id].text).toBe('湖中盛产银鱼和莲藕。');
    expect(hits[0].terms).toContain('盛产');
    expect(hits[0].score).toBeGreaterThan(hits[hits.length - 1].score - 1e-9);
  });

  it('uses the title and paragraph as context', () => {
    // 青石港 occurs only in a title: the harbour's sentences still rank first.
    const hits = ask('青石港有多少个泊位？');
    expect(sentences[hits[0].id].docId).toBe('harbor');
    expect(sentences[hits[0].id].text).toContain('泊位');
  });

  it('returns nothing for unknown or empty queries and respects the limit', () => {
    expect(index.search([], 5)).toEqual([]);
    expect(index.search(['火星'], 5)).toEqual([]);
    expect(ask('会议 书院 湖 港区', 2)).toHaveLength(2);
  });

  it('gives corpus statistics', () => {
    expect(index.size).toBe(sentences.length);
    expect(index.documentFrequency('会议')).toBe(2);
    expect(index.idf('银鱼')).toBeGreaterThan(index.idf('会议'));
  });

  it('round-trips through JSON and through its data', () => {
    const again = SentenceIndex.fromJSON(index.toJSON());
    expect(again.search(indexTokens('周敦颐创办了什么？'), 3)).toEqual(ask('周敦颐创办了什么？', 3));
    const copy = SentenceIndex.fromData(index.toData());
    expect(copy.search(indexTokens('危险品运输'), 3)).toEqual(ask('危险品运输', 3));
  });

  it('rejects inconsistent data', () => {
    const data = index.toData();
    expect(() => SentenceIndex.fromData({ ...data, paragraphOf: new Uint32Array(1) })).toThrow();
  });
});
