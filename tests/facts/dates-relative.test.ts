/** Dates relative to the document date, 民國 years and date-line forms, on sentences written for these tests (both scripts). */
import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/facts/dates.js';
import { extractSentenceFacts } from '../../src/facts/extract.js';
import { matchingForm } from '../../src/text/script.js';

const PUBLISHED = '2024-05-15T10:00';
const isoOf = (text: string, published: string | undefined = PUBLISHED) => findDates(matchingForm(text), published).map((d) => d.iso);

describe('relative days against the document date', () => {
  it('今日/今天/昨日/昨天/明日/明天/后天, in both scripts', () => {
    expect(isoOf('记者今天从市政府获悉，明日将举行发布会。')).toEqual(['2024-05-15', '2024-05-16']);
    expect(isoOf('昨日，市府召開記者會。')).toEqual(['2024-05-14']);
    expect(isoOf('昨晚，一场大雨袭击全市。')).toEqual(['2024-05-14']);
    expect(isoOf('展览后天闭幕。')).toEqual(['2024-05-17']);
  });

  it('今(15)日: the day in brackets', () => {
    expect(isoOf('市府今(15)日上午召開記者會。')).toEqual(['2024-05-15']);
    expect(isoOf('市府今（15）日上午召開記者會。')).toEqual(['2024-05-15']);
  });

  it('本月N日, 下月N日, 上月N日', () => {
    expect(isoOf('本月2日，下月30日和上月5日各有一场。')).toEqual(['2024-05-02', '2024-06-30', '2024-04-05']);
    expect(isoOf('新規定下個月1日起施行。')).toEqual(['2024-06-01']);
  });

  it('去年/今年/明年 with a month (and day)', () => {
    expect(isoOf('去年5月，今年3月8日，明年1月')).toEqual(['2023-05', '2024-03-08', '2025-01']);
  });

  it('N日 alone is that day nearest the document date; a day range gives both ends', () => {
    expect(isoOf('26日，县委召开常委会。')).toEqual(['2024-05-26']);
    expect(isoOf('会议于11日至13日在北京举行。')).toEqual(['2024-05-11', '2024-05-13']);
    expect(isoOf('11至13日举办展览。')).toEqual(['2024-05-11', '2024-05-13']);
    expect(isoOf('（中央社記者劉家豪首爾12日專電）南韓總統府今天宣布新政策。')).toEqual(['2024-05-12', '2024-05-15']);
  });

  it('leaves words that only contain a relative day alone', () => {
    expect(isoOf('如今天气转暖。')).toEqual([]);
    expect(isoOf('前日本首相访华。')).toEqual([]);
    expect(isoOf('他的先天后天条件都很好。')).toEqual([]);
    expect(isoOf('她被誉为明日之星。')).toEqual([]);
    expect(findDates('今天，会议召开。')).toEqual([]); // no document date, nothing to resolve against
  });
});

describe('date forms of date lines', () => {
  it('ISO with time, month names, 民國 years', () => {
    expect(findDates('2019-07-14 18:03:27 更新')[0]).toMatchObject({ iso: '2019-07-14', time: '18:03' });
    expect(isoOf('出版：2025-Mar-04 09:12')).toEqual(['2025-03-04']);
    expect(isoOf('民國113年5月6日')).toEqual(['2024-05-06']);
    expect(isoOf('113年5月6日，立法院三讀通過。')).toEqual(['2024-05-06']);
    expect(isoOf('113年度預算')).toEqual([]);
  });
});

describe('an event per date', () => {
  const facts = (text: string) =>
    extractSentenceFacts({ id: 0, docId: 'd', paragraph: 0, position: 0, text, simplified: matchingForm(text) }, PUBLISHED)
      .filter((f) => f.type === 'date')
      .map((f) => [f.value, f.event]);

  it('reads the event around a relative or lone day', () => {
    expect(facts('本月2日，全市防汛工作会议召开。')).toEqual([['2024-05-02', '防汛工作会议召开']]);
    expect(facts('会议于11日至13日在北京举行。')).toEqual([
      ['2024-05-11', '会议举行'],
      ['2024-05-13', '会议举行'],
    ]);
  });
});
