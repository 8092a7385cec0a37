import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import { DEFAULT_PARAMS, SentenceIndex } from '../../src/index/sentence-index.js';
import { seededRandom } from '../../src/random.js';
import { toSentences } from '../../src/knowledge/knowledge-base.js';
import { matchingForm } from '../../src/text/script.js';
import { indexTokens } from '../../src/text/segment.js';
import type { CorpusDocument, Sentence } from '../../src/types.js';

const docs: CorpusDocument[] = [
  { meta: { id: 'harbor', title: '青石港安全生产会议' }, paragraphs: ['会议由港务局局长韩立主持。会议强调，要加强危险品运输管理。', '港区共有泊位42个。'] },
  { meta: { id: 'lake', title: '白鹭湖' }, paragraphs: ['白鹭湖是一个淡水湖。湖中盛产银鱼和莲藕。'] },
  { meta: { id: 'school', title: '松山书院' }, paragraphs: ['书院由周敦颐创办。藏书超过两万卷。'] },
  { meta: { id: 'tea', title: '茶園' }, paragraphs: ['這座茶園位於山腰。茶園每年採摘春茶三次。'] },
];
const sentences = toSentences(docs);
const titles = new Map(docs.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
const index = SentenceIndex.build(sentences, (id) => titles.get(id) ?? '');
const ask = (q: string, limit = 5) => index.search(indexTokens(matchingForm(q)), limit);
const texts = (hits: { id: number }[]) => hits.map((h) => sentences[h.id].text);

/** Sentences from (docId, paragraph, space-separated tokens) triples, for exact-statistics tests. */
function plain(rows: [string, number, string][]): Sentence[] {
  return rows.map(([docId, paragraph, text], id) => ({ id, docId, paragraph, position: id, text, simplified: text }));
}
const split = (s: string) => s.split(' ').filter(Boolean);
const bm25 = (tf: number, df: number, n: number, length: number, avgLength: number, p = DEFAULT_PARAMS) =>
  Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (p.d + (tf * (p.k + 1)) / (tf + p.k * (1 - p.b + (p.b * length) / avgLength)));
const distinct = (s: string) => new Set(split(s)).size;

describe('SentenceIndex', () => {
  it('finds the sentence with the question words and reports the matched terms in Chinese', () => {
    const hits = ask('湖里盛产什么？');
    expect(sentences[hits[0].id].text).toBe('湖中盛产银鱼和莲藕。');
    expect(hits[0].terms).toContain('盛产');
    for (const h of hits) for (const t of h.terms) expect(t).toMatch(/^[\u4e00-\u9fff]+$/);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
  });

  it('finds sentences by their matching form, whichever script the document and question are in', () => {
    // A Traditional document asked in Traditional and in Simplified; a Simplified one asked in Traditional.
    for (const q of ['茶園每年採摘幾次春茶？', '茶园每年采摘几次春茶？']) expect(texts(ask(q))[0]).toBe('茶園每年採摘春茶三次。');
    expect(texts(ask('書院藏書超過多少卷？'))[0]).toBe('藏书超过两万卷。');
  });

  it('matches the title field: a title word finds and lifts the sentences of its document', () => {
    // 青石(港) occurs only in a title: the harbour's sentence about 泊位 comes first, matched by both.
    const hits = ask('青石港有多少个泊位？');
    expect(sentences[hits[0].id].text).toBe('港区共有泊位42个。');
    expect(hits[0].terms).toEqual(expect.arrayContaining(['青石', '泊位']));
    // Same words in two documents: the one titled with the other query word ranks first.
    const s = plain([
      ['a', 0, '泊位 港区'],
      ['b', 0, '泊位 港区'],
      ['b', 0, '其他'],
    ]);
    const idx = SentenceIndex.build(s, (id) => (id === 'b' ? '青石 港' : '白鹭 湖'), {}, split);
    const both = idx.search(['泊位', '青石'], 3);
    expect(both[0].id).toBe(1);
    expect(both.map((h) => h.id).sort()).toEqual([0, 1, 2]);
    expect(idx.search(['泊位', '白鹭'], 3).map((h) => h.id)).toEqual([0, 1]);
    // A title match makes every sentence of the document a candidate; weight 0 leaves the title out.
    expect(idx.search(['青石'], 3).map((h) => [h.id, h.terms])).toEqual([
      [1, ['青石']],
      [2, ['青石']],
    ]);
    expect(idx.search(['青石'], 3, { titleWeight: 0 })).toEqual([]);
    const flat = idx.search(['泊位', '青石'], 3, { titleWeight: 0, paragraphWeight: 0 });
    expect(flat.map((h) => h.id)).toEqual([0, 1]);
    expect(flat[0].score).toBe(flat[1].score);
  });

  it('lifts a sentence whose paragraph has the other query terms', () => {
    const s = plain([
      ['a', 0, 'x 港口'],
      ['a', 0, 'y 码头 泊位'],
      ['b', 0, 'x 港口'],
      ['b', 0, 'z 其他'],
    ]);
    const idx = SentenceIndex.build(s, () => '', {}, split);
    const hits = idx.search(['港口', '泊位'], 4);
    // Sentences 0 and 2 are the same words; only sentence 0's paragraph also has 泊位.
    expect(hits.map((h) => h.id).indexOf(0)).toBeLessThan(hits.map((h) => h.id).indexOf(2));
    const flat = idx.search(['港口', '泊位'], 4, { paragraphWeight: 0 });
    expect(flat.find((h) => h.id === 0)!.score).toBeCloseTo(flat.find((h) => h.id === 2)!.score, 12);
  });

  it('scores BM25+ of the sentence plus the weighted BM25+ of its paragraph and title, × matched terms', () => {
    const rows: [string, number, string][] = [
      ['d', 0, 'a b c'],
      ['d', 0, 'd e'],
      ['d', 0, 'f'],
      ['d', 1, 'a a x'],
      ['e', 0, 'y z'],
      ['e', 0, 'a q r s t'],
      ['e', 1, 'w a'],
    ];
    const s = plain(rows);
    const titleOf: Record<string, string> = { d: 'a t', e: 'w' };
    const idx = SentenceIndex.build(s, (id) => titleOf[id], { paragraphWeight: 0.7, titleWeight: 0.4 }, split);
    const n = s.length;
    const paragraphs = [[0, 1, 2], [3], [4, 5], [6]].map((ids) => ids.map((i) => rows[i][2]).join(' '));
    const paragraphOf = [0, 0, 0, 1, 2, 2, 3];
    const titles = ['a t', 'w'];
    const documentOf = [0, 0, 0, 0, 1, 1, 1];
    const titleAvg = (distinct(titles[0]) + distinct(titles[1])) / 2;
    const sentenceAvg = rows.reduce((a, r) => a + distinct(r[2]), 0) / n;
    const paragraphAvg = paragraphs.reduce((a, p) => a + distinct(p), 0) / paragraphs.length;
    const tf = (text: string, t: string) => split(text).filter((x) => x === t).length;
    // Paragraph and title idf: units with the term among all sentences (MiniSearch's document count);
    // matched terms: in the text or the title.
    const expected = (id: number, terms: string[]) => {
      let sum = 0;
      let matched = 0;
      for (const t of terms) {
        const sdf = rows.filter((r) => tf(r[2], t)).length;
        const pdf = paragraphs.filter((p) => tf(p, t)).length;
        if (tf(rows[id][2], t)) sum += bm25(tf(rows[id][2], t), sdf, n, distinct(rows[id][2]), sentenceAvg);
        if (tf(rows[id][2], t) || tf(titles[documentOf[id]], t)) matched++;
        const p = paragraphs[paragraphOf[id]];
        if (tf(p, t)) sum += 0.7 * bm25(tf(p, t), pdf, n, distinct(p), paragraphAvg);
        const title = titles[documentOf[id]];
        if (tf(title, t)) sum += 0.4 * bm25(tf(title, t), titles.filter((x) => tf(x, t)).length, n, distinct(title), titleAvg);
      }
      return sum * matched;
    };
    for (const query of [['a'], ['a', 'x'], ['d', 'f', 'a'], ['w', 'q'], ['t', 'f']]) {
      const hits = idx.search(query, 10);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.score).toBeCloseTo(expected(h.id, query), 10);
    }
  });

  it('weights the text by 1 + paragraph weight when every paragraph is one sentence', () => {
    const s = plain([
      ['d', 0, 'a b'],
      ['d', 1, 'a c c'],
      ['e', 0, 'b d'],
    ]);
    const one = SentenceIndex.build(s, () => '', { titleWeight: 0, paragraphWeight: 1 }, split);
    const none = SentenceIndex.build(s, () => '', { titleWeight: 0, paragraphWeight: 0 }, split);
    const a = one.search(['a', 'b', 'c'], 5);
    const b = none.search(['a', 'b', 'c'], 5);
    expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
    for (const [i, h] of a.entries()) expect(h.score).toBeCloseTo(2 * b[i].score, 12);
  });

  it('returns nothing for unknown or empty queries and respects the limit', () => {
    expect(index.search([], 5)).toEqual([]);
    expect(index.search(['', '  '], 5)).toEqual([]);
    expect(index.search(['火星'], 5)).toEqual([]);
    expect(index.search(['会议'], 0)).toEqual([]);
    expect(ask('会议 书院 湖 港区', 2)).toHaveLength(2);
  });

  it('gives exact document frequencies and idf', () => {
    expect(index.size).toBe(sentences.length);
    expect(index.documentFrequency('会议')).toBe(2);
    expect(index.documentFrequency('火星')).toBe(0);
    // Title words are not sentence words.
    expect(index.documentFrequency('青石')).toBe(0);
    const s = plain([
      ['d', 0, 'a a b'],
      ['d', 0, 'a c'],
      ['e', 0, 'c'],
      ['e', 1, 'd'],
    ]);
    const idx = SentenceIndex.build(s, () => 'a t', {}, split);
    expect([idx.documentFrequency('a'), idx.documentFrequency('b'), idx.documentFrequency('c'), idx.documentFrequency('t')]).toEqual([2, 1, 2, 0]);
    expect(idx.idf('a')).toBeCloseTo(Math.log(1 + (4 - 2 + 0.5) / (2 + 0.5)), 15);
    expect(idx.idf('unseen')).toBeCloseTo(Math.log(1 + 4.5 / 0.5), 15);
    expect(index.idf('银鱼')).toBeGreaterThan(index.idf('会议'));
  });

  it('takes other parameters per search, as an index built with them would', () => {
    const params = { k: 1.5, b: 0.4, d: 0.3, paragraphWeight: 0.5, titleWeight: 0.2 };
    const rebuilt = SentenceIndex.build(sentences, (id) => titles.get(id) ?? '', params);
    for (const q of ['青石港有多少个泊位？', '书院由谁创办？', '茶园在哪里？']) {
      const tokens = indexTokens(matchingForm(q));
      const a = index.search(tokens, 5, params);
      const b = rebuilt.search(tokens, 5);
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      for (const [i, h] of a.entries()) expect(h.score).toBeCloseTo(b[i].score, 10);
    }
  });

  it('builds no paragraph field for a paragraph weight of 0, with the same results', () => {
    const flat = SentenceIndex.build(sentences, (id) => titles.get(id) ?? '', { paragraphWeight: 0 });
    expect(flat.toData().paragraphOf).toHaveLength(0);
    expect(index.toData().paragraphOf).toHaveLength(sentences.length);
    for (const q of ['会议由谁主持？', '青石港有多少个泊位？']) {
      const tokens = indexTokens(q);
      const a = flat.search(tokens, 5);
      const b = index.search(tokens, 5, { paragraphWeight: 0 });
      expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
      for (const [i, h] of a.entries()) expect(h.score).toBeCloseTo(b[i].score, 12);
    }
  });

  it('answers a repeated query identically (term results are cached)', () => {
    const first = ask('会议由谁主持？');
    expect(ask('会议由谁主持？')).toEqual(first);
  });

  it('round-trips through JSON and through its data', () => {
    const questions = ['周敦颐创办了什么？', '危险品运输', '青石港有多少个泊位？', '茶園每年採摘幾次春茶？'];
    const again = SentenceIndex.fromJSON(index.toJSON());
    const copy = SentenceIndex.fromData(index.toData());
    for (const q of questions) {
      const tokens = indexTokens(matchingForm(q));
      expect(again.search(tokens, 5)).toEqual(index.search(tokens, 5));
      expect(copy.search(tokens, 5)).toEqual(index.search(tokens, 5));
    }
    expect(copy.size).toBe(index.size);
    expect(copy.documentFrequency('会议')).toBe(2);
    expect(copy.params).toEqual(index.params);
  });

  it('rejects inconsistent data', () => {
    const data = index.toData();
    expect(() => SentenceIndex.fromData({ ...data, paragraphOf: new Uint32Array(1) })).toThrow();
    expect(() => SentenceIndex.fromData({ ...data, terms: data.terms.slice(1) })).toThrow();
    expect(() => SentenceIndex.fromData({ ...data, fields: data.fields.slice(1) })).toThrow();
    expect(() => SentenceIndex.fromData({ ...data, documentOf: data.documentOf.subarray(1) })).toThrow();
  });

  it('scores exactly as MiniSearch does (same BM25+ doubles, same OR combination)', () => {
    // Text only (no title or paragraph weight): the index's score of a query is then MiniSearch's
    // search score with the same BM25 parameters, to the last bit; tf, distinct-term field lengths,
    // the running average field length and the idf all take part (repeated words, sentences of many lengths).
    const words = ['湖', '书院', '会议', '港区', '泊位', '茶园', '春茶', '银鱼', '创办', '运输', '管理', '安全'];
    const next = seededRandom(7);
    const rows: [string, number, string][] = Array.from({ length: 60 }, (_, i) => [
      `d${i % 7}`,
      i,
      Array.from({ length: 1 + Math.floor(next() * 12) }, () => words[Math.floor(next() * words.length)]).join(' '),
    ]);
    const s = plain(rows);
    const params = { paragraphWeight: 0, titleWeight: 0, k: 1.3, b: 0.6, d: 0.4 };
    const idx = SentenceIndex.build(s, () => '', params, split);
    const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], tokenize: (t) => t.split(' '), processTerm: (t) => t });
    mini.addAll(s.map((x) => ({ id: x.id, text: x.text })));
    for (const query of [['湖'], ['会议', '泊位'], ['书院', '茶园', '安全'], words.slice(0, 6)]) {
      const ours = new Map(idx.search(query, s.length).map((h) => [h.id, h.score]));
      const theirs = new Map(mini.search(query.join(' '), { bm25: { k: params.k, b: params.b, d: params.d }, combineWith: 'OR' }).map((r) => [r.id as number, r.score]));
      expect(ours.size).toBeGreaterThan(0);
      expect(ours).toEqual(theirs);
    }
  });
});
