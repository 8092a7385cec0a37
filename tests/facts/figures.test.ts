import { describe, expect, it } from 'vitest';
import { findCounts, findDurations, findFigures, findGrades, findOrdinals, findPercentages, findScores, subjectBefore } from '../../src/facts/figures.js';
import { parseNumeral } from '../../src/facts/numerals.js';

const brief = (xs: { type: string; value: string; subject?: string; by?: string }[]) => xs.map((x) => [x.type, x.value, x.subject, x.by]);

describe('parseNumeral', () => {
  it('reads Chinese and Arabic numerals', () => {
    expect(parseNumeral('十八')).toBe(18);
    expect(parseNumeral('二十一')).toBe(21);
    expect(parseNumeral('一百零五')).toBe(105);
    expect(parseNumeral('两')).toBe(2);
    expect(parseNumeral('三万')).toBe(30000);
    expect(parseNumeral('二〇二一')).toBe(2021);
    expect(parseNumeral('97.18')).toBe(97.18);
    expect(parseNumeral('环节')).toBeNull();
  });
});

describe('percentages', () => {
  it('subject is the phrase before 为/达 in the clause', () => {
    expect(brief(findPercentages('经第三方测评，全县群众安全感满意度为98.6%。'))).toEqual([['percentage', '98.6%', '全县群众安全感满意度', undefined]]);
    expect(findPercentages('城镇化率达到了61.5%')[0]).toMatchObject({ value: '61.5%', subject: '城镇化率', number: 61.5 });
  });

  it('reads 百分之… and 个百分点', () => {
    expect(findPercentages('贫困发生率降至百分之五').map((p) => p.value)).toEqual(['5%']);
    expect(findPercentages('覆盖率为百分之九十二点五').map((p) => p.value)).toEqual(['92.5%']);
    expect(findPercentages('同比提高3个百分点').map((p) => p.value)).toEqual(['3个百分点']);
  });
});

describe('scores and grades', () => {
  it('separates the evaluator (an organisation) from what it scored', () => {
    expect(brief(findScores('省督导组综合评估92.5分，考核结果为良好。'))).toEqual([['score', '92.5分', '综合评估', '省督导组']]);
    const text = '市考核组综合评价得分为88分';
    expect(subjectBefore(text, text.indexOf('88'))).toEqual({ subject: '综合评价', by: '市考核组' });
    expect(subjectBefore('综合评价得分为88分', 7)).toEqual({ subject: '综合评价', by: undefined });
  });

  it('does not read times or other 分 words as scores', () => {
    expect(findScores('上午9时30分开幕')).toEqual([]);
    expect(findScores('用时15分钟')).toEqual([]);
    expect(findScores('分3批次推进')).toEqual([]);
  });

  it('reads grades only after an assessment word or 被评为', () => {
    expect(brief(findGrades('省督导组综合评估92.5分，考核结果为良好。'))).toEqual([['grade', '良好', '考核结果', undefined]]);
    expect(findGrades('年度考核等次为优秀。').map((g) => [g.value, g.subject])).toEqual([['优秀', '年度考核等次']]);
    expect(findGrades('该所被评为优秀等次').map((g) => g.value)).toEqual(['优秀']);
    expect(findGrades('天气为良，适宜出行')).toEqual([]);
    expect(findGrades('他的态度是优先保障民生')).toEqual([]);
  });
});

describe('ordinals', () => {
  it('value 第N+unit, subject the noun after it, by the organisation that held it', () => {
    expect(brief(findOrdinals('市安委会办公室召开第三次会议，部署下一阶段工作。'))).toEqual([['ordinal', '第三次', '会议', '市安委会办公室']]);
    expect(findOrdinals('第十二届运动会开幕')[0]).toMatchObject({ value: '第十二届', subject: '运动会', number: 12 });
    expect(findOrdinals('全县第三批主题教育').map((o) => o.value)).toEqual(['第三批']);
  });

  it('ignores 第一时间 and ordinals inside organisation names', () => {
    expect(findOrdinals('第一时间赶赴现场')).toEqual([]);
    expect(findOrdinals('中央第三巡视组进驻')).toEqual([]);
  });
});

describe('durations', () => {
  it('reads numbers of years, months, days with 多/来', () => {
    expect(findDurations('2个多月来，全市完成整改。').map((d) => [d.value, d.subject])).toEqual([['2个多月', '全市完成整改']]);
    expect(findDurations('整改工作历时三年').map((d) => d.value)).toEqual(['三年']);
    expect(findDurations('用半年时间完成').map((d) => d.value)).toEqual(['半年']);
    expect(findDurations('连续奋战72小时').map((d) => d.value)).toEqual(['72小时']);
  });

  it('does not read dates, years or 一天 alone as durations', () => {
    expect(findDurations('2023年8月6日')).toEqual([]);
    expect(findDurations('三年级学生')).toEqual([]);
    expect(findDurations('有一天他来了')).toEqual([]);
    expect(findDurations('一年来成效明显').map((d) => d.value)).toEqual(['一年']);
  });
});

describe('counts', () => {
  it('number + classifier + counted noun', () => {
    expect(findCounts('全市完成五个方面的整改').map((c) => [c.value, c.subject, c.number])).toEqual([['五个', '方面', 5]]);
    expect(findCounts('抓好“三项重点工作”').map((c) => [c.value, c.subject])).toEqual([['三项', '重点工作']]);
    expect(findCounts('推进两个“全覆盖”').map((c) => [c.value, c.subject])).toEqual([['两个', '全覆盖']]);
    expect(findCounts('实现经济、社会、生态三个效益高度统一').map((c) => c.subject)).toEqual(['效益']);
  });

  it('reads approximate counts (20多个省份)', () => {
    expect(findCounts('受害人遍及20多个省份').map((c) => [c.value, c.subject, c.number])).toEqual([['20多个', '省份', 20]]);
  });

  it('skips one-of counts, durations and counts of verbs', () => {
    expect(findCounts('作为一项重要任务')).toEqual([]);
    expect(findCounts('4个多月来')).toEqual([]);
    expect(findCounts('坚持两批贯通')).toEqual([]);
  });
});

describe('findFigures', () => {
  it('returns every figure of a sentence in order', () => {
    expect(findFigures('经测评，全区营商环境满意度为95.3%；市考核组打分101.5分，评估结果为优。').map((f) => [f.type, f.value])).toEqual([
      ['percentage', '95.3%'],
      ['score', '101.5分'],
      ['grade', '优'],
    ]);
  });
});
