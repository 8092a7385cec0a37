import { describe, expect, it } from 'vitest';
import { buttons, callbackBytes, cite, DOCS, fakeCorpus, harness, HOSTILE_TITLE, TOKEN, updates, USER } from './helpers.js';
import type { Asker } from '../../src/bot/corpus.js';
import { MAX_SHOWN_SENTENCE } from '../../src/bot/answer-view.js';
import { htmlProblems, visibleText } from './html-check.js';
import { escapeHtml, MAX_MESSAGE_LENGTH } from '../../src/render/html.js';

describe('questions', () => {
  it('answers a text message in HTML: bold answer, facts, numbered citations, quoting the question, no link preview', async () => {
    const h = harness();
    await h.send(updates.text(USER, '群众满意度是多少？', { messageId: 42 }));
    const [reply, ...rest] = h.replies();
    expect(rest).toEqual([]);
    expect(reply.chat_id).toBe(USER);
    expect(reply.parse_mode).toBe('HTML');
    expect(reply.link_preview_options).toEqual({ is_disabled: true });
    expect(reply.reply_parameters).toEqual({ message_id: 42, allow_sending_without_reply: true });
    expect(reply.text.startsWith('<b>答案：97.18%</b>')).toBe(true);
    expect(reply.text).toContain('<b>相关事实</b>\n· 百分比：群众满意度  97.18%');
    expect(reply.text).toContain(`<b>[1]</b> 《${escapeHtml(HOSTILE_TITLE)}》 · 辽宁法制报 · 2021-08-10 09:46\n<blockquote>经测评，群众满意度为97.18%&lt;b&gt;；</blockquote>`);
    expect(reply.text).toContain('<b>[2]</b>');
    expect(reply.text).not.toContain('[3]');
    expect(htmlProblems(reply.text)).toEqual([]);
    // Buttons: context of [1] and [2], more (a third citation waits), 👍/👎; all callback data small.
    expect(buttons(reply.reply_markup).map((b) => b.text)).toEqual(['🔎 上下文 [1]', '🔎 上下文 [2]', '📄 更多段落', '👍', '👎']);
    for (const n of callbackBytes(reply.reply_markup)) expect(n).toBeLessThan(64);
  });

  it('keeps follow-up state per chat in the session', async () => {
    const h = harness();
    await h.send(updates.text(USER, '李友是什么职务？'));
    await h.send(updates.text(USER, '他出席了什么会议？'));
    await h.send(updates.text(USER + 1, '他出席了什么会议？'));
    const calls = h.corpus.engine.calls;
    expect(calls.map((c) => c.state.lastPerson)).toEqual([undefined, '李友', undefined]);
    expect(h.replies()[1].text).toContain('市委常委');
    expect(h.replies()[2].text).toContain('文档中没有');
  });

  it('says plainly when the documents do not say, with the nearest passages', async () => {
    const h = harness();
    await h.send(updates.text(USER, '火星上有水吗？'));
    const [reply] = h.replies();
    expect(reply.text.startsWith('文档中没有提到这个问题的答案。')).toBe(true);
    expect(reply.text).toContain('<b>最相关的段落：</b>\n<b>[1]</b>');
    expect(reply.text).toContain('教育整顿取得成果。');
    expect(buttons(reply.reply_markup).map((b) => b.data)).toEqual(['ctx:1:0', 'ctx:1:1', 'more:1', 'fb:1:u', 'fb:1:d']);
  });

  it('escapes a hostile question and hostile document text', async () => {
    const h = harness();
    const question = '<script>alert(1)</script> & </b> 满意度？';
    await h.send(updates.text(USER, question));
    await h.send(updates.text(USER, 'x<b>y</i> & 火星？'));
    for (const r of h.replies()) expect(htmlProblems(r.text)).toEqual([]);
    expect(h.replies()[0].text).not.toContain('<script>');
    expect(visibleText(h.replies()[0].text)).toContain(HOSTILE_TITLE);
  });

  it('answers in the script of the question', async () => {
    const h = harness();
    await h.send(updates.text(USER, '群眾滿意度是多少？'));
    const [reply] = h.replies();
    expect(reply.text).toContain('<b>出處</b>');
    expect(buttons(reply.reply_markup)[0].text).toBe('🔎 上下文 [1]');
    expect(buttons(reply.reply_markup)[2].text).toBe('📄 更多段落');
    // Commands follow the chat's last script.
    await h.send(updates.text(USER, '/docs'));
    expect(h.replies()[1].text).toContain('文檔列表');
  });

  it('shortens a cited sentence over 600 characters with … (one message), and shows it whole, paged, under 上下文', async () => {
    const huge = '很长的一句话<i>，'.repeat(900) + '。';
    const corpus = fakeCorpus([...DOCS, { meta: { id: 'long', title: '长文' }, paragraphs: [huge] }]);
    const longId = corpus.kb.sentences.length - 1;
    const engine: Asker = {
      ask: (question) => ({ question, script: 'hans', type: 'open', answered: true, answer: '很长', facts: [], citations: [cite(corpus.kb, longId), cite(corpus.kb, 3)], nearest: [] }),
    };
    const h = harness({ deps: { corpus: { ...corpus, engine } } });
    await h.send(updates.text(USER, '长文是什么？', { messageId: 9 }));
    const replies = h.replies();
    expect(replies).toHaveLength(1);
    expect(htmlProblems(replies[0].text)).toEqual([]);
    const quoted = visibleText(replies[0].text).match(/(很长的一句话<i>，)+[^…\n]*…/)![0];
    expect(Array.from(quoted).length).toBe(MAX_SHOWN_SENTENCE);
    expect(replies[0].reply_parameters?.message_id).toBe(9);

    // 上下文 [1]: the sentence whole, one message a page, page buttons editing it in place.
    const ctxButton = buttons(replies[0].reply_markup).find((b) => b.data?.startsWith('ctx:'))!;
    await h.send(updates.callback(USER, ctxButton.data!));
    const first = h.replies()[1];
    expect(h.replies()).toHaveLength(2);
    const pages = buttons(first.reply_markup);
    expect(pages.map((b) => b.text)).toEqual(['下一页 ▶']);
    let shown = visibleText(first.text);
    let page = pages[0].data!;
    for (let i = 0; i < 20 && page; i++) {
      await h.send(updates.callback(USER, page));
      const edit = h.calls('editMessageText').at(-1)!;
      expect(htmlProblems(edit.text)).toEqual([]);
      expect(edit.text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      shown += visibleText(edit.text);
      page = buttons(edit.reply_markup).find((b) => b.text === '下一页 ▶')?.data ?? '';
    }
    expect(shown.replace(/\s/g, '')).toContain(huge.replace(/\s/g, ''));
    expect(h.replies()).toHaveLength(2); // paging never sent another message
  });

  it('refuses an over-long question without calling the engine', async () => {
    const h = harness();
    await h.send(updates.text(USER, '问'.repeat(301)));
    expect(h.corpus.engine.calls).toEqual([]);
    expect(h.replies()[0].text).toBe('问题太长了，请把问题缩短到一两句话。');
  });

  it('answers /ask 问题 in a private chat too, and explains /ask without a question', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/ask 满意度是多少？'));
    await h.send(updates.text(USER, '/ask'));
    expect(h.replies()[0].text).toContain('97.18%');
    expect(h.replies()[1].text).toBe('用法：/ask 问题，例如 /ask 李友是什么职务？');
  });

  it('points unknown commands to /help', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/frobnicate'));
    expect(h.replies()[0].text).toBe('没有这个命令。发送 /help 查看可用的命令。');
    expect(h.corpus.engine.calls).toEqual([]);
  });

  it('error boundary: a failing engine gets a polite reply and a log line without the token', async () => {
    const h = harness();
    await expect(h.send(updates.text(USER, 'boom', { messageId: 5 }))).resolves.toBeUndefined();
    expect(h.replies()).toEqual([expect.objectContaining({ text: '抱歉，处理您的消息时出了点问题，请稍后再试。', reply_parameters: { message_id: 5, allow_sending_without_reply: true } })]);
    // Logged with the question (never the token) and counted.
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'the engine failed on a question');
    expect(line).toMatchObject({ level: 50, question: 'boom', chat: 'private', err: { message: 'engine exploded near [redacted]' } });
    expect(h.bot.services.questions.errors).toBe(1);
    expect(h.logs.join('')).not.toContain(TOKEN);
    // The chat still works afterwards.
    await h.send(updates.text(USER, '满意度？'));
    expect(h.replies()[1].text).toContain('97.18%');
  });

  it('a failing reply (API error) is logged and does not crash the bot', async () => {
    const h = harness({ api: { fault: (c) => (c.method === 'sendMessage' ? { kind: '500' } : undefined) }, deps: { autoRetry: { rethrowInternalServerErrors: true } } });
    await expect(h.send(updates.text(USER, '满意度？'))).resolves.toBeUndefined();
    expect(h.logs.some((l) => l.includes('"update failed"') && l.includes('sendMessage'))).toBe(true);
    expect(h.logs.join('')).not.toContain(TOKEN);
  });
});
