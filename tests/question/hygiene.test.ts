/**
 * Question hygiene: markup and escapes stripped before analysis, mixed terms kept whole and checked
 * against the corpus, Japanese and Korean declined as not Chinese. The corpus is a short text written
 * for the test.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuestion, containsTerm, missingTerms, sanitizeQuestion } from '../../src/question/analyze.js';
import { matchingForm } from '../../src/text/script.js';

const CORPUS = [
  '临江市5G网络建设推进会议在市政府召开，市工业和信息化局局长孙立军主持会议。',
  '全市已建成5G基站3200个，A股上市公司达到15家。',
  'COVID-19疫情以来，全市数字经济增长较快，iPhone 15在本地工厂生产。',
].join('\n');

const analyse = (q: string) => analyzeQuestion(q, CORPUS);
const termsOf = (q: string) => analyse(q).terms.map((t) => t.text);
const missing = (q: string) => missingTerms(analyse(q)).map((t) => t.text);

describe('markup and escapes are stripped before analysis', () => {
  const plain = analyse('谁主持了会议？');
  const same = (q: string) => {
    const a = analyse(q);
    expect(a.matching, q).toBe(plain.matching);
    expect(a.type, q).toBe(plain.type);
    expect(a.terms, q).toEqual(plain.terms);
    expect(a.searchTokens, q).toEqual(plain.searchTokens);
    expect(a.problem, q).toBeUndefined();
  };

  it('HTML tags and a stray &', () => {
    expect(sanitizeQuestion('<b>谁</b> & 主持了会议？')).toBe('谁主持了会议?');
    same('<b>谁</b> & 主持了会议？');
    same('<span style="color:red">谁</span>主持了<a href="x">会议</a>？');
  });

  it('HTML character references', () => {
    same('谁主持了会议&#xff1f;');
    same('&lt;b&gt;谁&lt;/b&gt;主持了会议？');
    same('谁 &amp; 主持了会议？');
    expect(sanitizeQuestion('会议&nbsp;地点')).toBe('会议 地点');
  });

  it('terminal escape sequences and control characters', () => {
    same('\u001b[31m谁\u001b[0m主持了会议？');
    same('谁主持了\u001b[1;4m会议\u001b[m？');
    expect(sanitizeQuestion('会议\u0000在哪\u0007里')).toBe('会议 在哪 里');
  });

  it('zero-width and other invisible characters', () => {
    same('谁\u200b主\u200d持了\ufeff会议？');
    same('\u202e谁主持了会议\u00ad？');
  });

  it('full-width forms, folded as the matching form folds them', () => {
    same('＜ｂ＞谁＜／ｂ＞主持了会议？');
    expect(analyse('ＧＤＰ是多少？').matching).toBe(matchingForm('GDP是多少？'));
  });

  it('stray symbols and emoji', () => {
    same('谁 * 主持了会议？');
    same('谁😀主持了会议？');
    expect(sanitizeQuestion('AT&T的总部在哪里？')).toBe('AT&T的总部在哪里?');
    expect(sanitizeQuestion('1 + 1 等于几')).toBe('1 + 1 等于几');
  });

  it('markup alone is an empty question', () => {
    expect(analyse('<b></b>&nbsp;\u001b[0m\u200b').problem).toBe('empty');
  });
});

describe('mixed terms stay whole', () => {
  it('are single terms of the question, checked against the corpus as a whole', () => {
    expect(termsOf('全市已建成多少个5G基站？')).toContain('5g');
    expect(termsOf('全市已建成多少个5G基站？')).not.toContain('g');
    expect(termsOf('全市有多少家A股上市公司？')).toContain('a股');
    expect(termsOf('COVID-19疫情以来什么增长较快？')).toContain('covid-19');
    expect(termsOf('iPhone 15在哪里生产？')).toContain('iphone15');
    expect(missing('全市已建成多少个5G基站？')).toEqual([]);
    expect(missing('全市有多少家A股上市公司？')).toEqual([]);
    expect(missing('COVID-19疫情以来什么增长较快？')).toEqual([]);
    expect(missing('iPhone15在哪里生产？')).toEqual([]); // the text writes iPhone 15
  });

  it('another mixed term is missing, not matched on its letter', () => {
    expect(missing('全市已建成多少个4G基站？')).toEqual(['4g']);
    expect(missing('全市有多少家B股上市公司？')).toEqual(['b股']);
    expect(missing('COVID-20疫情以来什么增长较快？')).toEqual(['covid-20']);
    expect(missing('iPhone 16在哪里生产？')).toEqual(['iphone16']);
  });

  it('are entities, matched in any case and spacing', () => {
    const q = analyse('5g基站有多少个？');
    const term = q.terms.find((t) => t.text === '5g')!;
    expect(term.entity).toBe(true);
    expect(term.inCorpus).toBe(true);
    expect(containsTerm('全市已建成5G基站3200个', term)).toBe(true);
    const iphone = analyse('iphone15在哪里生产？').terms.find((t) => t.text === 'iphone15')!;
    expect(containsTerm('iPhone 15在本地工厂生产', iphone)).toBe(true);
    expect(containsTerm('iPhone 16在本地工厂生产', iphone)).toBe(false);
  });

  it("are the question's search tokens as they are the index's", () => {
    expect(analyse('全市已建成多少个5G基站？').searchTokens).toContain('5g');
    expect(analyse('全市已建成多少个5G基站？').searchTokens).not.toContain('g');
  });
});

describe('Japanese and Korean are not Chinese', () => {
  it('declines a Japanese question', () => {
    expect(analyse('会議を主宰したのは誰ですか？').problem).toBe('not-chinese');
    expect(analyse('会議の主宰者は誰？').problem).toBe('not-chinese');
  });

  it('declines a Korean question, with or without Han characters', () => {
    expect(analyse('회의를 주재한 사람은 누구입니까?').problem).toBe('not-chinese');
    expect(analyse('會議를 主宰한 사람은 누구입니까?').problem).toBe('not-chinese');
  });

  it('keeps a Chinese question quoting a Japanese name, the name a term the corpus must have', () => {
    const q = analyse('谁主持了「ミライ」会议？');
    expect(q.problem).toBeUndefined();
    expect(q.type).toBe('who');
    expect(missingTerms(q).map((t) => t.text)).toEqual(['ミライ']);
  });

  it('keeps Chinese with a middle dot or a length mark', () => {
    expect(analyse('迈克尔・乔丹主持了会议吗？').problem).toBeUndefined();
  });

  it('decides after the markup is gone', () => {
    expect(analyse('<ruby>会議<rt>かいぎ</rt></ruby>を主宰したのは誰ですか？').problem).toBe('not-chinese');
    expect(analyse('谁主持了<b>会议</b>？').problem).toBeUndefined();
  });
});
