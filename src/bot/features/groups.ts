/**
 * Group rules: in groups and supergroups the bot answers only when addressed — a message that
 * mentions @bot, a reply to one of its messages, or a command (/ask 问题, /help@bot…). Everything
 * else in a group passes by quietly (no session read, no rate-limit hit, no reply).
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export function isGroupChat(ctx: BotContext): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
}

/** The message starts with a /command. */
export function isCommand(ctx: BotContext): boolean {
  return !!ctx.msg?.entities?.some((e) => e.type === 'bot_command' && e.offset === 0);
}

/** The message mentions this bot (@username, or a text mention of its user). */
export function mentionsBot(ctx: BotContext): boolean {
  const text = ctx.msg?.text;
  if (!text) return false;
  const me = `@${ctx.me.username}`.toLowerCase();
  return !!ctx.msg?.entities?.some((e) => (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === me) || (e.type === 'text_mention' && e.user.id === ctx.me.id));
}

/** The message replies to one of this bot's messages. */
export function repliesToBot(ctx: BotContext): boolean {
  return ctx.msg?.reply_to_message?.from?.id === ctx.me.id;
}

/** The question in a message: its text without @bot mentions. */
export function questionText(text: string, username: string): string {
  const mention = new RegExp(`@${username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi');
  return text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

export function groupRules(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('message', async (ctx, next) => {
    if (!isGroupChat(ctx)) return next();
    if (ctx.message.text === undefined) return; // stickers, photos, joins… in a group: stay quiet
    if (isCommand(ctx) || mentionsBot(ctx) || repliesToBot(ctx)) return next();
  });
  // Edits in groups are never answered.
  c.on('edited_message', async (ctx, next) => {
    if (!isGroupChat(ctx)) return next();
  });
  return c;
}
