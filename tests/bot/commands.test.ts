import { describe, expect, it } from 'vitest';
import { buttons, callbackBytes, harness, HOSTILE_TITLE, updates, USER, ADMIN, DOCS, buildKb } from './helpers.js';
import { htmlProblems, visibleText } from './html-check.js';
import { exampleQuestions } from '../../src/bot/examples.js';
import { BOT_COMMANDS, ADMIN_COMMANDS, registerCommands } from '../../src/bot/create-bot.js';
import { FACTS_PER_PAGE } from '../../src/bot/features/facts.js';
import { sourcePages } from '../../src/bot/features/source.js';

describe('/start', () => {
  it('lists what the bot knows and offers example questions generated from the facts', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/start'));
    const [reply] = h.replies();
    expect(htmlProblems(reply.text)).toEqual([]);
    const text = visibleText(reply.text);
    expect(text).toContain('我读过 2 篇文档：');
    expect(text).toContain(`1. 《${HOSTILE_TITLE}》`);
    expect(text).toContain('2. 《第二篇 </i> 文档》');
    const examples = buttons(reply.reply_markup);
    expect(examples).toEqual([
      { text: '李友是什么职务？', data: 'ex:0' },
      { text: '群众满意度是多少？', data: 'ex:1' },
      { text: '新闻发布会是什么时候召开的？', data: 'ex:2' },
      { text: '四项任务有哪些？', data: 'ex:3' },
    ]);
    for (const n of callbackBytes(reply.reply_markup)) expect(n).toBeLessThan(64);
  });

  it('an example button asks its question, shown above the answer', async () => {
    const h = harness();
    await h.send(updates.callback(USER, 'ex:1'));
    expect(h.calls('answerCallbackQuery')).toHaveLength(1);
    expect(h.corpus.engine.calls.map((c) => c.question)).toEqual(['群众满意度是多少？']);
    expect(h.replies()[0].text.startsWith('<i>群众满意度是多少？</i>\n\n<b>答案：97.18%</b>')).toBe(true);
  });

  it('generates examples from any facts, and from titles when there are none', () => {
    const kb = buildKb(DOCS);
    expect(exampleQuestions(kb)).toEqual([`《铁岭<script>alert…》讲了什么？`, '《第二篇 </i> 文档》讲了什么？']);
    kb.facts = [
      { type: 'grade', value: '优', subject: '考核结果', docId: 'a', sentenceId: 0, sentence: 's' },
      { type: 'place', value: '沈阳', event: '动员部署会议', docId: 'a', sentenceId: 0, sentence: 's' },
      { type: 'person', value: '无职务', docId: 'a', sentenceId: 0, sentence: 's' },
    ];
    expect(exampleQuestions(kb)).toEqual(['考核结果是什么等级？', '动员部署会议在哪里？']);
  });

  it('uses Traditional script for a zh-TW user', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/start', { languageCode: 'zh-TW' }));
    expect(h.replies()[0].text).toContain('我讀過 2 篇文檔');
    expect(buttons(h.replies()[0].reply_markup)[1].text).toBe('群眾滿意度是多少？');
  });
});

describe('/help', () => {
  it('explains usage; admins also see their commands', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/help'));
    await h.send(updates.text(ADMIN, '/help'));
    const [user, admin] = h.replies();
    expect(user.text).toContain('/source 编号');
    expect(user.text).toContain('@DocsQaTestBot 问题');
    expect(user.text).not.toContain('/reload');
    expect(admin.text).toContain('/reload');
  });
});

describe('/docs', () => {
  it('lists documents with title, source, date and length', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/docs'));
    const [reply] = h.replies();
    expect(htmlProblems(reply.text)).toEqual([]);
    expect(reply.text).toContain('<b>文档列表（共 2 篇）</b>');
    expect(visibleText(reply.text)).toContain(`1. 《${HOSTILE_TITLE}》\n辽宁法制报 · 2021-08-10 09:46 · 7 句  /source 1`);
    expect(visibleText(reply.text)).toContain('2. 《第二篇 </i> 文档》\n辽宁日报 · 2021-08-19 · 2 句  /source 2');
  });
});

describe('/facts', () => {
  it('pages the facts with buttons that edit the message', async () => {
    const h = harness();
    const kb = h.corpus.kb;
    const base = kb.facts[0];
    kb.facts = Array.from({ length: 23 }, (_, i) => ({ ...base, value: `人物${i + 1}` }));
    await h.send(updates.text(USER, '/facts'));
    const [first] = h.replies();
    expect(first.text).toContain('抽取的事实（第 1/3 页，共 23 条）');
    expect(first.text).toContain('1. 人物：人物1');
    expect(first.text).toContain(`${FACTS_PER_PAGE}. 人物：人物${FACTS_PER_PAGE}`);
    expect(first.text).not.toContain('人物11');
    expect(buttons(first.reply_markup)).toEqual([{ text: '下一页 ▶', data: 'facts:1' }]);

    await h.send(updates.callback(USER, 'facts:2', { messageId: 321 }));
    const [edit] = h.calls('editMessageText');
    expect(edit.message_id).toBe(321);
    expect(edit.parse_mode).toBe('HTML');
    expect(edit.text).toContain('第 3/3 页');
    expect(edit.text).toContain('23. 人物：人物23');
    expect(buttons(edit.reply_markup)).toEqual([{ text: '◀ 上一页', data: 'facts:1' }]);
    expect(h.calls('answerCallbackQuery')).toHaveLength(1);
  });

  it('says so when there are no facts', async () => {
    const h = harness();
    h.corpus.kb.facts = [];
    await h.send(updates.text(USER, '/facts'));
    expect(h.replies()[0].text).toBe('还没有从文档中抽取到事实。');
  });
});

describe('/source', () => {
  it('shows a document’s cleaned text, escaped', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/source 1'));
    const [reply] = h.replies();
    expect(htmlProblems(reply.text)).toEqual([]);
    expect(visibleText(reply.text)).toContain('经测评，群众满意度为97.18%<b>；综合评估得分106.94分。');
    expect(reply.reply_markup).toBeUndefined();
  });

  it('pages a long document with buttons', async () => {
    const h = harness();
    const long = { meta: { id: 'long', title: '长文' }, paragraphs: Array.from({ length: 40 }, (_, i) => `第${i + 1}段：` + '内容<&>。'.repeat(30)) };
    h.corpus.kb.documents.push(long);
    h.corpus.kb.docById.set(long.meta.id, long);
    const pages = sourcePages(long);
    expect(pages.length).toBeGreaterThan(2);
    await h.send(updates.text(USER, '/source 3'));
    const [reply] = h.replies();
    expect(reply.text).toContain(`第 1/${pages.length} 页`);
    expect(buttons(reply.reply_markup)).toEqual([{ text: '下一页 ▶', data: 'src:3:1' }]);
    await h.send(updates.callback(USER, 'src:3:1', { messageId: 8 }));
    const [edit] = h.calls('editMessageText');
    expect(edit.text).toContain(`第 2/${pages.length} 页`);
    expect(buttons(edit.reply_markup).map((b) => b.data)).toEqual(['src:3:0', 'src:3:2']);
    for (const p of [reply.text, edit.text]) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(p)).toEqual([]);
    }
  });

  it('explains the usage for a missing or wrong number', async () => {
    const h = harness();
    for (const arg of ['', ' 0', ' 3', ' abc', ' -1']) await h.send(updates.text(USER, `/source${arg}`));
    expect(h.replies().map((r) => r.text)).toEqual(Array(5).fill('用法：/source 编号（1–2），编号见 /docs。'));
  });
});

describe('command menu', () => {
  it('registers Chinese descriptions, admins get /reload, and failures are only logged', async () => {
    const h = harness({
      api: {
        results: {
          setMyCommands: (p) => {
            if (p.scope) throw new Error('chat not found');
            return true;
          },
        },
      },
    });
    await registerCommands(h.bot);
    const calls = h.calls('setMyCommands');
    expect(calls[0].commands).toEqual(BOT_COMMANDS);
    expect(BOT_COMMANDS.every((c) => /[\u4e00-\u9fff]/.test(c.description))).toBe(true);
    expect(ADMIN_COMMANDS.map((c) => c.command)).toContain('reload');

    const failing = harness({ api: { fault: (c) => (c.method === 'setMyCommands' ? { kind: '500' } : undefined) }, deps: { autoRetry: { rethrowInternalServerErrors: true } } });
    await expect(registerCommands(failing.bot)).resolves.toBeUndefined();
    expect(failing.logs.some((l) => l.includes('setMyCommands failed'))).toBe(true);
  });
});
