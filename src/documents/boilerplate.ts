/**
 * Page boilerplate that is not article: site chrome lines (welcome banners, 主办/承办, navigation,
 * ICP numbers) and copyright/reprint footers. Everything is judged in the matching form, so
 * Traditional pages (歡迎光臨, 版權所有) are recognised by the same rules.
 *
 * The rules lean towards keeping text: a chrome line must be short and not read like a sentence,
 * and a footer must both start like one and be followed mostly by notice-like lines.
 */
import { matchingForm } from '../text/script.js';

const codePoints = (s: string) => [...s].length;
/** Sentence-final punctuation (matching form is half-width, so ! and ? cover ！ and ？). */
const ENDS_LIKE_SENTENCE = /[。!?;…]$/;

// Strong markers: only ever seen in site furniture, so any short line holding one is chrome.
const STRONG_CHROME =
  /版权所有|all rights reserved|copyright|©|icp备|icp证|公网安备|网安备|新闻信息服务许可证|电信业务经营许可证|著作权所有|版权归.{0,12}所有|未经授权.{0,6}(?:不得|禁止|严禁)(?:转载|复制|使用)|(?:不得|禁止|严禁)转载/i;
// Welcome banners: 欢迎来到…, 欢迎光临…, 欢迎访问…
const WELCOME = /^欢迎(?:您)?(?:来到|光临|访问|进入|浏览|使用)/;
// Who runs the site: 主办:…  承办单位:…  技术支持:…
const SITE_ROLE = /(?:主办|承办|协办|主管|运营|运维|技术支持|制作维护)(?:单位)?\s*:/;
// Navigation and page tools.
const NAVIGATION =
  /设为首页|加入收藏|收藏本站|收藏本页|联系我们|关于我们|网站地图|网站导航|返回顶部|返回首页|返回列表|打印本页|打印本文|打印此页|关闭窗口|手机版|繁体版|简体版|无障碍浏览|上一篇|下一篇|扫一扫|分享到|分享至|[大中小]字号|字号\s*:|字体\s*:|字级\s*:|字体大小|【(?:打印|关闭|列印|收藏)】|复制链接|友善列印/;
// A line of share and print buttons only: 分享 facebook line 列印 | 字级 大 中 小.
const TOOL_WORDS =
  /^(?:分享到|分享至|分享|列印|打印|转寄|转发|收藏|评论|点赞|赞|推荐|检举|字级|字号|字体|大|中|小|放大|缩小|facebook|twitter|line|plurk|微信|微博|qq空间|qq|email|e-mail|复制链接|[|/:·•\s\d])+$/i;
// Photo credits: 图/记者张三摄, 圖／某某, (新华社记者 张三 摄), 照片：某某提供.
const PHOTO_CREDIT =
  /^[([【]?\s*(?:(?:图|图片|照片|摄影|影像|图文|供图|翻摄)\s*[/:|]\s*[^。，,;]{1,24}|[^。，,;\s]{0,14}(?:记者|通讯员|摄影记者|摄影师)?\s*[\p{Script=Han}·•]{2,6}\s*(?:摄|摄影|提供|供图))\s*[)\]】]?$/u;
// Captions: 图为…, 上图：…, (图为…).
const CAPTION = /^[([【]?\s*(?:图为|图片为|上图|下图|左图|右图|题图|配图)\s*[:：]?/;
// A month calendar: weekday names and day numbers only (日 一 二 三 四 五 六 / 1 2 3 … 31 / 2024年5月).
const CALENDAR_TOKEN = /^(?:\d{1,2}|[日一二三四五六]|周[日一二三四五六]|星期[日一二三四五六天]|sun|mon|tue|wed|thu|fri|sat|\d{4}年\d{1,2}月|\d{4}[-/.]\d{1,2}|[<>«»‹›]|上一?月|下一?月|今天|今日)$/i;
const MIN_CALENDAR_TOKENS = 5;
// Breadcrumbs: 当前位置: 首页 > 新闻 > 正文, or 首页 > …
const CRUMB_LABEL = /^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*:/;
const CRUMB_SEPARATORS = /[>»›]/g;

/** A line of a month calendar: only weekday names and day numbers (日一二三四五六, 1 2 3 … 31). */
export function isCalendarLine(form: string): boolean {
  if (/^[日一二三四五六]{7}$/.test(form)) return true;
  const tokens = form.split(/[\s|,]+/).filter(Boolean);
  return tokens.length >= MIN_CALENDAR_TOKENS && tokens.every((t) => CALENDAR_TOKEN.test(t));
}

/** A photo credit (图/记者张三摄, 圖／某某, （新华社记者 张三 摄）) or a caption (图为…): not article text. */
export function isPhotoCredit(form: string): boolean {
  const t = form.trim();
  return codePoints(t) <= 40 && PHOTO_CREDIT.test(t);
}

/** A caption under a photo: 图为…, 上图：… (matching form). */
export function isCaption(form: string): boolean {
  return CAPTION.test(form.trim());
}

/** Is this line site chrome (not article, not metadata)? */
export function isChromeLine(line: string): boolean {
  return isChromeForm(matchingForm(line.trim()));
}

/** isChromeLine for a line already in the matching form (Simplified, half-width), e.g. a sentence's `simplified`. */
export function isChromeForm(text: string): boolean {
  const form = text.trim();
  const length = codePoints(form);
  if (!length || length > 100) return false;
  if (RELATED_LINE.test(form) || isPhotoCredit(form) || isCalendarLine(form)) return true;
  if (TOOL_WORDS.test(form) && /\p{Script=Han}|[a-z]{4}/iu.test(form) && !/^\d+$/.test(form)) return length <= 40;
  if (STRONG_CHROME.test(form) && length <= 80) return true;
  // A banner does not end in 。; a sentence about visitors (欢迎来到铁岭的游客……。) does.
  if (WELCOME.test(form) && length <= 40 && !form.endsWith('。')) return true;
  if (ENDS_LIKE_SENTENCE.test(form)) return false;
  if (SITE_ROLE.test(form)) return true;
  if (length <= 40 && NAVIGATION.test(form)) return true;
  if (CRUMB_LABEL.test(form) || /^首页\s*[>»›/]/.test(form)) return true;
  return length <= 60 && (form.match(CRUMB_SEPARATORS) ?? []).length >= 2;
}

// Words of copyright / reprint notices.
const NOTICE_WORDS = ['授权', '转载', '侵权', '版权', '摘编', '复制', '法律责任', '免责', '声明', '本网', '本站'];
// The site speaking of itself: what makes a paragraph a notice rather than news about copyright.
const SITE_SELF = /本网|本站|本平台|本公众号|本号/;
// Numbered clauses: 1、 2. (3) 一、
const NUMBERED = /^(?:\d{1,2}\s*[、.．)]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}\s*、)/;
// Headings after which only other pages' links follow (matching form: 相關報導 -> 相关报导, 延伸閱讀 -> 延伸阅读).
const RELATED_WORDS =
  '相关新闻|相关报道|相关报导|相关阅读|相关链接|相关文章|相关专题|相关稿件|延伸阅读|推荐阅读|热点推荐|热门推荐|热门文章|热门新闻|猜你喜欢|更多新闻|更多阅读|更多报道|精彩推荐|编辑推荐|今日推荐|往期回顾|你可能也喜欢|看了本文的人还看了|最新新闻|即时新闻|新闻排行|阅读排行|点击排行';
const RELATED_HEADING = new RegExp(`^[[【(]?\\s*(?:${RELATED_WORDS})\\s*[\\]】)]?\\s*:?$`);
// A related-links heading with its links on the same line: 延伸阅读：某某标题, 【相关新闻】某某标题.
const RELATED_LINE = new RegExp(`^[[【(]?\\s*(?:${RELATED_WORDS})\\s*(?:[\\]】)]\\s*:?|:)`);

function noticeWordCount(form: string): number {
  return NOTICE_WORDS.filter((w) => form.includes(w)).length;
}

/** A heading line of a copyright / disclaimer block: 版权声明, 免责声明, 国际在线版权与信息产品内容销售的声明. */
export function isFooterHeading(line: string): boolean {
  const form = matchingForm(line.trim());
  if (codePoints(form) > 40 || /[。,]/.test(form)) return false;
  if (/版权|免责/.test(form)) return true;
  return /声明/.test(form) && /本网|本站|网站|转载|法律/.test(form);
}

/**
 * A clause of a reprint/copyright notice: a numbered clause mentioning 授权/转载/侵权/版权/本网, or a
 * paragraph where the site speaks of itself (本网/本站) together with two notice words.
 * One mention of 版权 in a news sentence is not enough.
 */
export function isNoticeClause(line: string): boolean {
  const form = matchingForm(line.trim());
  if (NUMBERED.test(form) && /授权|转载|侵权|版权|本网|本站/.test(form)) return true;
  return SITE_SELF.test(form) && noticeWordCount(form.replace(SITE_SELF, '')) >= 2;
}

/**
 * Where the footer starts in a list of lines, or -1. It must come after at least one line of body
 * (index > firstBodyLine), start with a footer heading or a notice clause, and at least half of the
 * lines from there to the end must be notice-like: a mid-article heading such as 《声明》 followed by
 * ordinary paragraphs does not cut the article. A related-links heading (相关新闻) always ends the article.
 */
export function findFooterStart(lines: string[], firstBodyLine = 0): number {
  for (let i = firstBodyLine + 1; i < lines.length; i++) {
    const form = matchingForm(lines[i].trim());
    if (RELATED_HEADING.test(form)) {
      if (relatedBlockEnd(lines, i) < 0) return i;
      continue;
    }
    if (!isFooterHeading(lines[i]) && !isNoticeClause(lines[i])) continue;
    const rest = lines.slice(i);
    const noticeLike = rest.filter((l) => noticeWordCount(matchingForm(l)) > 0 || isChromeLine(l)).length;
    if (noticeLike * 2 >= rest.length) return i;
  }
  return -1;
}

/** Longest related-links heading (看了本文的人还看了 and its brackets). */
const MAX_HEADING_LENGTH = 16;
/** Longest link title under a related-links heading. */
const MAX_LINK_LENGTH = 60;
/** Article paragraphs that must follow a related-links list for the article to go on after it (else it is the footer). */
const MIN_RESUMED_PARAGRAPHS = 2;
/** Shortest line that counts as an article paragraph after a related-links list. */
const MIN_PARAGRAPH_LENGTH = 15;
const BULLET = /^[‧•·►▶→\-*＊]/;

function isLinkLine(line: string): boolean {
  const form = matchingForm(line.trim());
  return BULLET.test(form) || (codePoints(form) <= MAX_LINK_LENGTH && !ENDS_LIKE_SENTENCE.test(form));
}

function isParagraph(line: string): boolean {
  const form = matchingForm(line.trim());
  return ENDS_LIKE_SENTENCE.test(form) && codePoints(form) >= MIN_PARAGRAPH_LENGTH && !BULLET.test(form);
}

/**
 * Where the article resumes after a related-links heading at `heading` (the index after its links), or -1 when
 * nothing but links, chrome or too little article follows: then the heading starts the footer. Taiwanese pages
 * put 延伸閱讀 lists in the middle of an article; most others put related links at its end.
 */
export function relatedBlockEnd(lines: string[], heading: number): number {
  let j = heading + 1;
  while (j < lines.length && isLinkLine(lines[j])) j++;
  let paragraphs = 0;
  for (let k = j; k < lines.length && paragraphs < MIN_RESUMED_PARAGRAPHS; k++) {
    if (!isParagraph(lines[k]) || isNoticeClause(lines[k])) break;
    paragraphs++;
  }
  return paragraphs >= MIN_RESUMED_PARAGRAPHS ? j : -1;
}

/** The lines without related-links blocks inside the article (heading and its links), and what was removed. */
export function removeRelatedBlocks(lines: string[]): { kept: string[]; removed: string[] } {
  const kept: string[] = [];
  const removed: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // Headings are short: most lines skip the (costly) conversion to the matching form.
    if (codePoints(lines[i]) > MAX_HEADING_LENGTH || !RELATED_HEADING.test(matchingForm(lines[i].trim()))) {
      kept.push(lines[i]);
      continue;
    }
    const end = relatedBlockEnd(lines, i);
    const stop = end < 0 ? lines.length : end;
    removed.push(...lines.slice(i, stop));
    i = stop - 1;
  }
  return { kept, removed };
}
