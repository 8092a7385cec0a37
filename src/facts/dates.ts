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

const CN = '[〇零一二三四五六七八九十]';
const YEAR = `(\\d{4}|[〇零一二三四五六七八九]{4})`;
const MONTH = `(\\d{1,2}|${CN}{1,2})`;
const DAY = `(\\d{1,2}|${CN}{1,3})`;

const ISO_RE = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?/g;
const FULL_RE = new RegExp(`${YEAR}\\s*年\\s*${MONTH}\\s*月\\s*${DAY}\\s*[日号]`, 'g');
const YEAR_MONTH_RE = new RegExp(`${YEAR}\\s*年\\s*${MONTH}\\s*月(?!\\s*(?:\\d|${CN}))(?!份?[底初中末])`, 'g');
const MONTH_DAY_RE = new RegExp(`(?<![\\d年〇零一二三四五六七八九十])${MONTH}\\s*月\\s*${DAY}\\s*[日号]`, 'g');
const DAY_RE = /(?<=^|[，。；、：,;:\s“（(]|于|在|至|到|当|和|—|-|~|本报讯|讯)(\d{1,2})日(?!内|以内|之内|左右|前后|以来|多|以后|后)/g;
const RELATIVE_RE = /(?<=^|[，。；、：,;:\s（(]|本报讯|讯)(昨天|昨日|前天)/g;
/**
 * What every pattern above needs: a digit (ISO_RE, DAY_RE), 年 (FULL_RE, YEAR_MONTH_RE), 月 (MONTH_DAY_RE)
 * or a relative day. Most sentences have none and are skipped without running the patterns.
 */
const MAY_HOLD_DATE = /\d|[年月]|昨天|昨日|前天/;

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

  for (const m of text.matchAll(ISO_RE)) {
    const [y, mo, d] = [num(m[1]), num(m[2]), num(m[3])];
    if (!valid(y, mo, d)) continue;
    const time = m[4] ? `${pad(num(m[4]))}:${m[5]}` : undefined;
    add({ iso: iso(y, mo, d), written: m[0], index: m.index!, end: m.index! + m[0].length, time, precision: 'full' });
  }
  for (const m of text.matchAll(FULL_RE)) {
    const [y, mo, d] = [num(m[1]), num(m[2]), num(m[3])];
    if (!valid(y, mo, d)) continue;
    add({ iso: iso(y, mo, d), written: m[0], index: m.index!, end: m.index! + m[0].length, precision: 'full' });
  }
  for (const m of text.matchAll(YEAR_MONTH_RE)) {
    const [y, mo] = [num(m[1]), num(m[2])];
    if (!(mo >= 1 && mo <= 12) || y < 1900 || y > 2200) continue;
    add({ iso: `${y}-${pad(mo)}`, written: m[0], index: m.index!, end: m.index! + m[0].length, precision: 'year-month' });
  }
  for (const m of text.matchAll(MONTH_DAY_RE)) {
    const [mo, d] = [num(m[1]), num(m[2])];
    if (!valid(2000, mo, d)) continue;
    const value = ref ? iso(resolveYear(mo, d, ref), mo, d) : `--${pad(mo)}-${pad(d)}`;
    add({ iso: value, written: m[0], index: m.index!, end: m.index! + m[0].length, precision: 'month-day' });
  }
  for (const m of text.matchAll(DAY_RE)) {
    const d = num(m[1]);
    const index = m.index!;
    const end = index + m[0].length;
    if (!free(index, end)) continue;
    // A day alone takes its month from the date before it in the same text (8月6日至8日), else from the reference.
    const previous = out.filter((x) => x.end <= index && /^\d{4}-\d{2}-\d{2}$/.test(x.iso)).sort((a, b) => b.end - a.end)[0];
    let value: string | null = null;
    if (previous) {
      const [py, pm] = previous.iso.split('-').map(Number);
      if (valid(py, pm, d)) value = iso(py, pm, d);
    } else if (ref) {
      const { y, m: mo } = resolveMonth(d, ref);
      if (valid(y, mo, d)) value = iso(y, mo, d);
    }
    if (value) add({ iso: value, written: m[0], index, end, precision: 'day' });
  }
  if (ref) {
    for (const m of text.matchAll(RELATIVE_RE)) {
      const back = m[1] === '前天' ? 2 : 1;
      const dt = new Date(Date.UTC(ref.y, ref.m - 1, ref.d - back));
      add({
        iso: iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()),
        written: m[0],
        index: m.index!,
        end: m.index! + m[0].length,
        precision: 'relative',
      });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
