/**
 * Question hygiene end to end, through the AnswerEngine over a tiny corpus written here: a question
 * wrapped in markup is answered as the plain one, mixed terms (5G, A股) are matched whole and another
 * one (4G) is not matched on its letter, a Japanese question is declined as not Chinese.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/engine.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { documentFromText } from '../../src/documents/read.js';
import type { Answer } from '../../src/types.js';

const DOCUMENT = `临江市推进5G网络建设
来源：临江日报 | 作者：记者 王海燕 | 发布时间：2024-05-10 09:00

  5月9日，临江市5G网络建设推进会议在市政府召开。市工业和信息化局局长孙立军主持会议。

  截至4月底，全市已建成5G基站3200个，A股上市公司达到15家。
`;

let engine: AnswerEngine;
const ask = (q: string): Answer => engine.ask(q, {});
/** What an answer says, for comparing two questions' answers. */
const gist = (a: Answer) => ({
  answered: a.answered,
  answer: a.answer,
  reason: a.reason,
  missing: a.missing,
  citations: a.citations.map((c) => c.sentence),
  nearest: a.nearest.map((c) => c.sentence),
});

beforeAll(() => {
  engine = new AnswerEngine(buildKnowledgeBase([documentFromText(DOCUMENT, 'linjiang.txt')]));
});

describe('markup and escapes', () => {
  it('answers a question wrapped in markup as the plain question', () => {
    const plain = ask('谁主持了会议？');
    expect(plain.answer).toBe('孙立军');
    for (const q of ['<b>谁</b> & 主持了会议？', '&lt;b&gt;谁&lt;/b&gt;主持了会议&#xff1f;', '\u001b[31m谁\u001b[0m主\u200b持了会议？', '＜ｂ＞谁＜／ｂ＞主持了会议？']) {
      expect(gist(ask(q)), q).toEqual(gist(plain));
    }
  });
});

describe('mixed terms', () => {
  it('a 5G question is not declined on G, and finds the 5G sentence', () => {
    const a = ask('全市已建成多少个5G基站？');
    expect(a.missing ?? []).toEqual([]);
    const first = (a.answered ? a.citations : a.nearest)[0];
    expect(first.sentence).toContain('5G基站3200个');
    if (a.answered) expect(a.answer).toContain('3200');
  });

  it('a 4G question is declined: 4G is missing, not matched on G', () => {
    const a = ask('全市已建成多少个4G基站？');
    expect(a.answered).toBe(false);
    expect(a.answer).toBeNull();
    expect(a.missing).toEqual(['4G']);
  });

  it('an A股 question matches A股, a B股 question does not', () => {
    const a = ask('全市有多少家A股上市公司？');
    expect(a.missing ?? []).toEqual([]);
    if (a.answered) expect(a.answer).toContain('15');
    const b = ask('全市有多少家B股上市公司？');
    expect(b.answered).toBe(false);
    expect(b.missing).toEqual(['B股']);
  });
});

describe('not Chinese', () => {
  it('declines a Japanese question (it used to get 孫立軍)', () => {
    const a = ask('会議を主宰したのは誰ですか？');
    expect(a.answered).toBe(false);
    expect(a.answer).toBeNull();
    expect(a.reason).toBe('not-chinese');
  });

  it('declines a Korean question', () => {
    expect(ask('회의를 주재한 사람은 누구입니까?').reason).toBe('not-chinese');
  });

  it('keeps a Chinese question quoting a Japanese name Chinese, and declines it for the missing name', () => {
    const a = ask('谁主持了「ミライ」会议？');
    expect(a.reason).not.toBe('not-chinese');
    expect(a.answered).toBe(false);
    expect(a.missing).toEqual(['ミライ']);
  });
});
