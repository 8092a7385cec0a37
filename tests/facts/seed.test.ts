/**
 * The Simplified seed (003): its people, the 8月18日 meeting, 沈阳 and 第六次.
 * Read from seeds/, footer cut at 国际在线版权, byline and 原标题 lines turned into meta by hand (as the cleaner does).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CorpusDocument, Fact } from '../../src/types.js';
import { extractFacts } from '../../src/facts/extract.js';
import { toSentences } from '../../src/knowledge/knowledge-base.js';
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
    expect(
      facts
        .filter((f) => f.type === 'person')
        .map((f) => f.value)
        .sort(),
    ).toEqual(['于天敏', '张国清', '李胜兰', '杨忠厚', '王巍', '王健', '邓卫平'].sort());
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

/** The Traditional seed (000), pinyin readings stripped and the site header cut as the cleaner does. */
describe('seed 000', () => {
  const raw000 = readFileSync(new URL('../../seeds/000_547094a859bc4222.txt', import.meta.url), 'utf8').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '');
  const lines = splitParagraphs(raw000);
  const titleIndex = lines.findIndex((l) => l.includes('回頭看') && !l.startsWith('本報'));
  const body = lines.slice(titleIndex + 2).map((l) => l.replace(/^本報訊\?/, '本報訊 '));
  const doc000: CorpusDocument = {
    meta: { id: '000', title: lines[titleIndex], source: '遼寧法制報', author: '駐鐵嶺記者 江海峰', published: '2021-08-10T09:46' },
    paragraphs: body,
  };
  const facts000 = extractFacts([doc000], toSentences([doc000]));
  const find = (type: Fact['type'], value: string) => facts000.find((f) => f.type === type && f.value === value);

  it('people: 李友 and 宋诚 with their chains and 铁岭; the reporter from the byline', () => {
    expect(find('person', '李友')).toMatchObject({ titles: ['市委常委', '政法委书记', '市政法队伍教育整顿领导小组副组长'], org: '铁岭', roles: ['表示'] });
    expect(find('person', '宋诚')).toMatchObject({ titles: ['市委书记', '市政法队伍教育整顿领导小组组长'], org: '铁岭', roles: ['主持'] });
    expect(find('person', '江海峰')).toMatchObject({ titles: ['记者'], org: '辽宁法制报' });
  });

  it('8月6日 -> 2021-08-06, the press conference', () => {
    expect(find('date', '2021-08-06')).toMatchObject({ event: '新闻发布会召开' });
  });

  it('figures: satisfaction, score with its evaluator, grade', () => {
    expect(find('percentage', '97.18%')?.subject).toContain('群众满意度');
    expect(find('score', '106.94分')).toMatchObject({ subject: '综合评估', by: '省驻点指导组' });
    expect(find('grade', '优')).toMatchObject({ subject: '评估结果' });
  });

  it('lists: 三个环节, 四项任务 and the six 回头看 across the ；-sentences', () => {
    expect(find('list', '三个环节')?.items).toEqual(['学习教育', '查纠整改', '巩固提高']);
    expect(find('list', '四项任务')?.items).toEqual(['筑牢政治忠诚', '清除害群之马', '整治顽瘴痼疾', '弘扬英模精神']);
    const six = find('list', '六个“回头看”');
    expect(six?.items).toEqual(['提高站位', '咬定目标', '聚焦重点', '压实责任', '务求实效', '强化服务']);
    expect(six?.subject).toBe('六项重点工作');
    expect(six?.sentence).toMatch(/^全市各政法單位抓緊抓實/);
  });
});
