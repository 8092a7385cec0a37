import { describe, expect, it } from 'vitest';
import { findDates, resolveMonth, resolveYear } from '../../src/facts/dates.js';
import { eventAround, eventOfClause, findVenues } from '../../src/facts/events.js';

const isoOf = (text: string, published?: string) => findDates(text, published).map((d) => d.iso);

describe('findDates', () => {
  it('reads absolute dates in every common form', () => {
    expect(isoOf('2023年5月12日，大会开幕。')).toEqual(['2023-05-12']);
    expect(isoOf('二〇一九年十月一日举行庆典。')).toEqual(['2019-10-01']);
    const [d] = findDates('发布时间 2022-11-03 14:20');
    expect(d).toMatchObject({ iso: '2022-11-03', time: '14:20', precision: 'full' });
    expect(isoOf('2022/1/9 出台')).toEqual(['2022-01-09']);
  });

  it('takes the year of a month-day from the publication date', () => {
    expect(isoOf('3月15日，全省会议召开。', '2023-03-20T10:00')).toEqual(['2023-03-15']);
    expect(isoOf('十月一日起施行。', '2019-09-20')).toEqual(['2019-10-01']);
  });

  it('puts a month-day months after the publication date in the previous year', () => {
    expect(isoOf('12月28日，工作组进驻。', '2024-01-05T08:00')).toEqual(['2023-12-28']);
    expect(isoOf('11月3日，项目开工。', '2024-02-10')).toEqual(['2023-11-03']);
  });

  it('takes month and year of a day alone from the publication date (or the date before it)', () => {
    expect(isoOf('6日，县委召开常委会。', '2023-09-09T09:00')).toEqual(['2023-09-06']);
    expect(isoOf('28日，县委召开常委会。', '2023-09-03')).toEqual(['2023-08-28']);
    expect(isoOf('5月6日至8日，培训班在长沙举办。', '2023-05-20')).toEqual(['2023-05-06', '2023-05-08']);
  });

  it('reads relative days against the publication date', () => {
    expect(isoOf('本报讯 昨天上午，省政府召开常务会议。', '2023-06-02T07:30')).toEqual(['2023-06-01']);
  });

  it('ignores years alone, day counts and days without a reference', () => {
    expect(isoOf('2023年是关键之年。', '2023-06-02')).toEqual([]);
    expect(isoOf('须在3日内完成整改，每日报告进展。', '2023-06-02')).toEqual([]);
    expect(isoOf('6日，县委召开常委会。')).toEqual([]);
  });

  it('keeps month and day when there is no reference date', () => {
    expect(isoOf('8月6日召开。')).toEqual(['--08-06']);
  });

  it('reads a year-month as YYYY-MM', () => {
    expect(isoOf('2022年7月，新区挂牌。')).toEqual(['2022-07']);
  });

  it('resolveYear / resolveMonth choose the closest reading', () => {
    expect(resolveYear(12, 30, { y: 2024, m: 1, d: 2 })).toBe(2023);
    expect(resolveYear(1, 3, { y: 2023, m: 12, d: 30 })).toBe(2024);
    expect(resolveMonth(28, { y: 2023, m: 3, d: 1 })).toEqual({ y: 2023, m: 2 });
    expect(resolveMonth(2, { y: 2023, m: 12, d: 30 })).toEqual({ y: 2024, m: 1 });
  });
});

describe('events', () => {
  it('the event after a date: head noun + verb, and the clause as written', () => {
    const text = '5月12日，全市禁毒工作会议在长沙召开。';
    const [d] = findDates(text, '2023-05-20');
    const e = eventAround(text, d.index, d.end);
    expect(e).toMatchObject({ short: '禁毒工作会议召开', long: '全市禁毒工作会议在长沙召开', place: '长沙', verb: '召开' });
  });

  it('a date inside the clause (会议于3月15日在杭州举行)', () => {
    const text = '会议于3月15日在杭州举行。';
    const [d] = findDates(text, '2023-05-20');
    expect(eventAround(text, d.index, d.end)?.short).toBe('会议举行');
  });

  it('an event verb inside a noun does not count (新闻发布会召开, not 新闻发布); the head stops at scope words and quotes', () => {
    expect(eventOfClause('全县脱贫攻坚新闻发布会召开')?.short).toBe('脱贫攻坚新闻发布会召开');
    expect(eventOfClause('全县“回头看”新闻发布会召开')?.short).toBe('新闻发布会召开');
  });

  it('verb + object when nothing names the event before the verb', () => {
    expect(eventOfClause('随即召开专题会议')?.short).toBe('召开专题会议');
  });

  it('findVenues: 在X召开 / 在X隆重举行', () => {
    expect(findVenues('全省科技大会在合肥召开。').map((v) => [v.place, v.event.short])).toEqual([['合肥', '科技大会召开']]);
    expect(findVenues('颁奖典礼在北京人民大会堂隆重举行。').map((v) => v.place)).toEqual(['北京人民大会堂']);
    expect(findVenues('他在会上作了发言。')).toEqual([]);
  });
});
