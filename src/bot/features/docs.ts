/**
 * /docs: every document with its title, source, date and length, numbered for /source N.
 */
import { Composer } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import { escapeHtml, formatPublished, packBlocks, truncate, type Block } from '../../render/html.js';
import { sendHtml } from '../send.js';
import { scriptOf, t } from '../texts.js';

export function docsFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('docs', async (ctx) => {
    const { kb } = s.corpus.current;
    const script = scriptOf(ctx);
    const blocks: Block[] = [{ head: `<b>${escapeHtml(t('docsTitle', script, { n: kb.documents.length }))}</b>`, text: '' }];
    kb.documents.forEach((d, i) => {
      const details = [d.meta.source, formatPublished(d.meta.published), t('sentencesCount', script, { n: kb.sentencesByDoc.get(d.meta.id)?.length ?? 0 })]
        .filter(Boolean)
        .join(' · ');
      blocks.push({ head: `<b>${i + 1}.</b> `, text: `《${truncate(d.meta.title, 200)}》\n${details}  /source ${i + 1}` });
    });
    await sendHtml(ctx, packBlocks(blocks));
  });
  return c;
}
