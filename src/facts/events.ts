/**
 * Events: what happens in a clause, as "head noun + verb" (动员部署会议召开) and as written
 * (辽宁省第二批…动员部署会议在沈阳召开), with the venue of "在X召开" when written.
 */
import { EVENT_VERBS, alternation } from './lexicon.js';
import { HARD_BREAK, clauseEnd, tagged, trailingNounPhrase } from './tokens.js';

export interface EventPhrase {
  /** Head noun + verb: 新闻发布会召开, 动员部署会议召开, or verb + object: 召开第六次会议. */
  short: string;
  /** The clause as written (without the date). */
  long: string;
  verb?: string;
  /** The venue of 在X召开 / 于X举行, when written. */
  place?: string;
}

const EVENT_RE = new RegExp(alternation(EVENT_VERBS));
const VENUE_BEFORE_VERB = /(?:在|于)([^在于，。；、\s]{2,12})$/;
const ADVERBS_BEFORE_VERB = /(?:正式|隆重|顺利|胜利|如期|成功|再次|首次|同时|也|已|将|又|还|均|都|分别|先后|日前|近日)+$/;

const EVENT_SET = new Set(EVENT_VERBS);
const CN_DIGITS = '〇零一二三四五六七八九十';
/** Dates inside a clause (会议于3月15日在杭州举行): removed before the event is read. */
const DATE_IN_CLAUSE = new RegExp(`(?:于|在)?(?:[\\d${CN_DIGITS}]{4}\\s*年)?\\s*[\\d${CN_DIGITS}]{1,2}\\s*月\\s*[\\d${CN_DIGITS}]{1,3}\\s*[日号](?:上午|下午|晚上|晚间|早上|中午)?`, 'g');
/** Relative, bracketed and lone days inside a clause (市府今(15)日召开记者会, 会议明天举行, 于11日至13日): removed like dates. */
const RELATIVE_DATE_IN_CLAUSE =
  /(?:于|在|至|到)?(?:\d{1,2}日(?:至|到|—|-|~)?|[今昨明前后]\s*\(\d{1,2}\)\s*[日天]|[本上下次]个?月\d{1,2}日|大前天|前天|昨天|昨日|昨晚|今天|今日|今晨|今早|今晚|明天|明日|明晚|后天)(?:上午|下午|晚上|晚间|早上|中午)?/g;

/**
 * The first event verb standing as a word of its own (发布 inside 新闻发布会 does not count);
 * falls back to the first occurrence anywhere.
 */
function eventVerbAt(clause: string): { 0: string; index: number } | null {
  let pos = 0;
  for (const t of tagged(clause)) {
    if (EVENT_SET.has(t.word)) return { 0: t.word, index: pos };
    pos += t.word.length;
  }
  const m = EVENT_RE.exec(clause);
  return m ? { 0: m[0], index: m.index } : null;
}

function cleanEnd(text: string): string {
  return text.replace(/[\s，。；！？、,;:：!?]+$/u, '').trim();
}

/** The event of one clause, or null when it names none (no event verb and no content). */
export function eventOfClause(clauseText: string): EventPhrase | null {
  const clause = cleanEnd(
    clauseText
      .replace(DATE_IN_CLAUSE, '')
      .replace(RELATIVE_DATE_IN_CLAUSE, '')
      .replace(/^[\s，。；、,;:：]+/, ''),
  );
  if (!/\p{Script=Han}{2}/u.test(clause)) return null;
  const m = eventVerbAt(clause);
  if (!m) return { short: clause.slice(0, 20), long: clause.slice(0, 60) };
  const verb = m[0];
  let before = clause.slice(0, m.index);
  let place: string | undefined;
  const venue = VENUE_BEFORE_VERB.exec(before);
  if (venue) {
    place = venue[1];
    before = before.slice(0, venue.index);
  }
  before = before.replace(ADVERBS_BEFORE_VERB, '');
  const head = before ? trailingNounPhrase(before, 4, true) : '';
  let short: string;
  if (head) {
    short = head + verb;
  } else {
    // 主持召开第六次会议: verb + object up to the end of the clause.
    const after = clause.slice(m.index + verb.length);
    const object = after.slice(0, 12);
    short = verb + object;
  }
  return { short, long: clause.slice(0, 60), verb, place };
}

/** Time-of-day words that may sit between a date and its event. */
const TIME_WORDS = /^(?:上午|下午|晚上|晚间|早上|中午|凌晨|傍晚|夜间|当天|当日|起)?(?:\d{1,2}(?:时|点|:)(?:\d{1,2}分?)?)?(?:许|左右|起)?/;

/**
 * The event of the clause holding [start, end) (a date): the rest of that clause, or the next clause when
 * the date stands alone (8月6日，铁岭…新闻发布会召开).
 */
export function eventAround(text: string, start: number, end: number): EventPhrase | null {
  let cs = start;
  while (cs > 0 && !HARD_BREAK.test(text[cs - 1])) cs--;
  const ce = clauseEnd(text, end);
  const before = text.slice(cs, start).replace(/(?:于|在|自|从)$/, '');
  const after = text.slice(end, ce).replace(TIME_WORDS, '');
  const same = before + after;
  const candidates: string[] = [same];
  let ns = ce;
  while (ns < text.length && HARD_BREAK.test(text[ns])) ns++;
  if (ns < text.length && !/[。；！？]/.test(text[ce] ?? '')) candidates.push(text.slice(ns, clauseEnd(text, ns)));
  const withVerb = candidates.find((c) => EVENT_RE.test(c));
  if (withVerb) return eventOfClause(withVerb);
  // No event verb: the date's own clause if it says something, else the next clause.
  const sameHan = same.replace(/本报讯|本台讯|本网讯|讯|电/g, '');
  if (/\p{Script=Han}{2}/u.test(sameHan) && tagged(sameHan).some((t) => t.tag.startsWith('v'))) return eventOfClause(sameHan);
  return candidates[1] ? eventOfClause(candidates[1]) : null;
}

/** 在沈阳召开: 在/于, the venue, optional adverbs, a verb of holding. */
const VENUE_RE = new RegExp(
  `(?:在|于)([^在于，。；、\\s“”]{2,12}?)(?:${ADVERBS_BEFORE_VERB.source.slice(0, -1)})?(${alternation(['召开', '举行', '举办', '开幕', '闭幕', '开班', '启动', '落幕', '揭牌', '成立'])})`,
  'g',
);

/** Venues of events: 在沈阳召开 -> {place 沈阳, event 动员部署会议召开}. */
export function findVenues(text: string): { place: string; event: EventPhrase; index: number }[] {
  const out: { place: string; event: EventPhrase; index: number }[] = [];
  for (const m of text.matchAll(VENUE_RE)) {
    let cs = m.index;
    while (cs > 0 && !HARD_BREAK.test(text[cs - 1])) cs--;
    const event = eventOfClause(text.slice(cs, clauseEnd(text, m.index)));
    if (!event) continue;
    out.push({ place: m[1], event, index: m.index! + 1 });
  }
  return out;
}
