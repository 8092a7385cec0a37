/**
 * Questions: any text message (in groups: when addressed) and /ask 问题 go to the answering core.
 */
import { Composer } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import { answerQuestion } from '../answer-view.js';
import { libraryOf } from '../library.js';
import { sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { toScript } from '../../text/script.js';
import { isCommand, isGroupChat, questionText } from './groups.js';

export function questionFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();

  const usage = async (ctx: BotContext, replyTo?: number) => {
    const script = scriptOf(ctx);
    const example = toScript((await libraryOf(s.corpus.current).examples(1))[0] ?? t('genericExample'), script);
    await sendText(ctx, t('askUsage', script, { example }), replyTo);
  };

  c.command('ask', async (ctx) => {
    const question = questionText(ctx.match, ctx.me.username);
    if (!question) return usage(ctx, ctx.msg.message_id);
    await answerQuestion(ctx, s, question, { replyTo: ctx.msg.message_id });
  });

  c.on('message:text', async (ctx) => {
    if (isCommand(ctx)) {
      // Known commands were handled before; in groups, commands for other bots are none of ours.
      if (!isGroupChat(ctx)) await sendText(ctx, t('unknownCommand', scriptOf(ctx)), ctx.msg.message_id);
      return;
    }
    const question = questionText(ctx.msg.text, ctx.me.username);
    if (!question) return usage(ctx, ctx.msg.message_id);
    await answerQuestion(ctx, s, question, { replyTo: ctx.msg.message_id });
  });

  return c;
}
