import { describe, expect, it } from 'vitest';
import { answerBlocks, escapeHtml, MAX_MESSAGE_LENGTH, packBlocks, renderAnswer, renderBlockPieces, splitSentencePieces, type Block } from '../../src/render/html.js';
import type { Answer, Citation } from '../../src/types.js';
import { htmlProblems, visibleText } from './html-check.js';

const hostile = '<script>alert("x")</script> & <b>未闭合 </i> &amp; 1<2>3';

function cite(i: number, sentence: string, title = `标题${i}`): Citation {
  return { docId: `d${i}`, sentenceId: i, title, source: '辽宁日报', published: '2021-08-19T09:40:53', sentence };
}

describe('escapeHtml', () => {
  it('escapes the characters Telegram HTML reserves', () => {
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;未闭合 &lt;/i&gt; &amp;amp; 1&lt;2&gt;3');
    expect(htmlProblems(escapeHtml(hostile))).toEqual([]);
    expect(visibleText(escapeHtml(hostile))).toBe(hostile);
  });
});

describe('splitSentencePieces', () => {
  it('ends pieces at sentence ends and line breaks, keeping closing quotes, losing nothing', () => {
    const text = '他说：“好。”然后走了！真的吗？是的……\n第二行；还有\n结尾没有句号';
    const pieces = splitSentencePieces(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces).toEqual(['他说：“好。”', '然后走了！', '真的吗？', '是的……\n', '第二行；', '还有\n', '结尾没有句号']);
  });
});

describe('packBlocks', () => {
  it('keeps short blocks together in one message', () => {
    const blocks: Block[] = [{ open: '<b>', text: 'A & B', close: '</b>' }, { text: 'C < D' }];
    expect(packBlocks(blocks)).toEqual(['<b>A &amp; B</b>\n\nC &lt; D']);
  });

  it('never exceeds 4096, never cuts a tag, and loses no text', () => {
    const sentence = '政法队伍教育整顿<群众>满意度为97.18%&高。';
    const blocks: Block[] = [];
    for (let i = 0; i < 60; i++) blocks.push({ head: `<b>[${i + 1}]</b> ${escapeHtml('《题&目》')}\n`, open: '<blockquote>', text: sentence.repeat(5), close: '</blockquote>' });
    const messages = packBlocks(blocks);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(htmlProblems(m)).toEqual([]);
    }
    // Blocks are whole: each message holds complete citations, in order.
    const all = messages.join('\n\n');
    expect(all).toBe(blocks.map((b) => `${b.head}<blockquote>${escapeHtml(b.text)}</blockquote>`).join('\n\n'));
  });

  it('splits one over-long block on sentence ends, escaping and wrapping each piece', () => {
    const sentence = '这是一句很长的<引文>，包含&符号和数字97.18%。';
    const text = sentence.repeat(400); // ~10k characters escaped
    const pieces = renderBlockPieces({ head: '<b>[1]</b>\n', open: '<blockquote>', text, close: '</blockquote>' });
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces[0].startsWith('<b>[1]</b>\n<blockquote>')).toBe(true);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(htmlProblems(p)).toEqual([]);
      expect(p.endsWith('。</blockquote>')).toBe(true); // cut at a sentence end
    }
    expect(pieces.map((p) => visibleText(p.replace('<b>[1]</b>\n', ''))).join('')).toBe(text);
  });

  it('hard-splits a single sentence longer than a message without breaking entities or surrogate pairs', () => {
    const text = '&😀字'.repeat(3000); // no sentence end at all
    const messages = packBlocks([{ open: '<i>', text, close: '</i>' }]);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(htmlProblems(m)).toEqual([]);
      expect(m).not.toMatch(/[\uD800-\uDBFF]<|>[\uDC00-\uDFFF]/);
    }
    expect(messages.map(visibleText).join('')).toBe(text);
  });

  it('respects a smaller limit', () => {
    const messages = packBlocks(
      Array.from({ length: 10 }, (_, i) => ({ text: `第${i}段。`.repeat(10) })),
      100,
    );
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(100);
  });
});

describe('answer rendering', () => {
  const answered: Answer = {
    question: hostile,
    answered: true,
    answer: '97.18% <b>',
    type: 'howmuch',
    script: 'hans',
    facts: [{ type: 'percentage', value: '97.18%', subject: '群众<满意度>', docId: 'd1', sentenceId: 1, sentence: 's' }],
    citations: [cite(1, hostile, '标题<script>&'), cite(2, '第二句。'), cite(3, '第三句。')],
    nearest: [],
  };

  it('puts the bold answer first, then facts, then numbered citations with title, source, date and quote', () => {
    const [html, ...rest] = renderAnswer(answered);
    expect(rest).toEqual([]);
    expect(htmlProblems(html)).toEqual([]);
    expect(html.startsWith('<b>答案：97.18% &lt;b&gt;</b>')).toBe(true);
    expect(html).toContain('<b>相关事实</b>\n· 百分比：群众&lt;满意度&gt;  97.18%');
    expect(html).toContain('<b>出处</b>\n<b>[1]</b> 《标题&lt;script&gt;&amp;》 · 辽宁日报 · 2021-08-19 09:40:53\n<blockquote>' + escapeHtml(hostile) + '</blockquote>');
    expect(html).toContain('<b>[2]</b>');
    expect(html).not.toContain('<b>[3]</b>'); // behind the "more" button
    expect(html.indexOf('答案')).toBeLessThan(html.indexOf('相关事实'));
    expect(html.indexOf('相关事实')).toBeLessThan(html.indexOf('出处'));
  });

  it('says plainly that the documents do not say, then the nearest passages', () => {
    const declined: Answer = { ...answered, answered: false, answer: null, facts: [], citations: [], nearest: [cite(4, '最近的一句。')], reason: 'weak-match' };
    const [html] = renderAnswer(declined);
    expect(html.startsWith('文档中没有提到这个问题的答案。')).toBe(true);
    expect(html).toContain('<b>最相关的段落：</b>\n<b>[1]</b>');
    expect(htmlProblems(html)).toEqual([]);
  });

  it('escapes the missing words the engine echoes from the question', () => {
    const declined: Answer = { ...answered, answered: false, answer: null, facts: [], citations: [], nearest: [], reason: 'unknown-terms', missing: ['<火星>'] };
    const [html] = renderAnswer(declined);
    expect(html).toContain('&lt;火星&gt;');
    expect(htmlProblems(html)).toEqual([]);
  });

  it('renders labels in Traditional script for a Traditional question', () => {
    const [html] = renderAnswer({ ...answered, script: 'hant' });
    expect(html).toContain('答案');
    expect(html).toContain('<b>出處</b>');
    expect(html).toContain('<b>相關事實</b>');
  });

  it('splits a huge answer into several valid messages', () => {
    const huge: Answer = { ...answered, citations: [cite(1, '很长的句子，'.repeat(1500) + '。'), cite(2, hostile.repeat(200))] };
    expect(answerBlocks(huge)).toHaveLength(4);
    const messages = renderAnswer(huge);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(htmlProblems(m)).toEqual([]);
    }
  });
});
