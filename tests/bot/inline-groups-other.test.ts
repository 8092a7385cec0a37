import { describe, expect, it } from 'vitest';
import { harness, updates, USER, HOSTILE_TITLE } from './helpers.js';
import { htmlProblems, visibleText } from './html-check.js';
import { INLINE_CACHE_SECONDS } from '../../src/bot/features/inline.js';
import { FAKE_BOT_INFO } from '../support/fake-api.js';
import type { Update } from 'grammy/types';

const GROUP = -100123;
const botUser = { id: FAKE_BOT_INFO.id, is_bot: true, first_name: 'bot', username: FAKE_BOT_INFO.username };

function groupText(text: string, extra: Record<string, unknown> = {}): Omit<Update, 'update_id'> {
  return updates.text(GROUP, text, { userId: USER, chatType: 'supergroup', ...extra });
}

function mention(text: string): any[] {
  const at = `@${FAKE_BOT_INFO.username}`;
  const i = text.indexOf(at);
  return i < 0 ? [] : [{ type: 'mention', offset: i, length: at.length }];
}

describe('inline mode', () => {
  it('answers "@bot 问题" with one HTML article: answer and first citation', async () => {
    const h = harness();
    await h.send(updates.inline(USER, '  群众满意度是多少？ '));
    const [call] = h.calls('answerInlineQuery');
    expect(call.cache_time).toBe(INLINE_CACHE_SECONDS);
    expect(call.results).toHaveLength(1);
    const [article] = call.results;
    expect(article.type).toBe('article');
    expect(Buffer.byteLength(article.id)).toBeLessThanOrEqual(64);
    expect(article.title).toBe('97.18%');
    expect(article.description).toContain(HOSTILE_TITLE);
    const content = article.input_message_content;
    expect(content.parse_mode).toBe('HTML');
    expect(content.link_preview_options).toEqual({ is_disabled: true });
    expect(htmlProblems(content.message_text)).toEqual([]);
    expect(content.message_text).toContain('<b>答案：97.18%</b>');
    expect(content.message_text).toContain('<b>[1]</b>');
    expect(content.message_text).not.toContain('<b>[2]</b>');
    expect(h.corpus.engine.calls[0]).toEqual({ question: '群众满意度是多少？', state: {} });
  });

  it('an unanswerable query says so, with the nearest passage', async () => {
    const h = harness();
    await h.send(updates.inline(USER, '火星<script>？'));
    const [article] = h.calls('answerInlineQuery')[0].results;
    expect(article.title).toBe('文档中没有提到这个问题的答案。');
    expect(htmlProblems(article.input_message_content.message_text)).toEqual([]);
    expect(visibleText(article.input_message_content.message_text)).toContain('教育整顿取得成果。');
  });

  it('an empty query gets a hint article', async () => {
    const h = harness();
    await h.send(updates.inline(USER, '   '));
    const [call] = h.calls('answerInlineQuery');
    expect(call.cache_time).toBe(INLINE_CACHE_SECONDS);
    expect(call.results).toEqual([expect.objectContaining({ type: 'article', id: 'hint', title: '输入一个问题' })]);
    expect(call.results[0].input_message_content.message_text).toBe(`在 @${FAKE_BOT_INFO.username} 后面输入中文问题，例如：@${FAKE_BOT_INFO.username} 李友是什么职务？`);
    expect(h.corpus.engine.calls).toEqual([]);
  });
});

describe('groups', () => {
  it('stays quiet unless addressed', async () => {
    const h = harness();
    await h.send(groupText('满意度是多少？大家觉得呢'));
    await h.send(groupText('@SomeoneElse 满意度？', { entities: [{ type: 'mention', offset: 0, length: 12 }] }));
    await h.send(groupText('/ask@OtherBot 满意度？'));
    await h.send(groupText('/frobnicate'));
    const sticker = groupText('x') as any;
    delete sticker.message.text;
    sticker.message.sticker = { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false };
    await h.send(sticker);
    expect(h.replies()).toEqual([]);
    expect(h.corpus.engine.calls).toEqual([]);
  });

  it('answers a mention (without the @name), /ask, /ask@bot and replies to the bot', async () => {
    const h = harness();
    const mentioned = `@${FAKE_BOT_INFO.username} 满意度是多少？`;
    await h.send(groupText(mentioned, { entities: mention(mentioned), messageId: 11 }));
    await h.send(groupText('/ask 李友是什么职务？', { messageId: 12 }));
    await h.send(groupText(`/ask@${FAKE_BOT_INFO.username} 满意度？`, { messageId: 13 }));
    await h.send(groupText('那他呢？', { messageId: 14, replyTo: { message_id: 99, date: 0, chat: { id: GROUP, type: 'supergroup', title: 'G' }, from: botUser, text: '…' } }));
    expect(h.corpus.engine.calls.map((c) => c.question)).toEqual(['满意度是多少？', '李友是什么职务？', '满意度？', '那他呢？']);
    expect(h.replies().map((r) => r.reply_parameters.message_id)).toEqual([11, 12, 13, 14]);
    expect(h.replies().every((r) => r.chat_id === GROUP)).toBe(true);
  });

  it('a bare mention gets the usage hint; commands like /help work', async () => {
    const h = harness();
    const bare = `@${FAKE_BOT_INFO.username}`;
    await h.send(groupText(bare, { entities: mention(bare) }));
    await h.send(groupText(`/help@${FAKE_BOT_INFO.username}`));
    expect(h.replies()[0].text).toMatch(/^用法：\/ask 问题/);
    expect(h.replies()[1].text).toContain('/source 编号');
  });
});

describe('other updates', () => {
  function privateMessage(fields: Record<string, unknown>): Omit<Update, 'update_id'> {
    const u = updates.text(USER, 'x') as any;
    delete u.message.text;
    Object.assign(u.message, fields);
    return u;
  }

  it('stickers, photos and voice in a private chat get a short hint', async () => {
    const h = harness();
    await h.send(privateMessage({ sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }));
    await h.send(privateMessage({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: '这是什么？' }));
    await h.send(privateMessage({ voice: { file_id: 'v', file_unique_id: 'v', duration: 1 } }));
    expect(h.replies().map((r) => r.text)).toEqual(Array(3).fill('我只能回答文字问题，请直接用中文输入问题。'));
    expect(h.corpus.engine.calls).toEqual([]);
  });

  it('edited messages get a hint in private and nothing in groups; channel posts and joins nothing', async () => {
    const h = harness();
    const edited = (chatId: number, type: string) =>
      ({ edited_message: { message_id: 3, date: 0, edit_date: 1, chat: { id: chatId, type, first_name: 'U', title: 'G' }, from: { id: USER, is_bot: false, first_name: 'U' }, text: '改了' } }) as any;
    await h.send(edited(USER, 'private'));
    await h.send(edited(GROUP, 'supergroup'));
    await h.send({ channel_post: { message_id: 1, date: 0, chat: { id: -1009, type: 'channel', title: 'C' }, text: '频道消息' } } as any);
    await h.send({ edited_channel_post: { message_id: 1, date: 0, edit_date: 1, chat: { id: -1009, type: 'channel', title: 'C' }, text: '改' } } as any);
    await h.send({
      my_chat_member: {
        chat: { id: GROUP, type: 'supergroup', title: 'G' },
        from: { id: USER, is_bot: false, first_name: 'U' },
        date: 0,
        old_chat_member: { status: 'left', user: botUser },
        new_chat_member: { status: 'member', user: botUser },
      },
    } as any);
    await h.send(groupText('x', {}));
    expect(h.replies().map((r) => r.text)).toEqual(['修改后的消息不会重新回答；如需回答，请重新发送问题。']);
    expect(h.logs.some((l) => l.includes('"update failed"'))).toBe(false);
  });
});

describe('rate limit', () => {
  it('answers a friendly message once when a user asks too fast, then drops until the window passes', async () => {
    const h = harness({ config: { rateLimit: { limit: 2, windowSeconds: 60 } } });
    for (let i = 0; i < 5; i++) await h.send(updates.text(USER, '满意度？', { messageId: i + 1 }));
    await h.send(updates.text(USER + 1, '满意度？'));
    expect(h.corpus.engine.calls).toHaveLength(3);
    const answer = expect.stringMatching(/^<b>答案：97\.18%<\/b>/);
    expect(h.replies().map((r) => r.text)).toEqual([answer, answer, '提问太频繁了，请稍等一会儿再问。', answer]);
    expect(h.replies()[2].reply_parameters.message_id).toBe(3);
  });

  it('does not count group chatter that is not addressed to the bot, nor inline queries', async () => {
    const h = harness({ config: { rateLimit: { limit: 1, windowSeconds: 60 } } });
    for (let i = 0; i < 5; i++) await h.send(groupText('闲聊'));
    for (let i = 0; i < 5; i++) await h.send(updates.inline(USER, '满意度？'));
    await h.send(updates.text(USER, '满意度？'));
    expect(h.calls('answerInlineQuery')).toHaveLength(5);
    expect(h.replies()).toHaveLength(1);
    expect(h.replies()[0].text).toContain('97.18%');
  });
});
