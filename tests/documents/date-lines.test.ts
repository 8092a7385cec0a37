/** The document's date from common date lines (both scripts), on pages written for these tests. */
import { describe, expect, it } from 'vitest';
import { dateLineDate, parseByline, yearNamedIn } from '../../src/documents/byline.js';
import { parseDispatchDay } from '../../src/documents/dateline.js';
import { cleanDocument } from '../../src/documents/clean.js';

describe('date lines', () => {
  it('labels 出版/更新日期 and Latin month names', () => {
    expect(parseByline('出版：2025-Mar-04 09:12')).toEqual({ published: '2025-03-04T09:12' });
    expect(parseByline('更新時間：2024/01/18 15:42')).toEqual({ published: '2024-01-18T15:42' });
    expect(parseByline('2019-07-14 18:03:27 来源：人民网')).toEqual({ published: '2019-07-14T18:03:27', source: '人民网' });
  });

  it('a 民國 year after a date label, without the era named', () => {
    expect(parseByline('發布日期：113-05-06')).toEqual({ published: '2024-05-06' });
    expect(parseByline('日期：113年5月6日 來源：行政院')).toEqual({ published: '2024-05-06', source: '行政院' });
  });

  it('a date with its time on a line of page tools; a date without time is not taken', () => {
    expect(dateLineDate('2019-07-14 18:03:27 字号：大 中 小')).toBe('2019-07-14T18:03:27');
    expect(dateLineDate('人民网 | 2019-07-14 18:03')).toBe('2019-07-14T18:03');
    expect(dateLineDate('2019年7月14日 国务院常务会议')).toBeUndefined();
    expect(dateLineDate('会议于2019-07-14 18:03召开。')).toBeUndefined();
  });

  it('the dispatch day of a dateline, and a year named elsewhere', () => {
    expect(parseDispatchDay('新华社北京7月14日电（记者 王小明）国务院今天召开常务会议。')).toEqual({ month: 7, day: 14 });
    expect(parseDispatchDay('（中央社記者劉家豪首爾12日專電）南韓總統府今天宣布。')).toEqual({ day: 12 });
    expect(parseDispatchDay('国务院今天召开常务会议。')).toBeUndefined();
    expect(yearNamedIn(['首页 > 新闻', '© 2019 新华网 版权所有'])).toBe(2019);
  });
});

describe('cleanDocument reads the page date', () => {
  it('from a line of page tools under the title', () => {
    const doc = cleanDocument('某某新闻网\n首页 > 新闻 > 正文\n市政府召开常务会议\n2019-07-14 18:03:27 字号：大 中 小\n今日，市政府召开常务会议。', 'a');
    expect(doc.meta).toMatchObject({ title: '市政府召开常务会议', published: '2019-07-14T18:03:27' });
    expect(doc.paragraphs).toEqual(['今日，市政府召开常务会议。']);
  });

  it('from a dispatch month-day and the year of the copyright line', () => {
    const doc = cleanDocument('国务院召开常务会议\n新华社北京7月14日电（记者 王小明）国务院今天召开常务会议。\n会议指出，要做好防汛工作。\n© 2019 新华网 版权所有', 'b');
    expect(doc.meta.published).toBe('2019-07-14');
  });

  it('from 出版： in a Traditional page', () => {
    const doc = cleanDocument('南韓總統府宣布新政策\n出版：2025-Mar-04 09:12\n（中央社記者劉家豪首爾4日專電）南韓總統府今天宣布新政策。', 'c');
    expect(doc.meta.published).toBe('2025-03-04T09:12');
  });
});

describe('a wire serial dates a page that gives no date line', () => {
  it('reads 1120903 as 民國112年9月3日 only when the dispatch day agrees', async () => {
    const { wireSerialDate } = await import('../../src/documents/byline.js');
    expect(wireSerialDate('（編輯：李明）1120903')).toBe('2023-09-03');
    expect(wireSerialDate('（編輯：李明）1121340')).toBeUndefined();
    const page = '颱風登陸\n（中央社記者張文華台北3日電）颱風今天清晨登陸。\n全台停電戶數持續增加。\n（編輯：李明）1120903';
    expect(cleanDocument(page, 'w').meta.published).toBe('2023-09-03');
    const disagrees = page.replace('台北3日電', '台北4日電');
    expect(cleanDocument(disagrees, 'w').meta.published).toBeUndefined();
  });
});
