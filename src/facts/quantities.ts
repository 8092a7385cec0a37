/**
 * Quantities with a unit that the classifier-based figures do not cover: amounts of money in any currency
 * (431022亿元, 350亿元, 30多万元, 新台币350亿元, 12万美元) and measures (12810万吨, 3.5公里, 120平方公里), each
 * with the thing it measures (营业收入 for 实现营业收入431022亿元); match scores (3比2, 7:6) and records
 * (3胜1负); votes (7票同意). Ranges (3至5万元) and approximations (约2300吨, 30多万元) are kept as written.
 * All text is the matching form (Simplified, half-width).
 */
import { AMOUNT_LEAD_VERBS, APPROXIMATE_BEFORE, MEASURE_UNITS, MONEY_PREFIXES, MONEY_UNITS, RANGE_JOINERS, VOTE_KINDS, alternation } from './lexicon.js';
import { CN_NUMERAL_CHARS, NUMBER_PATTERN, parseNumeral } from './numerals.js';
import type { FigureMention } from './figures.js';
import { subjectBefore } from './subjects.js';
import { clauseStart, trailingNounPhrase } from './tokens.js';

/** A multiplier after an approximation: 30多万元, 100余亿元. */
const MULTIPLIER = '(?:千万|百万|十万|万亿|亿|万|千|百)';
const QUANTITY_RE = new RegExp(
  `(?<![\\d.,${CN_NUMERAL_CHARS}第])(${alternation(APPROXIMATE_BEFORE)})?(${alternation(MONEY_PREFIXES)})?\\s*` +
    `(${NUMBER_PATTERN})(多|余)?(?:\\s*${alternation(RANGE_JOINERS)}\\s*(${NUMBER_PATTERN}))?(多|余)?(${MULTIPLIER})?(多|余)?` +
    `(${alternation([...MONEY_UNITS, ...MEASURE_UNITS])})?`,
  'g',
);
/** What a quantity needs (a currency or measure word, or a currency sign); most sentences have none. */
const MAY_HOLD_QUANTITY = new RegExp(`${alternation([...MONEY_UNITS, ...MEASURE_UNITS, ...MONEY_PREFIXES])}`);
/** 元 opening a longer word is not money: 元旦, 元素, 元首, 元宵. */
const NOT_YUAN = /^[旦素首宵老帅件器年月]/;
const LEAD_VERB = new RegExp(`${alternation(AMOUNT_LEAD_VERBS)}`, 'g');

/** What an amount measures: the subject before it, less a verb opening it (实现营业收入 -> 营业收入). */
function amountSubject(text: string, index: number): { subject?: string; by?: string } {
  const found = subjectBefore(text, index);
  if (!found.subject) return found;
  let subject = found.subject;
  let last = -1;
  for (const m of subject.matchAll(LEAD_VERB)) last = m.index! + m[0].length;
  // What follows the verb is what is measured; a verb ending the phrase (欧盟提供, 他捐出) leaves no subject.
  if (last > 0) subject = subject.slice(last);
  // In a list of amounts (冠军8万欧元，第2名5万5千欧元、4万欧元) the items before are not the subject.
  if (subject.includes('、')) subject = subject.slice(subject.lastIndexOf('、') + 1);
  return { ...found, subject: /\p{Script=Han}{2}/u.test(subject) ? subject : undefined };
}

const UNIT_WITH_MULTIPLIER = /(?:千万|百万|十万|万亿|亿|万|千|百)?(?:多|余)?$/;

/** The unit with its multiplier as written: 亿元 (431022亿元), 万元 (30多万元), 平方公里; a bare prefix (NT$500) names it. */
function unitAsWritten(value: string, unit: string | undefined, prefix: string | undefined): string {
  if (!unit) return prefix!;
  const head = value.slice(0, value.length - unit.length);
  // 5万5千欧元: a number of two parts is in the plain unit.
  if (/[万亿千百]\d/.test(head)) return unit;
  return `${UNIT_WITH_MULTIPLIER.exec(head)![0].replace(/[多余]/g, '')}${unit}`;
}

/** Amounts of money and measures (type 'amount'), with their unit and subject. */
export function findQuantities(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!MAY_HOLD_QUANTITY.test(text)) return out;
  for (const m of text.matchAll(QUANTITY_RE)) {
    const [whole, , prefix, num, , upper, , multiplier, , unit] = m;
    if (!unit && !prefix) continue;
    if (unit === '元' && NOT_YUAN.test(text.slice(m.index! + whole.length))) continue;
    const base = parseNumeral(num);
    if (base === null) continue;
    // A Chinese numeral must be a number, not a word that contains one (一些, 万一): digits or a unit sign.
    if (!/\d/.test(num) && num.length === 1 && !multiplier && !/[十百千万亿]/.test(num)) {
      if (!/[两二三四五六七八九]/.test(num)) continue;
    }
    // 3至5万元: the lower end of a range takes the multiplier written after the upper one.
    const shared = !multiplier && upper && !/[万亿千百]/.test(num) ? /(?:千万|百万|十万|万亿|亿|万|千|百)$/.exec(upper)?.[0] : undefined;
    const scale = multiplier || shared ? (parseNumeral(`1${multiplier || shared}`) ?? 1) : 1;
    const index = m.index!;
    // The approximation word stays in the value (约2300吨: what is written); the subject is read before it.
    const value = whole.replace(/\s+/g, '');
    const number = Math.round(base * scale * 1e6) / 1e6;
    const upperNumber = upper ? parseNumeral(upper) : null;
    if (upper && upperNumber === null) continue;
    out.push({
      type: 'amount',
      value,
      number,
      unit: unitAsWritten(value, unit, prefix),
      index,
      ...amountSubject(text, index),
    });
  }
  return out;
}

/** 3比2, 3:2, 三比二: a score line; a colon needs a sports context unless it is 1-2 digits to 1 digit (7:6, 10:8). */
const SCORELINE_RE = new RegExp(`(?<![\\d.:${CN_NUMERAL_CHARS}])(\\d{1,3}|[${CN_NUMERAL_CHARS}]{1,3})\\s*(比|:)\\s*(\\d{1,3}|[${CN_NUMERAL_CHARS}]{1,3})(?![\\d.:%])`, 'g');
const SPORTS_CONTEXT = /比分|比赛|战胜|击败|打败|负于|输给|不敌|获胜|赢|战平|逆转|决赛|半决赛|局|盘|场|队|以$/;
const RATIO_CONTEXT = /比例|比率|之比|比值|配比|比重|为$/;
/** 3胜1负, 5胜2平1负, 3胜1败: a won-lost record. */
const RECORD_RE = new RegExp(`(?<![\\d${CN_NUMERAL_CHARS}])(?:(?:\\d{1,3}|[一二两三四五六七八九十]{1,3})[胜平负败和]){2,3}`, 'g');

/** Scores of a match (3比2, 7:6) and records (3胜1负), type 'score'. */
export function findScorelines(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (/比|:/.test(text)) {
    for (const m of text.matchAll(SCORELINE_RE)) {
      const [whole, a, sep, b] = m;
      const index = m.index!;
      const clause = text.slice(clauseStart(text, index), index);
      if (RATIO_CONTEXT.test(clause.slice(-4)) && !SPORTS_CONTEXT.test(clause)) continue;
      const x = parseNumeral(a);
      const y = parseNumeral(b);
      if (x === null || y === null) continue;
      if (sep === ':') {
        if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) continue;
        // 9:30 is a clock time: a colon score needs a sports word or a one-digit second side.
        if (!(b.length === 1 && a.length <= 2) && !SPORTS_CONTEXT.test(clause + text.slice(index + whole.length, index + whole.length + 6))) continue;
      } else if (!/\d/.test(a + b) && !SPORTS_CONTEXT.test(clause)) continue;
      out.push({ type: 'score', value: whole.replace(/\s+/g, ''), number: x, index, ...scoreSubject(text, index) });
    }
  }
  if (/胜/.test(text)) {
    for (const m of text.matchAll(RECORD_RE)) {
      if (!m[0].includes('胜')) continue;
      const index = m.index!;
      out.push({ type: 'score', value: m[0], index, ...scoreSubject(text, index) });
    }
  }
  return out;
}

/** Who scored: the subject before the score, without 以 (中国队以3比2战胜日本队 -> 中国队). */
function scoreSubject(text: string, index: number): { subject?: string; by?: string } {
  let at = index;
  while (at > 0 && /[以\s]/.test(text[at - 1])) at--;
  const found = subjectBefore(text, at);
  return { ...found, subject: found.subject ? nounEnding(found.subject) : undefined };
}

/** The noun phrase ending a subject (本赛季该队 -> 该队), or undefined when it ends in a verb (取得). */
function nounEnding(subject: string): string | undefined {
  const phrase = trailingNounPhrase(subject, 3);
  return phrase.length >= 2 ? phrase : undefined;
}

const VOTE_RE = new RegExp(`(?<![\\d.${CN_NUMERAL_CHARS}])(\\d{1,4}|[${CN_NUMERAL_CHARS}]{1,4})票(${alternation(VOTE_KINDS)})`, 'g');

/** Votes: 7票同意, 3票反对 (type 'count', subject the kind of vote). */
export function findVotes(text: string): FigureMention[] {
  const out: FigureMention[] = [];
  if (!text.includes('票')) return out;
  for (const m of text.matchAll(VOTE_RE)) {
    const number = parseNumeral(m[1]);
    if (number === null) continue;
    out.push({ type: 'count', value: `${m[1]}票`, number, unit: '票', subject: m[2], index: m.index! });
  }
  return out;
}
