import { describe, expect, it } from 'vitest';
import { findLists, itemsBefore } from '../../src/facts/enumerations.js';
import { splitSentences } from '../../src/text/sentences.js';

const lists = (paragraph: string) => findLists(splitSentences(paragraph)).map((l) => ({ value: l.value, items: l.items, subject: l.subject, sentence: l.sentence }));

describe('findLists', () => {
  it('items before the count, the verb before the first item cut off', () => {
    expect(lists('全县扎实推进安全生产、环境保护、防汛抗旱三项工作。')).toEqual([
      { value: '三项工作', items: ['安全生产', '环境保护', '防汛抗旱'], subject: '工作', sentence: 0 },
    ]);
  });

  it('splits the last item on 和 when that makes the count', () => {
    expect(lists('重点抓好招商引资、项目建设和民生保障三个方面。')[0]?.items).toEqual(['招商引资', '项目建设', '民生保障']);
  });

  it('items after a colon in the same sentence', () => {
    expect(lists('会议明确了四个环节：动员部署、自查自纠、整改落实、总结提升。')[0]).toMatchObject({
      value: '四个环节',
      items: ['动员部署', '自查自纠', '整改落实', '总结提升'],
    });
  });

  it('items one per ；-sentence, the shared quoted marker removed, the restated phrase as subject', () => {
    const paragraph =
      '全区上下落实“三项重点任务”，即三个“提升”：服务水平“提升”，推行一窗通办；办事效率“提升”，压缩审批时限；群众满意度“提升”，畅通投诉渠道。';
    const sentences = splitSentences(paragraph);
    expect(sentences.length).toBe(3);
    expect(lists(paragraph)).toEqual([
      { value: '三个“提升”', items: ['服务水平', '办事效率', '群众满意度'], subject: '三项重点任务', sentence: 0 },
    ]);
  });

  it('一是…二是… items after a colon', () => {
    const paragraph = '全镇推进两项工作：一是抓产业，促增收；二是抓环境，美乡村。';
    expect(lists(paragraph)[0]).toMatchObject({ value: '两项工作', items: ['抓产业', '抓环境'] });
  });

  it('no list when the number of items does not match the numeral', () => {
    expect(lists('抓好安全、环保、稳定两项工作。')).toEqual([]);
    expect(lists('推进五个方面：一是抓党建；二是抓产业。')).toEqual([]);
    expect(itemsBefore('抓好安全、环保两项工作', 7, 3)).toBeNull();
  });
});
