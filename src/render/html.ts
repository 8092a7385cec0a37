/**
 * Telegram HTML rendering. Every piece of document or user text goes through escapeHtml; markup is
 * only ever written by this module, in balanced pairs.
 *
 * Long replies: a reply is a list of blocks (answer, facts, one per citation…). Blocks are packed into
 * messages of at most 4096 characters, never cutting through a block's tags. A single block longer
 * than a message is split on sentence (then line, then character) boundaries of its raw text, and
 * each piece is escaped and wrapped in the block's tags separately.
 */
import type { Answer, Citation, Fact, Script } from '../types.js';
import { label } from './labels.js';
import { describeFactLine, declineMessage } from './text.js';

/** Telegram's limit for one message's text. Lengths are counted in UTF-16 units like Telegram does. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Document-supplied strings inside headings are cut to this many characters. */
export const MAX_HEADING_TEXT = 200;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape text for Telegram HTML (also safe inside attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** Cut raw text to at most `max` characters (code points), with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/**
 * One unit of a reply: `head` (ready HTML, short) then `text` (raw, escaped here) wrapped in
 * `open`/`close` tags. Rendered: head + open + escape(text) + close.
 */
export interface Block {
  head?: string;
  text: string;
  open?: string;
  close?: string;
}

export function renderBlock(b: Block): string {
  return (b.head ?? '') + (b.open ?? '') + escapeHtml(b.text) + (b.close ?? '');
}

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '；', ';', '…']);
const CLOSING = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'", ']']);

/**
 * Split raw text into pieces that end at sentence ends or line breaks. Joining the pieces gives the
 * text back exactly.
 */
export function splitSentencePieces(text: string): string[] {
  const chars = Array.from(text);
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    let end = -1;
    if (ch === '\n') end = i + 1;
    else if (SENTENCE_END.has(ch)) {
      end = i + 1;
      while (end < chars.length && (SENTENCE_END.has(chars[end]) || CLOSING.has(chars[end]))) end++;
      if (chars[end] === '\n') end++;
    }
    if (end > 0) {
      pieces.push(chars.slice(start, end).join(''));
      start = end;
      i = end - 1;
    }
  }
  if (start < chars.length) pieces.push(chars.slice(start).join(''));
  return pieces;
}

/** Hard-split one piece so that each part, escaped, fits `budget` (never splits a surrogate pair). */
function hardSplit(piece: string, budget: number): string[] {
  const parts: string[] = [];
  let cur = '';
  let curLen = 0;
  for (const ch of piece) {
    const len = escapeHtml(ch).length;
    if (curLen + len > budget && cur) {
      parts.push(cur);
      cur = '';
      curLen = 0;
    }
    cur += ch;
    curLen += len;
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Render a block as one or more HTML strings, each at most `limit` long. */
export function renderBlockPieces(b: Block, limit = MAX_MESSAGE_LENGTH): string[] {
  const whole = renderBlock(b);
  if (whole.length <= limit) return [whole];
  const head = b.head ?? '';
  const open = b.open ?? '';
  const close = b.close ?? '';
  const wrap = open.length + close.length;
  if (head.length + wrap >= limit / 2) throw new Error('block heading too long to split safely');
  const out: string[] = [];
  let budget = limit - head.length - wrap;
  let prefix = head;
  let cur = '';
  const flush = () => {
    if (!cur) return;
    out.push(prefix + open + escapeHtml(cur) + close);
    prefix = '';
    budget = limit - wrap;
    cur = '';
  };
  for (const piece of splitSentencePieces(b.text)) {
    if (escapeHtml(cur + piece).length <= budget) {
      cur += piece;
      continue;
    }
    flush();
    if (escapeHtml(piece).length <= budget) {
      cur = piece;
      continue;
    }
    const parts = hardSplit(piece, budget);
    for (const part of parts.slice(0, -1)) {
      cur = part;
      flush();
    }
    cur = parts[parts.length - 1] ?? '';
  }
  flush();
  return out;
}

/** Pack blocks into as few messages as possible, each at most `limit` characters, blocks in order. */
export function packBlocks(blocks: Block[], limit = MAX_MESSAGE_LENGTH, separator = '\n\n'): string[] {
  const messages: string[] = [];
  let cur = '';
  for (const b of blocks) {
    for (const piece of renderBlockPieces(b, limit)) {
      if (!cur) cur = piece;
      else if (cur.length + separator.length + piece.length <= limit) cur += separator + piece;
      else {
        messages.push(cur);
        cur = piece;
      }
    }
  }
  if (cur) messages.push(cur);
  return messages;
}

/** "2021-08-10T09:46" -> "2021-08-10 09:46". */
export function formatPublished(published?: string): string | undefined {
  return published ? truncate(published.replace('T', ' '), 40) : undefined;
}

/** Title · source · date, escaped, for headings. */
export function citationMeta(c: Pick<Citation, 'title' | 'source' | 'published'>): string {
  const bits = [`《${truncate(c.title, MAX_HEADING_TEXT)}》`];
  if (c.source) bits.push(truncate(c.source, 60));
  const date = formatPublished(c.published);
  if (date) bits.push(date);
  return escapeHtml(bits.join(' · '));
}

/** A numbered citation: [n] 《title》 · source · date, then the verbatim sentence as a quote. */
export function citationBlock(n: number, c: Citation, heading?: string): Block {
  return {
    head: (heading ? `<b>${escapeHtml(heading)}</b>\n` : '') + `<b>[${n}]</b> ${citationMeta(c)}\n`,
    open: '<blockquote>',
    text: c.sentence,
    close: '</blockquote>',
  };
}

export function factsBlock(facts: Fact[], script: Script, max = 5): Block | undefined {
  if (!facts.length) return undefined;
  const lines = facts.slice(0, max).map((f) => `· ${describeFactLine(f, script)}`);
  return { head: `<b>${escapeHtml(label('facts', script))}</b>\n`, text: lines.join('\n') };
}

/** Citations and nearest passages of an answer, in order, without repeats: what the buttons page through. */
export function answerPassages(answer: Answer): Citation[] {
  const seen = new Set<number>();
  const out: Citation[] = [];
  for (const c of [...answer.citations, ...answer.nearest]) {
    if (seen.has(c.sentenceId)) continue;
    seen.add(c.sentenceId);
    out.push(c);
  }
  return out;
}

export interface RenderAnswerOptions {
  /** How many passages to show (the rest are behind the "more" button). */
  passages?: number;
}

/**
 * The blocks of one answer: the short answer (bold), compact facts, numbered citations; or, when the
 * documents do not say, the plain decline message and the nearest passages.
 */
export function answerBlocks(answer: Answer, options: RenderAnswerOptions = {}): Block[] {
  const s = answer.script;
  const shown = answerPassages(answer).slice(0, options.passages ?? 2);
  const blocks: Block[] = [];
  if (answer.answered && answer.answer !== null) {
    blocks.push({ open: '<b>', text: `${label('answer', s)}：${answer.answer}`, close: '</b>' });
    const facts = factsBlock(answer.facts, s);
    if (facts) blocks.push(facts);
    shown.forEach((c, i) => {
      blocks.push(citationBlock(i + 1, c, i === 0 ? label('sources', s) : undefined));
    });
  } else {
    blocks.push({ text: declineMessage(answer) });
    // 'no-direct-answer' already introduces the passages.
    const heading = answer.reason === 'no-direct-answer' ? undefined : `${label('nearest', s)}：`;
    shown.forEach((c, i) => {
      blocks.push(citationBlock(i + 1, c, i === 0 ? heading : undefined));
    });
  }
  return blocks;
}

/** Render an answer into messages of at most `limit` characters. */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions = {}, limit = MAX_MESSAGE_LENGTH): string[] {
  return packBlocks(answerBlocks(answer, options), limit);
}
