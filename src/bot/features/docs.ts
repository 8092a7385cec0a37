/**
 * /docs: the documents with title, source, date and length, numbered for /source N — one message,
 * DOCS_PER_PAGE a page, with page buttons (the message is edited in place), however many there are.
 */
import { Composer } from 'grammy';
import type { InlineKeyboard } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import { libraryOf, type BotLibrary } from '../library.js';
import type { Script } from '../../types.js';
import { escapeHtml, formatPublished, packBlocks, truncate, type Block } from '../../render/html.js';
import { ackCallback, sendHtml } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { editPage, pager } from './facts.js';

/** Documents per page: each entry is at most ~300 characters, so a page stays well under 4096. */
export const DOCS_PER_PAGE = 10;

export function docsPage(library: Pick<BotLibrary, 'documents' | 'sentenceCount'>, page: number, script: Script): { html: string; keyboard?: InlineKeyboard } {
  const documents = library.documents();
  const pages = Math.max(1, Math.ceil(documents.length / DOCS_PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const title = pages > 1 ? t('docsTitlePaged', script, { n: documents.length, page: p + 1, pages }) : t('docsTitle', script, { n: documents.length });
  const blocks: Block[] = [{ head: `<b>${escapeHtml(title)}</b>`, text: '' }];
  documents.slice(p * DOCS_PER_PAGE, (p + 1) * DOCS_PER_PAGE).forEach((d, i) => {
    const n = p * DOCS_PER_PAGE + i + 1;
    const details = [truncate(d.source ?? '', 60), formatPublished(d.published), t('sentencesCount', script, { n: library.sentenceCount(d.id) })].filter(Boolean).join(' · ');
    blocks.push({ head: `<b>${n}.</b> `, text: `《${truncate(d.title, 200)}》\n${details}  /source ${n}` });
  });
  // One page is one message by construction; packBlocks only guards the limit.
  return { html: packBlocks(blocks)[0], keyboard: pager('docs:', p, pages, script) };
}

export function docsFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('docs', async (ctx) => {
    const page = Math.max(1, Number.parseInt(ctx.match, 10) || 1) - 1;
    const { html, keyboard } = docsPage(libraryOf(s.corpus.current), page, scriptOf(ctx));
    await sendHtml(ctx, [html], { keyboard });
  });
  c.callbackQuery(/^docs:(\d{1,6})$/, async (ctx) => {
    const { html, keyboard } = docsPage(libraryOf(s.corpus.current), Number(ctx.match[1]), scriptOf(ctx));
    await ackCallback(ctx);
    await editPage(ctx, html, keyboard);
  });
  return c;
}
