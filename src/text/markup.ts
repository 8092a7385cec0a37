/**
 * Markup and escape sequences in typed or pasted text: what a question copied from a web page, a
 * terminal or a rich-text chat brings along that is not part of the question.
 * - HTML character references (&amp; &lt; &#x4e00; &nbsp;), decoded by `entities` (the WHATWG list,
 *   including the legacy forms without a semicolon);
 * - HTML tags and comments (<b>谁</b>), removed; script and style elements with their content;
 * - terminal escape sequences (ESC[31m, OSC hyperlinks, C1 CSI), removed by Node's own
 *   util.stripVTControlCharacters;
 * - other control characters, replaced by a space (a tab or a line break separates words);
 * - invisible format characters (zero-width space and joiners, bidi marks, BOM, soft hyphen, word
 *   joiner) and variation selectors, removed (a zero-width space inside 主持 must not split it);
 * - U+FFFD, what a broken character reference or a bad byte decodes to.
 * Width is folded first (as the matching form does), so full-width ＜ｂ＞ and ＆ｌｔ； are markup too.
 */
import { stripVTControlCharacters } from 'node:util';
import { decodeHTML } from 'entities';
import { normalizeWidth } from './script.js';

const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** A start, end or self-closing tag: `<` then a letter (or `/` and a letter), up to the next `>`. */
const TAG = /<\/?[a-z][a-z0-9:-]*(?:\s[^<>]*)?\/?>/gi;
/** Control characters other than the ones stripVTControlCharacters took with their sequence. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
/** Invisible formatting: \p{Cf} (U+200B-U+200F, U+202A-U+202E, U+2060-U+2064, U+FEFF, U+00AD, …), variation selectors, U+FFFD. */
const INVISIBLE = /[\p{Cf}\ufffd]|[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** The text without markup, escape sequences and invisible characters; full-width ASCII folded. Whitespace is left for the caller. */
export function stripMarkup(text: string): string {
  let t = normalizeWidth(text);
  // Decode first: &lt;b&gt; is a tag once decoded, and &#x1b;[31m an escape sequence; &#xff1f; is full-width.
  if (t.includes('&')) t = normalizeWidth(decodeHTML(t));
  t = stripVTControlCharacters(t);
  if (t.includes('<')) t = t.replace(SCRIPT_OR_STYLE, '').replace(COMMENT, '').replace(TAG, '');
  return t.replace(INVISIBLE, '').replace(CONTROL, ' ');
}
