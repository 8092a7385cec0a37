import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitLongSentence, splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits on Chinese terminators and keeps decimals whole', () => {
    expect(splitSentences('满意度为97.18%；评估得分106.94分。下一句！最后？')).toEqual(['满意度为97.18%；', '评估得分106.94分。', '下一句！', '最后？']);
  });

  it('keeps a closing quote with its sentence', () => {
    expect(splitSentences('他说：“我们会做好。”然后离开了。')).toEqual(['他说：“我们会做好。”', '然后离开了。']);
  });

  it('does not split inside quotes unless the quote closes', () => {
    expect(splitSentences('标语“安全第一。质量第二”挂在墙上。')).toEqual(['标语“安全第一。质量第二”挂在墙上。']);
  });

  it('splits on line breaks and ellipses', () => {
    expect(splitSentences('第一行\n第二行……第三行')).toEqual(['第一行', '第二行……', '第三行']);
  });

  it('does not split ASCII semicolons inside code-like runs', () => {
    expect(splitSentences('运行 a;b 命令。')).toEqual(['运行 a;b 命令。']);
  });
});

describe('long sentences are cut at clause boundaries', () => {
  it('keeps every character and no piece is longer than the limit', () => {
    const clause = '原告与被告于二〇一〇年登记结婚，婚后育有一子';
    const long = Array.from({ length: 12 }, () => clause).join('，') + '。';
    const pieces = splitSentences(long);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(Array.from(p).length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(pieces.join('')).toBe(long);
  });

  it('prefers a semicolon to a comma within the window', () => {
    const a = '甲'.repeat(60) + '；' + '乙'.repeat(30) + '，' + '丙'.repeat(80);
    expect(splitLongSentence(a, 150)[0]).toBe('甲'.repeat(60) + '；');
  });

  it('cuts text without any punctuation at the limit', () => {
    const text = '字'.repeat(400);
    const pieces = splitLongSentence(text, 150);
    expect(pieces.map((p) => p.length)).toEqual([150, 150, 100]);
  });

  it('leaves sentences at or under the limit alone', () => {
    const s = '这是一个短句，不用切分。';
    expect(splitSentences(s)).toEqual([s]);
  });
});
