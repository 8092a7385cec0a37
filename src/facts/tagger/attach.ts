/**
 * People from the recogniser's spans, with titles attached to the person they belong to:
 * - the title chain before the name (rules of people.ts: parseChain), else the tagger's position spans
 *   right before it, 、/兼-chained (运输及物流局局长某某; 副政府资讯科技总监(基建)某某 keeps its bracket);
 * - a copula between them (现任某署署长为某某, 主任是某某);
 * - after the name: apposition (某某，某局局长，/ 某某（某局局长）), a title written right after it
 *   (陈某某局长), or 现任/担任/出任 + title;
 * - 先生/女士 after a name is a form of address, never part of the name;
 * - a one-character verb is never the end of a name (某某说 -> 某某).
 * Input is the Simplified matching form.
 */
import { COMPOUND_SURNAMES, NAME_ADVERB_CHARS, ROLE_VERBS, SURNAMES, TITLE_HEAD_WORDS, alternation } from '../lexicon.js';
import { tagged } from '../tokens.js';
import { isPlausibleName, parseChain, rolesAfter, type PersonMention } from '../people.js';
import type { RecognisedSpan } from './index.js';

export interface AttachSettings {
  /** Lowest span confidence of a name the tagger alone proposes (used when the model has no name scorer). */
  minNameConfidence: number;
  /** The same for a name with a title attached (the title is evidence too). */
  minTitledNameConfidence: number;
  /**
   * The name scorer: logistic-regression weights over NAME_SCORE_FEATURES (bias first), fitted by
   * `npm run train:tagger` on the cross-validated spans of CLUENER train. Empty: the confidence
   * thresholds above decide.
   */
  nameWeights: readonly number[];
  /** Lowest name score kept (fitted with the weights: the most recall at the precision target). */
  minNameScore: number;
  /** The model's list of names (a name in it is evidence; see TaggerLexicons). */
  knownNames?: ReadonlySet<string>;
  /** The model's list of other entities (a name in it may be a club, a company, a place: TaggerLexicons.others). */
  knownOthers?: ReadonlySet<string>;
}

/** Fallbacks when the model carries no fitted values. */
export const ATTACH_DEFAULTS: AttachSettings = { minNameConfidence: 0.6, minTitledNameConfidence: 0.6, nameWeights: [], minNameScore: 0.5 };

/** What the name scorer reads of a candidate name, in the order of its weights (after the bias). */
export const NAME_SCORE_FEATURES = [
  'log confidence',
  'log span probability',
  'titled',
  'Chinese name form',
  'known name',
  'Latin letters',
  'two characters',
  'four or more characters',
  'transliteration dot',
  'address after',
  'verb of speech or role after',
  'in a list of names',
  'inside a book title',
  'jieba reads a name',
  'jieba reads a common word',
  'surname first',
  'known other entity',
  'one more character makes a known name',
  'punctuation or start before',
  'punctuation or end after',
  '的 after',
  'bracket after',
  'quoted',
  'recurs in the text',
  'organisation or place next to it',
  'span probability at least 0.9',
  'span probability at least 0.6',
] as const;

const ROLE_AFTER = new RegExp(`^(?:${alternation(ROLE_VERBS)})`);
const LIST_MARK = /[、和与及]/;
const JIEBA_NAME_TAG = /^(?:nr|nrt|nrfg)$/;
const JIEBA_OPEN_TAG = /^(?:x|eng|nz|nr|nrt|nrfg|ns|nt)$/;

/** Where a candidate name stands in its text. */
export interface NameContext {
  text: string;
  start: number;
  end: number;
  titled: boolean;
  knownNames?: ReadonlySet<string>;
  knownOthers?: ReadonlySet<string>;
  /** The recogniser's spans of the text (organisations and places next to the name). */
  spans?: readonly RecognisedSpan[];
}

const PUNCT_OR_SPACE = /[\p{P}\p{S}\s]/u;
const BRACKET_OPEN = /[(（]/;

/** The scorer's inputs for a name (bias first). */
export function nameScoreInputs(name: string, span: Pick<RecognisedSpan, 'confidence' | 'probability'>, at: NameContext): number[] {
  const { text, start, end } = at;
  const address = ADDRESS_AFTER.exec(text.slice(end));
  const after = text.slice(end + (address ? address[0].length : 0), end + 8);
  const opened = text.lastIndexOf('《', start);
  const whole = tagged(name);
  const single = whole.length === 1 ? whole[0].tag : '';
  return [
    1,
    Math.log(Math.max(span.confidence, 1e-4)),
    Math.log(Math.max(span.probability, 1e-4)),
    at.titled ? 1 : 0,
    isPlausibleName(name) ? 1 : 0,
    at.knownNames?.has(name) ? 1 : 0,
    /[A-Za-z]/.test(name) ? 1 : 0,
    name.length === 2 ? 1 : 0,
    name.length >= 4 ? 1 : 0,
    /[·•・.-]/.test(name) ? 1 : 0,
    address ? 1 : 0,
    ROLE_AFTER.test(after) ? 1 : 0,
    LIST_MARK.test(text[start - 1] ?? '') || LIST_MARK.test(text[end] ?? '') ? 1 : 0,
    opened >= 0 && text.indexOf('》', opened) >= end ? 1 : 0,
    JIEBA_NAME_TAG.test(single) ? 1 : 0,
    single && !JIEBA_OPEN_TAG.test(single) ? 1 : 0,
    SURNAMES.has(name[0]) || COMPOUND_SURNAMES.some((s) => name.startsWith(s)) ? 1 : 0,
    at.knownOthers?.has(name) ? 1 : 0,
    at.knownNames && (at.knownNames.has(text.slice(start, end + 1)) || (start > 0 && at.knownNames.has(text.slice(start - 1, end)))) ? 1 : 0,
    start === 0 || PUNCT_OR_SPACE.test(text[start - 1]) ? 1 : 0,
    end >= text.length || PUNCT_OR_SPACE.test(text[end]) ? 1 : 0,
    text[end] === '的' ? 1 : 0,
    BRACKET_OPEN.test(text[end] ?? '') ? 1 : 0,
    /[“"「『‘]/.test(text[start - 1] ?? '') && /[”"」』’]/.test(text[end] ?? '') ? 1 : 0,
    text.indexOf(name) !== start || text.indexOf(name, end) >= 0 ? 1 : 0,
    at.spans?.some((s) => (s.kind === 'ORG' || s.kind === 'LOC') && (s.end === start || s.start === end)) ? 1 : 0,
    span.probability >= 0.9 ? 1 : 0,
    span.probability >= 0.6 ? 1 : 0,
  ];
}

/** The probability that a candidate is a name, under the fitted weights. */
export function nameScore(inputs: readonly number[], weights: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < weights.length; k++) z += weights[k] * inputs[k];
  return 1 / (1 + Math.exp(-z));
}

/** A candidate name the tagger proposes, before the threshold (the training script fits the scorer on these). */
export interface NameCandidate {
  mention: PersonMention;
  inputs: number[];
}

const TITLE_HEAD_SET = new Set(TITLE_HEAD_WORDS);
/** Characters a name may hold besides Han: Latin letters and the separators of transliterated names. */
const NAME_FORM = /^[\p{Script=Han}A-Za-z·•・.\- ]+$/u;
const GLUED_VERB_END = /[说称讲道问答]$/;
/** An adverb glued to the end of a name (郭某某则认为, 盖某在接受): NAME_ADVERB_CHARS. */
const GLUED_ADVERB_END = new RegExp(`\\p{Script=Han}{2}[${NAME_ADVERB_CHARS.join('')}]$`, 'u');
/** A name ending in the first character of a day word (今, 昨, 明) that the text goes on with: 今（15）日, 今日, 昨天. */
const TIME_GLUED = /^\p{Script=Han}{3,}[今昨明]$/u;
const DAY_AFTER = /^(?:[（(]\d{1,2}[）)])?[日天晚晨早]/;
const ADDRESS_AFTER = /^(?:先生|女士|小姐|同志|博士)/;
/** 高先生, 王老师, 李局长: a surname and a form of address or title is not a name. */
const ADDRESSED_SURNAME = /^\p{Script=Han}(?:先生|女士|小姐|老师|师傅|大爷|阿姨|同学|老板|总|局|处|科|老)$/u;
/** A bracketed qualifier between a title and the name: 总监(基建)某某. */
const QUALIFIER_BEFORE = /[(（][^()（）]{1,8}[)）]$/;
/** Where a title chain starts (as in people.ts). */
const CHAIN_BREAK = /[，。；！？：:;!?,（）()\s【】[\]「」『』《》“”"]/;
const APPOSITION_OPEN = /^[，,（(]$/;
const APPOSITION_CLOSE = /^(?:$|[，,。；;！!？?）)、])/;
/** 某某现任/曾任/曾出任/后升任 + title: the office verb, with its adverb of time. */
const TAKES_OFFICE = /^(?:[曾现也还后已]?(?:担任|出任|兼任|升任|转任|改任)|现任|曾任|时任|任|系)/;

/** The name as written, cleaned; null when it cannot be a name. */
export function cleanName(raw: string): string | null {
  let name = raw.trim();
  const address = /(?:先生|女士|小姐|同志)$/.exec(name);
  if (address && name.length - address[0].length >= 2) name = name.slice(0, -address[0].length);
  if (GLUED_VERB_END.test(name) && name.length >= 4) name = name.slice(0, -1);
  else if (GLUED_ADVERB_END.test(name) && name.length <= 4) name = name.slice(0, -1);
  if (name.length < 2 || name.length > 12 || !NAME_FORM.test(name)) return null;
  if (!/\p{Script=Han}/u.test(name) && name.length < 3) return null;
  if (TITLE_HEAD_SET.has(name) || ADDRESSED_SURNAME.test(name)) return null;
  return name;
}

function clauseStartAt(text: string, i: number): number {
  let j = i;
  while (j > 0 && !CHAIN_BREAK.test(text[j - 1])) j--;
  return j;
}

interface Attached {
  titles: string[];
  org?: string;
  scope?: PersonMention['scope'];
}

/** Titles written before the name that starts at `start`. */
function titlesBefore(text: string, start: number, positions: RecognisedSpan[], places: RecognisedSpan[]): Attached | null {
  let end = start;
  while (end > 0 && /[ \u3000]/.test(text[end - 1])) end--;
  // 署长为某某: the copula only joins when a title ends right before it.
  const copula = /[为是]/.test(text[end - 1] ?? '') && positions.some((p) => p.end === end - 1);
  if (copula) end--;
  let qualifier = '';
  const q = QUALIFIER_BEFORE.exec(text.slice(Math.max(0, end - 10), end));
  if (q && positions.some((p) => p.end === end - q[0].length)) {
    qualifier = q[0];
    end -= q[0].length;
  }
  const chainText = text.slice(clauseStartAt(text, end), end);
  const chain = chainText ? parseChain(chainText) : null;
  if (chain) {
    const titles = [...chain.titles];
    titles[titles.length - 1] += qualifier;
    return { titles, org: chain.org, scope: chain.scope };
  }
  let last = positions.find((p) => p.end === end);
  if (!last) return null;
  const titles = [last.text + qualifier];
  // 、/兼-chained positions before it.
  for (;;) {
    const sep = text[last.start - 1];
    if (sep !== '、' && sep !== '兼') break;
    const prev = positions.find((p) => p.end === last!.start - 1);
    if (!prev) break;
    titles.unshift(prev.text);
    last = prev;
  }
  const org = places.find((p) => p.end === last!.start)?.text;
  return { titles, org };
}

/** A title written after the name that ends at `end`. */
function titleAfter(text: string, end: number, positions: RecognisedSpan[], places: RecognisedSpan[]): string | null {
  let at = end;
  const address = ADDRESS_AFTER.exec(text.slice(at));
  if (address) at += address[0].length;
  /** The title starting at `from` as written: a position, or an organisation with its position right after (财政司司长). */
  const titleAt = (from: number): { text: string; end: number } | null => {
    const p = positions.find((x) => x.start === from);
    if (p) return { text: p.text, end: p.end };
    const org = places.find((x) => x.start === from);
    const q = org && positions.find((x) => x.start === org.end);
    return q ? { text: text.slice(from, q.end), end: q.end } : null;
  };
  // 陈某某局长: right after the name.
  const direct = positions.find((p) => p.start === at);
  if (direct) return direct.text;
  // 某某，某局局长，/ 某某（财政司司长）
  if (APPOSITION_OPEN.test(text[at] ?? '')) {
    const appo = titleAt(at + 1);
    if (appo && APPOSITION_CLOSE.test(text.slice(appo.end))) return appo.text;
  }
  // 某某现任某局局长, 某某曾出任某厅厅长
  const office = TAKES_OFFICE.exec(text.slice(at));
  if (office) {
    const p = titleAt(at + office[0].length);
    if (p && APPOSITION_CLOSE.test(text.slice(p.end))) return p.text;
  }
  return null;
}

/** Every name the recogniser proposes in a text, with its titles, roles and the scorer's inputs (no threshold). */
export function recognisedCandidates(text: string, spans: readonly RecognisedSpan[], knownNames?: ReadonlySet<string>, knownOthers?: ReadonlySet<string>): NameCandidate[] {
  // Positions are not thresholded: on held-out train a threshold on their confidence bought no title
  // precision (0.965 at 0 and at 0.5), so decoding does not compute it.
  const positions = spans.filter((s) => s.kind === 'POS' && s.text.length >= 2);
  const places = spans.filter((s) => s.kind === 'ORG' || s.kind === 'LOC');
  const out: NameCandidate[] = [];
  for (const span of spans) {
    if (span.kind !== 'PER') continue;
    // 赖清德今（15）日: a day word glued to the end of a name (Taiwan writes 今（15）日, 昨（14）日).
    const glued = TIME_GLUED.test(span.text) && DAY_AFTER.test(text.slice(span.end)) ? span.text.slice(0, -1) : span.text;
    const name = cleanName(glued);
    if (!name) continue;
    const start = span.start + span.text.indexOf(name);
    const end = start + name.length;
    const before = titlesBefore(text, start, positions, places);
    const after = before ? null : titleAfter(text, end, positions, places);
    const titles = before?.titles ?? (after ? [after] : []);
    const address = ADDRESS_AFTER.exec(text.slice(end));
    const roles = rolesAfter(text, end + (address ? address[0].length : 0));
    const mention: PersonMention = { name, titles, roles, org: before?.org, scope: before?.scope, index: start };
    out.push({ mention, inputs: nameScoreInputs(name, span, { text, start, end, titled: titles.length > 0, knownNames, knownOthers, spans }) });
  }
  return out;
}

/** Is a candidate kept: by the fitted scorer, else by the confidence thresholds. */
export function keepsName(candidate: NameCandidate, settings: AttachSettings): boolean {
  if (settings.nameWeights.length) return nameScore(candidate.inputs, settings.nameWeights) >= settings.minNameScore;
  const confidence = Math.exp(candidate.inputs[1]);
  return confidence >= (candidate.mention.titles.length ? settings.minTitledNameConfidence : settings.minNameConfidence);
}

/** People the recogniser names in a text, with their titles and roles. */
export function findRecognisedPeople(text: string, spans: readonly RecognisedSpan[], settings: AttachSettings = ATTACH_DEFAULTS): PersonMention[] {
  return recognisedCandidates(text, spans, settings.knownNames, settings.knownOthers)
    .filter((c) => keepsName(c, settings))
    .map((c) => c.mention);
}
