/**
 * Outcome (b) of the answer policy in both renderers and both scripts: the plain "no exact answer"
 * line introduces the passages (no second heading), and it differs from "the documents don't say".
 */
import { describe, expect, it } from 'vitest';
import { declineMessage, renderAnswerText } from '../../src/render/text.js';
import { renderAnswer } from '../../src/render/html.js';
import type { Answer, Script } from '../../src/types.js';

const answer = (script: Script, reason: string): Answer => ({
  question: '谁主持了会议？',
  answered: false,
  answer: null,
  type: 'who',
  script,
  facts: [],
  citations: [],
  nearest: [{ docId: 'd', sentenceId: 0, title: '会议', sentence: '韩立主持会议。' }],
  reason,
  confidence: 0.4,
});

describe('no-direct-answer', () => {
  it('says so plainly in Simplified and Traditional', () => {
    expect(declineMessage(answer('hans', 'no-direct-answer'))).toBe('没有找到确切答案，以下段落可能相关：');
    expect(declineMessage(answer('hant', 'no-direct-answer'))).toBe('沒有找到確切答案，以下段落可能相關：');
    expect(declineMessage(answer('hans', 'weak-match'))).not.toContain('确切答案');
  });

  it('shows the passages under it, without a second heading', () => {
    const text = renderAnswerText(answer('hans', 'no-direct-answer'));
    expect(text).toContain('韩立主持会议。');
    expect(text).not.toContain('最相关的段落');
    const html = renderAnswer(answer('hant', 'no-direct-answer')).join('\n');
    expect(html).toContain('沒有找到確切答案');
    expect(html).toContain('韩立主持会议。');
    expect(html).not.toContain('最相關的段落');
  });
});
