/**
 * Figures: percentages (97.18%, 百分之五, 3个百分点), scores (106.94分), grades (评估结果为优),
 * ordinals (第六次会议, 第二批), durations (4个多月, 三年) and counts (三个环节), each with the thing it
 * measures (`subject`) and, where written, who measured it (`by`: 省驻点指导组综合评估106.94分).
 */
import { ASSESSMENT_NOUNS, COUNT_UNITS, DURATION_UNITS, GRADES, ORDINAL_UNITS, HALF_PERIOD_PREFIXES, PERIOD_PREFIXES, RANGE_JOINERS, alternation, escapeRegExp, longestFirst } from './lexicon.js';
import { ARABIC_WITH_UNITS, CN_NUMERAL_CHARS, NUMBER_PATTERN, parseNumeral } from './numerals.js';
import { findOrganizations } from './organizations.js';
import { findQuantities, findScorelines, findVotes } from './quantities.js';
import { subjectBefore } from './subjects.js';
import { clauseEnd, clauseStart, isNounish, leadingNounPhrase, tagged } from './tokens.js';

export { subjectBefore } from './subjects.js';

export type FigureType = 'percentage' | 'score' | 'grade' | 'ordinal' | 'duration' | 'count' | 'amount';

export interface FigureMention {
  type: FigureType;
  /** 97.18%, 106.94分, 优, 第六次, 4个多月, 三个 */
  value: string;
  subject?: string;
  /** Who measured or held it (省驻点指导组, 省政法队伍教育整顿领导小组). */
  by?: string;
  /** The number, when the figure has one (97.18, 106.94, 6, 4, 3; 43102200000000 for 431022亿元). */
  number?: number;
  /** amounts and votes: the unit as written after the number (亿元, 万吨, 美元, 票). */
  unit?: string;
  /**
   * counts: the subject was read from the phrase before a count ending its clause or list item (排查隐患1056个。,
   * 河流27条、水库143座). Such a count does not announce a list (findLists leaves it alone, as before these were read).
   */
  subjectBeforeClauseEnd?: boolean;
  index: number;
}

const NUM = `(?:\\d+(?:\\.\\d+)?)`;
const CN_NUM = `[${CN_NUMERAL_CHARS}]+`;
const PERCENT_RE = new RegExp(`(?<![\\d.])(${NUM})\\s*%|百分之(${CN_NUM}(?:点[${CN_NUMERAL_CHARS}]+)?|${NUM})|(?<![\\d.${CN_NUMERAL_CHARS}])(${NUM}|${CN_NUM})个百分点`, 'g');

function cnDecimal(text: string): number | null {
  const [int, frac] = text.split('点');
  const i = parseNumeral(int);
  if (i === null) return null;
  if (!frac) return i;
  const digits = Array.from(frac)
    .map((c) => parseNumeral(c))
    .join('');
  return Number(`${i}.${digits}`);
}

/** Each reading of PERCENT_RE needs %, 百分之 or 个百分点; most texts have none and skip the (slow) pattern. */
const MAY_HOLD_PERCENTAGE = /%|百分/;

export function findPercentages(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!MAY_HOLD_PERCENTAGE.test(text)) return out;
  for (const m of text.matchAll(PERCENT_RE)) {
    const index = m.index!;
    let value: string;
    let number: number | null;
    if (m[1]) {
      number = Number(m[1]);
      value = `${m[1]}%`;
    } else if (m[2]) {
      number = /^\d/.test(m[2]) ? Number(m[2]) : cnDecimal(m[2]);
      if (number === null) continue;
      value = `${number}%`;
    } else {
      number = parseNumeral(m[3]);
      if (number === null) continue;
      value = `${number}个百分点`;
    }
    out.push({ type: 'percentage', value, number, index, ...subjectBefore(text, index) });
  }
  return out;
}

const SCORE_RE = new RegExp(`(?<![\\d.第])(${NUM})\\s*分(?![钟之别会局析配类享工布成批段组期数管支行队校院厂店化散流离担红裂摊辨解属值秒])`, 'g');

export function findScores(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!text.includes('分')) return out; // SCORE_RE needs it
  for (const m of text.matchAll(SCORE_RE)) {
    const index = m.index!;
    // 9时30分 is a time, not a score.
    if (/[时点:]\s*$/.test(text.slice(Math.max(0, index - 1), index))) continue;
    out.push({ type: 'score', value: `${m[1]}分`, number: Number(m[1]), index, ...subjectBefore(text, index) });
  }
  return out;
}

const GRADE_RE = new RegExp(`(被评为|评为|获评|评定为|为|是|：|:)\\s*(${longestFirst(GRADES).map(escapeRegExp).join('|')})(?:等次|等级|档次|级)?(?![\\p{Script=Han}A-Za-z0-9+])`, 'gu');
const ASSESSMENT_END = new RegExp(`${alternation(ASSESSMENT_NOUNS)}$`);

export function findGrades(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  for (const m of text.matchAll(GRADE_RE)) {
    const index = m.index!;
    const link = m[1];
    const prefix = text.slice(clauseStart(text, index), index);
    const strongLink = /评为|获评|评定为/.test(link);
    if (!strongLink && !ASSESSMENT_END.test(prefix)) continue;
    const { subject, by } = subjectBefore(text, index + link.length);
    out.push({ type: 'grade', value: m[2], index: index + link.length, subject, by });
  }
  return out;
}

const ORDINAL_RE = new RegExp(`第(\\d+|[${CN_NUMERAL_CHARS}]+)(${longestFirst(ORDINAL_UNITS).map(escapeRegExp).join('|')})`, 'g');
const HOLD_VERBS = /(召开|举行|举办|主持召开|组织召开|开展|进行|启动|部署)$/;

export function findOrdinals(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!text.includes('第')) return out; // ORDINAL_RE needs it
  for (const m of text.matchAll(ORDINAL_RE)) {
    const index = m.index!;
    const end = index + m[0].length;
    const number = parseNumeral(m[1]);
    if (number === null) continue;
    // 第一时间, 第一责任人 are idioms: the unit must not run on into a longer word.
    const rest = text.slice(end);
    if (m[2] === '个' && /^(?:人|责任人)/.test(rest)) continue;
    const subject = leadingNounPhrase(rest.slice(0, clauseEnd(rest, 0)), 6).slice(0, 16) || undefined;
    const before = text.slice(clauseStart(text, index), index);
    let by: string | undefined;
    if (HOLD_VERBS.test(before)) {
      const holder = before.replace(HOLD_VERBS, '');
      const orgs = findOrganizations(holder);
      const last = orgs[orgs.length - 1];
      if (last && last.index + last.name.length === holder.length) by = last.name;
    }
    out.push({ type: 'ordinal', value: `第${m[1]}${m[2]}`, number, subject, by, index });
  }
  return out;
}

const RANGE = alternation(RANGE_JOINERS);
const DURATION_RE = new RegExp(
  `(?<![\\d.第每${CN_NUMERAL_CHARS}])(${NUMBER_PATTERN}(?:\\s*${RANGE}\\s*${NUMBER_PATTERN})?|半)(个)?(多)?(个)?(${longestFirst([...DURATION_UNITS, '月'])
    .map(escapeRegExp)
    .join('|')})(多|半|来|以来|之久|时间|内|之内|里)?`,
  'g',
);
const RANGE_SPLIT = new RegExp(`\\s*${RANGE}\\s*`);
const PERIOD_PREFIX = new Set(PERIOD_PREFIXES);
const HALF_PERIOD_PREFIX = new Set(HALF_PERIOD_PREFIXES);

/** 前三季度, 二季度, 上半年, 前两个月: a period label, not a duration. */
function isPeriodLabel(text: string, index: number, num: string, unit: string, hasGe: boolean): boolean {
  const before = text[index - 1] ?? '';
  if (unit === '季度' && !hasGe) return true;
  if (PERIOD_PREFIX.has(before)) return true;
  return num === '半' && HALF_PERIOD_PREFIX.has(before);
}

export function findDurations(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  for (const m of text.matchAll(DURATION_RE)) {
    const [whole, num, ge1, duo, ge2, unit, suffix] = m;
    const index = m.index!;
    if (unit === '月' && !ge1 && !ge2) continue; // 8月 is a month, 4个月 a duration
    if (unit === '年' && /^\d{3,}(?!\d)/.test(num)) continue; // 2021年 is a year, 2019至2021年 a span of years
    if (isPeriodLabel(text, index, num, unit, Boolean(ge1 || ge2))) continue;
    const after = text.slice(index + whole.length);
    if (unit === '年' && /^(级|度|代)/.test(after)) continue;
    // A range (3至5年) is read by its lower end.
    const low = num.split(RANGE_SPLIT)[0];
    if (low !== num && num.split(RANGE_SPLIT).some((n) => parseNumeral(n) === null)) continue;
    const number = low === '半' ? 0.5 : parseNumeral(low);
    if (number === null) continue;
    if (number === 1 && !/^(多|来|以来|之久|半)$/.test(suffix ?? '') && !duo) continue; // 一天 / 一年 alone is rarely a fact
    const value = whole.replace(/(来|以来|时间|内|之内|里)$/, '');
    // The subject: the rest of the duration's clause, else the clause after it (4个多月来，…).
    const cs = clauseStart(text, index);
    const ce = clauseEnd(text, index);
    let subject = (text.slice(cs, index) + text.slice(index + whole.length, ce)).trim();
    if (!/\p{Script=Han}{2}/u.test(subject)) {
      let ns = ce;
      while (ns < text.length && /[，,\s]/.test(text[ns])) ns++;
      subject = ns > ce ? text.slice(ns, clauseEnd(text, ns)).split('、')[0] : '';
    }
    subject = subject.slice(0, 20);
    out.push({ type: 'duration', value, number, subject: subject || undefined, index });
  }
  return out;
}

/** A count's number: Arabic (with 万/亿), or a Chinese numeral not opening with a lone 一 (一个 is "a"). */
const COUNT_NUMBER = `(?:${ARABIC_WITH_UNITS}|(?:一(?=[十百千万亿两二三四五六七八九〇零])|[两二三四五六七八九十廿卅])[${CN_NUMERAL_CHARS}]*)`;
const COUNT_RE = new RegExp(
  `(?<![\\d.,第每${CN_NUMERAL_CHARS}])(${COUNT_NUMBER})(?:\\s*${RANGE}\\s*(${COUNT_NUMBER}))?(多|余)?(千万|百万|十万|万|亿)?(多|余)?(${longestFirst(COUNT_UNITS).map(escapeRegExp).join('|')})`,
  'g',
);
/** What after a count's classifier makes it a duration or a percentage (三个季度, 4个多月, 3个百分点). */
const COUNT_NOT_BEFORE = new RegExp(`^(?:多|半)?${alternation([...DURATION_UNITS, '月', '百分点', '%'])}`);
const NOUN_UNITS = new Set(['方面', '环节']);
const PEOPLE_UNITS = new Set(['人', '人次', '户', '名', '位', '家', '所', '处', '座', '起', '件', '份', '篇', '场', '辆', '台']);

export function findCounts(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  for (const m of text.matchAll(COUNT_RE)) {
    const index = m.index!;
    // A range (灌溉1-2次, 3至5个) is read by its lower end.
    const [whole, num, upper, , multiplier, , unit] = m;
    const base = parseNumeral(num);
    if (base === null || (upper && parseNumeral(upper) === null)) continue;
    const number = multiplier ? base * (parseNumeral(`1${multiplier}`) ?? 1) : base;
    if (number < 2) continue;
    const after = text.slice(index + whole.length);
    if (COUNT_NOT_BEFORE.test(after)) continue; // durations and percentages
    if (unit === '点' && /^(?:半|钟|整|多钟|[\d零一二三四五六七八九十]+分)/.test(after)) continue; // 十一点半 is a time
    let subject: string | undefined;
    if (NOUN_UNITS.has(unit)) subject = unit;
    else {
      const quoted = /^[“"]([^”"]{1,12})[”"]/.exec(after);
      if (quoted) subject = quoted[1];
      else {
        // The counted noun: its first word, plus the second when the phrase ends there (重点工作” but 效果|高度统一).
        const toks = tagged(after.slice(0, clauseEnd(after, 0)));
        if (toks.length && isNounish(toks[0]) && toks[0].tag !== 'x') {
          subject = toks[0].word;
          if (toks[1] && isNounish(toks[1]) && !(toks[2] && isNounish(toks[2]))) subject += toks[1].word;
        } else if (toks.length > 1 && toks[0].tag === 'v' && toks[0].word.length === 2 && isNounish(toks[1]) && toks[1].tag !== 'x') {
          // A verb modifying the counted noun (就业|职位, 建设|项目): jieba tags it v.
          subject = toks[0].word + toks[1].word;
        }
      }
    }
    // People and things counted by the phrase before them (破获案件142起), or any count ending its clause (排查隐患1056个。).
    if (!subject && PEOPLE_UNITS.has(unit)) subject = subjectBefore(text, index).subject;
    let subjectBeforeClauseEnd: true | undefined;
    if (!subject && (clauseEnd(after, 0) === 0 || /^[、，,]/.test(after))) {
      subject = subjectBefore(text, index).subject;
      // 臀鳍硬棘3枚、软条10枚: the earlier items of a list are not the subject.
      if (subject && /\d/.test(subject) && subject.includes('、')) subject = subject.slice(subject.lastIndexOf('、') + 1) || undefined;
      subjectBeforeClauseEnd = true;
    }
    if (!subject) continue;
    out.push({ type: 'count', value: whole, number, subject, index, ...(subjectBeforeClauseEnd ? { subjectBeforeClauseEnd } : {}) });
  }
  return out;
}

/** 三成, 约五成, 近七成: tenths, as a percentage. Followed by a break or 以上/左右/多, so 九成新 and 八成是 are not. */
const TENTHS_RE = new RegExp(`(?<![${CN_NUMERAL_CHARS}\\d])([一二两三四五六七八九]|十)成(?=[，。、；,;)]|以上|左右|多|$)`, 'g');

export function findTenths(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!text.includes('成')) return out;
  for (const m of text.matchAll(TENTHS_RE)) {
    const number = (parseNumeral(m[1]) ?? 0) * 10;
    out.push({ type: 'percentage', value: m[0], number, index: m.index!, ...subjectBefore(text, m.index!) });
  }
  return out;
}

/** All figures of one sentence, in order. */
export function findFigures(text: string): FigureMention[] {
  return [
    ...findPercentages(text),
    ...findTenths(text),
    ...findScores(text),
    ...findGrades(text),
    ...findOrdinals(text),
    ...findDurations(text),
    ...findCounts(text),
    ...findQuantities(text),
    ...findScorelines(text),
    ...findVotes(text),
  ].sort((a, b) => a.index - b.index);
}
