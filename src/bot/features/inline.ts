/**
 * Inline mode: "@bot 问题" in any chat offers one article — the answer and its first citation (or,
 * when the documents do not say, the decline and the nearest passage). An empty query offers a hint.
 * Inline answers are stateless (no follow-ups): there is no chat to keep state for.
 */
import { askEngine } from '../ask.js';
import { Composer } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { createHash } from 'node:crypto';
import type { BotContext, BotServices } from '../context.js';
import type { Answer } from '../../types.js';
import { answerBlocks, answerPassages, packBlocks, truncate } from '../../render/html.js';
import { declineMessage } from '../../render/text.js';
import { libraryOf } from '../library.js';
import { toScript } from '../../text/script.js';
import { NO_PREVIEW } from '../send.js';
import { t } from '../texts.js';

/** Seconds Telegram may cache a result for the same query (answers only change on /reload). */
export const INLINE_CACHE_SECONDS = 300;

export function inlineArticle(answer: Answer): InlineQueryResultArticle {
  const [html] = packBlocks(answerBlocks(answer, { passages: 1 }));
  const first = answerPassages(answer)[0];
  const title = answer.answered && answer.answer ? answer.answer : declineMessage(answer) || t('inlineNoAnswer', answer.script);
  return {
    type: 'article',
    id: createHash('sha256').update(answer.question).digest('hex').slice(0, 32),
    title: truncate(title, 100),
    description: first ? truncate(`《${first.title}》${first.sentence}`, 120) : undefined,
    input_message_content: { message_text: html, parse_mode: 'HTML', link_preview_options: NO_PREVIEW },
  };
}

export function inlineFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    if (!query) {
      const script = /^zh[-_](hant|tw|hk|mo)/i.test(ctx.from.language_code ?? '') ? 'hant' : 'hans';
      const example = toScript((await libraryOf(s.corpus.current).examples(1))[0] ?? t('genericExample'), script);
      const hint = t('inlineHintText', script, { bot: ctx.me.username, example });
      await ctx.answerInlineQuery(
        [{ type: 'article', id: 'hint', title: t('inlineHintTitle', script), description: hint, input_message_content: { message_text: hint, link_preview_options: NO_PREVIEW } }],
        { cache_time: INLINE_CACHE_SECONDS },
      );
      return;
    }
    // Inline queries arrive per keystroke: errors are logged, but partial questions are not recorded.
    const answer = await askEngine(s, query, {}, 'inline', false);
    await ctx.answerInlineQuery([inlineArticle(answer)], { cache_time: INLINE_CACHE_SECONDS });
  });
  return c;
}
