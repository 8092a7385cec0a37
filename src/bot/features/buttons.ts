/**
 * The buttons under an answer:
 *   more:<id>      the next passages (citations, then nearest) beyond those shown
 *   ctx:<id>:<i>   passage i with its neighbouring sentences
 *   fb:<id>:u|d    👍/👎, appended to the feedback log (once per answer)
 * <id> is the answer's short id in the chat session, so callback data stays a few bytes long.
 */
import { Composer } from 'grammy';
import type { AnswerRecord, BotContext, BotServices, StoredPassage } from '../context.js';
import type { Sentence } from '../../types.js';
import { libraryOf } from '../library.js';
import { citationMeta, escapeHtml, packBlocks, type Block } from '../../render/html.js';
import { answerKeyboard, MORE_PASSAGES, passageBlocks } from '../answer-view.js';
import { ackCallback, sendHtml } from '../send.js';
import { editPage, pager } from './facts.js';
import { scriptOf, t } from '../texts.js';

/** Sentences shown on each side of a cited one. */
export const CONTEXT_SENTENCES = 2;

function findRecord(ctx: BotContext, id: string): AnswerRecord | undefined {
  return ctx.session.answers.find((r) => r.id === id);
}

/** Where the passage's sentence is among its document's sentences (by id, or by text after a reload renumbered). */
function locate(sentences: readonly Sentence[], p: StoredPassage): number | undefined {
  let pos = sentences.findIndex((s) => s.id === p.sentenceId && s.docId === p.docId && s.text === p.sentence);
  if (pos < 0) pos = sentences.findIndex((s) => s.text === p.sentence);
  return pos < 0 ? undefined : pos;
}

/** The cited sentence (among its document's `sentences`) in bold between its neighbours; paragraph breaks kept. */
export function contextBlocks(sentences: readonly Sentence[], p: StoredPassage, n: number, heading: string): Block[] | undefined {
  const pos = locate(sentences, p);
  if (pos === undefined) return undefined;
  const window = sentences.slice(Math.max(0, pos - CONTEXT_SENTENCES), pos + CONTEXT_SENTENCES + 1);
  const cited = sentences[pos].id;
  const blocks: Block[] = [{ head: `<b>${escapeHtml(heading)} [${n}]</b> ${citationMeta(p)}\n`, text: '' }];
  let prevParagraph = window[0]?.paragraph;
  for (const s of window) {
    const sep = s.paragraph !== prevParagraph ? '\n' : '';
    prevParagraph = s.paragraph;
    blocks.push(s.id === cited ? { head: sep, open: '<b>', text: s.text, close: '</b>' } : { text: sep + s.text });
  }
  return blocks;
}

export function buttonsFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.callbackQuery(/^more:([0-9a-z]{1,8})$/, async (ctx) => {
    const record = findRecord(ctx, ctx.match[1]);
    if (!record) return ackCallback(ctx, t('expired', scriptOf(ctx)));
    const from = record.shown;
    const to = Math.min(record.passages.length, from + MORE_PASSAGES);
    if (from >= to) return ackCallback(ctx, t('noMore', record.script));
    record.shown = to;
    await ackCallback(ctx);
    await sendHtml(ctx, packBlocks(passageBlocks(record, from, to)), {
      replyTo: ctx.msg?.message_id,
      keyboard: answerKeyboard(record, from, to, false),
    });
  });

  /** The context of passage `index` as pages of one message each (a very long sentence is shown whole, paged). */
  const contextPages = async (record: AnswerRecord, index: number): Promise<string[] | undefined> => {
    const passage = record.passages[index];
    const blocks = passage && contextBlocks(await libraryOf(s.corpus.current).sentences(passage.docId), passage, index + 1, t('contextTitle', record.script));
    return blocks ? packBlocks(blocks, undefined, '') : undefined;
  };

  c.callbackQuery(/^ctx:([0-9a-z]{1,8}):(\d{1,2})$/, async (ctx) => {
    const record = findRecord(ctx, ctx.match[1]);
    const index = Number(ctx.match[2]);
    if (!record?.passages[index]) return ackCallback(ctx, t('expired', scriptOf(ctx)));
    const pages = await contextPages(record, index);
    if (!pages) return ackCallback(ctx, t('passageGone', record.script));
    await ackCallback(ctx);
    await sendHtml(ctx, [pages[0]], { replyTo: ctx.msg?.message_id, keyboard: pager(`cx:${record.id}:${index}:`, 0, pages.length, record.script) });
  });

  c.callbackQuery(/^cx:([0-9a-z]{1,8}):(\d{1,2}):(\d{1,4})$/, async (ctx) => {
    const record = findRecord(ctx, ctx.match[1]);
    const index = Number(ctx.match[2]);
    if (!record?.passages[index]) return ackCallback(ctx, t('expired', scriptOf(ctx)));
    const pages = await contextPages(record, index);
    if (!pages) return ackCallback(ctx, t('passageGone', record.script));
    const page = Math.min(Number(ctx.match[3]), pages.length - 1);
    await ackCallback(ctx);
    await editPage(ctx, pages[page], pager(`cx:${record.id}:${index}:`, page, pages.length, record.script));
  });

  c.callbackQuery(/^fb:([0-9a-z]{1,8}):([ud])$/, async (ctx) => {
    const record = findRecord(ctx, ctx.match[1]);
    if (!record) return ackCallback(ctx, t('expired', scriptOf(ctx)));
    if (record.rated) return ackCallback(ctx, t('alreadyRated', record.script));
    const rating = ctx.match[2] === 'u' ? 'up' : 'down';
    await s.feedback.append({
      ts: s.now().toISOString(),
      chatId: ctx.chat?.id,
      userId: ctx.from.id,
      rating,
      question: record.question,
      answer: record.answer,
      answered: record.answered,
      citations: record.passages.slice(0, Math.max(record.shown, 1)).map((p) => ({ docId: p.docId, title: p.title, sentence: p.sentence })),
    });
    record.rated = rating;
    await ackCallback(ctx, t('thanks', record.script));
  });

  return c;
}
