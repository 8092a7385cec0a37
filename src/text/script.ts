/**
 * Script unification. Everything is matched in Simplified; replies go back in the user's script.
 * opencc-js converters are built once (building one costs a few ms and some memory).
 */
import * as OpenCC from 'opencc-js';
import type { Script } from '../types.js';

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const s2t = OpenCC.Converter({ from: 'cn', to: 'tw' });

export function toSimplified(text: string): string {
  return t2s(text);
}

export function toTraditional(text: string): string {
  return s2t(text);
}

/** Convert Simplified text into the given script (Simplified text is the internal form). */
export function toScript(text: string, script: Script): string {
  return script === 'hant' ? s2t(text) : text;
}

const HAN = /\p{Script=Han}/u;

/**
 * Which script is this text in? Counts characters that change under each conversion:
 * a character that t->s changes is Traditional-only, one that s->t changes is Simplified-only.
 * Text with neither (shared characters, ASCII) counts as Simplified.
 */
export function detectScript(text: string): Script {
  let traditional = 0;
  let simplified = 0;
  for (const ch of text) {
    if (!HAN.test(ch)) continue;
    if (t2s(ch) !== ch) traditional++;
    else if (s2t(ch) !== ch) simplified++;
  }
  return traditional > simplified ? 'hant' : 'hans';
}

/** Full-width ASCII to half-width, ideographic space to space: so "９７．１８％" matches "97.18%". */
export function normalizeWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** True if the text holds at least one Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** The matching form of any text: Simplified, half-width. */
export function matchingForm(text: string): string {
  return toSimplified(normalizeWidth(text));
}
