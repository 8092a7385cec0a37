/**
 * People through the whole sentence pipeline (rules + the committed tagger), in both scripts.
 * Every sentence is written for the tests.
 */
import { describe, expect, it } from 'vitest';
import type { Fact, Sentence } from '../../src/types.js';
import { extractSentenceFacts } from '../../src/facts/extract.js';
import { matchingForm } from '../../src/text/script.js';

function people(text: string): Fact[] {
  const sentence: Sentence = { id: 0, docId: 't', paragraph: 0, position: 0, text, simplified: matchingForm(text) };
  return extractSentenceFacts(sentence).filter((f) => f.type === 'person');
}
const person = (text: string, name: string) => people(text).find((p) => p.value === name);

describe('people in sentences, rules and tagger together', () => {
  it('a verb is not glued to the name', () => {
    const found = people('重庆市公安局副局长王小明说，案件已经告破。');
    expect(found.map((p) => p.value)).toEqual(['王小明']);
    expect(found[0].titles?.join()).toMatch(/副局长$/);
  });

  it('a Hong Kong style title before the name, in Traditional', () => {
    const p = person('運輸及物流局局長陳美寶今日表示，新措施下月實施。', '陈美宝');
    expect(p?.titles?.join()).toMatch(/局长$/);
  });

  it('the same sentence in Simplified', () => {
    const p = person('运输及物流局局长陈美宝今日表示，新措施下月实施。', '陈美宝');
    expect(p?.titles?.join()).toMatch(/局长$/);
  });

  it('a bracketed reporter byline gives 记者, not 【记者 (Traditional)', () => {
    const p = person('【記者林志明／台北】行政院今日召開會議。', '林志明');
    expect(p?.titles).toEqual(['记者']);
  });

  it('现任 opens the title chain without being part of it (Traditional)', () => {
    expect(person('現任民政事務總署署長陳嘉欣表示，', '陈嘉欣')?.titles).toEqual(['民政事务总署署长']);
  });

  it('a bracketed qualifier stays in the title (Traditional)', () => {
    expect(person('副政府資訊科技總監(基建)黃家偉出席。', '黄家伟')?.titles).toEqual(['副政府资讯科技总监(基建)']);
  });

  it('a reporter before a dateline: 記者某某首爾12日專電', () => {
    expect(person('記者王大文首爾12日專電', '王大文')?.titles).toEqual(['记者']);
  });

  it('为 between the title and the name', () => {
    const p = person('现任民政事务总署署长为林子健。', '林子健');
    expect(p?.titles?.join()).toMatch(/署长$/);
  });

  it('先生 after a name is not part of it', () => {
    const p = person('董事长郑大为先生主持会议。', '郑大为');
    expect(p).toMatchObject({ titles: ['董事长'], roles: ['主持'] });
    expect(people('董事长郑大为先生主持会议。').some((x) => x.value.includes('先生'))).toBe(false);
  });

  it('a name the rules cannot read (no title, no verb of speech) comes from the tagger', () => {
    const found = people('昨天下午，张建国和妻子一起去了医院。');
    expect(found.map((p) => p.value)).toContain('张建国');
  });

  it('a Hong Kong permanent secretary and a 司长 before the name (Traditional)', () => {
    expect(person('發展局常任秘書長黃美玲出席簡介會。', '黄美玲')?.titles).toEqual(['发展局常任秘书长']);
    expect(person('政務司司長張志華今日出席論壇。', '张志华')?.titles).toEqual(['政务司司长']);
  });

  it('a title written right after the name (陳志明教授)', () => {
    expect(person('陳志明教授指出，研究仍在進行。', '陈志明')?.titles).toEqual(['教授']);
  });

  it('a player named after team and position in a sports report (Traditional)', () => {
    expect(person('韓國隊前鋒金成民在第80分鐘攻入致勝球。', '金成民')?.titles?.join()).toMatch(/前锋$/);
  });

  it('a legislator whose name is followed by no word the rules know (the tagger reads it)', () => {
    expect(person('立法會議員陳家明質詢時指出，', '陈家明')?.titles?.join()).toMatch(/议员$/);
  });

  it('no person in a sentence without one', () => {
    expect(people('今年的粮食产量比去年增长了百分之五。')).toEqual([]);
  });
});
