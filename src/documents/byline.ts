/**
 * Bylines: the `来源:… 作者:… 发布时间:…` lines of a news page, turned into DocumentMeta fields.
 *
 * Labels are recognised in the matching form (Simplified, half-width), so `來源：` and `来源:` are the
 * same label; values are cut from the original line, so they stay in the document's own script.
 * Labels need a colon, which is what lets glued bylines like
 * `2021-08-19 09:40:53来源:辽宁日报编辑:王巍责编:李胜兰` be split without separators.
 */
import { matchingForm } from '../text/script.js';
import type { DocumentMeta } from '../types.js';

export type BylineFields = Partial<Pick<DocumentMeta, 'originalTitle' | 'source' | 'author' | 'editor' | 'responsibleEditor' | 'published'>>;
type BylineField = keyof BylineFields;

/** Label words (matching form) and the field each fills; null = a known label whose value is not kept. */
const LABELS: Array<[string[], BylineField | null]> = [
  [['原标题', '原题'], 'originalTitle'],
  [['责任编辑', '责编'], 'responsibleEditor'],
  [['编辑'], 'editor'],
  // Notices name the issuing office instead of an outlet: 发布单位:教务处注册组.
  [['来源', '稿源', '出处', '信息来源', '来源单位', '发布单位', '发布机构', '发布部门', '发文单位', '发文机关', '发文机构'], 'source'],
  // 通讯员 / 实习生 are credited but are not reporters: their names never go into author (see reporterNames).
  [['作者', '记者', '撰稿', '撰文', '通讯员', '实习生'], 'author'],
  [
    [
      '发布时间',
      '发表时间',
      '发布日期',
      '发表日期',
      '更新时间',
      '更新日期',
      '发文日期',
      '发文时间',
      '成文日期',
      '公布日期',
      '公布时间',
      '出版时间',
      '出版日期',
      '出版',
      '刊出日期',
      '刊登日期',
      '见报日期',
      '发稿时间',
      '上线时间',
      '录入时间',
      '发布于',
      '发表于',
      '更新于',
      '时间',
      '日期',
    ],
    'published',
  ],
  // Known page labels: recognised so they end the previous value, but not stored.
  [
    [
      '审核',
      '审校',
      '校对',
      '监制',
      '策划',
      '统筹',
      '摄影',
      '摄像',
      '制图',
      '图片',
      '视频',
      '浏览次数',
      '浏览量',
      '浏览',
      '阅读量',
      '阅读',
      '点击量',
      '点击数',
      '点击',
      '字号',
      '字体',
      '分享到',
      '分享',
    ],
    null,
  ],
];

const FIELD_OF_LABEL = new Map<string, BylineField | null>(LABELS.flatMap(([words, field]) => words.map((w) => [w, field] as const)));
// Longest first, so 责任编辑 wins over 编辑 and 发布时间 over 时间 at the same position.
const LABEL_WORDS = [...FIELD_OF_LABEL.keys()].sort((a, b) => b.length - a.length);
const LABEL = new RegExp(`(${LABEL_WORDS.join('|')})\\s*:`, 'g');

/** Role words in front of reporters' names: 记者, 驻铁岭记者, 新华社记者, 通讯员… */
const ROLE_WORDS = ['特约记者', '见习记者', '实习记者', '首席记者', '记者', '特派员', '通讯员', '实习生', '作者', '撰稿人', '撰稿'];
/**
 * Roles credited next to reporters that are not reporters themselves: a 通讯员 is a correspondent
 * from the organisation written about, a 实习生 an intern. Their names stay out of `author`.
 */
const CONTRIBUTOR_ROLES = new Set(['通讯员', '实习生']);
// A role word together with whatever is glued in front of it within one token (驻铁岭记者, 辽宁日报记者).
const ROLE_WITH_PREFIX = new RegExp(`[^\\s、,;/|()]*?(?:${ROLE_WORDS.join('|')})`, 'g');

/** Characters that separate byline items; trimmed off the ends of values. */
const SEPARATOR_EDGES = /^[\s|｜丨/\\,，;；:：]+|[\s|｜丨/\\,，;；:：]+$/g;
const OPENERS = '(（[【';
const CLOSERS = ')）]】';
const count = (text: string, chars: string) => [...text].filter((c) => chars.includes(c)).length;

/**
 * A metadata value as shown to users: separators trimmed off the ends, brackets that wrapped the
 * byline item (`【来源：新华网】` -> `新华网`) dropped when they no longer pair up, and whitespace runs
 * (no-break spaces left by web pages, doubled spaces) made one plain space. A value's own balanced
 * brackets stay: `…取得实效(图)`.
 */
export function tidyValue(value: string): string {
  let v = value.replace(SEPARATOR_EDGES, '');
  for (;;) {
    const before = v;
    // An opener at the end or a closer at the start belongs to the neighbouring item, never to this one.
    if (v && OPENERS.includes(v[v.length - 1])) v = v.slice(0, -1);
    if (v && CLOSERS.includes(v[0])) v = v.slice(1);
    if (v && CLOSERS.includes(v[v.length - 1]) && count(v, CLOSERS) > count(v, OPENERS)) v = v.slice(0, -1);
    if (v && OPENERS.includes(v[0]) && count(v, OPENERS) > count(v, CLOSERS)) v = v.slice(1);
    v = v.replace(SEPARATOR_EDGES, '');
    if (v === before) break;
  }
  return v.replace(/\s+/g, ' ');
}

/**
 * Matching form with the same length as the input, so an index found in it is an index into the
 * original: each character is converted alone and kept as is if its conversion would change the length.
 */
export function alignedMatchingForm(text: string): string {
  let out = '';
  for (const ch of text) {
    const m = matchingForm(ch);
    out += m.length === ch.length ? m : ch;
  }
  return out;
}

// Dates as pages write them, in the matching form (half-width): 2021-08-10 09:46, 2021/8/10,
// 2021.08.10, 2021年8月10日 9时46分, 2021-08-19 09:40:53.
const DATE =
  /(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})(?!\d)\s*分?(?:\s*:?\s*(\d{1,2})(?!\d)\s*秒?)?)?/;
// A Republic of China year is converted only when the era is named (民國113年5月6日): a bare 113年 or
// 113學年度 could be anything, and the wire serial 1130118 is not a date at all.
/** An ASCII or full-width digit: what DATE, ROC_DATE and BARE_ROC_DATE all need. */
const ANY_DIGIT = /[0-9\uff10-\uff19]/;
const ROC_DATE = new RegExp(DATE.source.replace('(?<!\\d)(\\d{4})', '(?:中华)?民国\\s*(\\d{1,3})'));
// After a date label (發布日期：113-05-06, 日期：113年5月6日) a 3-digit year is a 民國 year without the era named.
const BARE_ROC_DATE = new RegExp(DATE.source.replace('(?<!\\d)(\\d{4})', '^(1\\d\\d)'));
const ROC_YEAR_OFFSET = 1911;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month as written: 3, 03, Mar, March. */
function monthNumber(written: string): string {
  const named = MONTH_NAMES.indexOf(written.slice(0, 3).toLowerCase());
  return named >= 0 ? String(named + 1) : written;
}

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

/** Find the first date (with its time when given) in a text: ISO 8601 plus where it was. */
export function findDate(text: string, options: { bareRocYear?: boolean } = {}): FoundDate | undefined {
  // Every date form needs a digit (the matching form only turns full-width digits into ASCII ones):
  // most lines a cleaner looks at have none, and converting them character by character is the cost.
  if (!ANY_DIGIT.test(text)) return undefined;
  const form = alignedMatchingForm(text);
  const matches = [
    ...[...form.matchAll(new RegExp(DATE.source, 'gi'))].map((m) => ({ m, year: m[1] })),
    ...[...form.matchAll(new RegExp(ROC_DATE.source, 'gi'))].map((m) => ({ m, year: String(Number(m[1]) + ROC_YEAR_OFFSET) })),
    ...(options.bareRocYear ? [...form.matchAll(new RegExp(BARE_ROC_DATE.source, 'gi'))].map((m) => ({ m, year: String(Number(m[1]) + ROC_YEAR_OFFSET) })) : []),
  ].sort((a, b) => a.m.index! - b.m.index!);
  for (const { m, year: y } of matches) {
    const [, , written, d, h, mi, s] = m;
    const mo = monthNumber(written);
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const pad = (n: string) => n.padStart(2, '0');
    let iso = `${y}-${pad(mo)}-${pad(d)}`;
    let length = m[0].length;
    if (h !== undefined && Number(h) < 24 && Number(mi) < 60 && (s === undefined || Number(s) < 60)) {
      iso += `T${pad(h)}:${pad(mi)}${s !== undefined ? `:${pad(s)}` : ''}`;
    } else if (h !== undefined) {
      // Not a valid time after all: the date alone is the match.
      length = dateOnlyLength(m[0]);
    }
    return { iso, index: m.index!, length };
  }
  return undefined;
}

function dateOnlyLength(match: string): number {
  const m = match.match(/^(?:\d{4}|(?:中华)?民国\s*\d{1,3}|1\d\d)\s*[-/.年]\s*(?:\d{1,2}|[a-z]{3,9}\.?)\s*[-/.月]\s*\d{1,2}\s*日?/i);
  return m ? m[0].length : match.length;
}

/** A date in ISO 8601, or undefined: `2021-08-10 09:46` -> `2021-08-10T09:46`, `2021年8月10日` -> `2021-08-10`. */
export function parseDate(text: string): string | undefined {
  return findDate(text)?.iso;
}

/**
 * Reporters' names without role words: `駐鐵嶺記者 江海峰` -> `江海峰`, `记者 张三 通讯员 李四` -> `张三 李四`,
 * `新华社记者张三、李四` -> `张三、李四`. Names with no role word are kept as written.
 */
export function stripRoleWords(value: string): string {
  const form = alignedMatchingForm(value);
  let out = '';
  let last = 0;
  for (const m of form.matchAll(ROLE_WITH_PREFIX)) {
    out += value.slice(last, m.index) + ' ';
    last = m.index! + m[0].length;
  }
  out += value.slice(last);
  return tidyValue(out);
}

/**
 * The reporters among credited names: `记者 陈晓燕 通讯员 李俊` -> `陈晓燕`, `新华社记者张三、李四` -> `张三、李四`.
 * Names follow the role word in front of them; names after 通讯员/实习生 are left out. Names before any
 * role word count as `leading` says (a 通讯员: label makes them contributors). Undefined when no reporter is named.
 */
export function reporterNames(value: string, leading: 'reporter' | 'contributor' = 'reporter'): string | undefined {
  const form = alignedMatchingForm(value);
  const parts: string[] = [];
  let kind = leading;
  let last = 0;
  let seenRole = false;
  for (const m of form.matchAll(ROLE_WITH_PREFIX)) {
    const role = ROLE_WORDS.find((w) => m[0].endsWith(w))!;
    const roleStart = m.index! + m[0].length - role.length;
    // What is glued in front of a role word is its organisation (辽宁日报记者), except right after another
    // role word that has no names yet: `记者张三通讯员李四` glues 张三 to 通讯员.
    const segmentEnd = seenRole && !tidyValue(value.slice(last, m.index)) ? roleStart : m.index!;
    if (kind === 'reporter') parts.push(value.slice(last, segmentEnd));
    kind = CONTRIBUTOR_ROLES.has(role) ? 'contributor' : 'reporter';
    last = m.index! + m[0].length;
    seenRole = true;
  }
  if (kind === 'reporter') parts.push(value.slice(last));
  const names = tidyValue(parts.map(tidyValue).filter(Boolean).join(' '));
  return names || undefined;
}

/**
 * Parse a line that is a byline. Returns null when the line is not one: a byline starts (after
 * brackets) with a known label and a colon, or with a date followed by nothing or by labels, and
 * yields at least one field. Sentences that merely contain `来源:` somewhere are not bylines.
 */
export function parseByline(line: string): BylineFields | null {
  // A serial number after a bracketed credit, `（編輯：陳怡君）1130118`, is the wire's filing code, not a value.
  const text = line.trim().replace(/^([(（[【].*[)）\]】])\s*\d{4,10}$/u, '$1');
  if (!text || [...text].length > 160) return null;
  const form = alignedMatchingForm(text);
  const lead = form.match(/^[\s([【<]*/)![0].length;

  // 原标题: the whole rest of the line is the value, whatever it contains.
  const original = form.slice(lead).match(/^(原标题|原题)\s*:/);
  if (original) {
    const value = tidyValue(text.slice(lead + original[0].length));
    return value ? { originalTitle: value } : null;
  }

  const labels = [...form.matchAll(LABEL)];
  const fields: BylineFields = {};
  const firstLabelAt = labels.length ? labels[0].index! : form.length;
  if (firstLabelAt !== lead) {
    // Not label-first: accept a leading date followed only by separators and then labels (or nothing).
    const date = findDate(text.slice(lead));
    if (date?.index !== 0) return null;
    const between = form.slice(lead + date.length, firstLabelAt);
    if (!/^[\s|｜丨/\\,;)\]】]*$/.test(between)) return null;
    fields.published = date.iso;
  }

  // A line naming only 通讯员 (`通讯员：李俊`) is still a byline, though it fills no field.
  let creditsOnly = false;
  labels.forEach((m, i) => {
    const field = FIELD_OF_LABEL.get(m[1]);
    const end = i + 1 < labels.length ? labels[i + 1].index! : text.length;
    let value = tidyValue(text.slice(m.index! + m[0].length, end));
    if (!field || !value) return;
    if (field === 'published') {
      const iso = findDate(value, { bareRocYear: true })?.iso;
      if (iso && !fields.published) fields.published = iso;
      return;
    }
    // A date stuck to another value (`来源:新华网 2021-08-10`) is the publication date.
    const date = findDate(value);
    if (date) {
      if (!fields.published) fields.published = date.iso;
      value = tidyValue(value.slice(0, date.index) + ' ' + value.slice(date.index + date.length));
    }
    if (field === 'author') {
      const names = reporterNames(value, CONTRIBUTOR_ROLES.has(m[1]) ? 'contributor' : 'reporter');
      if (!names) creditsOnly ||= /\p{Script=Han}/u.test(value);
      value = names ?? '';
    }
    if (!value) return;
    // Several reporter labels (作者:…, 记者:…) add up; other fields keep the first value.
    if (field === 'author' && fields.author) fields.author += ` ${value}`;
    else if (!fields[field]) fields[field] = value;
  });

  // Labels that yielded nothing (`时间:8月6日上午` in an event notice) do not make a byline.
  return Object.keys(fields).length || creditsOnly ? fields : null;
}

/**
 * A reporter credit closing an article: `…研究部署下步工作。(辽宁日报记者 杨忠厚)` or a line `（记者 张三 李四）`.
 * Returns the names (role words removed), or undefined.
 */
export function findReporterCredit(paragraph: string): string | undefined {
  const text = paragraph.trim();
  const m = alignedMatchingForm(text).match(/\(([^()]{1,40})\)$/);
  return m ? namesFromCredit(text.slice(m.index! + 1, text.length - 1)) : undefined;
}

/**
 * A reporter credit right after a dateline, at the start of an article:
 * `新华社北京8月10日电（记者王小明、李大华）…` or `本报讯（记者 张三）…`. Returns the names, or undefined.
 */
export function findDatelineCredit(paragraph: string): string | undefined {
  const text = paragraph.trim();
  const m = alignedMatchingForm(text).match(/^[^()。]{0,30}?(?:电|讯)\s*\(([^()]{1,40})\)/);
  return m ? namesFromCredit(text.slice(m.index! + m[0].length - m[1].length - 1, m.index! + m[0].length - 1)) : undefined;
}

/**
 * A bracketed credit: `记者 张三 通讯员 李四`. The credit must name a role (记者/通讯员/作者) and everything
 * else must look like names: a few short runs of Han characters separated by spaces or 、. Returns
 * undefined when the text is not a credit; `reporters` is unset for a credit naming only 通讯员/实习生.
 */
export function parseCredit(inner: string): { reporters?: string } | undefined {
  const innerForm = alignedMatchingForm(inner);
  if (!ROLE_WORDS.some((w) => innerForm.includes(w))) return undefined;
  const everyone = stripRoleWords(inner);
  if (!everyone || !/^[\p{Script=Han}·•\s、,，]+$/u.test(everyone)) return undefined;
  // Names are short (2-4 characters; transliterated ones are joined with ·): a longer run is a remark.
  const tokens = everyone.split(/[\s、,，]+/);
  if (tokens.length > 6 || tokens.some((t) => [...t].length > 4 && !/[·•]/.test(t))) return undefined;
  const reporters = reporterNames(inner);
  return reporters ? { reporters } : {};
}

/** The reporters' names in a bracketed credit (通讯员 and 实习生 left out); see parseCredit. */
export function namesFromCredit(inner: string): string | undefined {
  return parseCredit(inner)?.reporters;
}

/** A date with a clock time (2019-07-14 18:03:27): what page date lines carry and sentences rarely do. */
const WITH_TIME = /T\d{2}:\d{2}/;
/** Longest line read as a date line (a date with its time amid page tools or an outlet name). */
const MAX_DATE_LINE = 60;

/**
 * The publication date of a short header line that is not a byline but carries a date with its time:
 * `2019-07-14 18:03:27 字号：大 中 小`, `人民网 | 2019-07-14 18:03`. A date without a time is not taken
 * (`2019年7月14日 国务院常务会议` may be a title), nor is a line that reads like a sentence.
 */
export function dateLineDate(line: string): string | undefined {
  const text = line.trim();
  if (!text || [...text].length > MAX_DATE_LINE || /[。！？!?；;]$/.test(text)) return undefined;
  const date = findDate(text);
  return date && WITH_TIME.test(date.iso) ? date.iso : undefined;
}

/**
 * The year a page names in its header, byline or footer lines (`© 2019 新华网`, `2019年第12期`), for a dispatch
 * that gives only month and day (`新华社北京7月14日电`). The first plausible year wins.
 */
export function yearNamedIn(lines: string[]): number | undefined {
  for (const line of lines) {
    const m = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A wire's filing serial after a bracketed credit: `（編輯：李明）1120903` (民國 year, month, day). */
const WIRE_SERIAL = /[)）\]】]\s*(1\d{2})(\d{2})(\d{2})\s*$/u;

/**
 * The date a wire's filing serial stands for (`（編輯：李明）1120903` -> 2023-09-03), or undefined. The serial is
 * not a byline value (parseByline leaves it out); the cleaner takes it as the document's date only when the
 * page gives none and the dispatch day agrees (`台北3日電`).
 */
export function wireSerialDate(line: string): string | undefined {
  const m = WIRE_SERIAL.exec(line.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]) + ROC_YEAR_OFFSET, Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${m[2]}-${m[3]}`;
}
