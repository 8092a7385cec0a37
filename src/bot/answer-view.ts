/**
 * Answering one question in a chat: ask the engine with the chat's follow-up state, remember the
 * answer's key data for its buttons, send it as HTML (split to Telegram's limit), buttons under it.
 */
import { InlineKeyboard } from 'grammy';
import type { Answer } from '../types.js';
import { MAX_QUESTION_CHARS } from '../question/analyze.js';
import { label } from '../render/labels.js';
import { answerBlocks, answerPassages, citationBlock, packBlocks, truncate, type Block } from '../render/html.js';
import { MAX_STORED_ANSWERS, MAX_STORED_PASSAGES, type AnswerRecord, type BotContext, type BotServices, type SessionData, type StoredPassage } from './context.js';
import { sendHtml, sendText } from './send.js';
import { scriptOf, t } from './texts.js';
import { askEngine } from './ask.js';
import type { ChatKind } from '../ops/question-log.js';

/** The kind of chat a question came from, for the question log (never who asked). */
export function chatKind(ctx: BotContext): ChatKind {
  const type = ctx.chat?.type;
  return type === 'private' || type === 'group' || type === 'supergroup' || type === 'channel' ? type : 'private';
}

/** Passages shown with the answer; the rest come one "more" press at a time. */
export const INITIAL_PASSAGES = 2;
export const MORE_PASSAGES = 2;

/** Callback data of the answer buttons. All well under Telegram's 64-byte limit. */
export const callbackData = {
  more: (id: string) => `more:${id}`,
  context: (id: string, index: number) => `ctx:${id}:${index}`,
  feedback: (id: string, up: boolean) => `fb:${id}:${up ? 'u' : 'd'}`,
};

function toStored(c: StoredPassage): StoredPassage {
  const { docId, sentenceId, title, source, published, sentence } = c;
  return { docId, sentenceId, title, source, published, sentence };
}

/**
 * Keep an answer's key data in the session (bounded) for its buttons, returning its record. (Not the
 * follow-up memory: question/follow-up.ts `rememberAnswer` keeps what the answer was about.)
 */
export function storeAnswerRecord(session: SessionData, answer: Answer, shown: number): AnswerRecord {
  session.seq = (session.seq + 1) % 1_000_000;
  const record: AnswerRecord = {
    id: session.seq.toString(36),
    question: answer.question,
    answer: answer.answer,
    answered: answer.answered,
    script: answer.script,
    passages: answerPassages(answer).slice(0, MAX_STORED_PASSAGES).map(toStored),
    shown,
  };
  session.answers = [...session.answers.filter((r) => r.id !== record.id), record].slice(-MAX_STORED_ANSWERS);
  return record;
}

/** Buttons under an answer (or under a "more" message): more, context of each shown passage, 👍/👎. */
export function answerKeyboard(record: AnswerRecord, from: number, to: number, withFeedback = true): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let buttons = 0;
  for (let i = from; i < to; i++) {
    kb.text(t('context', record.script, { n: i + 1 }), callbackData.context(record.id, i));
    buttons++;
  }
  if (record.passages.length > to) {
    kb.text(t('more', record.script), callbackData.more(record.id));
    buttons++;
  }
  if (withFeedback) {
    if (buttons) kb.row();
    kb.text('👍', callbackData.feedback(record.id, true)).text('👎', callbackData.feedback(record.id, false));
    buttons++;
  }
  return buttons ? kb : undefined;
}

export interface AskOptions {
  /** The question message to quote. */
  replyTo?: number;
  /** Show the question above the answer (when it came from a button, not a message). */
  echo?: boolean;
}

/** A cited sentence longer than this is shortened with … in answers; 上下文 shows it whole. */
export const MAX_SHOWN_SENTENCE = 600;

/** The passage as shown in an answer: a very long sentence shortened (the stored record keeps it whole). */
export function shownPassage<T extends { sentence: string }>(p: T): T {
  return Array.from(p.sentence).length > MAX_SHOWN_SENTENCE ? { ...p, sentence: truncate(p.sentence, MAX_SHOWN_SENTENCE) } : p;
}

/** Ask, remember, send. */
export async function answerQuestion(ctx: BotContext, s: BotServices, question: string, options: AskOptions = {}): Promise<void> {
  const session = ctx.session;
  let answer: Answer;
  // Longer questions are refused here, with a message, before reaching the engine (which would cut them).
  if (Array.from(question).length > MAX_QUESTION_CHARS) {
    const script = session.script ?? 'hans';
    answer = { question, answered: false, answer: null, type: 'unknown', script, facts: [], citations: [], nearest: [], reason: 'too-long' };
    s.questions.record({ ts: s.now().toISOString(), chat: chatKind(ctx), question: truncate(question, MAX_QUESTION_CHARS), outcome: 'not-in-documents', reason: 'too-long' });
  } else {
    answer = await askEngine(s, question, session.state, chatKind(ctx));
  }
  if (answer.reason === 'error') {
    // Logged and counted by askEngine; the user is told something went wrong, not that the documents are silent.
    await sendText(ctx, t('error', session.script ?? scriptOf(ctx)), options.replyTo);
    return;
  }
  session.script = answer.script;
  const shown = Math.min(INITIAL_PASSAGES, answerPassages(answer).length);
  const record = storeAnswerRecord(session, answer, shown);
  const display = { ...answer, citations: answer.citations.map(shownPassage), nearest: answer.nearest.map(shownPassage) };
  const blocks: Block[] = answer.reason === 'too-long' ? [{ text: label('tooLong', answer.script) }] : answerBlocks(display, { passages: INITIAL_PASSAGES });
  if (options.echo) blocks.unshift({ open: '<i>', text: truncate(question, 100), close: '</i>' });
  const keyboard = answer.reason === 'too-long' ? undefined : answerKeyboard(record, 0, shown);
  await sendHtml(ctx, packBlocks(blocks), { replyTo: options.replyTo, keyboard });
}

/** The blocks of passages [from, to) of an answer, numbered from from+1. */
export function passageBlocks(record: AnswerRecord, from: number, to: number): Block[] {
  return record.passages
    .slice(from, to)
    .map((p, i) => citationBlock(from + i + 1, shownPassage({ ...p }), i === 0 && from === 0 ? label(record.answered ? 'sources' : 'nearest', record.script) : undefined));
}
