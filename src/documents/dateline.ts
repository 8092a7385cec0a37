/**
 * Datelines: the line that opens a wire or newspaper story and says who filed it from where.
 *
 *   2024/01/18 15:42　中央社記者劉家豪台北18日電        (date-time, agency, reporter glued to the place)
 *   （中央社記者劉家豪台北18日電）臺灣臺北地方法院今天…   (the same, bracketed, article after it)
 *   新华社北京5月6日电（记者 王某）国务院…              (agency, place, day, credit in brackets)
 *   本报讯（记者 张三 通讯员 李四）昨天…                (the paper itself: no source)
 *
 * Read into metadata: `published` only from a full date before the dateline (the day in `18日電` has no
 * year or month), `source` from the agency (本报/本台/本网 name no outlet), `author` from the reporters
 * named in it (never a 通讯员). All matching is done in the aligned matching form, values are cut from
 * the original text, so they stay in the document's own script.
 */
import { alignedMatchingForm, findDate, parseCredit, tidyValue, type BylineFields } from './byline.js';

/** The day of a dispatch (`7月14日电`, `首尔12日专电`), with its month when written: the document's date, year unknown. */
export interface DispatchDay {
  month?: number;
  day: number;
}

export interface Dateline {
  fields: BylineFields;
  /** What follows the dateline on its line (the article's first sentence), trimmed; '' for a dateline alone. */
  rest: string;
}

// The outlet: the paper itself, or a name ending the way agencies, sites, papers and stations do.
const AGENCY = String.raw`本[报台网刊]|[\p{Script=Han}A-Za-z]{1,10}?(?:社|网|台|报)`;
// Reporter role inside a dateline: 记者, 特约记者, 驻纽约特派员.
const ROLE = String.raw`(?:驻\p{Script=Han}{1,6}?)?(?:特约|首席|见习|实习)?(?:记者|特派员)`;
const DAY = String.raw`(?:(?<month>\d{1,2})\s*月\s*)?(?<day>\d{1,2})\s*日`;
// agency [role names] place day 电/专电/讯. A dispatch word is followed by a break (space, bracket, colon,
// dash) or the end, so a sentence like `公司网5月6日电价调整` is not one.
const DATELINE = new RegExp(String.raw`^(?<agency>${AGENCY})(?:\s*(?<role>${ROLE}))?(?<who>[\p{Script=Han}·•、,\s]{0,40}?)\s*${DAY}\s*(?:专电|电|讯)(?=$|[\s(\[【)\]】:—-])`, 'u');
// 本报讯, 本台讯: the paper's own report; anything may follow.
const OWN_REPORT = /^(?<agency>本[报台网刊])讯/u;
const SELF = /^本[报台网刊]$/;
const OPENERS = '([【';
const CLOSER_OF: Record<string, string> = { '(': ')', '[': ']', '【': '】' };
const CREDIT = /^\s*\(([^()]{1,40})\)/;

/**
 * Places news is filed from, in the matching form. Only needed to split a reporter's name from the place
 * glued after it (`刘家豪台北`); an unknown place is split by length (names are 2-3 characters).
 */
const DATELINE_PLACES = new Set(
  (
    '台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义 苗栗 彰化 南投 云林 屏东 宜兰 花莲 台东 澎湖 金门 马祖 ' +
    '北京 上海 天津 重庆 香港 澳门 广州 深圳 南京 杭州 武汉 成都 西安 沈阳 长春 哈尔滨 济南 青岛 郑州 长沙 南昌 ' +
    '合肥 福州 厦门 南宁 海口 昆明 贵阳 拉萨 兰州 西宁 银川 乌鲁木齐 呼和浩特 石家庄 太原 大连 ' +
    '东京 大阪 首尔 纽约 华盛顿 洛杉矶 旧金山 伦敦 巴黎 柏林 莫斯科 布鲁塞尔 日内瓦 维也纳 罗马 新德里 曼谷 ' +
    '新加坡 雅加达 马尼拉 河内 吉隆坡 悉尼 雪梨 墨尔本 渥太华 多伦多 温哥华 开罗 联合国'
  ).split(' '),
);
const MAX_NAME_LENGTH = 3;
const MIN_PLACE_LENGTH = 2;

/**
 * Split `刘家豪、王小明台北` into the reporters' names and the place (given in the matching form; the
 * returned offset is where the place starts, names are what precedes it).
 */
function placeStart(who: string): number {
  const lastToken = who.match(/[^\s、,]+\s*$/);
  if (!lastToken) return who.length;
  const token = lastToken[0].trimEnd();
  const at = lastToken.index!;
  // A token that is a place by itself (`记者 张三 北京`), or ends with one.
  if (DATELINE_PLACES.has(token)) return at;
  for (let cut = 2; cut < token.length; cut++) {
    if (DATELINE_PLACES.has(token.slice(cut))) return at + cut;
  }
  // Unknown place: the name takes up to three characters and leaves the place at least two.
  if (token.length < 2 + MIN_PLACE_LENGTH) return who.length;
  return at + Math.min(MAX_NAME_LENGTH, token.length - MIN_PLACE_LENGTH);
}

/** Reporters' names in the `who` part of `中央社記者劉家豪台北18日電`: 2-4 Han characters each. */
function namesBeforePlace(who: string, whoForm: string): string | undefined {
  const names = tidyValue(who.slice(0, placeStart(whoForm)));
  if (!names) return undefined;
  const tokens = alignedMatchingForm(names)
    .split(/[\s、,]+/)
    .filter(Boolean);
  const looksLikeNames = tokens.length <= 6 && tokens.every((t) => /^\p{Script=Han}[\p{Script=Han}·•]{1,4}$/u.test(t));
  return looksLikeNames ? names : undefined;
}

/**
 * Read a dateline at the start of a line. Returns null when the line does not open with one.
 * A full date (year, month, day, and time when given) before the dateline is the publication time.
 */
export function parseDateline(line: string): Dateline | null {
  const text = line.trim();
  const form = alignedMatchingForm(text);
  const fields: BylineFields = {};
  let at = 0;

  const date = findDate(text);
  if (date && date.index === 0) {
    const after = form.slice(date.length).match(/^[\s|｜丨/,]*/)![0].length;
    fields.published = date.iso;
    at = date.length + after;
  }

  let closer: string | undefined;
  if (OPENERS.includes(form[at])) {
    closer = CLOSER_OF[form[at]];
    at++;
  }
  const rest = form.slice(at);
  const match = rest.match(DATELINE) ?? rest.match(OWN_REPORT);
  if (!match) return null;
  const groups = match.groups!;
  let end = at + match[0].length;
  if (closer) {
    const close = form.slice(end).match(/^\s*(.)/);
    if (!close || close[1] !== closer) return null;
    end += close[0].length;
  }

  const agency = groups.agency;
  if (!SELF.test(agency)) fields.source = text.slice(at, at + agency.length);

  if (groups.role !== undefined && groups.who) {
    const whoAt = at + match[0].indexOf(groups.role, agency.length) + groups.role.length;
    const names = namesBeforePlace(text.slice(whoAt, whoAt + groups.who.length), groups.who);
    if (names) fields.author = names;
  }
  // A bracketed credit right after the dispatch word: 电（记者 王某）, 讯（记者 张三 通讯员 李四）.
  const bracket = form.slice(end).match(CREDIT);
  if (bracket) {
    const innerAt = end + bracket[0].indexOf('(') + 1;
    const credit = parseCredit(text.slice(innerAt, innerAt + bracket[1].length));
    if (credit) {
      if (credit.reporters) fields.author ??= credit.reporters;
      end += bracket[0].length;
    }
  }
  return {
    fields,
    rest: text
      .slice(end)
      .replace(/^[\s:：—-]+/u, '')
      .trim(),
  };
}

/** The dispatch day of a line opening with a dateline (`新华社北京7月14日电…` -> {month 7, day 14}), or undefined. */
export function parseDispatchDay(line: string): DispatchDay | undefined {
  if (!parseDateline(line)) return undefined;
  const form = alignedMatchingForm(line.trim());
  const date = findDate(line.trim());
  const from = date && date.index === 0 ? date.length : 0;
  const rest = form.slice(from).replace(/^[\s|｜丨/,([【]*/, '');
  const groups = rest.match(DATELINE)?.groups;
  if (!groups?.day) return undefined;
  return { ...(groups.month ? { month: Number(groups.month) } : {}), day: Number(groups.day) };
}
