/**
 * Sentence splitting for Chinese prose.
 * Splits after 。！？；… (and ASCII !?; when they end a clause), keeping closing quotes and brackets with
 * the sentence they close. A '.' never splits (decimals like 97.18%, abbreviations), nor does a
 * terminator inside quotes “…。” unless the quote closes right after it.
 */

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '】', '"', "'"]);
const OPENERS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '（': '）', '(': ')', '《': '》', '【': '】' };

/** Split one paragraph into sentences (trimmed, empty ones dropped). */
export function splitSentences(paragraph: string): string[] {
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
