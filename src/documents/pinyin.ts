/**
 * Pinyin readings left behind by web "add pinyin" converters: `長(zhǎng)安網(wǎng)`.
 *
 * A parenthesis after a Han character is only taken for a reading when everything inside it is
 * pinyin: one or more syllables of a known shape (initial + final), lowercase, with tone marks.
 * Real parentheses — `(北京)`, `(2021)`, `(GDP)`, `(China)`, `(党委)` — never qualify: they hold Han
 * characters, digits, capitals, or letters that are not pinyin syllables.
 */

/** A reading found in a text: where it is and what it says (parentheses included). */
export interface PinyinReading {
  index: number;
  text: string;
}

// Candidate: a parenthesised run of letters (with combining marks, for decomposed text) right after a
// Han character. ASCII or full-width parentheses, in any mix.
const CANDIDATE = /(?<=\p{Script=Han})[(（]([\p{L}\p{M}' ’-]{1,40})[)）]/gu;

// Syllable shape: optional initial, then a final (optionally erhua r); or a syllabic nasal.
// This is a shape check, not a full table of legal syllables: it is there to reject words like
// "China" or "GDP", not to validate spelling.
const SYLLABLE =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|io|iu|in|ua|uo|ui|un|ve|vn|ue|a|o|e|i|u|v)r?|m|n|ng|hm|hng)$/;

// Tone marks as combining characters (text is decomposed before looking): macron, acute, caron, grave.
const TONE_MARKS = /[\u0304\u0301\u030c\u0300]/g;

/**
 * How pinyin-like is this parenthesised content?
 * 'toned': every syllable has a known shape and at least one carries a tone mark.
 * 'toneless': a single lowercase syllable of known shape without a tone mark (neutral tone `(de)`).
 * null: not pinyin.
 */
function classifyPinyin(content: string): 'toned' | 'toneless' | null {
  const decomposed = content.normalize('NFD');
  const hasTone = /[\u0304\u0301\u030c\u0300]/.test(decomposed);
  // ü (u + diaeresis) is written v in the syllable table; ê counts as e.
  const bare = decomposed
    .replace(/u\u0308/gi, 'v')
    .replace(/e\u0302/gi, 'e')
    .replace(TONE_MARKS, '');
  if (!/^[a-zA-Z' ’-]+$/.test(bare)) return null;
  const syllables = bare.split(/[' ’-]+/).filter(Boolean);
  if (!syllables.length) return null;
  // Converters write readings in lowercase. A capital is only tolerated at the start of a word of a toned
  // reading (a romanised gloss like `北京(Běijīng)` is still a reading; `(China)`, `(GDP)` are not).
  const capitalsOk = hasTone && syllables.every((s) => !/[A-Z]/.test(s.slice(1)));
  if (/[A-Z]/.test(bare) && !capitalsOk) return null;
  const lower = syllables.map((s) => s.toLowerCase());
  if (!lower.every((s) => isSyllableSequence(s))) return null;
  if (hasTone) return 'toned';
  return lower.length === 1 && SYLLABLE.test(lower[0]) ? 'toneless' : null;
}

/** True if the letters split into one or more syllables (readings are often written unspaced: chángān). */
function isSyllableSequence(letters: string): boolean {
  const ok: boolean[] = new Array(letters.length + 1).fill(false);
  ok[0] = true;
  for (let end = 1; end <= letters.length; end++) {
    for (let start = Math.max(0, end - 6); start < end && !ok[end]; start++) {
      if (ok[start] && SYLLABLE.test(letters.slice(start, end))) ok[end] = true;
    }
  }
  return ok[letters.length];
}

/** Toned readings a text must carry before toneless ones are trusted (see findPinyinReadings). */
const MIN_TONED_FOR_TONELESS = 3;

/**
 * Find the pinyin readings in a text.
 * Toned readings are always taken. A toneless single syllable (a neutral tone such as `的(de)`) is only
 * taken when the text carries at least MIN_TONED_FOR_TONELESS toned readings, i.e. when it is known to be
 * converter output: in ordinary text `(pin)` after a Han character is too likely to be an English word.
 */
export function findPinyinReadings(text: string): PinyinReading[] {
  const toned: PinyinReading[] = [];
  const toneless: PinyinReading[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const kind = classifyPinyin(m[1]);
    if (kind === 'toned') toned.push({ index: m.index!, text: m[0] });
    else if (kind === 'toneless') toneless.push({ index: m.index!, text: m[0] });
  }
  const all = toned.length >= MIN_TONED_FOR_TONELESS ? [...toned, ...toneless] : toned;
  return all.sort((a, b) => a.index - b.index);
}

/** Remove pinyin readings that follow Han characters: `長(zhǎng)安網(wǎng)` -> `長安網`. */
export function stripPinyinReadings(text: string): string {
  return removeReadings(text, findPinyinReadings(text));
}

/** Remove the given readings (as found by findPinyinReadings on the same text). */
export function removeReadings(text: string, readings: PinyinReading[]): string {
  let out = '';
  let last = 0;
  for (const r of readings) {
    out += text.slice(last, r.index);
    last = r.index + r.text.length;
  }
  return out + text.slice(last);
}
