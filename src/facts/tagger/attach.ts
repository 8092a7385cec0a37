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
import { TITLE_HEAD_WORDS } from '../lexicon.js';
import { parseChain, rolesAfter, type PersonMention } from '../people.js';
import type { RecognisedSpan } from './index.js';

export interface AttachSettings {
  /** Lowest span confidence of a name the tagger alone proposes (fitted by npm run train:tagger on held-out train). */
  minNameConfidence: number;
  /** The same for a name with a title attached (the title is evidence too; fitted the same way). */
  minTitledNameConfidence: number;
}

/** Fallbacks when the model carries no fitted values. */
export const ATTACH_DEFAULTS: AttachSettings = { minNameConfidence: 0.6, minTitledNameConfidence: 0.6 };

const TITLE_HEAD_SET = new Set(TITLE_HEAD_WORDS);
/** Characters a name may hold besides Han: Latin letters and the separators of transliterated names. */
const NAME_FORM = /^[\p{Script=Han}A-Za-z·•・.\- ]+$/u;
const GLUED_VERB_END = /[说称讲道问答]$/;
const ADDRESS_AFTER = /^(?:先生|女士|小姐|同志|博士)/;
/** 高先生, 王老师, 李局长: a surname and a form of address or title is not a name. */
const ADDRESSED_SURNAME = /^\p{Script=Han}(?:先生|女士|小姐|老师|师傅|大爷|阿姨|同学|老板|总|局|处|科|老)$/u;
/** A bracketed qualifier between a title and the name: 总监(基建)某某. */
const QUALIFIER_BEFORE = /[(（][^()（）]{1,8}[)）]$/;
/** Where a title chain starts (as in people.ts). */
const CHAIN_BREAK = /[，。；！？：:;!?,（）()\s【】[\]「」『』《》“”"]/;
const APPOSITION_OPEN = /^[，,（(]$/;
const APPOSITION_CLOSE = /^(?:$|[，,。；;！!？?）)、])/;
const TAKES_OFFICE = /^(?:现任|担任|出任|兼任|任|系)/;

/** The name as written, cleaned; null when it cannot be a name. */
export function cleanName(raw: string): string | null {
  let name = raw.trim();
  const address = /(?:先生|女士|小姐|同志)$/.exec(name);
  if (address && name.length - address[0].length >= 2) name = name.slice(0, -address[0].length);
  if (GLUED_VERB_END.test(name) && name.length >= 4) name = name.slice(0, -1);
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
function titleAfter(text: string, end: number, positions: RecognisedSpan[]): string | null {
  let at = end;
  const address = ADDRESS_AFTER.exec(text.slice(at));
  if (address) at += address[0].length;
  // 陈某某局长: right after the name.
  const direct = positions.find((p) => p.start === at);
  if (direct) return direct.text;
  // 某某，某局局长，/ 某某（某局局长）
  if (APPOSITION_OPEN.test(text[at] ?? '')) {
    const appo = positions.find((p) => p.start === at + 1);
    if (appo && APPOSITION_CLOSE.test(text.slice(appo.end))) return appo.text;
  }
  // 某某现任某局局长
  const office = TAKES_OFFICE.exec(text.slice(at));
  if (office) {
    const p = positions.find((x) => x.start === at + office[0].length);
    if (p && APPOSITION_CLOSE.test(text.slice(p.end))) return p.text;
  }
  return null;
}

/** People the recogniser names in a text, with their titles and roles. */
export function findRecognisedPeople(text: string, spans: readonly RecognisedSpan[], settings: AttachSettings = ATTACH_DEFAULTS): PersonMention[] {
  // Positions are not thresholded: on held-out train a threshold on their confidence bought no title
  // precision (0.965 at 0 and at 0.5), so decoding does not compute it.
  const positions = spans.filter((s) => s.kind === 'POS' && s.text.length >= 2);
  const places = spans.filter((s) => s.kind === 'ORG' || s.kind === 'LOC');
  const out: PersonMention[] = [];
  for (const span of spans) {
    if (span.kind !== 'PER' || span.confidence < Math.min(settings.minNameConfidence, settings.minTitledNameConfidence)) continue;
    const name = cleanName(span.text);
    if (!name) continue;
    const start = span.start + span.text.indexOf(name);
    const end = start + name.length;
    const before = titlesBefore(text, start, positions, places);
    const after = before ? null : titleAfter(text, end, positions);
    const titles = before?.titles ?? (after ? [after] : []);
    if (span.confidence < (titles.length ? settings.minTitledNameConfidence : settings.minNameConfidence)) continue;
    const address = ADDRESS_AFTER.exec(text.slice(end));
    const roles = rolesAfter(text, end + (address ? address[0].length : 0));
    out.push({ name, titles, roles, org: before?.org, scope: before?.scope, index: start });
  }
  return out;
}
