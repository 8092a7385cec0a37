/**
 * Question analysis: which words of a question must the documents have, and which may be paraphrase.
 * The "corpus" here is a short text written for the test.
 */
import { describe, expect, it } from 'vitest';
import { analyzeQuestion, missingTerms, sanitizeQuestion } from '../../src/question/analyze.js';

const CORPUS = [
  '2023年3月14日，青港市港口安全生产工作会议在海湾区召开。',
  '青港市副市长周明远出席会议并讲话，市交通运输局局长韩立主持会议。',
  '全市港口企业安全生产满意度为93.6%，会议以视频会议形式举行。',
  'NBA球队访问青港。',
].join('\n');

const missing = (q: string) => missingTerms(analyzeQuestion(q, CORPUS)).map((t) => t.surface);

describe('missing terms', () => {
  it('a place, title, possessor or year the documents lack', () => {
    expect(missing('上海港口企业的满意度是多少？')).toContain('上海');
    expect(missing('青港市市长是谁？')).toEqual([]); // 市长 is in the text (副市长): who holds it is the picker's question
    expect(missing('青港市委书记是谁？')).toContain('市委书记');
    expect(missing('周明远的年龄是多少？')).toContain('年龄');
    expect(missing('2020年港口企业满意度是多少？')).toContain('2020年');
    expect(missing('有多少人口？')).toContain('人口');
  });

  it('tolerates paraphrased verbs, categories and synonyms', () => {
    expect(missing('港口安全生产工作会议在哪个城市举办？')).toEqual([]);
    expect(missing('会议以什么方式召开？')).toEqual([]);
    expect(missing('港口企业的安全生产满意率是多少？')).toEqual([]);
  });

  it('matches ASCII words whatever their case', () => {
    expect(missing('nba球队访问了哪里？')).toEqual([]);
    expect(missing('CBA球队访问了哪里？')).toContain('CBA');
  });
});

describe('analysis', () => {
  it('types the question and keeps the script', () => {
    const q = analyzeQuestion('會議在哪裡召開？', CORPUS);
    expect(q.script).toBe('hant');
    expect(q.type).toBe('where');
    expect(q.matching).toBe('会议在哪里召开?');
  });

  it('flags empty and non-Chinese input', () => {
    expect(analyzeQuestion('  ', CORPUS).problem).toBe('empty');
    expect(analyzeQuestion('How many?', CORPUS).problem).toBe('not-chinese');
  });

  it('cuts control characters and overlong input', () => {
    expect(sanitizeQuestion('会议\u0000在哪\u001b里')).toBe('会议 在哪 里');
    expect(sanitizeQuestion('问'.repeat(10_000)).length).toBeLessThanOrEqual(300);
  });
});
