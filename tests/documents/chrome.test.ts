/** Page chrome that is not body text: related links, photo credits, calendars, page tools, reprint bans (both scripts). */
import { describe, expect, it } from 'vitest';
import { findFooterStart, isCalendarLine, isChromeLine, isPhotoCredit, removeRelatedBlocks } from '../../src/documents/boilerplate.js';
import { cleanDocument } from '../../src/documents/clean.js';
import { matchingForm } from '../../src/text/script.js';

describe('chrome lines', () => {
  it('related-links lines, photo credits, calendars, page tools and reprint bans', () => {
    const chrome = [
      '相关新闻：某地召开防汛会议',
      '延伸閱讀：南韓總統府宣布新政策',
      '【相關報導】',
      '图/记者张三摄',
      '圖／中央社',
      '（新华社记者 张三 摄）',
      '照片：市府提供',
      '日 一 二 三 四 五 六',
      '1 2 3 4 5 6 7',
      '分享 facebook line 列印',
      '字級：大 中 小',
      '未經授權不得轉載',
    ];
    for (const line of chrome) expect(isChromeLine(line), line).toBe(true);
  });

  it('keeps sentences using the same words', () => {
    const article = ['他说，记者张三摄影技术很好。', '图书馆今年新增藏书5万册。', '3月5日，全市召开会议。', '相关部门表示，将加强监管。', '推荐阅读书目共有20本，涵盖文史哲。'];
    for (const line of article) expect(isChromeLine(line), line).toBe(false);
  });

  it('photo credits and calendars in the matching form', () => {
    expect(isPhotoCredit(matchingForm('（記者王小明攝）'))).toBe(true);
    expect(isPhotoCredit('市政府召开会议')).toBe(false);
    expect(isCalendarLine('日一二三四五六')).toBe(true);
    expect(isCalendarLine('2024年5月 1 2 3 4 5')).toBe(true);
    expect(isCalendarLine('一二三四五')).toBe(false);
  });
});

describe('related-links blocks', () => {
  const article = [
    '南韓總統府今天宣布新政策，將於下月實施。',
    '延伸閱讀',
    '南韓新政策引發討論',
    '總統府回應批評',
    '總統府發言人表示，新政策將分三階段推行。',
    '第一階段將於7月1日開始實施，為期三個月。',
  ];

  it('a list in the middle of an article goes, the article after it stays', () => {
    expect(findFooterStart(article)).toBe(-1);
    const { kept, removed } = removeRelatedBlocks(article);
    expect(removed).toEqual(['延伸閱讀', '南韓新政策引發討論', '總統府回應批評']);
    expect(kept).toEqual([article[0], article[4], article[5]]);
  });

  it('a list at the end is the footer', () => {
    expect(findFooterStart(['正文一。', '正文二。', '相关报道', '另一篇文章标题', '又一篇文章标题'])).toBe(2);
    expect(findFooterStart(['正文一。', '正文二。', '推薦閱讀', '另一篇文章標題'])).toBe(2);
  });

  it('the cleaner drops the block and keeps the article', () => {
    const doc = cleanDocument(['南韓宣布新政策', ...article, '圖／中央社'].join('\n'), 'kr');
    expect(doc.paragraphs).toEqual([article[0], article[4], article[5]]);
  });
});
