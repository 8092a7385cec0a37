/**
 * /start: what the bot knows — how many documents, their titles — and example questions generated
 * from the corpus facts, as buttons that ask them.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, BotServices } from '../context.js';
import { escapeHtml, packBlocks, truncate, type Block } from '../../render/html.js';
import { toScript } from '../../text/script.js';
import { answerQuestion } from '../answer-view.js';
import { libraryOf } from '../library.js';
import { ackCallback, sendHtml } from '../send.js';
import { scriptOf, t } from '../texts.js';

/** Titles listed on /start; the rest are behind /docs. */
const START_TITLES = 10;

export function startFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command('start', async (ctx) => {
    const library = libraryOf(s.corpus.current);
    const script = scriptOf(ctx);
    const examples = (await library.examples()).map((q) => toScript(q, script));
    const documents = library.documents();
    const titles = documents.slice(0, START_TITLES).map((d, i) => `${i + 1}. 《${truncate(d.title, 60)}》`);
    const blocks: Block[] = [{ text: t('startIntro', script) }, { head: `<b>${escapeHtml(t('startDocs', script, { n: documents.length }))}</b>\n`, text: titles.join('\n') }];
    if (documents.length > START_TITLES) blocks.push({ text: t('startMoreDocs', script, { n: documents.length }) });
    if (examples.length) blocks.push({ open: '<b>', text: t('startExamples', script), close: '</b>' });
    blocks.push({ text: t('startHowTo', script) });
    const keyboard = new InlineKeyboard();
    examples.forEach((q, i) => {
      keyboard.text(q, `ex:${i}`).row();
    });
    await sendHtml(ctx, packBlocks(blocks), { keyboard: examples.length ? keyboard : undefined });
  });

  // An example button asks its question, shown above the answer.
  c.callbackQuery(/^ex:(\d{1,2})$/, async (ctx) => {
    const script = scriptOf(ctx);
    const example = (await libraryOf(s.corpus.current).examples())[Number(ctx.match[1])];
    if (!example) return ackCallback(ctx, t('expired', script));
    await ackCallback(ctx);
    await answerQuestion(ctx, s, toScript(example, script), { echo: true });
  });

  return c;
}
