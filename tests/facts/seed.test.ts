/**
 * The Simplified seed (003): its people, the 8月18日 meeting, 沈阳 and 第六次.
 * Read from seeds/, footer cut at 国际在线版权, byline and 原标题 lines turned into meta by hand (as the cleaner does).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CorpusDocument, Fact } from '../../src/types.js';
import { extractFacts } from '../../src/facts/extract.js';
import { toSentences } from '../../src/answer/knowledge-base.js';
import { splitParagraphs } from '../../src/text/sentences.js';

const raw = readFileSync(new URL('../../seeds/003_72b0ff2129dbfce8.txt', import.meta.url), 'utf8');
const article = raw.slice(0, raw.indexOf('国际在线版权'));
const [title, byline, ...paragraphs] = splitParagraphs(article);
const doc: CorpusDocument = {
  meta: {
    id: '003',
    title,
    source: /来源:(\S+?)编辑/.exec(byline)?.[1],
    editor: /编辑:(\S+?)责编/.exec(byline)?.[1],
    responsibleEditor: /责编:(\S+)$/.exec(byline)?.[1],
    published: '2021-08-19T09:40:53',
    originalTitle: paragraphs.find((p) => p.startsWith('原标题'))?.replace(/^原标题:/, ''),
  },
  paragraphs: paragraphs.filter((p) => !p.startsWith('原标题')),
};
const sentences = toSentences([doc]);
const facts = extractFacts([doc], sentences);
const person = (name: string): Fact => {
  const found = facts.filter((f) => f.type === 'person' && f.value === name);
  expect(found, name).toHaveLength(1);
  return found[0];
};

describe('seed 003', () => {
  it('reads the byline as intended', () => {
    expect([doc.meta.source, doc.meta.editor, doc.meta.responsibleEditor]).toEqual(['辽宁日报', '王巍', '李胜兰']);
  });

  it('people with their title chains, org and roles', () => {
    expect(person('张国清')).toMatchObject({
      titles: ['省委书记', '省政法队伍教育整顿领导小组组长'],
      org: '辽宁',
      roles: expect.arrayContaining(['出席', '讲话', '指出', '强调']),
    });
    expect(person('邓卫平')).toMatchObject({ titles: ['全国政法队伍教育整顿中央第一督导组副组长'], roles: ['出席'] });
    expect(person('于天敏')).toMatchObject({ titles: ['省委常委', '政法委书记'], roles: ['主持', '作有关通报和说明'], org: '辽宁' });
    expect(person('王健')).toMatchObject({ titles: ['省委常委', '秘书长'], roles: ['作有关传达'] });
    expect(person('杨忠厚')).toMatchObject({ titles: ['记者'], org: '辽宁日报' });
    expect(person('王巍').titles).toEqual(['编辑']);
    expect(person('李胜兰').titles).toEqual(['责编']);
    expect(facts.filter((f) => f.type === 'person').map((f) => f.value).sort()).toEqual(
      ['于天敏', '张国清', '李胜兰', '杨忠厚', '王巍', '王健', '邓卫平'].sort(),
    );
  });

  it('the meeting date 8月18日 -> 2021-08-18 with its event, and the publication date', () => {
    const meeting = facts.find((f) => f.type === 'date' && f.value === '2021-08-18');
    expect(meeting).toMatchObject({ date: '2021-08-18', event: '动员部署会议召开' });
    expect(meeting!.sentence).toBe('8月18日,辽宁省第二批政法队伍教育整顿动员部署会议在沈阳召开。');
    expect(facts.find((f) => f.type === 'date' && f.event === '发布')?.value).toBe('2021-08-19');
  });

  it('沈阳 as the venue of the meeting', () => {
    expect(facts.find((f) => f.type === 'place' && f.value === '沈阳')).toMatchObject({ event: '动员部署会议召开', date: '2021-08-18' });
  });

  it('第六次 会议 held by the leading group', () => {
    expect(facts.find((f) => f.type === 'ordinal' && f.value === '第六次')).toMatchObject({ subject: '会议', by: '省政法队伍教育整顿领导小组' });
  });
});
