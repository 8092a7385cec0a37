/** Amounts, measures, scores, records and votes, on sentences written for these tests (both scripts). */
import { describe, expect, it } from 'vitest';
import { findCounts, findDurations, findFigures } from '../../src/facts/figures.js';
import { findQuantities, findScorelines, findVotes } from '../../src/facts/quantities.js';
import { matchingForm } from '../../src/text/script.js';

const brief = (xs: { type: string; value: string; subject?: string; number?: number; unit?: string }[]) =>
  xs.map((x) => ({ type: x.type, value: x.value, subject: x.subject, number: x.number, unit: x.unit }));

describe('amounts of money', () => {
  it('reads the amount, its number and unit, and what it measures', () => {
    expect(brief(findQuantities('前三季度，公司实现营业收入431022亿元，同比增长3.5%。'))).toEqual([
      { type: 'amount', value: '431022亿元', subject: '营业收入', number: 43_102_200_000_000, unit: '亿元' },
    ]);
    expect(findQuantities('全省完成固定资产投资350亿元。')[0]).toMatchObject({ value: '350亿元', subject: '固定资产投资', unit: '亿元' });
  });

  it('reads Traditional amounts through the matching form', () => {
    expect(findQuantities(matchingForm('今年上半年，全市完成固定資產投資350億元。'))[0]).toMatchObject({ value: '350亿元', number: 35_000_000_000 });
    expect(findQuantities(matchingForm('該村人均收入30多萬元。'))[0]).toMatchObject({ value: '30多万元', subject: '人均收入', number: 300_000, unit: '万元' });
    expect(findQuantities(matchingForm('政府撥款新臺幣350億元興建捷運。'))[0]).toMatchObject({ value: '新台币350亿元', unit: '亿元' });
  });

  it('reads every currency after the number, and currency words before it', () => {
    const units = (t: string) => findQuantities(matchingForm(t)).map((q) => q.unit);
    expect(units('基金会捐出12万美元。')).toEqual(['万美元']);
    expect(units('特区政府拨款30亿港元。')).toEqual(['亿港元']);
    expect(units('欧盟提供2亿欧元援助。')).toEqual(['亿欧元']);
    expect(units('日本政府撥款5000億日圓。')).toEqual(['亿日圆']);
    expect(units('他以人民币5000元购得此画。')).toEqual(['元']);
    expect(units('门票售价NT$500。')).toEqual(['NT$']);
  });

  it('keeps approximations and ranges as written', () => {
    expect(findQuantities('项目总投资约2300万元。')[0]).toMatchObject({ value: '约2300万元', subject: '项目总投资', number: 23_000_000 });
    expect(findQuantities('单价为3至5万元。')[0]).toMatchObject({ value: '3至5万元', number: 30_000 });
  });

  it('does not take 元 words (元旦, 元素) or the items of a list as a subject', () => {
    expect(findQuantities('2021元旦假期，游客增多。')).toEqual([]);
    const list = findQuantities('奖金依次为5万5千欧元、4万欧元。');
    expect(list.map((q) => [q.value, q.unit, q.subject])).toEqual([
      ['5万5千欧元', '欧元', undefined],
      ['4万欧元', '万欧元', undefined],
    ]);
  });
});

describe('measures', () => {
  it('reads units longest first (万吨, 平方公里, 公尺, 公里)', () => {
    expect(brief(findQuantities('全年粮食产量达12810万吨。'))).toEqual([{ type: 'amount', value: '12810万吨', subject: '全年粮食产量', number: 128_100_000, unit: '万吨' }]);
    expect(findQuantities('保护区面积达120平方公里。')[0]).toMatchObject({ value: '120平方公里', unit: '平方公里', subject: '保护区面积' });
    expect(findQuantities(matchingForm('步道全長2萬8,500公尺。'))[0]).toMatchObject({ value: '2万8,500公尺', number: 28_500, unit: '公尺' });
    expect(findQuantities('隧道全长3.5公里。')[0]).toMatchObject({ unit: '公里', number: 3.5 });
  });
});

describe('scores, records and votes', () => {
  it('reads a match score with 比 or a colon, and who scored', () => {
    expect(findScorelines('中国队以3比2战胜日本队。')).toMatchObject([{ type: 'score', value: '3比2', subject: '中国队' }]);
    expect(findScorelines('主队最终以7:6获胜。').map((s) => s.value)).toEqual(['7:6']);
  });

  it('does not read clock times or ratios as scores', () => {
    expect(findScorelines('会议于上午9:30开始。')).toEqual([]);
    expect(findScorelines('男女比例为3:1。')).toEqual([]);
  });

  it('reads won-lost records in both scripts', () => {
    expect(findScorelines(matchingForm('該隊本季取得3勝1敗的戰績。')).map((s) => s.value)).toEqual(['3胜1败']);
    expect(findScorelines('小组赛2胜1平1负出线。').map((s) => s.value)).toEqual(['2胜1平1负']);
  });

  it('reads votes with what they were for', () => {
    expect(findVotes('议案以7票同意、2票反对获得通过。').map((v) => [v.value, v.subject, v.number])).toEqual([
      ['7票', '同意', 7],
      ['2票', '反对', 2],
    ]);
  });
});

describe('counts and durations are never cut in half', () => {
  it('reads the whole numeral before a classifier', () => {
    expect(findCounts('全市共排查隐患一千零五十六个。').map((c) => [c.value, c.number])).toEqual([['一千零五十六个', 1056]]);
    expect(findCounts('今年以来共破获案件一百四十二起。').map((c) => [c.value, c.number])).toEqual([['一百四十二起', 142]]);
    expect(findCounts('四万二千名志愿者参加。').map((c) => c.number)).toEqual([42000]);
    expect(findCounts('生猪出栏12810万头。').map((c) => [c.value, c.number])).toEqual([['12810万头', 128_100_000]]);
  });

  it('reads count ranges by their lower end; a list item before is not the subject; a span of years is no duration', () => {
    expect(findCounts('每株有胚珠3-4颗。').map((c) => [c.value, c.number])).toEqual([['3-4颗', 3]]);
    expect(findCounts('臀鳍硬棘3枚、软条10枚。').map((c) => [c.value, c.subject])).toEqual([
      ['3枚', '臀鳍硬棘'],
      ['10枚', '软条'],
    ]);
    expect(findDurations('2019至2021年，全市新建学校12所。')).toEqual([]);
  });

  it('an ordinal yields no count (第十五次 is not 五次)', () => {
    expect(findCounts('这是第十五次会议。')).toEqual([]);
    expect(findFigures('这是第十五次会议。').map((f) => [f.type, f.value])).toEqual([['ordinal', '第十五次']]);
    expect(findFigures('上半场第23分钟，主队首开纪录。').map((f) => [f.type, f.value])).toEqual([['ordinal', '第23分钟']]);
  });

  it('period labels are not durations; ranges and quarters counted with 个 are', () => {
    expect(findDurations('前三季度，全市经济平稳增长。')).toEqual([]);
    expect(findDurations('二季度GDP增长5.2%。')).toEqual([]);
    expect(findDurations(matchingForm('今年上半年，出口增長。'))).toEqual([]);
    expect(findDurations('前两个月完成目标。')).toEqual([]);
    expect(findDurations('预计需时三个季度。').map((d) => d.value)).toEqual(['三个季度']);
    expect(findDurations('工期3至5年。').map((d) => [d.value, d.number])).toEqual([['3至5年', 3]]);
    expect(findFigures('预计需时三个季度。').map((f) => f.type)).toEqual(['duration']);
  });
});
