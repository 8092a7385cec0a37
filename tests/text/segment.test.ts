/**
 * Mixed Latin/digit terms stay whole, and the question's terms and the index tokens agree on them:
 * otherwise a question about 4G matches a document about 5G on G, and 5G is no term at all.
 */
import { describe, expect, it } from 'vitest';
import { cutTerms, indexTokens, searchWords, tag, tagTerms } from '../../src/text/segment.js';

const termsOf = (s: string) => tagTerms(s).map((t) => t.word);

describe('mixed terms', () => {
  const cases: [string, string][] = [
    ['5G网络覆盖了多少城市', '5G'],
    ['4K电视的价格', '4K'],
    ['H1N1流感疫苗', 'H1N1'],
    ['COVID-19疫情以来', 'COVID-19'],
    ['iPhone 15什么时候发布', 'iPhone15'],
    ['PM2.5浓度是多少', 'PM2.5'],
    ['他在A股上市', 'A股'],
    ['B站用户有多少', 'B站'],
    ['GDP增长了多少', 'GDP'],
  ];

  it('are single terms of the question, tagged as Latin words', () => {
    for (const [text, term] of cases) {
      const tagged = tagTerms(text);
      expect(
        tagged.map((t) => t.word),
        text,
      ).toContain(term);
      expect(tagged.find((t) => t.word === term)?.tag).toBe('eng');
      expect(cutTerms(text), text).toContain(term);
    }
  });

  it('are single index tokens, lower-cased, without their lone letters and digits', () => {
    for (const [text, term] of cases) {
      const tokens = indexTokens(text);
      expect(tokens, text).toContain(term.toLowerCase());
    }
    expect(indexTokens('5G网络')).not.toContain('g');
    expect(indexTokens('5G网络')).not.toContain('5');
    expect(indexTokens('他在A股上市')).not.toContain('a');
    expect(indexTokens('他在A股上市')).not.toContain('股');
  });

  it('also yield their Latin words in search mode, as jieba yields sub-words', () => {
    expect(searchWords('COVID-19疫情')).toEqual(['COVID', 'COVID-19', '疫情']);
    expect(indexTokens('iPhone 15发布')).toEqual(['iphone', 'iphone15', '发布']);
  });

  it('are the same on both sides, whatever the spacing and case', () => {
    expect(indexTokens('iPhone15发布')).toContain('iphone15');
    expect(indexTokens('iphone 15发布')).toContain('iphone15');
    expect(termsOf('iphone15发布').map((w) => w.toLowerCase())).toContain('iphone15');
    expect(indexTokens('5g网络')).toContain('5g');
  });

  it('keep numbers, ranges and function words apart', () => {
    expect(termsOf('建成3200个基站')).toContain('3200');
    expect(termsOf('2020-2021年')).toContain('2020');
    expect(termsOf('A和B')).toEqual(['A', '和', 'B']);
    expect(termsOf('A是谁')).toContain('A');
    expect(termsOf('GDP是多少')).toContain('GDP');
    expect(termsOf('NBA球队')).toEqual(['NBA', '球队']);
    expect(termsOf('A股票')).not.toContain('A股'); // 股 is part of 股票 here: jieba did not leave it alone
    expect(termsOf('马X做了什么伪证')).not.toContain('X做'); // the letter ends a masked name
    expect(termsOf('全市A股上市公司')).toContain('A股');
    expect(termsOf('多少家A股上市公司')).toContain('A股'); // a classifier before the letter
  });

  it('keep a katakana name whole', () => {
    expect(termsOf('谁主持了「ミライ」会议')).toContain('ミライ');
    expect(indexTokens('「ミライ」会议')).toContain('ミライ');
  });

  it('leave text without Latin letters or katakana untouched', () => {
    for (const text of ['青港市副市长是谁', '全市港口企业安全生产满意度为93.6%', '2023年3月14日']) expect(tagTerms(text)).toEqual(tag(text));
  });
});
