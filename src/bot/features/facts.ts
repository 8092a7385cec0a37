/**
 * /facts: the facts extracted from the documents, ten a page, with page buttons (the message is
 * edited in place).
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import type { Script } from '../../types.js';
import { libraryOf, type BotLibrary } from '../library.js';
import { escapeHtml, truncate } from '../../render/html.js';
import { describeFactLine } from '../../render/text.js';
import { toScript } from '../../text/script.js';
import { ackCallback, NO_PREVIEW, sendHtml } from '../send.js';
import { scriptOf, t } from '../texts.js';

export const FACTS_PER_PAGE = 10;

/** Pager buttons: callback data `${prefix}${page}`. */
export function pager(prefix: string, page: number, pages: number, script: Script): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const kb = new InlineKeyboard();
  if (page > 0) kb.text(t('prev', script), `${prefix}${page - 1}`);
  if (page < pages - 1) kb.text(t('next', script), `${prefix}${page + 1}`);
  return kb;
}

export async function factsPage(library: BotLibrary, page: number, script: Script): Promise<{ html: string; keyboard?: InlineKeyboard }> {
  const total = library.factCount;
  const pages = Math.max(1, Math.ceil(total / FACTS_PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  if (!total) return { html: escapeHtml(t('noFacts', script)) };
  const docNumber = new Map(library.documents().map((d, i) => [d.id, i + 1]));
  const lines = (await library.facts(p * FACTS_PER_PAGE, FACTS_PER_PAGE)).map((f, i) => {
    const line = truncate(toScript(describeFactLine(f, script), script), 300);
    return `${p * FACTS_PER_PAGE + i + 1}. ${escapeHtml(line)} <i>[${docNumber.get(f.docId) ?? '?'}]</i>`;
  });
  const title = t('factsTitle', script, { page: p + 1, pages, n: total });
  return { html: `<b>${escapeHtml(title)}</b>\n${lines.join('\n')}`, keyboard: pager('facts:', p, pages, script) };
}

export function factsFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('facts', async (ctx) => {
    const page = Math.max(1, Number.parseInt(ctx.match, 10) || 1) - 1;
    const { html, keyboard } = await factsPage(libraryOf(s.corpus.current), page, scriptOf(ctx));
    await sendHtml(ctx, [html], { keyboard });
  });
  c.callbackQuery(/^facts:(\d{1,5})$/, async (ctx) => {
    const { html, keyboard } = await factsPage(libraryOf(s.corpus.current), Number(ctx.match[1]), scriptOf(ctx));
    await ackCallback(ctx);
    await editPage(ctx, html, keyboard);
  });
  return c;
}

/** Replace a paged message's text; "message is not modified" (double press) is fine. */
export async function editPage(ctx: BotContext, html: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(html, { parse_mode: 'HTML', link_preview_options: NO_PREVIEW, reply_markup: keyboard });
  } catch (error) {
    if (!String((error as Error).message).includes('message is not modified')) throw error;
  }
}
