import { describe, expect, it } from 'vitest';
import { findDatelineCredit, findDate, findReporterCredit, parseByline, parseCredit, parseDate, reporterNames, stripRoleWords } from '../../src/documents/clean.js';

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

  it('converts a Republic of China year only when the era is named', () => {
    expect(parseDate('民國112年3月5日')).toBe('2023-03-05');
    expect(parseDate('中華民國99年12月1日 14:20')).toBe('2010-12-01T14:20');
    expect(parseDate('民国112/3/5')).toBe('2023-03-05');
    // A bare ROC year, a school year and a wire serial are left alone.
    expect(parseDate('112年3月5日')).toBeUndefined();
    expect(parseDate('112學年度第2學期')).toBeUndefined();
    expect(parseDate('1120305')).toBeUndefined();
  });

  it('finds the earliest date whichever era it is written in', () => {
    expect(findDate('公告於民國112年3月5日，2023年4月1日生效')).toMatchObject({ iso: '2023-03-05', index: 3 });
    expect(findDate('2023年4月1日生效，民國112年3月5日公告')).toMatchObject({ iso: '2023-04-01', index: 0 });
  });
});

describe('findDate without digits', () => {
  it('reads full-width digits, and finds nothing in a line with no digit at all', () => {
    expect(parseDate('２０２１年８月１０日')).toBe('2021-08-10');
    expect(parseDate('民國１１３年５月６日')).toBe('2024-05-06');
    expect(findDate('二〇二一年八月十日 本报讯')).toBeUndefined();
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

describe('reporterNames', () => {
  it('keeps reporters and leaves out 通讯员 and 实习生', () => {
    expect(reporterNames('记者 王小红 通讯员 赵刚')).toBe('王小红');
    expect(reporterNames('記者 王小紅 通訊員 趙剛')).toBe('王小紅');
    expect(reporterNames('记者 张三 李四 通讯员 王五 实习生 钱六')).toBe('张三 李四');
    expect(reporterNames('通讯员 赵刚 记者 王小红')).toBe('王小红');
    // Unspaced: the name glued in front of 通讯员 is the reporter's, not an organisation.
    expect(reporterNames('记者王小红通讯员赵刚')).toBe('王小红');
    expect(reporterNames('本报记者 孙芳')).toBe('孙芳');
    expect(reporterNames('新华社记者周一、吴二')).toBe('周一、吴二');
    expect(reporterNames('郑七')).toBe('郑七');
  });

  it('names no reporter when only contributors are credited', () => {
    expect(reporterNames('通讯员 赵刚')).toBeUndefined();
    expect(reporterNames('赵刚', 'contributor')).toBeUndefined();
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

  it('takes only the reporter as author, never a 通讯员', () => {
    expect(parseByline('来源：某某日报 | 作者：记者 王小红 通讯员 赵刚 | 发布时间：2023-06-01 08:00')).toEqual({
      source: '某某日报',
      author: '王小红',
      published: '2023-06-01T08:00',
    });
    expect(parseByline('记者：王小红　通讯员：赵刚　实习生：钱六')).toEqual({ author: '王小红' });
    // A line crediting only a 通讯员 is still a byline, with no author.
    expect(parseByline('通讯员：赵刚')).toEqual({});
  });

  it('reads the issuing office and date of a notice', () => {
    expect(parseByline('發布單位：學務處生活輔導組　發布日期：2023-03-01')).toEqual({
      source: '學務處生活輔導組',
      published: '2023-03-01',
    });
    expect(parseByline('发布机构：某某市卫生健康委员会 发布时间：2022年3月1日 09:30')).toEqual({
      source: '某某市卫生健康委员会',
      published: '2022-03-01T09:30',
    });
    expect(parseByline('发文单位：某某县教育局　日期：2022-09-01')).toEqual({ source: '某某县教育局', published: '2022-09-01' });
    expect(parseByline('信息来源：某某区人民政府办公室　时间：2021/7/8')).toEqual({ source: '某某区人民政府办公室', published: '2021-07-08' });
  });

  it('drops a wire serial after a bracketed editor credit', () => {
    expect(parseByline('（編輯：林小華）1120305')).toEqual({ editor: '林小華' });
    expect(parseByline('（责任编辑：周七）')).toEqual({ responsibleEditor: '周七' });
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

  it('credits the reporter only, not the 通讯员', () => {
    expect(findReporterCredit('会议召开。（记者 王小红 通讯员 赵刚）')).toBe('王小红');
    expect(findReporterCredit('会议召开。（通讯员 赵刚）')).toBeUndefined();
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

  it('credits the reporter only, not the 通讯员', () => {
    expect(findDatelineCredit('本报讯（记者 王小红 通讯员 赵刚）昨天召开会议。')).toBe('王小红');
  });

  it('ignores brackets that are not a dateline credit', () => {
    expect(findDatelineCredit('会议由张三(记者)主持，地点在北京电视台。')).toBeUndefined();
    expect(findDatelineCredit('新华社北京8月10日电 国务院召开会议（记者会另行安排）。')).toBeUndefined();
  });
});

describe('parseCredit', () => {
  it('tells a credit naming only contributors from a remark', () => {
    expect(parseCredit('记者 王小红 通讯员 赵刚')).toEqual({ reporters: '王小红' });
    expect(parseCredit('通讯员 赵刚')).toEqual({});
    // Not credits: no role word, or more than names after it.
    expect(parseCredit('党委')).toBeUndefined();
    expect(parseCredit('记者会另行安排')).toBeUndefined();
  });
});
