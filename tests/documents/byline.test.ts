import { describe, expect, it } from 'vitest';
import { findDatelineCredit, findReporterCredit, parseByline, parseDate, stripRoleWords } from '../../src/documents/clean.js';

describe('parseDate', () => {
  it('turns the usual page dates into ISO 8601', () => {
    expect(parseDate('2021-08-10 09:46')).toBe('2021-08-10T09:46');
    expect(parseDate('2021-08-19 09:40:53')).toBe('2021-08-19T09:40:53');
    expect(parseDate('2021年8月10日')).toBe('2021-08-10');
    expect(parseDate('2021/8/10')).toBe('2021-08-10');
    expect(parseDate('２０２１年８月１０日 ９时４６分')).toBe('2021-08-10T09:46');
    expect(parseDate('2021.08.10')).toBe('2021-08-10');
  });

  it('rejects what is not a date', () => {
    expect(parseDate('2021-13-01')).toBeUndefined();
    expect(parseDate('8月10日')).toBeUndefined();
    expect(parseDate('电话 12345-6789')).toBeUndefined();
  });
});

describe('stripRoleWords', () => {
  it('keeps only the names', () => {
    expect(stripRoleWords('駐鐵嶺記者 江海峰')).toBe('江海峰');
    expect(stripRoleWords('记者 张三 通讯员 李四')).toBe('张三 李四');
    expect(stripRoleWords('新华社记者张三、李四')).toBe('张三、李四');
    expect(stripRoleWords('王小明')).toBe('王小明');
  });
});

describe('parseByline', () => {
  it('reads the Traditional byline of seed 000 (| separated), values kept in Traditional', () => {
    expect(parseByline('來源:遼寧法制報 | 作者:駐鐵嶺記者 江海峰 | 發布時間: 2021-08-10 09:46')).toEqual({
      source: '遼寧法制報',
      author: '江海峰',
      published: '2021-08-10T09:46',
    });
  });

  it('splits the glued byline of seed 003', () => {
    expect(parseByline('2021-08-19 09:40:53来源:辽宁日报编辑:王巍责编:李胜兰')).toEqual({
      published: '2021-08-19T09:40:53',
      source: '辽宁日报',
      editor: '王巍',
      responsibleEditor: '李胜兰',
    });
  });

  it('reads bracketed labels with full-width colons and a trailing date', () => {
    expect(parseByline('【来源：新华网】【作者：新华社记者 张三、李四】 2021年8月10日')).toEqual({
      source: '新华网',
      author: '张三、李四',
      published: '2021-08-10',
    });
  });

  it('reads a full-width-space separated byline with a 责任编辑 label and a page counter', () => {
    expect(parseByline('发布时间：2021/8/10 14:05　来源：人民日报　责任编辑：赵六　浏览次数：1024')).toEqual({
      published: '2021-08-10T14:05',
      source: '人民日报',
      responsibleEditor: '赵六',
    });
  });

  it('reads Traditional labels 記者/編輯/日期', () => {
    expect(parseByline('記者：王小明　編輯：陳大文　日期：2020年12月3日')).toEqual({
      author: '王小明',
      editor: '陳大文',
      published: '2020-12-03',
    });
  });

  it('reads a date-first byline with a weekday', () => {
    expect(parseByline('2022.03.15 星期二 08:30 | 來源：中央社 | 撰稿：林美華')).toEqual({
      published: '2022-03-15T08:30',
      source: '中央社',
      author: '林美華',
    });
  });

  it('takes the whole 原标题 line as the original title', () => {
    expect(parseByline('原标题：张三在会上强调 做好工作')).toEqual({ originalTitle: '张三在会上强调 做好工作' });
    // The value's own brackets stay; the brackets around the whole item go; no-break spaces become spaces.
    expect(parseByline('原标题：会议召开(图)')).toEqual({ originalTitle: '会议召开(图)' });
    expect(parseByline('【原題：會議召開\u00a0工作部署】')).toEqual({ originalTitle: '會議召開 工作部署' });
  });

  it('does not take article sentences or titles for bylines', () => {
    expect(parseByline('2021年8月6日，铁岭召开新闻发布会。')).toBeNull();
    expect(parseByline('辽宁省委书记张国清:高标准高起点推动第二批政法队伍教育整顿取得实效')).toBeNull();
    expect(parseByline('据介绍，来源:本地统计局的数据显示增长明显')).toBeNull();
    expect(parseByline('时间：8月6日上午九时')).toBeNull();
  });
});

describe('findReporterCredit', () => {
  it('finds the names in a closing credit', () => {
    expect(findReporterCredit('研究部署下步工作。(辽宁日报记者 杨忠厚)')).toBe('杨忠厚');
    expect(findReporterCredit('会议召开。（记者 张三 李四）')).toBe('张三 李四');
  });

  it('ignores ordinary closing parentheses', () => {
    expect(findReporterCredit('政法单位党组(党委)')).toBeUndefined();
    expect(findReporterCredit('见附件(记者会实录全文见本报官网第三版内容)')).toBeUndefined();
  });
});

describe('findDatelineCredit', () => {
  it('finds the names right after a dateline', () => {
    expect(findDatelineCredit('新华社北京8月10日电（记者王小明、李大华）国务院召开会议。')).toBe('王小明、李大华');
    expect(findDatelineCredit('本報訊（記者 陳小明）昨日召開會議。')).toBe('陳小明');
  });

  it('ignores brackets that are not a dateline credit', () => {
    expect(findDatelineCredit('会议由张三(记者)主持，地点在北京电视台。')).toBeUndefined();
    expect(findDatelineCredit('新华社北京8月10日电 国务院召开会议（记者会另行安排）。')).toBeUndefined();
  });
});
