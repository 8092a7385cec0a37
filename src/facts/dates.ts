/**
 * Dates: absolute (2021-08-10 09:46, 2021年8月10日, 二〇二一年八月十日), year-month (2021年8月),
 * partial (8月6日, 6日) and relative to publication (昨天, 昨日, 前天), normalised to ISO with the
 * year/month taken from the document's publication date.
 */
import { parseNumeral } from './numerals.js';

export interface DateMention {
  /** ISO: 2021-08-06 (2021-08 for a year-month; --08-06 when a partial date has no reference date). */
  iso: string;
  /** As written. */
  written: string;
  index: number;
  end: number;
  /** HH:MM when written with the date. */
  time?: string;
  /** Which parts were written: the rest came from the reference date. */
  precision: 'full' | 'month-day' | 'day' | 'year-month' | 'relative';
}

const CN = '[〇零一二三四五六七八九十廿卅]';
const YEAR = `(\\d{4}|[〇零一二三四五六七八九]{4})`;
const MONTH = `(\\d{1,2}|${CN}{1,2})`;
const DAY = `(\\d{1,2}|${CN}{1,3})`;
/** Month names of Latin-lettered date lines: 2025-Mar-04. */
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Republic of China (民國) years: 113年 = 2024. A bare 3-digit year needs month and day (113年5月6日). */
export const ROC_YEAR_OFFSET = 1911;

const ISO_RE = /(?<!\d)(\d{4})[-/.](\d{1,2}|[A-Za-z]{3})[-/.](\d{1,2})(?!\d)(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?/g;
const FULL_RE = new RegExp(`${YEAR}\\s*年\\s*${MONTH}\\s*月\\s*${DAY}\\s*[日号]`, 'g');
const ROC_FULL_RE = new RegExp(`(?<![\\d〇零一二三四五六七八九])(?:(?:中华)?民国\\s*(\\d{2,3})|(1\\d\\d))\\s*年\\s*${MONTH}\\s*月\\s*${DAY}\\s*[日号]`, 'g');
const ROC_YEAR_MONTH_RE = new RegExp(`(?:中华)?民国\\s*(\\d{2,3})\\s*年\\s*${MONTH}\\s*月(?!\\s*(?:\\d|${CN}))`, 'g');
const YEAR_MONTH_RE = new RegExp(`${YEAR}\\s*年\\s*${MONTH}\\s*月(?!\\s*(?:\\d|${CN}))(?!份?[底初中末])`, 'g');
const MONTH_DAY_RE = new RegExp(`(?<![\\d年〇零一二三四五六七八九十])${MONTH}\\s*月\\s*${DAY}\\s*[日号]`, 'g');
const DAY_RE = /(?<=^|[，。；、：,;:\s“（(]|于|在|至|到|当|和|及|与|自|从|—|-|~|本报讯|讯)(\d{1,2})日(?!内|以内|之内|左右|前后|以来|多|以后|后)/g;
/** A day range with one 日: 11至13日, 11-13日. */
const DAY_RANGE_RE = /(?<=^|[，。；、：,;:\s“（(]|于|在|自|从)(\d{1,2})\s*(?:至|到|-|~|—)\s*(\d{1,2})日/g;
/** The day of a dateline: 台北18日电, 首尔12日专电 (any place before it). */
const DISPATCH_DAY_RE = /(\d{1,2})日(?=专电|电|讯)/g;
/** 今(15)日, 昨(14)日, 明(16)日: the day in brackets is the day meant. */
const BRACKETED_DAY_RE = /([今昨明前后])\s*\((\d{1,2})\)\s*[日天]/g;
/** 本月2日, 下月30日, 上个月5日, 次月1日. */
const MONTH_RELATIVE_RE = new RegExp(`(本|上|下|次)个?月\\s*${DAY}\\s*[日号]`, 'g');
/** 去年5月, 今年3月8日, 明年1月. */
const YEAR_RELATIVE_RE = new RegExp(`(前|去|今|明)年\\s*${MONTH}\\s*月(?:\\s*${DAY}\\s*[日号])?(?!\\s*(?:\\d|${CN}))(?!份?[底初中末])`, 'g');
const YEAR_OFFSET: Record<string, number> = { 前: -2, 去: -1, 今: 0, 明: 1 };
const MONTH_OFFSET: Record<string, number> = { 本: 0, 上: -1, 下: 1, 次: 1 };
/** Days relative to the document date, and how many days from it. */
const RELATIVE_DAYS: Record<string, number> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  昨晚: -1,
  昨夜: -1,
  今天: 0,
  今日: 0,
  今晨: 0,
  今早: 0,
  今晚: 0,
  明天: 1,
  明日: 1,
  明晚: 1,
  后天: 2,
};
/**
 * A relative day as its own word: not inside 如今天, 至今日, 先天后天, 昨日黄花 or a title like 今日头条, 明日之星
 * (前日 is left out: 前日本首相 is a former prime minister).
 * Longest first so 大前天 wins over 前天.
 */
const RELATIVE_RE = new RegExp(
  `(?<![如迄至即当今昨明前后大]|先天)(${Object.keys(RELATIVE_DAYS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?!头条|说法|之星|之|黄花|世界|中国|美国|新闻)`,
  'g',
);
/**
 * What every pattern above needs: a digit (ISO_RE, DAY_RE), 年 (FULL_RE, YEAR_MONTH_RE), 月 (MONTH_DAY_RE)
 * or a relative day. Most sentences have none and are skipped without running the patterns.
 */
const MAY_HOLD_DATE = /\d|[年月]|[昨今明前后][天日晚夜晨早]/;

const pad = (n: number) => String(n).padStart(2, '0');

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** The reference date (publication), from an ISO string. */
export function parseReference(published?: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

function dayNumber(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Year for a month-day: whichever of the reference year ±1 puts the date closest to the reference. */
export function resolveYear(month: number, day: number, ref: Ymd): number {
  const target = dayNumber(ref.y, ref.m, ref.d);
  let best = ref.y;
  let bestDist = Infinity;
  for (const y of [ref.y, ref.y - 1, ref.y + 1]) {
    if (!valid(y, month, day)) continue;
    const dist = Math.abs(dayNumber(y, month, day) - target);
    if (dist < bestDist) {
      best = y;
      bestDist = dist;
    }
  }
  return best;
}

/** Month (and year) for a day of month alone: whichever of the reference month ±1 is closest. */
export function resolveMonth(day: number, ref: Ymd): { y: number; m: number } {
  const target = dayNumber(ref.y, ref.m, ref.d);
  let best = { y: ref.y, m: ref.m };
  let bestDist = Infinity;
  for (const delta of [0, -1, 1]) {
    const dt = new Date(Date.UTC(ref.y, ref.m - 1 + delta, 1));
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + 1;
    if (!valid(y, m, day)) continue;
    const dist = Math.abs(dayNumber(y, m, day) - target);
    if (dist < bestDist) {
      best = { y, m };
      bestDist = dist;
    }
  }
  return best;
}

/** All dates in a Simplified text, in order, normalised against the publication date (ISO, optional). */
export function findDates(text: string, published?: string): DateMention[] {
  if (!MAY_HOLD_DATE.test(text)) return [];
  const ref = parseReference(published);
  const out: DateMention[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => taken.every(([s, e]) => b <= s || a >= e);
  const add = (mention: DateMention) => {
    if (!free(mention.index, mention.end)) return;
    taken.push([mention.index, mention.end]);
    out.push(mention);
  };
  const num = (s: string) => parseNumeral(s) ?? NaN;

  const at = (m: RegExpMatchArray) => ({ written: m[0], index: m.index!, end: m.index! + m[0].length });
  const shifted = (y: number, m: number, d: number) => {
    const dt = new Date(Date.UTC(y, m - 1, d));
    return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
  };

  for (const m of text.matchAll(ISO_RE)) {
    const named = MONTH_NAMES.indexOf(m[2].toLowerCase());
    const [y, mo, d] = [num(m[1]), /^\d/.test(m[2]) ? num(m[2]) : named + 1, num(m[3])];
    if (!valid(y, mo, d)) continue;
    const time = m[4] ? `${pad(num(m[4]))}:${m[5]}` : undefined;
    add({ iso: iso(y, mo, d), ...at(m), time, precision: 'full' });
  }
  for (const m of text.matchAll(FULL_RE)) {
    const [y, mo, d] = [num(m[1]), num(m[2]), num(m[3])];
    if (!valid(y, mo, d)) continue;
    add({ iso: iso(y, mo, d), ...at(m), precision: 'full' });
  }
  for (const m of text.matchAll(ROC_FULL_RE)) {
    const [y, mo, d] = [num(m[1] ?? m[2]) + ROC_YEAR_OFFSET, num(m[3]), num(m[4])];
    if (!valid(y, mo, d)) continue;
    add({ iso: iso(y, mo, d), ...at(m), precision: 'full' });
  }
  for (const m of text.matchAll(ROC_YEAR_MONTH_RE)) {
    const [y, mo] = [num(m[1]) + ROC_YEAR_OFFSET, num(m[2])];
    if (mo >= 1 && mo <= 12) add({ iso: `${y}-${pad(mo)}`, ...at(m), precision: 'year-month' });
  }
  if (ref) {
    for (const m of text.matchAll(YEAR_RELATIVE_RE)) {
      const y = ref.y + YEAR_OFFSET[m[1]];
      const mo = num(m[2]);
      if (m[3] === undefined) {
        if (mo >= 1 && mo <= 12) add({ iso: `${y}-${pad(mo)}`, ...at(m), precision: 'year-month' });
        continue;
      }
      const d = num(m[3]);
      if (valid(y, mo, d)) add({ iso: iso(y, mo, d), ...at(m), precision: 'relative' });
    }
  }
  for (const m of text.matchAll(YEAR_MONTH_RE)) {
    const [y, mo] = [num(m[1]), num(m[2])];
    if (!(mo >= 1 && mo <= 12) || y < 1900 || y > 2200) continue;
    add({ iso: `${y}-${pad(mo)}`, ...at(m), precision: 'year-month' });
  }
  if (ref) {
    for (const m of text.matchAll(MONTH_RELATIVE_RE)) {
      const d = num(m[2]);
      const first = new Date(Date.UTC(ref.y, ref.m - 1 + MONTH_OFFSET[m[1]], 1));
      const [y, mo] = [first.getUTCFullYear(), first.getUTCMonth() + 1];
      if (valid(y, mo, d)) add({ iso: iso(y, mo, d), ...at(m), precision: 'relative' });
    }
  }
  for (const m of text.matchAll(MONTH_DAY_RE)) {
    const [mo, d] = [num(m[1]), num(m[2])];
    if (!valid(2000, mo, d)) continue;
    const value = ref ? iso(resolveYear(mo, d, ref), mo, d) : `--${pad(mo)}-${pad(d)}`;
    add({ iso: value, ...at(m), precision: 'month-day' });
  }
  // A day alone takes its month from the date before it in the same text (8月6日至8日), else it is the
  // day of the document's month nearest the document date (28日 in a page of 3 September is 28 August).
  const dayAlone = (d: number, index: number): string | null => {
    const previous = out.filter((x) => x.end <= index && /^\d{4}-\d{2}-\d{2}$/.test(x.iso)).sort((a, b) => b.end - a.end)[0];
    if (previous) {
      const [py, pm] = previous.iso.split('-').map(Number);
      return valid(py, pm, d) ? iso(py, pm, d) : null;
    }
    if (!ref) return null;
    const { y, m: mo } = resolveMonth(d, ref);
    return valid(y, mo, d) ? iso(y, mo, d) : null;
  };
  if (ref) {
    for (const m of text.matchAll(BRACKETED_DAY_RE)) {
      const { y, m: mo } = resolveMonth(num(m[2]), ref);
      if (valid(y, mo, num(m[2]))) add({ iso: iso(y, mo, num(m[2])), ...at(m), precision: 'relative' });
    }
  }
  for (const m of text.matchAll(DAY_RANGE_RE)) {
    const index = m.index!;
    const firstEnd = index + m[0].indexOf(m[1]) + m[1].length;
    const lastAt = index + m[0].lastIndexOf(m[2]);
    const first = dayAlone(num(m[1]), index);
    const last = dayAlone(num(m[2]), index);
    if (!first || !last || first > last) continue;
    add({ iso: first, written: m[1], index, end: firstEnd, precision: 'day' });
    add({ iso: last, written: m[0].slice(lastAt - index), index: lastAt, end: index + m[0].length, precision: 'day' });
  }
  for (const re of [DAY_RE, DISPATCH_DAY_RE]) {
    for (const m of text.matchAll(re)) {
      const index = m.index!;
      const end = index + m[0].length;
      if (!free(index, end)) continue;
      const value = dayAlone(num(m[1]), index);
      if (value) add({ iso: value, written: m[0], index, end, precision: 'day' });
    }
  }
  if (ref) {
    for (const m of text.matchAll(RELATIVE_RE)) {
      add({ iso: shifted(ref.y, ref.m, ref.d + RELATIVE_DAYS[m[1]]), ...at(m), precision: 'relative' });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
