/**
 * /help: how to ask, the commands, groups and inline mode (and, for admins, their commands).
 */
import { Composer } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import { sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { libraryOf } from '../library.js';
import { toScript } from '../../text/script.js';

export function helpFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('help', async (ctx) => {
    const script = scriptOf(ctx);
    const example = toScript((await libraryOf(s.corpus.current).examples(1))[0] ?? t('genericExample'), script);
    let text = t('help', script, { bot: ctx.me.username, example });
    if (ctx.from && s.config.adminIds.includes(ctx.from.id)) text += '\n\n' + t('helpAdmin', script);
    await sendText(ctx, text);
  });
  return c;
}
