/**
 * Numbers as Chinese writes them: Chinese numerals (一千零五十六, 四万二千, 两千零一十六, 十五, 廿三, 卅),
 * Arabic digits with thousands separators and decimals (2,300, 97.18), and both mixed with the large
 * units 万/亿 (1.5万, 2万8,500, 431022亿, 1亿2千万). Colloquial elision is read as spoken: 一百五 = 150,
 * 四万二 = 42000. Digit-by-digit runs (二〇二一) are years and read digit by digit.
 */

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** 廿 = 20, 卅 = 30, 卌 = 40: written alone or followed by a digit (廿三 = 23). */
const TENS: Record<string, number> = { 廿: 20, 卅: 30, 卌: 40 };
const BIG_UNITS: Array<[string, number]> = [
  ['亿', 1e8],
  ['万', 1e4],
];

/** Chinese digits (no units). */
export const CN_DIGIT_CHARS = '〇零一二两三四五六七八九';
/** Characters that may form a Chinese numeral. */
export const CN_NUMERAL_CHARS = `${CN_DIGIT_CHARS}十百千万亿廿卅卌`;

/** Arabic number: 2300, 2,300, 97.18 (a group separator only between groups of three). */
export const ARABIC_NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?`;
/** Large units after Arabic digits (1.5万, 431022亿, 3千万). */
const MIXED_UNIT = '(?:千万|百万|十万|万亿|亿|万|千|百)';
/**
 * One number as written, for use inside a larger pattern: Arabic (with 万/亿 and a second part:
 * 2万8,500, 1亿2千万), or a Chinese numeral run (with a decimal part: 三点五).
 */
/** Arabic digits with the large units: 1.5万, 2万8,500, 1亿2千万. */
export const ARABIC_WITH_UNITS = `${ARABIC_NUMBER}(?:${MIXED_UNIT}(?:${ARABIC_NUMBER}${MIXED_UNIT}?)?)?`;
export const NUMBER_PATTERN = `(?:${ARABIC_WITH_UNITS}|[${CN_NUMERAL_CHARS}]+(?:点[${CN_DIGIT_CHARS}]+)?)`;

const ARABIC_ONLY = new RegExp(`^${ARABIC_NUMBER}$`);
const CN_ONLY = new RegExp(`^[${CN_NUMERAL_CHARS}]+$`);

/** A number below 10000 written with Chinese digits and 十/百/千 (廿, 卅 included), or Arabic digits. */
function parseSection(t: string): number | null {
  if (!t) return 0;
  if (ARABIC_ONLY.test(t)) return Number(t.replace(/,/g, ''));
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let zeroSeen = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch in DIGITS) {
      if (digit !== null && DIGITS[ch] !== 0) return null; // 二三 inside a section is not a number
      if (DIGITS[ch] === 0) zeroSeen = true;
      else digit = DIGITS[ch];
    } else if (ch in TENS) {
      if (digit !== null || section % 100 >= 10) return null;
      section += TENS[ch];
      lastUnit = 10;
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (lastUnit && unit >= lastUnit) return null; // 十百 / 百百
      section += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
      zeroSeen = false;
    } else if (/\d/.test(ch)) {
      // Arabic digits before a unit: 3千, 5百.
      const run = /^\d+/.exec(t.slice(i))![0];
      if (digit !== null) return null;
      digit = Number(run);
      i += run.length - 1;
    } else return null;
  }
  if (digit !== null) {
    // 一百五 = 150 (a last digit right after a unit, no 零 between, counts in the next lower unit).
    section += lastUnit >= 100 && !zeroSeen ? digit * (lastUnit / 10) : digit;
  }
  return section;
}

function parseWithBigUnits(t: string, depth: number): number | null {
  if (depth < BIG_UNITS.length) {
    const [unit, value] = BIG_UNITS[depth];
    const at = t.indexOf(unit);
    if (at >= 0) {
      const head = t.slice(0, at);
      const tail = t.slice(at + unit.length);
      const high = head ? parseWithBigUnits(head, depth) : 1;
      if (high === null) return null;
      // 四万二 = 42000, 2万8 = 28000, 1亿5 = 1.5亿: a single digit after a large unit is its next lower place.
      const lone = /^(?:[一二两三四五六七八九]|\d)$/.exec(tail);
      const low = lone ? (DIGITS[tail] ?? Number(tail)) * (value / 10) : parseWithBigUnits(tail.replace(/^[零〇]/, ''), depth + 1);
      if (low === null || low >= value) return null;
      return high * value + low;
    }
    return parseWithBigUnits(t, depth + 1);
  }
  return parseSection(t);
}

/**
 * Parse "97", "2,300", "1.5万", "2万8,500", "十八", "一千零五十六", "两千零一十六", "四万二千", "廿三",
 * "三点五" or a digit-by-digit "二〇二一" into a number. Returns null when the text is not one numeral
 * (三四 "three or four", 千万 alone "by all means" are left to the caller's context: 三四 gives null).
 */
export function parseNumeral(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  if (ARABIC_ONLY.test(t)) return Number(t.replace(/,/g, ''));
  // Decimal Chinese: 三点五, 九十二点五.
  const point = t.indexOf('点');
  if (point > 0) {
    const int = parseNumeral(t.slice(0, point));
    const frac = Array.from(t.slice(point + 1)).map((c) => DIGITS[c]);
    if (int === null || !frac.length || frac.some((d) => d === undefined)) return null;
    return Number(`${int}.${frac.join('')}`);
  }
  if (CN_ONLY.test(t) && !/[十百千万亿廿卅卌]/.test(t)) {
    if (t.length === 1) return DIGITS[t] ?? null;
    // Digit by digit (years: 二〇二一) only with a zero or four digits; 三四 is "three or four".
    if (t.length !== 4 && !/[〇零]/.test(t)) return null;
    let n = 0;
    for (const ch of t) n = n * 10 + DIGITS[ch];
    return n;
  }
  if (/^[万亿]/.test(t)) return null;
  const value = parseWithBigUnits(t, 0);
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 1e6) / 1e6;
}
