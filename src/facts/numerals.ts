/**
 * Chinese numerals: 一..九, 十, 百, 千, 万, 两, 〇/零, mixed with Arabic digits.
 */

const DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may form a Chinese numeral. */
export const CN_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千万';

/**
 * Parse "97", "6", "十八", "二十一", "一百零五", "两", "三万" or a digit-by-digit "二〇二一" into a number.
 * Returns null when the text is not a numeral.
 */
export function parseNumeral(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  if (!new RegExp(`^[${CN_NUMERAL_CHARS}]+$`).test(t)) return null;
  // Digit-by-digit (years): 二〇二一
  if (!/[十百千万]/.test(t)) {
    if (t.length === 1) return DIGITS[t] ?? null;
    let n = 0;
    for (const ch of t) n = n * 10 + (DIGITS[ch] ?? 0);
    return n;
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of t) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      section += (digit || 1) * UNITS[ch];
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}
