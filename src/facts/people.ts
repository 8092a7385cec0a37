/**
 * People: names after a title chain (省委常委、政法委书记于天敏主持会议), speakers (张国清指出),
 * bracketed bylines (（辽宁日报记者 杨忠厚）) and the document's own byline fields.
 * All functions take Simplified text and return mentions; extract.ts turns them into facts and merges them.
 */
import type { DocumentMeta } from '../types.js';
import { matchingForm } from '../text/script.js';
import {
  COMPOUND_SURNAMES,
  NAME_FOLLOWERS,
  ORG_SUFFIXES,
  PROVINCES,
  CITIES,
  GENERIC_TITLE_ENDINGS,
  NAME_ADVERB_CHARS,
  ROLE_VERBS,
  SCOPE_WORDS,
  SPEECH_VERBS,
  SURNAMES,
  TITLE_HEAD_WORDS,
  alternation,
  longestFirst,
} from './lexicon.js';
import { HARD_BREAK, clauseEnd, clauseStart, isHan, tagged } from './tokens.js';

export interface PersonMention {
  name: string;
  /** Titles in the order written, the place prefix removed (市委常委, 政法委书记…). */
  titles: string[];
  roles: string[];
  /** Place or organisation written in front of the chain (铁岭, 全国政法队伍教育整顿中央第一督导组). */
  org?: string;
  /** Only 省/市/县/区 was written (省委书记): the document's main place of that level is the context. */
  scope?: '省' | '市' | '县' | '区';
  /** Where the name starts in the text (-1 for meta bylines). */
  index: number;
}

const HEAD_ALT = alternation(TITLE_HEAD_WORDS);
const GENERIC_ALT = `[${GENERIC_TITLE_ENDINGS.join('')}]`;
const HEAD_RE = new RegExp(`(?:${HEAD_ALT}|${GENERIC_ALT})[ \\u3000]?`, 'g');
const ENDS_WITH_HEAD = new RegExp(`${HEAD_ALT}$`);
const ENDS_WITH_GENERIC = new RegExp(`${GENERIC_ALT}$`);
/** 公司首席数据官, 设计研究院设计师: an organisation (or 首席) right before a title ending in 官/师/员. */
const ORG_THEN_GENERIC = new RegExp(`(?:${alternation(ORG_SUFFIXES)}|首席)\\p{Script=Han}{1,4}${GENERIC_ALT}$`, 'u');
/** A bare generic organisation in front of a title (公司副总裁 -> 副总裁): it names no one's organisation. */
const BARE_ORG_PREFIX = /^(?:公司|集团|企业|学校|单位)(?=\p{Script=Han}{2})/u;
const FOLLOWERS = longestFirst(NAME_FOLLOWERS);
const ROLE_WORDS = longestFirst(ROLE_VERBS);
const SPEECH_ALT = alternation(SPEECH_VERBS);
/** A verb of speech anywhere: a text without one has no speakers. */
const HAS_SPEECH_VERB = new RegExp(SPEECH_ALT);
/** What follows a speaker's name: a verb of speech, directly or after a venue (在新闻发布会上表示). */
const ADVERB_ALT = `[${NAME_ADVERB_CHARS.join('')}]`;
const SPEECH_AFTER = new RegExp(`^${ADVERB_ALT}?(?:在[^，。；]{1,20}?(?:上|中|时|期间))?${SPEECH_ALT}`);
const ADVERB_SET = new Set(NAME_ADVERB_CHARS);
/** Verbs that are never a given name (曾表示 is 曾 + 表示, not a person). */
const VERB_WORDS = new Set([...SPEECH_VERBS, ...ROLE_VERBS]);
const ORG_SUFFIX_RE = new RegExp(`${alternation(ORG_SUFFIXES)}$`);
const KNOWN_PLACES = new Set([...PROVINCES, ...CITIES]);
const TITLE_HEAD_WORD_SET = new Set(TITLE_HEAD_WORDS);
const ADDRESS_FORMS = /^(?:老师|师傅|大爷|大妈|大娘|大伯|大叔|大哥|大姐|阿姨|先生|女士|小姐|同学|同志|老板|总|老|工|局|处|科|队|部)$/;
const BYLINE_ROLES = ['特约记者', '实习记者', '记者', '通讯员', '摄影', '实习生', '编辑', '责编', '责任编辑', '作者', '撰稿'];
const BYLINE_ROLE_RE = new RegExp(`^(.*?)(${longestFirst(BYLINE_ROLES).join('|')})$`);
/** A byline token with the name glued to its role: 记者张三, 辽宁日报记者杨忠厚. */
const BYLINE_GLUED_RE = new RegExp(`^(.*?)(${longestFirst(BYLINE_ROLES).join('|')})(\\p{Script=Han}{2,4})$`, 'u');
/** A token ending in a role and a name (only tells that a bracket holds a byline). */
const BYLINE_ROLE_NAME_END = new RegExp(`(${BYLINE_ROLES.join('|')})\\p{Script=Han}{2,4}$`, 'u');

/** Whole-word tags that rule a candidate out as a name (verbs, adverbs, nouns, places…). */
const NOT_NAME_TAGS = /^(v|vd|vn|vi|d|ad|p|c|u.*|r|m|q|t|f|l|i|n|a|an|y|e|o|ns|nt|b|z|s)$/;
/** Tags that rule out the given-name part (近日 in 于近日 is not a given name; 立新, 建国, 海波 are). */
const NOT_GIVEN_NAME_TAGS = /^(t|p|c|u.*|f|m|q|r)$/;
/** Surnames that are also frequent function or common words: their given-name part is checked harder. */
const AMBIGUOUS_SURNAMES = new Set(Array.from('于向从和与同对将由自当时高大小常成强安明平关文方全原南党宁齐应'));
const NOT_GIVEN_NAME_TAGS_STRICT = /^(t|p|c|u.*|d|f|m|q|r|v|vn|n|s|a|ad)$/;

type FollowerStrength = 'strong' | 'weak' | null;

/** One-character verbs that follow a name and must never end one (某某说, 某某称). */
const GLUED_VERB_CHARS = new Set(Array.from('说称讲道问答'));
/** Where a title chain starts: a hard break or an opening bracket/quote (【记者某某/台北】 gives 记者, not 【记者). */
const CHAIN_BREAK = /[，。；！？：:;!?,（）()\s【】[\]「」『』《》“”"]/;
/** 现任某署署长为某某, 主任是某某: a copula between the title and the name. */
const COPULA = /^[为是][ \u3000]?/;
/** 副政府资讯科技总监(基建)某某: a bracketed qualifier between the title and the name belongs to the title. */
const QUALIFIER = /^[(（][^()（）]{1,8}[)）][ \u3000]?/;

/** Taiwan's bracketed day after a name: 今（15）日, 昨（14）日, 明（16）日. */
const DAY_WORD_AFTER = /^[今昨明][（(]\d{1,2}[）)][日晚]/;

/** What follows a name candidate: punctuation/end/multi-character role word (strong) or a one-character word (weak). */
function followerStrength(after: string): FollowerStrength {
  if (!after || /^[\p{P}\p{S}\s\d]/u.test(after)) return 'strong'; // 李克强5月25日主持…
  if (DAY_WORD_AFTER.test(after)) return 'strong'; // 赖清德今（15）日出席 (Taiwan's bracketed day)
  for (const w of FOLLOWERS) if (after.startsWith(w)) return w.length >= 2 ? 'strong' : 'weak';
  return null;
}

/** Is this string plausibly a Chinese personal name (surname + 1-2 characters, not a common word)? */
export function isPlausibleName(name: string): boolean {
  if (!isHan(name) || name.length < 2 || name.length > 4) return false;
  const compound = COMPOUND_SURNAMES.find((s) => name.startsWith(s));
  const surnameLength = compound ? 2 : SURNAMES.has(name[0]) ? 1 : 0;
  if (!surnameLength) return false;
  const given = name.slice(surnameLength);
  if (given.length < 1 || given.length > 2) return false;
  // 王老师, 李大爷, 张书记 are forms of address, not names; 曾表示 is an adverb and a verb.
  if (ADDRESS_FORMS.test(given) || TITLE_HEAD_WORD_SET.has(given) || VERB_WORDS.has(given)) return false;
  const whole = tagged(name);
  if (whole.length === 1 && NOT_NAME_TAGS.test(whole[0].tag)) return false;
  if (given.length >= 2) {
    const g = tagged(given);
    const strict = surnameLength === 1 && AMBIGUOUS_SURNAMES.has(name[0]);
    if (g.length === 1 && (strict ? NOT_GIVEN_NAME_TAGS_STRICT : NOT_GIVEN_NAME_TAGS).test(g[0].tag)) return false;
  }
  return true;
}

/**
 * The name starting at `start`, if one does: surname + 1-2 characters followed by punctuation or a
 * role/function word. The shorter name wins unless only the longer one is followed by a strong word
 * (张国清出席: 张国+清 fails; 王健作有关传达: 王健+作 wins over 王健作+有关).
 */
export function nameAt(text: string, start: number): string | null {
  const compound = COMPOUND_SURNAMES.find((s) => text.startsWith(s, start));
  const surnameLength = compound ? 2 : SURNAMES.has(text[start]) ? 1 : 0;
  if (!surnameLength) return null;
  const options: { name: string; strength: FollowerStrength }[] = [];
  for (const given of [1, 2]) {
    const name = text.slice(start, start + surnameLength + given);
    if (name.length !== surnameLength + given || !isHan(name)) break;
    options.push({ name, strength: followerStrength(text.slice(start + name.length)) });
  }
  const [short, long] = options;
  // 副局长王小明说: 王小明 followed by 说 (weak) must beat 王小明说 followed by punctuation (strong).
  // 美国防部长盖某在接受: 盖某 followed by 在 (weak) must beat 盖某在 followed by 接受 (strong) too.
  const glued = long && (GLUED_VERB_CHARS.has(long.name[long.name.length - 1]) || ADVERB_SET.has(long.name[long.name.length - 1]));
  if (short?.strength === 'weak' && glued) return isPlausibleName(short.name) ? short.name : null;
  const pick = (short?.strength === 'strong' && short) || (long?.strength === 'strong' && long) || (short?.strength === 'weak' && short) || (long?.strength === 'weak' && long) || null;
  return pick && isPlausibleName(pick.name) ? pick.name : null;
}

/** Words that, inside the first title segment, end what precedes the title (会议由省委常委… -> 省委常委). */
const CHAIN_CUT_WORDS = new Set([
  '有',
  '是',
  '为',
  '会见',
  '陪同',
  '看望',
  '慰问',
  '邀请',
  '听取',
  '宣布',
  '任命',
  '担任',
  '接受',
  '据',
  '介绍',
  '说',
  '称',
  '了解到',
  '获悉',
  '报道',
  '以来',
  '并',
  '而',
  '在',
  '由',
  '经',
  '向',
  '对',
  '同',
  '请',
  '请洽',
  '洽',
  '联系',
  '致电',
  '详情',
  '现任',
  '时任',
  '曾任',
  '出任',
  '兼任',
]);
const CHAIN_CUT_TAGS = /^(p|uj|ul|uz|ug|ud|uv|r|d|ad|t|y)$/;

/** The first title segment without what precedes the title in the clause (会议由省委常委 -> 省委常委). */
function trimChainStart(segment: string): string {
  const toks = tagged(segment);
  let cut = 0;
  let pos = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    pos += t.word.length;
    if (k === toks.length - 1) break; // never cut the head itself away
    if (CHAIN_CUT_TAGS.test(t.tag) || CHAIN_CUT_WORDS.has(t.word)) cut = pos;
  }
  return segment.slice(cut);
}

export interface ChainContext {
  titles: string[];
  org?: string;
  scope?: PersonMention['scope'];
}

/** The place prefix read off the first token(s), before splitPlacePrefix's fix-up of a doubled level. */
function splitPlacePrefixRaw(title: string): { place?: string; title: string } {
  const toks = tagged(title);
  if (toks.length < 2) return { title };
  const first = toks[0].word;
  // 辽宁省委 / 沈阳市委 as one token: the place is the stem.
  const committee = /^(\p{Script=Han}{2,4}?)(省委|市委|县委|区委|州委)$/u.exec(first);
  if (committee) return { place: committee[1], title: title.slice(committee[1].length) };
  // 辽宁省 / 沈阳市 as one token, followed by the rest of the title.
  const withLevel = /^(\p{Script=Han}{2,4}?)(省|市|县|区|州|自治区)$/u.exec(first);
  if (withLevel && !SCOPE_WORDS.includes(first)) return { place: withLevel[1], title: title.slice(withLevel[1].length) };
  // 石桥镇 + 党委书记: towns keep their suffix (the place is the whole token).
  if (/^\p{Script=Han}{2,4}[镇乡]$/u.test(first) && !/^[城小集古重全各本该]/.test(first)) return { place: first, title: title.slice(first.length) };
  // 铁岭 + 市委常委: a 2-3 character token (place, name-like or unknown) followed by a level character.
  const next = title[first.length];
  if (
    first.length >= 2 &&
    first.length <= 4 &&
    isHan(first) &&
    /[省市县区州]/.test(next ?? '') &&
    (KNOWN_PLACES.has(first) || /^(ns|nr|nrt|x|nz)$/.test(toks[0].tag)) &&
    !SCOPE_WORDS.includes(first)
  ) {
    return { place: first, title: title.slice(first.length) };
  }
  return { title };
}

/**
 * Split the first title of a chain into its place prefix and the title proper:
 * 铁岭市委常委 -> 铁岭 + 市委常委; 辽宁省委书记 -> 辽宁 + 省委书记; 北京大学教授 stays (org 北京大学).
 */
export function splitPlacePrefix(title: string): { place?: string; title: string } {
  const split = splitPlacePrefixRaw(title);
  // 青港市副市长 -> 青港 + 副市长 (not 市副市长): the level is already in the head.
  if (split.place && /^([省市县区])(?:副|常务副)?\1长$/.test(split.title) && split.title.length > 2) return { place: split.place, title: split.title.slice(1) };
  return split;
}

/**
 * Is this chain segment a title? Known heads always; a title ending in 官/师/员 only after 兼 following a
 * known title (副总裁兼首席技术官), or after an organisation or 首席 (公司首席数据官).
 */
function isTitleSegment(seg: string, afterJian: boolean): boolean {
  if (!seg || seg.length > 30) return false;
  if (ENDS_WITH_HEAD.test(seg)) return true;
  if (!ENDS_WITH_GENERIC.test(seg) || seg.length < 2) return false;
  if (afterJian && seg.length <= 8 && isHan(seg)) return true;
  return ORG_THEN_GENERIC.test(seg);
}

/** Titles and org context of a chain written as 、- or 兼-separated segments (the last ends right before the name). */
export function parseChain(chainText: string): ChainContext | null {
  // Split on 、 and on 兼 (副校长兼教务长), keeping which separator came before each segment.
  const parts = chainText.split(/(、|兼)/);
  const segments: { seg: string; sep: string }[] = [];
  for (let k = 0; k < parts.length; k += 2) {
    const sep = k > 0 ? parts[k - 1] : '';
    const prev = segments[segments.length - 1];
    // 兼 only joins two titles; after anything else it is part of a word (兼职律师).
    if (sep === '兼' && prev && !ENDS_WITH_HEAD.test(prev.seg)) prev.seg += sep + parts[k];
    else segments.push({ seg: parts[k], sep });
  }
  const kept: string[] = [];
  for (let k = segments.length - 1; k >= 0; k--) {
    const { seg, sep } = segments[k];
    if (!isTitleSegment(seg, sep === '兼')) break;
    kept.unshift(seg);
  }
  if (!kept.length) return null;
  kept[0] = trimChainStart(kept[0]);
  if (!kept[0] || !isTitleSegment(kept[0], false)) kept.shift();
  if (!kept.length) return null;
  kept[0] = kept[0].replace(BARE_ORG_PREFIX, '');
  const { place, title } = splitPlacePrefix(kept[0]);
  kept[0] = title;
  const context: ChainContext = { titles: kept };
  if (place) {
    context.org = place;
    return context;
  }
  const head = ENDS_WITH_HEAD.exec(title)?.[0] ?? '';
  const body = title.slice(0, title.length - head.length).replace(/(常务副|副|常务|执行|代理)$/, '');
  const scope = SCOPE_WORDS.find((w) => title.startsWith(w));
  if (body.length >= 3 && ORG_SUFFIX_RE.test(body) && !/^[省市县区]委$/.test(body)) context.org = body;
  else if (scope) context.org = scope;
  if (!context.org && /^[省市县区]/.test(title)) context.scope = title[0] as PersonMention['scope'];
  return context;
}

/** Strip a leading "在…上/中" phrase: 在新闻发布会上表示 -> 表示. */
function stripVenue(part: string): string {
  return part.replace(/^在[^，。；]{1,20}?(?:上|中|时|期间|之际)/, '');
}

/**
 * Roles played by the person whose name ends at `index`: the clause after the name split on 并
 * (出席会议并讲话 -> 出席, 讲话; 主持会议并作有关通报和说明 -> 主持, 作有关通报和说明).
 */
export function rolesAfter(text: string, index: number): string[] {
  const clause = text.slice(index, clauseEnd(text, index));
  if (!clause) return [];
  const roles: string[] = [];
  for (const raw of clause.split(/并且|并|同时/)) {
    const part = stripVenue(raw);
    if (!part) continue;
    const made = /^[作做](\p{Script=Han}{2,12})$/u.exec(part);
    if (made && !/^(为|出|好)/.test(made[1])) {
      roles.push(part);
      continue;
    }
    let best: { word: string; at: number } | null = null;
    for (const w of ROLE_WORDS) {
      const at = part.indexOf(w);
      if (at >= 0 && at <= 6 && (!best || at < best.at)) best = { word: w, at };
    }
    if (best) roles.push(best.word);
  }
  return [...new Set(roles)];
}

/** People named right after a title chain: 省委常委、政法委书记于天敏主持会议… */
export function findTitledPeople(text: string): PersonMention[] {
  const groups: { mentions: PersonMention[]; start: number; pure: boolean; next: number }[] = [];
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(text); m; m = HEAD_RE.exec(text)) {
    let end = m.index + m[0].length;
    let name = nameAt(text, end);
    let qualifier = '';
    if (!name) {
      const copula = COPULA.exec(text.slice(end, end + 2));
      const bracket = copula ? null : QUALIFIER.exec(text.slice(end, end + 12));
      if (copula || bracket) {
        end += (copula ?? bracket)![0].length;
        name = nameAt(text, end);
        if (bracket) qualifier = bracket[0].trimEnd();
      }
    }
    if (!name) continue;
    const headEnd = m.index + m[0].trimEnd().length;
    const start = clauseStart(text, m.index, CHAIN_BREAK);
    const chain = parseChain(text.slice(start, headEnd));
    if (!chain) continue;
    if (qualifier) chain.titles[chain.titles.length - 1] += qualifier;
    // 副市长刘婷、孙卫东出席: the title is shared by a 、-list of names; the roles follow the last one.
    const names: { name: string; index: number }[] = [{ name, index: end }];
    let next = end + name.length;
    while (text[next] === '、') {
      const other = nameAt(text, next + 1);
      if (!other || other === names[names.length - 1].name) break;
      names.push({ name: other, index: next + 1 });
      next = next + 1 + other.length;
    }
    const roles = rolesAfter(text, next);
    const mentions = names.map((n) => ({ name: n.name, titles: [...chain.titles], roles, org: chain.org, scope: chain.scope, index: n.index }));
    groups.push({ mentions, start, pure: isPureChain(text.slice(start, headEnd)), next });
    HEAD_RE.lastIndex = next;
  }
  // 市长王刚，副市长刘婷、孙卫东出席会议: a person listed without a verb shares the roles of the next one,
  // when only a comma and that one's title chain lie between them.
  for (let g = groups.length - 2; g >= 0; g--) {
    const here = groups[g];
    const following = groups[g + 1];
    if (here.mentions[0].roles.length || !/[，,]/.test(text[here.next] ?? '')) continue;
    if (following.start !== here.next + 1 || !following.pure) continue;
    for (const p of here.mentions) p.roles = [...following.mentions[0].roles];
  }
  return groups.flatMap((g) => g.mentions);
}

/** Is the text only a title chain (nothing before the first title: 副市长, 市委常委、副市长)? */
function isPureChain(chainText: string): boolean {
  const segments = chainText.split(/、|兼/);
  // jieba may tag a time phrase as a name (今天上午/nr), so time words are ruled out by form.
  if (/[上下中]午|晚上|[今昨明当前]天|[\d一二三四五六七八九十]+[日月号]|随后|其后|会上/.test(segments[0])) return false;
  return segments.every((seg) => isTitleSegment(seg, true)) && trimChainStart(segments[0]) === segments[0];
}

/**
 * Speakers: a name at the start of a clause followed by a verb of speech, directly or after a venue
 * (张国清指出, 李友在新闻发布会上表示). Known names are matched as written; others must look like names.
 */
export function findSpeakers(text: string, knownNames: Iterable<string> = []): PersonMention[] {
  const out: PersonMention[] = [];
  if (!HAS_SPEECH_VERB.test(text)) return out;
  const seen = new Set<number>();
  for (const name of knownNames) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (seen.has(i)) continue;
      if (!SPEECH_AFTER.test(text.slice(i + name.length))) continue;
      seen.add(i);
      out.push({ name, titles: [], roles: rolesAfter(text, i + name.length), index: i });
    }
  }
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !HARD_BREAK.test(text[i - 1]) && !/[“"]/.test(text[i - 1])) continue;
    if (seen.has(i)) continue;
    for (const length of [2, 3, 4]) {
      const name = text.slice(i, i + length);
      if (!SPEECH_AFTER.test(text.slice(i + length))) continue;
      // 银行多表示, 陈某也透露: a name does not end in the adverb before the verb.
      if (length > 2 && ADVERB_SET.has(name[name.length - 1])) continue;
      if (!isPlausibleName(name)) continue;
      seen.add(i);
      out.push({ name, titles: [], roles: rolesAfter(text, i + length), index: i });
      break;
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Split a byline token into role prefix and name: 驻铁岭记者 -> {org: 驻铁岭, role: 记者}; 记者张三 -> role + name. */
function parseBylineTokens(tokens: string[], defaultRole?: string): { name: string; role: string; org?: string }[] | null {
  const people: { name: string; role: string; org?: string }[] = [];
  let role = defaultRole;
  let org: string | undefined;
  for (const token of tokens) {
    if (/^(?:摄|摄影|报道|发|电|文|图|文图|文\/图|供图|整理)$/.test(token)) continue; // （新华社记者 张三 摄）
    const asRole = BYLINE_ROLE_RE.exec(token);
    if (asRole) {
      role = asRole[2] === '责任编辑' ? '责编' : asRole[2] === '作者' || asRole[2] === '撰稿' ? (defaultRole ?? '作者') : asRole[2];
      org = asRole[1] && !/^(本报|本台|本网|驻|见习|首席)/.test(asRole[1]) ? asRole[1] : undefined;
      continue;
    }
    const glued = BYLINE_GLUED_RE.exec(token);
    if (glued && isPlausibleName(glued[3])) {
      role = glued[2];
      org = glued[1] && !/^(本报|本台|本网|驻)/.test(glued[1]) ? glued[1] : undefined;
      people.push({ name: glued[3], role, org });
      continue;
    }
    if (!role || !/^\p{Script=Han}{2,4}$/u.test(token)) return null;
    people.push({ name: token, role, org });
  }
  return people;
}

/** Bracketed bylines in the text: （辽宁日报记者 杨忠厚）, （记者 张三 李四 通讯员 王五）. */
export function findBylinePeople(text: string): PersonMention[] {
  const out: PersonMention[] = [];
  const re = /[（(]([^（）()]{2,40})[）)]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tokens = m[1].split(/[\s、，,]+/).filter(Boolean);
    if (!tokens.some((t) => BYLINE_ROLE_RE.test(t) || BYLINE_ROLE_NAME_END.test(t))) continue;
    const people = parseBylineTokens(tokens);
    if (!people) continue;
    for (const p of people) {
      out.push({ name: p.name, titles: [p.role], roles: [p.role], org: p.org, index: m.index + m[0].indexOf(p.name) });
    }
  }
  return out;
}

/** People from the document's byline fields: author -> 记者, editor -> 编辑, responsibleEditor -> 责编. */
export function metaPeople(meta: DocumentMeta): PersonMention[] {
  const out: PersonMention[] = [];
  const fields: [string | undefined, string][] = [
    [meta.author, '记者'],
    [meta.editor, '编辑'],
    [meta.responsibleEditor, '责编'],
  ];
  const source = meta.source ? matchingForm(meta.source).trim() : undefined;
  for (const [value, role] of fields) {
    if (!value) continue;
    const tokens = matchingForm(value)
      .replace(/^(作者|记者|编辑|责编|责任编辑)\s*[:：]\s*/, '')
      .split(/[\s,，、;；/|]+/)
      .filter(Boolean);
    const people = parseBylineTokens(tokens, role);
    if (!people) continue;
    for (const p of people) {
      if (!/^\p{Script=Han}{2,4}$/u.test(p.name)) continue;
      const org = p.org && !p.org.startsWith('驻') ? p.org : source;
      out.push({ name: p.name, titles: [p.role], roles: [p.role], org, index: -1 });
    }
  }
  return out;
}
