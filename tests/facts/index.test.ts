import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/types.js';
import { describeFact, factsOfDocument, factsOfType } from '../../src/facts/index.js';

const at = { docId: 'd1', sentenceId: 0, sentence: '…' };

describe('describeFact', () => {
  it('person: name, titles, org, roles', () => {
    expect(describeFact({ type: 'person', value: '刘建华', titles: ['市委常委', '宣传部部长'], org: '绵阳', roles: ['出席'], ...at })).toBe('刘建华：市委常委、宣传部部长（绵阳）；出席');
    expect(describeFact({ type: 'person', value: '孙立军', titles: ['中央第三巡视组组长'], org: '中央第三巡视组', ...at })).toBe('孙立军：中央第三巡视组组长');
    expect(describeFact({ type: 'person', value: '王磊', roles: ['表示'], ...at })).toBe('王磊：表示');
  });

  it('date, place, figures, list', () => {
    expect(describeFact({ type: 'date', value: '2023-06-06', event: '新闻发布会召开', ...at })).toBe('2023-06-06 新闻发布会召开');
    expect(describeFact({ type: 'place', value: '成都', event: '工作会议召开', ...at })).toBe('成都（工作会议召开）');
    expect(describeFact({ type: 'percentage', value: '96.4%', subject: '群众满意度', ...at })).toBe('群众满意度 96.4%');
    expect(describeFact({ type: 'score', value: '98.5分', subject: '综合评估', by: '省督导组', ...at } as Fact)).toBe('综合评估 98.5分（省督导组）');
    expect(describeFact({ type: 'grade', value: '优', subject: '评估结果', ...at })).toBe('评估结果 优');
    expect(describeFact({ type: 'ordinal', value: '第四次', subject: '会议', ...at })).toBe('第四次会议');
    expect(describeFact({ type: 'count', value: '三项', subject: '任务', ...at, sentence: '推进三项任务。' })).toBe('三项任务');
    expect(describeFact({ type: 'count', value: '300余人次', subject: '接诊群众', ...at, sentence: '共接诊群众300余人次。' })).toBe('接诊群众 300余人次');
    expect(describeFact({ type: 'list', value: '三项任务', items: ['产业发展', '人才培养'], ...at })).toBe('三项任务：产业发展、人才培养');
    expect(describeFact({ type: 'organization', value: '市公安局', ...at })).toBe('市公安局');
  });
});

describe('factsOfDocument / factsOfType', () => {
  it('filters by document and by type', () => {
    const facts: Fact[] = [
      { type: 'place', value: '成都', ...at },
      { type: 'place', value: '绵阳', docId: 'd2', sentenceId: 3, sentence: '…' },
      { type: 'date', value: '2023-01-01', docId: 'd2', sentenceId: 4, sentence: '…' },
    ];
    expect(factsOfDocument(facts, 'd2').map((f) => f.value)).toEqual(['绵阳', '2023-01-01']);
    expect(factsOfDocument(facts, 'none')).toEqual([]);
    expect(factsOfType(facts, 'place').map((f) => f.value)).toEqual(['成都', '绵阳']);
  });
});
