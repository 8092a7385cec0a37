import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buttons, callbackBytes, harness, updates, USER } from './helpers.js';
import { htmlProblems, visibleText } from './html-check.js';
import { MAX_STORED_ANSWERS } from '../../src/bot/context.js';

describe('answer buttons', () => {
  it('"more" shows the next passages, numbered on, and says when there are no more', async () => {
    const h = harness();
    await h.send(updates.text(USER, '火星？')); // 4 nearest passages: 2 shown
    await h.send(updates.callback(USER, 'more:1', { messageId: 700 }));
    const more = h.replies()[1];
    expect(more.reply_parameters?.message_id).toBe(700);
    expect(more.text).toContain('<b>[3]</b>');
    expect(more.text).toContain('<b>[4]</b>');
    expect(visibleText(more.text)).toContain('第四段第一句。');
    expect(htmlProblems(more.text)).toEqual([]);
    expect(buttons(more.reply_markup).map((b) => b.data)).toEqual(['ctx:1:2', 'ctx:1:3']);
    for (const n of callbackBytes(more.reply_markup)) expect(n).toBeLessThan(64);

    await h.send(updates.callback(USER, 'more:1'));
    expect(h.replies()).toHaveLength(2);
    expect(h.calls('answerCallbackQuery').at(-1)).toMatchObject({ text: '没有更多段落了。' });
  });

  it('"context" shows the cited sentence in bold between its neighbours, paragraphs kept', async () => {
    const h = harness();
    await h.send(updates.text(USER, '满意度？'));
    await h.send(updates.callback(USER, 'ctx:1:0'));
    const ctx = h.replies()[1];
    expect(htmlProblems(ctx.text)).toEqual([]);
    expect(ctx.text).toContain('<b>上下文 [1]</b> 《铁岭&lt;script&gt;');
    // Sentence 2 (cited) with two neighbours each side; sentence 0/1 are the previous paragraph.
    expect(visibleText(ctx.text)).toContain('8月6日，发布会召开。李友作新闻发布。\n经测评，群众满意度为97.18%<b>；综合评估得分106.94分。教育整顿取得成果。');
    expect(ctx.text).toContain('<b>经测评，群众满意度为97.18%&lt;b&gt;；</b>');
  });

  it('context still finds the sentence after a reload renumbered sentences, and says so when it is gone', async () => {
    const h = harness();
    await h.send(updates.text(USER, '满意度？'));
    const kb = h.corpus.kb;
    // Renumber: shift all ids by inserting a sentence at the front.
    const shifted = [{ ...kb.sentences[0], id: 0, docId: 'z', text: '新句子。' }, ...kb.sentences.map((s) => ({ ...s, id: s.id + 1 }))];
    kb.sentences.splice(0, kb.sentences.length, ...shifted);
    for (const [doc, ids] of kb.sentencesByDoc)
      kb.sentencesByDoc.set(
        doc,
        ids.map((i) => i + 1),
      );
    await h.send(updates.callback(USER, 'ctx:1:0'));
    expect(h.replies()[1].text).toContain('<b>经测评，群众满意度为97.18%&lt;b&gt;；</b>');

    kb.sentencesByDoc.delete('a');
    await h.send(updates.callback(USER, 'ctx:1:0'));
    expect(h.replies()).toHaveLength(2);
    expect(h.calls('answerCallbackQuery').at(-1)).toMatchObject({ text: '文档已更新，找不到这段原文了，请重新提问。' });
  });

  it('👍/👎 append one JSON line per answer to the feedback log', async () => {
    const h = harness();
    await h.send(updates.text(USER, '<i>满意度</i>？'));
    await h.send(updates.callback(USER, 'fb:1:u', { userId: 9 }));
    await h.send(updates.callback(USER, 'fb:1:d', { userId: 9 })); // second press: not logged again
    await h.send(updates.text(USER, '火星？'));
    await h.send(updates.callback(USER, 'fb:2:d'));
    const lines = readFileSync(h.config.feedbackLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        ts: '2026-01-02T03:04:05.000Z',
        chatId: USER,
        userId: 9,
        rating: 'up',
        question: '<i>满意度</i>？',
        answer: '97.18%',
        answered: true,
        citations: [
          { docId: 'a', title: expect.stringContaining('<script>'), sentence: '经测评，群众满意度为97.18%<b>；' },
          { docId: 'a', title: expect.any(String), sentence: '综合评估得分106.94分。' },
        ],
      },
      expect.objectContaining({ rating: 'down', answered: false, answer: null, question: '火星？' }),
    ]);
    const acks = h.calls('answerCallbackQuery').map((a) => a.text);
    expect(acks).toEqual(['谢谢反馈！', '已收到您的反馈，谢谢！', '谢谢反馈！']);
  });

  it('old answers expire politely; the session keeps a bounded number', async () => {
    const h = harness();
    for (let i = 0; i < MAX_STORED_ANSWERS + 2; i++) await h.send(updates.text(USER, '火星？'));
    await h.send(updates.callback(USER, 'more:1'));
    await h.send(updates.callback(USER, 'fb:zzz:u'));
    await h.send(updates.callback(USER, `more:${(MAX_STORED_ANSWERS + 2).toString(36)}`));
    const acks = h.calls('answerCallbackQuery').map((a) => a.text);
    expect(acks.slice(0, 2)).toEqual(['这条回答已过期，请重新提问。', '这条回答已过期，请重新提问。']);
    expect(h.replies().at(-1)!.text).toContain('<b>[3]</b>');
    expect(existsSync(h.config.feedbackLog)).toBe(false);
  });

  it('unknown or malformed callback data is acknowledged and ignored', async () => {
    const h = harness();
    for (const data of ['nonsense', 'more:', 'ctx:1:999', 'ex:99', 'src:99:0', 'facts:x']) await h.send(updates.callback(USER, data));
    expect(h.replies()).toEqual([]);
    expect(h.calls('answerCallbackQuery')).toHaveLength(6);
  });
});
