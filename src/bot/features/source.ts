/**
 * /source N: the cleaned text of document N (numbered as in /docs), in pages with buttons.
 */
import { Composer } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import type { CorpusDocument, DocumentMeta, Script } from '../../types.js';
import { libraryOf, type BotLibrary } from '../library.js';
import { citationMeta, escapeHtml, packBlocks, type Block } from '../../render/html.js';
import { ackCallback, sendHtml, sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { editPage, pager } from './facts.js';

/** Room left under Telegram's 4096 for the page counter. */
const PAGE_LENGTH = 3800;

export function sourcePages(doc: Pick<CorpusDocument, 'meta'> & { paragraphs: readonly string[] }): string[] {
  const blocks: Block[] = [
    { head: `<b>${citationMeta({ title: doc.meta.title, source: doc.meta.source, published: doc.meta.published })}</b>`, text: '' },
    ...doc.paragraphs.map((p) => ({ text: p })),
  ];
  return packBlocks(blocks, PAGE_LENGTH);
}

/** Document n (numbered from 1 as in /docs) with its text, when the library has it. */
async function documentAt(library: BotLibrary, n: number): Promise<{ meta: DocumentMeta; paragraphs: readonly string[] } | undefined> {
  const meta = library.documents()[n - 1];
  const paragraphs = meta && (await library.paragraphs(meta.id));
  return meta && paragraphs ? { meta, paragraphs } : undefined;
}

function page(doc: { meta: DocumentMeta; paragraphs: readonly string[] }, n: number, p: number, script: Script) {
  const pages = sourcePages(doc);
  const i = Math.min(Math.max(0, p), pages.length - 1);
  const html = pages.length > 1 ? `${pages[i]}\n\n<i>${escapeHtml(t('sourcePage', script, { page: i + 1, pages: pages.length }))}</i>` : pages[i];
  return { html, keyboard: pager(`src:${n}:`, i, pages.length, script) };
}

export function sourceFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('source', async (ctx) => {
    const library = libraryOf(s.corpus.current);
    const script = scriptOf(ctx);
    const n = /^\d{1,6}$/.test(ctx.match.trim()) ? Number(ctx.match.trim()) : NaN;
    const doc = Number.isNaN(n) ? undefined : await documentAt(library, n);
    if (!doc) return sendText(ctx, t('sourceUsage', script, { n: library.documents().length }), ctx.msg.message_id);
    const { html, keyboard } = page(doc, n, 0, script);
    await sendHtml(ctx, [html], { keyboard });
  });
  c.callbackQuery(/^src:(\d{1,6}):(\d{1,5})$/, async (ctx) => {
    const script = scriptOf(ctx);
    const n = Number(ctx.match[1]);
    const doc = await documentAt(libraryOf(s.corpus.current), n);
    if (!doc) return ackCallback(ctx, t('expired', script));
    await ackCallback(ctx);
    const { html, keyboard } = page(doc, n, Number(ctx.match[2]), script);
    await editPage(ctx, html, keyboard);
  });
  return c;
}
