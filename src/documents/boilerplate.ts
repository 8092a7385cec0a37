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
const STRONG_CHROME = /版权所有|all rights reserved|copyright|©|icp备|icp证|公网安备|网安备|新闻信息服务许可证|电信业务经营许可证/i;
// Welcome banners: 欢迎来到…, 欢迎光临…, 欢迎访问…
const WELCOME = /^欢迎(?:您)?(?:来到|光临|访问|进入|浏览|使用)/;
// Who runs the site: 主办:…  承办单位:…  技术支持:…
const SITE_ROLE = /(?:主办|承办|协办|主管|运营|运维|技术支持|制作维护)(?:单位)?\s*:/;
// Navigation and page tools.
const NAVIGATION =
  /设为首页|加入收藏|收藏本站|收藏本页|联系我们|关于我们|网站地图|网站导航|返回顶部|返回首页|打印本页|打印本文|打印此页|关闭窗口|手机版|繁体版|简体版|无障碍浏览|上一篇|下一篇|扫一扫|分享到|[大中小]字号|字号\s*:|字体\s*:/;
// Breadcrumbs: 当前位置: 首页 > 新闻 > 正文, or 首页 > …
const CRUMB_LABEL = /^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置)\s*:/;
const CRUMB_SEPARATORS = /[>»›]/g;

/** Is this line site chrome (not article, not metadata)? */
export function isChromeLine(line: string): boolean {
  const form = matchingForm(line.trim());
  const length = codePoints(form);
  if (!length || length > 100) return false;
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
// Headings after which only other pages' links follow.
const RELATED_HEADING = /^[[【]?(?:相关新闻|相关阅读|相关链接|相关文章|延伸阅读|推荐阅读|热点推荐|热门推荐|热门文章|猜你喜欢)[\]】]?\s*:?$/;

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
    if (RELATED_HEADING.test(form)) return i;
    if (!isFooterHeading(lines[i]) && !isNoticeClause(lines[i])) continue;
    const rest = lines.slice(i);
    const noticeLike = rest.filter((l) => noticeWordCount(matchingForm(l)) > 0 || isChromeLine(l)).length;
    if (noticeLike * 2 >= rest.length) return i;
  }
  return -1;
}
