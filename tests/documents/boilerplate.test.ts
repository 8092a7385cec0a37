import { describe, expect, it } from 'vitest';
import { findFooterStart, isChromeLine, isFooterHeading, isNoticeClause } from '../../src/documents/clean.js';

describe('isChromeLine', () => {
  it('recognises site chrome in either script', () => {
    const chrome = [
      '歡迎來到遼寧長安網',
      '欢迎光临本站',
      '主辦:中共遼寧省委政法委員會\u00a0\u00a0\u00a0\u00a0承辦:遼寧法治報',
      '主办单位：某某市人民政府办公室',
      '版权所有 © 2021 某某网 辽ICP备12345678号',
      '版權所有，翻印必究',
      '京公网安备 11010502030000号',
      '设为首页 | 加入收藏 | 联系我们',
      '首页 > 新闻中心 > 正文',
      '当前位置：首页 » 政法要闻',
      '【字号：大 中 小】 打印本页 关闭窗口',
    ];
    for (const line of chrome) expect(isChromeLine(line), line).toBe(true);
  });

  it('keeps article sentences that happen to use the same words', () => {
    const article = [
      '欢迎来到铁岭的游客们纷纷表示，这里的服务越来越好，很多人表示明年还要再来。',
      '如有问题，请及时联系我们。',
      '会议由市委政法委主办，市公安局承办。',
      '鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果',
      '加强知识产权保护，打击侵权盗版行为。',
    ];
    for (const line of article) expect(isChromeLine(line), line).toBe(false);
  });
});

describe('footer', () => {
  it('recognises copyright headings and notice clauses', () => {
    expect(isFooterHeading('国际在线版权与信息产品内容销售的声明')).toBe(true);
    expect(isFooterHeading('免責聲明')).toBe(true);
    expect(isFooterHeading('外交部发言人声明')).toBe(false);
    expect(isNoticeClause('2、凡本网注明“来源:国际在线”的所有信息内容，未经书面授权，任何单位及个人不得转载。')).toBe(true);
    expect(isNoticeClause('凡本站注明来源的作品，未经授权不得转载、摘编。')).toBe(true);
    // One mention of 版权 in news is not a notice.
    expect(isNoticeClause('国家版权局近日部署开展专项行动。')).toBe(false);
    expect(isNoticeClause('1、加强版权保护工作。')).toBe(true); // numbered + 版权: clause-like on its own…
  });

  it('cuts only when the rest is mostly notice text', () => {
    const article = ['第一段新闻。', '1、加强版权保护工作。', '第二段新闻，讲述会议情况。', '第三段新闻。'];
    // …but followed by ordinary paragraphs, so it is not a footer.
    expect(findFooterStart(article)).toBe(-1);
    const withFooter = ['第一段新闻。', '最后一段新闻。', '免责声明', '1、本网转载的文章仅代表作者观点。', '2、如涉及版权问题，请与本网联系。'];
    expect(findFooterStart(withFooter)).toBe(2);
  });

  it('only looks after the first body line', () => {
    const lines = ['版权声明', '1、本网授权转载须注明出处。', '2、侵权必究。'];
    expect(findFooterStart(lines)).toBe(1);
    expect(findFooterStart(lines, 1)).toBe(2);
    expect(findFooterStart(lines, 2)).toBe(-1);
  });

  it('ends the article at a related-links heading', () => {
    expect(findFooterStart(['正文一。', '正文二。', '相关新闻', '另一篇文章标题'])).toBe(2);
  });
});
