/**
 * Sending HTML replies: link previews off, the first message quotes the question, the keyboard goes
 * under the last message.
 */
import type { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import type { BotContext } from './context.js';

export interface SendOptions {
  /** Message to quote (the question). */
  replyTo?: number;
  keyboard?: InlineKeyboard;
}

export const NO_PREVIEW = { is_disabled: true } as const;

/** Send HTML messages in order; returns the sent messages. */
export async function sendHtml(ctx: BotContext, messages: string[], options: SendOptions = {}): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (let i = 0; i < messages.length; i++) {
    const last = i === messages.length - 1;
    sent.push(
      await ctx.reply(messages[i], {
        parse_mode: 'HTML',
        link_preview_options: NO_PREVIEW,
        ...(i === 0 && options.replyTo ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } } : {}),
        ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
      }),
    );
  }
  return sent;
}

/** Plain text (no parse mode, so nothing needs escaping), quoting a message when given. */
export async function sendText(ctx: BotContext, text: string, replyTo?: number): Promise<void> {
  await ctx.reply(text, {
    link_preview_options: NO_PREVIEW,
    ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  });
}

/** Answer a button press; a stale query (older than Telegram allows) is not an error worth reporting. */
export async function ackCallback(ctx: BotContext, text?: string): Promise<void> {
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
}
