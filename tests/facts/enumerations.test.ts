import { describe, expect, it } from 'vitest';
import { findLists, itemsBefore } from '../../src/facts/enumerations.js';
import { splitSentences } from '../../src/text/sentences.js';

const lists = (paragraph: string) => findLists(splitSentences(paragraph)).map((l) => ({ value: l.value, items: l.items, subject: l.subject, sentence: l.sentence }));

describe('findLists', () => {
  it('items before the count, the verb before the first item cut off', () => {
    expect(lists('全县扎实推进安全生产、环境保护、防汛抗旱三项工作。')).toEqual([{ value: '三项工作', items: ['安全生产', '环境保护', '防汛抗旱'], subject: '工作', sentence: 0 }]);
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
    const paragraph = '全区上下落实“三项重点任务”，即三个“提升”：服务水平“提升”，推行一窗通办；办事效率“提升”，压缩审批时限；群众满意度“提升”，畅通投诉渠道。';
    const sentences = splitSentences(paragraph);
    expect(sentences.length).toBe(3);
    expect(lists(paragraph)).toEqual([{ value: '三个“提升”', items: ['服务水平', '办事效率', '群众满意度'], subject: '三项重点任务', sentence: 0 }]);
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

describe('findLists: 一是…二是…, 和-joined items, 依次为, N大', () => {
  it('一是…，二是…，三是… in one sentence, each item the head of its clause', () => {
    expect(lists('会议提出三项措施：一是开展城镇燃气安全专项整治，二是加强隐患排查，三是完善应急预案。')[0]).toMatchObject({
      value: '三项措施',
      items: ['开展城镇燃气安全专项整治', '加强隐患排查', '完善应急预案'],
    });
    const long = lists('全县落实两项任务：一是全面推进农村人居环境整治提升五年行动方案落地见效，二是抓好秋粮收储。')[0];
    expect(long?.items[1]).toBe('抓好秋粮收储');
    expect(long?.items[0].length).toBeLessThanOrEqual(16);
    expect(long?.items[0].startsWith('全面推进')).toBe(true);
  });

  it('no list when there are more marked items than the count', () => {
    expect(lists('做好两件事：一是稳就业，二是促消费，三是保民生。')).toEqual([]);
  });

  it('items after a colon, the last joined by 和/及', () => {
    expect(lists('今年重点抓好三件事：稳就业、促消费和保民生。')[0]).toMatchObject({ value: '三件事', items: ['稳就业', '促消费', '保民生'] });
    expect(lists('本次评选设两个奖项：创新奖及贡献奖。')[0]?.items).toEqual(['创新奖', '贡献奖']);
  });

  it('items after 依次为 following the count, 前 kept with it', () => {
    expect(lists('报告显示，发病数居前三位的依次为病毒性肝炎、肺结核和梅毒。')[0]).toMatchObject({
      value: '前三位',
      items: ['病毒性肝炎', '肺结核', '梅毒'],
    });
  });

  it('N大 counts before a colon (三大亮点)', () => {
    expect(lists('该产品主要有三大亮点：液冷散热、模块化扩容和远程智能运维。')[0]).toMatchObject({
      value: '三大亮点',
      items: ['液冷散热', '模块化扩容', '远程智能运维'],
      subject: '亮点',
    });
    expect(lists('新园区分为四大板块：研发、制造和物流。')).toEqual([]);
  });
});
