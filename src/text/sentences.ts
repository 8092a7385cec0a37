/**
 * Sentence splitting for Chinese prose.
 * Splits after 。！？；… (and ASCII !?; when they end a clause), keeping closing quotes and brackets with
 * the sentence they close. A '.' never splits (decimals like 97.18%, abbreviations), nor does a
 * terminator inside quotes “…。” unless the quote closes right after it.
 */

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'"]);
const OPENERS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '（': '）', '(': ')', '《': '》', '【': '】' };

/**
 * A sentence longer than this is split at clause boundaries: a citation should be readable in a chat,
 * and text without sentence punctuation (court judgments, OCR, tables) would otherwise be one "sentence"
 * of a whole page. About two lines of a phone screen; issue "documents as operators have them".
 */
export const MAX_SENTENCE_CHARS = 150;
/** A piece cut from a long sentence is at least this long unless the rest is shorter (no one-word clauses). */
export const MIN_CLAUSE_CHARS = 30;
/** Clause boundaries, strongest first: a cut after one of an earlier group is preferred. */
const CLAUSE_BREAKS: readonly (readonly string[])[] = [
  ['；', ';'],
  ['：', ':'],
  ['，', ',', '、'],
  [' ', '\u3000', '\t'],
];

/** Split one paragraph into sentences (trimmed, empty ones dropped); long ones are cut at clause boundaries. */
export function splitSentences(paragraph: string, maxChars = MAX_SENTENCE_CHARS): string[] {
  const out: string[] = [];
  for (const s of splitAtTerminators(paragraph)) {
    if (s.length <= maxChars) out.push(s);
    else out.push(...splitLongSentence(s, maxChars));
  }
  return out;
}

/**
 * Cut a long sentence into pieces of at most `maxChars` characters, each ending at the strongest clause
 * boundary available in its window (the last one of that strength), else at `maxChars`. Every character is
 * kept: the pieces joined give the sentence back (less the spaces trimmed at the cuts).
 */
export function splitLongSentence(sentence: string, maxChars = MAX_SENTENCE_CHARS): string[] {
  const chars = Array.from(sentence);
  const pieces: string[] = [];
  let start = 0;
  while (chars.length - start > maxChars) {
    const windowEnd = start + maxChars;
    let cut = -1;
    for (const group of CLAUSE_BREAKS) {
      for (let i = windowEnd - 1; i >= start + MIN_CLAUSE_CHARS - 1; i--) {
        if (group.includes(chars[i])) {
          cut = i + 1;
          break;
        }
      }
      if (cut > 0) break;
    }
    if (cut < 0) cut = windowEnd;
    // Closing quotes and brackets stay with the clause they close.
    while (cut < chars.length && CLOSERS.has(chars[cut])) cut++;
    const piece = chars.slice(start, cut).join('').trim();
    if (piece) pieces.push(piece);
    start = cut;
  }
  const rest = chars.slice(start).join('').trim();
  if (rest) pieces.push(rest);
  return pieces;
}

/** Split one paragraph at sentence terminators (trimmed, empty ones dropped). */
function splitAtTerminators(paragraph: string): string[] {
  const out: string[] = [];
  const chars = Array.from(paragraph);
  const open: string[] = [];
  let start = 0;
  const push = (end: number) => {
    const s = chars.slice(start, end).join('').trim();
    if (s) out.push(s);
    start = end;
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\n' || ch === '\r') {
      push(i);
      start = i + 1;
      open.length = 0;
      continue;
    }
    if (OPENERS[ch]) {
      open.push(OPENERS[ch]);
      continue;
    }
    if (open.length && ch === open[open.length - 1]) {
      open.pop();
      continue;
    }
    if (!TERMINATORS.has(ch)) continue;
    // Inside quotes or brackets a terminator ends the sentence only if the quote closes right after it.
    let end = i + 1;
    while (end < chars.length && (TERMINATORS.has(chars[end]) || chars[end] === '…')) end++;
    if (open.length) {
      if (end < chars.length && CLOSERS.has(chars[end])) {
        while (end < chars.length && CLOSERS.has(chars[end])) {
          if (open.length && chars[end] === open[open.length - 1]) open.pop();
          end++;
        }
        if (open.length) {
          i = end - 1;
          continue;
        }
      } else {
        i = end - 1;
        continue;
      }
    } else {
      while (end < chars.length && CLOSERS.has(chars[end])) end++;
    }
    // ASCII ; ! ? inside a run of ASCII (code, URLs) do not end a Chinese sentence.
    if ((ch === ';' || ch === '!' || ch === '?') && end < chars.length && /[A-Za-z0-9]/.test(chars[end])) {
      i = end - 1;
      continue;
    }
    push(end);
    i = end - 1;
  }
  push(chars.length);
  return out;
}

/** Split a text into paragraphs on blank lines or line breaks; lines are trimmed of indentation. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l.length > 0);
}
