import { describe, expect, it } from 'vitest';
import type { Fact, Sentence } from '../../src/types.js';
import { extractFacts, extractSentenceFacts, isChrome } from '../../src/facts/extract.js';
import { toSentences } from '../../src/knowledge/knowledge-base.js';
import { cut } from '../../src/text/segment.js';
import { cityPressConference, provincialMeeting } from './fixtures.js';

const documents = [provincialMeeting, cityPressConference];
const sentences: Sentence[] = toSentences(documents);
const before = cut('周海波出席会议');
const facts = extractFacts(documents, sentences);
const of = (type: Fact['type'], docId?: string) => facts.filter((f) => f.type === type && (!docId || f.docId === docId));
const person = (name: string) => {
  const found = of('person').filter((f) => f.value === name);
  expect(found, `one person fact for ${name}`).toHaveLength(1);
  return found[0];
};

describe('extractFacts: people', () => {
  it('merges title chain, speaker roles and the headline into one fact per person, at the richest sentence', () => {
    const p = person('周海波');
    expect(p.titles).toEqual(['省委书记', '省乡村振兴领导小组组长']);
    expect(p.roles).toEqual(['出席', '讲话', '指出']);
    expect(p.org).toBe('四川');
    expect(p.sentence).toBe('省委书记、省乡村振兴领导小组组长周海波出席会议并讲话。');
    expect(sentences[p.sentenceId].text).toBe(p.sentence);
    expect(p.date).toBe('2023-05-12');
  });

  it('resolves 省 to the main place of the document (from its title)', () => {
    expect(person('马林')).toMatchObject({ titles: ['省委常委', '秘书长'], roles: ['主持'], org: '四川' });
  });

  it('merges the meta author with the bracketed byline; editors come from meta', () => {
    expect(person('陈晓')).toMatchObject({ titles: ['记者'], org: '四川日报', docId: 'sc-meeting' });
    expect(person('刘洋')).toMatchObject({ titles: ['编辑'], roles: ['编辑'] });
    expect(person('张静')).toMatchObject({ titles: ['责编'] });
    expect(person('黄伟')).toMatchObject({ titles: ['记者'], org: '绵阳日报', docId: 'my-press' });
  });

  it('gives Simplified fields for a Traditional document and keeps the sentence verbatim', () => {
    const p = person('刘建华');
    expect(p).toMatchObject({ titles: ['市委常委', '宣传部部长', '市河长制办公室副主任'], org: '绵阳', roles: ['出席', '介绍', '表示'] });
    expect(p.sentence).toContain('劉建華');
  });

  it('teaches new names to the segmenter', () => {
    expect(before).not.toContain('周海波');
    expect(cut('周海波出席会议')).toContain('周海波');
  });
});

describe('extractFacts: dates, figures, places, lists', () => {
  it('publication date from meta and body dates normalised with the publication year/month', () => {
    const dates = of('date', 'sc-meeting').map((f) => [f.value, f.event]);
    expect(dates).toContainEqual(['2023-05-13', '发布']);
    expect(dates).toContainEqual(['2023-05-12', '乡村振兴工作会议召开']);
    const day = of('date', 'my-press').find((f) => f.event !== '发布');
    expect(day).toMatchObject({ value: '2023-06-06', date: '2023-06-06', detail: '绵阳市河长制工作新闻发布会召开' });
    expect(day?.event).toMatch(/新闻发布会召开$/);
  });

  it('figures with subject and evaluator', () => {
    expect(of('percentage', 'sc-meeting')[0]).toMatchObject({ value: '96.4%', subject: '全省农村群众满意度' });
    expect(of('score')[0]).toMatchObject({ value: '98.5分', subject: '综合评估', by: '省督导组' });
    expect(of('grade')[0]).toMatchObject({ value: '优', subject: '评估结果' });
    expect(of('ordinal')[0]).toMatchObject({ value: '第四次', subject: '会议', by: '省乡村振兴领导小组' });
    expect(of('duration')[0]).toMatchObject({ value: '2个多月' });
  });

  it('places: the venue with its event, and one plain fact per other place', () => {
    expect(of('place', 'sc-meeting').map((f) => [f.value, f.event])).toEqual([
      ['成都', '乡村振兴工作会议召开'],
      ['四川', undefined],
    ]);
    expect(of('place', 'my-press').map((f) => f.value)).toEqual(['绵阳']);
  });

  it('a plain stem next to its district is one place (海湾 / 海湾区)', () => {
    const docs = [{ meta: { id: 'tree', title: '植树', published: '2024-03-05' }, paragraphs: ['3月2日，全区植树活动在海湾区举行。海湾风景优美。'] }];
    const places = extractFacts(docs, toSentences(docs)).filter((f) => f.type === 'place');
    expect(places.map((f) => [f.value, f.event, f.date])).toEqual([['海湾区', '植树活动举行', '2024-03-02']]);
  });

  it('organisations by suffix', () => {
    expect(of('organization').map((f) => f.value)).toEqual(['省乡村振兴领导小组', '省督导组', '四川日报', '市河长制办公室']);
  });

  it('lists with items, pointing at the sentence where they start', () => {
    const [l] = of('list', 'sc-meeting');
    expect(l).toMatchObject({ value: '三项任务', items: ['产业发展', '人才培养', '生态保护'] });
    expect(l.sentence).toBe('周海波指出，要扎实推进产业发展、人才培养、生态保护三项任务。');
    expect(of('list', 'my-press')[0]?.items).toEqual(['排查整治', '清淤疏浚', '岸线绿化']);
  });
});

describe('extractFacts: invariants', () => {
  it('no fact comes from the byline/chrome line, and every fact points at a sentence of its document', () => {
    const chrome = sentences.find((s) => s.text.startsWith('来源：'))!;
    expect(isChrome(chrome.simplified)).toBe(true);
    expect(facts.filter((f) => f.sentenceId === chrome.id)).toEqual([]);
    for (const f of facts) {
      expect(sentences[f.sentenceId].docId).toBe(f.docId);
      expect(sentences[f.sentenceId].text).toBe(f.sentence);
    }
  });

  it('all text fields are Simplified', () => {
    const traditional = /[劉綿陽們會說發佈聞長記報辦]/;
    for (const f of facts) {
      const fields = [f.value, f.org, f.subject, f.event, ...(f.titles ?? []), ...(f.roles ?? []), ...(f.items ?? [])];
      for (const v of fields) if (v) expect(v).not.toMatch(traditional);
    }
  });

  it('handles an empty corpus and a document without sentences', () => {
    expect(extractFacts([], [])).toEqual([]);
    const empty = extractFacts([{ meta: { id: 'e', title: '空', published: '2023-01-02' }, paragraphs: [] }], []);
    expect(empty).toEqual([{ type: 'date', value: '2023-01-02', date: '2023-01-02', event: '发布', docId: 'e', sentenceId: -1, sentence: '空', origin: 'meta' }]);
  });
});

describe('extractSentenceFacts', () => {
  it('extracts from one sentence without document context', () => {
    const s: Sentence = { id: 0, docId: 'd', paragraph: 0, position: 0, text: '9月3日，县长王磊在县政府主持召开第五次常务会议。', simplified: '9月3日，县长王磊在县政府主持召开第五次常务会议。' };
    const got = extractSentenceFacts(s, '2023-09-04');
    expect(got.find((f) => f.type === 'person')).toMatchObject({ value: '王磊', titles: ['县长'], roles: ['主持'] });
    expect(got.find((f) => f.type === 'date')).toMatchObject({ value: '2023-09-03' });
    expect(got.find((f) => f.type === 'ordinal')).toMatchObject({ value: '第五次', subject: '常务会议' });
  });
});
