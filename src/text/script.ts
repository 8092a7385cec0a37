/**
 * Script unification. Everything is matched in Simplified; replies go back in the user's script.
 * opencc-js converters are built once (building one costs a few ms and some memory).
 */
import * as OpenCC from 'opencc-js';
import type { Script } from '../types.js';

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const s2t = OpenCC.Converter({ from: 'cn', to: 'tw' });

/**
 * Conversions of single characters, remembered: the date, byline and script code convert text one
 * character at a time (to keep indexes aligned), and opencc-js costs ~10 µs a call whatever the length.
 * Bounded by the number of distinct characters (tens of thousands at most).
 */
const MAX_CACHED_CHARS = 200_000;
const simplifiedChar = new Map<string, string>();
const traditionalChar = new Map<string, string>();

function cached(cache: Map<string, string>, convert: (text: string) => string, ch: string): string {
  let out = cache.get(ch);
  if (out === undefined) {
    out = convert(ch);
    if (cache.size < MAX_CACHED_CHARS) cache.set(ch, out);
  }
  return out;
}

/** A string of one code point (one or two UTF-16 units). */
const isOneChar = (text: string) => text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff);

/**
 * Characters that t->s can change: those it changes alone, and those it changes only inside a phrase
 * (瞭 in 瞭解, 覆 in 反覆: read from opencc-js's own phrase dictionaries). A text with none of them is
 * its own Simplified form, and most of a corpus is such text: it is returned without the converter's
 * phrase matching, which costs about 1 µs a character. Null when the dictionaries cannot be read
 * (another opencc-js layout): then every text goes through the converter.
 */
const phraseTriggers: Set<string> | null = (() => {
  try {
    const triggers = new Set<string>();
    let phrases = 0;
    const visit = (dict: unknown): void => {
      if (Array.isArray(dict)) {
        for (const entry of dict) visit(entry);
        return;
      }
      const pairs = typeof dict === 'string' ? dict.split('|').map((entry) => entry.split(' ')) : dict && typeof dict === 'object' ? Object.entries(dict as Record<string, string>) : [];
      for (const [key] of pairs) {
        if (!key || key.length < 2) continue;
        phrases++;
        const out = t2s(key);
        if (out.length !== key.length) for (const ch of key) triggers.add(ch);
        else for (let i = 0; i < key.length; i++) if (out[i] !== key[i]) triggers.add(key[i]);
      }
    };
    const locale = (OpenCC as unknown as { Locale?: { from?: Record<string, unknown>; to?: Record<string, unknown> } }).Locale;
    visit(locale?.from?.t);
    visit(locale?.to?.cn);
    return phrases > 0 ? triggers : null;
  } catch {
    return null;
  }
})();

/** Per BMP code unit: 0 not looked at yet, 1 left alone by t->s, 2 may be changed by t->s. */
const t2sChange = new Uint8Array(0x10000);
/** First code unit that can be Han or a converted symbol (CJK radicals); below it t->s changes nothing. */
const FIRST_CJK = 0x2e80;

function mayChangeToSimplified(text: string): boolean {
  if (!phraseTriggers) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < FIRST_CJK) continue;
    if (c >= 0xd800 && c <= 0xdfff) return true; // astral characters: leave them to the converter
    let state = t2sChange[c];
    if (state === 0) {
      const ch = String.fromCharCode(c);
      state = t2s(ch) !== ch || phraseTriggers.has(ch) ? 2 : 1;
      t2sChange[c] = state;
    }
    if (state === 2) return true;
  }
  return false;
}

export function toSimplified(text: string): string {
  if (isOneChar(text)) return cached(simplifiedChar, t2s, text);
  return mayChangeToSimplified(text) ? t2s(text) : text;
}

export function toTraditional(text: string): string {
  return isOneChar(text) ? cached(traditionalChar, s2t, text) : s2t(text);
}

/** Convert Simplified text into the given script (Simplified text is the internal form). */
export function toScript(text: string, script: Script): string {
  return script === 'hant' ? toTraditional(text) : text;
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
  let seen = 0;
  for (let i = 0; i < text.length && seen < SCRIPT_SAMPLE_CHARS; i++) {
    const c = text.charCodeAt(i);
    if (c < FIRST_CJK) continue;
    let kind: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      kind = classify(text.slice(i, i + 2));
      i++;
    } else {
      kind = charKind[c] || classify(String.fromCharCode(c));
      charKind[c] = kind;
    }
    if (kind === KIND_OTHER) continue;
    seen++;
    if (kind === KIND_HANT) traditional++;
    else if (kind === KIND_HANS) simplified++;
  }
  return traditional > simplified ? 'hant' : 'hans';
}

/**
 * Han characters looked at to tell a text's script: the script of a document shows in its first pages,
 * and counting all of a 50 MB folder's characters took seconds.
 */
const SCRIPT_SAMPLE_CHARS = 50_000;
const KIND_OTHER = 1;
const KIND_SHARED = 2;
const KIND_HANT = 3;
const KIND_HANS = 4;
/** Per BMP code unit: 0 not looked at yet, else one of the KIND_ values. */
const charKind = new Uint8Array(0x10000);
function classify(ch: string): number {
  if (!HAN.test(ch)) return KIND_OTHER;
  return toSimplified(ch) !== ch ? KIND_HANT : toTraditional(ch) !== ch ? KIND_HANS : KIND_SHARED;
}

const WIDE = /[\uff01-\uff5e\u3000]/;
const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;
/** Full-width ASCII to half-width, ideographic space to space: so "９７．１８％" matches "97.18%". */
export function normalizeWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text.replace(WIDE_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** True if the text holds at least one Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** The matching form of any text: Simplified, half-width. */
export function matchingForm(text: string): string {
  if (text.length === 1) {
    const c = text.charCodeAt(0);
    let form = matchingBmp[c];
    if (form === undefined) {
      form = toSimplified(normalizeWidth(text));
      matchingBmp[c] = form;
    }
    return form;
  }
  if (isOneChar(text)) return cached(matchingChar, (ch) => toSimplified(normalizeWidth(ch)), text);
  let form = recentLines.get(text);
  if (form === undefined) {
    form = toSimplified(normalizeWidth(text));
    if (recentLines.size >= RECENT_LINES) recentLines.clear();
    recentLines.set(text, form);
  }
  return form;
}
const matchingChar = new Map<string, string>();
/** Matching form of each BMP character, filled as met (an array index is cheaper than a Map lookup). */
const matchingBmp: (string | undefined)[] = new Array(0x10000);
/**
 * The cleaner asks for the same line's matching form several times in a row (chrome, footer, byline,
 * signature rules each look at it): the last lines' forms are kept. Cleared when full, so it stays small.
 */
const RECENT_LINES = 4096;
const recentLines = new Map<string, string>();
