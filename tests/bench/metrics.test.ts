import { describe, expect, it } from 'vitest';
import { citedWithin, exactMatch, f1Score, judgeOutcome, longestCommonRun, mixedSegments, percentile, removePunctuation, riskCoverage } from '../../src/bench/metrics.js';

describe('CMRC 2018 metrics', () => {
  it('segments Han characters one by one and other runs as words, without punctuation', () => {
    expect(mixedSegments('光荣和ω-force，1998年')).toEqual(['光', '荣', '和', 'ω', 'force', '1998', '年']);
    expect(removePunctuation('“踢爆”。 ')).toBe('踢爆');
  });

  it('longest common run is contiguous (the script’s find_lcs)', () => {
    expect(longestCommonRun(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toBe(2);
    expect(longestCommonRun([], ['a'])).toBe(0);
  });

  it('exact match ignores punctuation and spaces, max over gold answers', () => {
    expect(exactMatch('踢爆。', ['踢爆'])).toBe(1);
    expect(exactMatch('「踢 爆」', ['泡封', '踢爆'])).toBe(1);
    expect(exactMatch('踢爆了', ['踢爆'])).toBe(0);
    expect(exactMatch(null, ['踢爆'])).toBe(0);
  });

  it('F1 on known pairs', () => {
    expect(f1Score('踢爆', ['踢爆'])).toBe(1);
    // prediction 4 chars, gold 2, common run 2: P=0.5 R=1 F1=2/3
    expect(f1Score('即为踢爆', ['踢爆'])).toBeCloseTo(2 / 3, 10);
    // max over answers
    expect(f1Score('北京大学', ['清华', '北京'])).toBeCloseTo(2 / 3, 10);
    expect(f1Score('上海', ['北京'])).toBe(0);
    expect(f1Score(null, ['北京'])).toBe(0);
    // English words count as one token each
    // 'nexon' 公 司: P=1/3 R=1 F1=0.5
    expect(f1Score('Nexon公司', ['Nexon'])).toBeCloseTo(0.5, 10);
  });

  it('compares Traditional and Simplified in one script', () => {
    expect(exactMatch('梵語', ['梵语'])).toBe(1);
    expect(f1Score('歐洲大陸', ['欧洲'])).toBeCloseTo(2 / 3, 10);
    expect(exactMatch('１９９８年', ['1998年'])).toBe(1);
  });

  it('citations: gold inside the first k cited sentences, in matching form', () => {
    const cited = ['現存最古老的梵語文法是波你尼的《八篇書》。', '其他句子。'];
    expect(citedWithin(cited, ['八篇书'], 1)).toBe(true);
    expect(citedWithin(['无关。', ...cited], ['八篇书'], 1)).toBe(false);
    expect(citedWithin(['无关。', ...cited], ['八篇书'], 3)).toBe(true);
    expect(citedWithin([], ['八篇书'], 3)).toBe(false);
  });

  it('percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('right / wrong / declined', () => {
  it('right by F1 >= 0.5, or a short answer containing the gold', () => {
    expect(judgeOutcome('2002年9月24日', { answers: ['2002年9月24日'] })).toBe('right');
    expect(judgeOutcome('于2002年9月24日出生', { answers: ['2002年9月24日'] })).toBe('right');
    expect(judgeOutcome('英國', { answers: ['英国'] })).toBe('right');
    expect(judgeOutcome('美名', { answers: ['英國'] })).toBe('wrong');
    // Contains the gold but far longer than 3x its length (and over 20 characters): not a direct answer.
    expect(judgeOutcome('这是一句很长很长的话，里面提到了英国，还说了许多别的事情，远远超过二十个字', { answers: ['英国'] })).toBe('wrong');
    expect(judgeOutcome(null, { answers: ['英国'] })).toBe('declined');
  });

  it('an unanswerable question is right only when declined', () => {
    expect(judgeOutcome(null, { answers: [], impossible: true })).toBe('right');
    expect(judgeOutcome('刘x1', { answers: [], impossible: true })).toBe('wrong');
  });

  it('yes/no gold is matched by 是 / 否 at the start of the answer', () => {
    expect(judgeOutcome('是。被告已归还借款', { answers: ['YES'], yesno: 'yes' })).toBe('right');
    expect(judgeOutcome('否', { answers: ['YES'], yesno: 'yes' })).toBe('wrong');
    expect(judgeOutcome('不是', { answers: ['NO'], yesno: 'no' })).toBe('right');
    expect(judgeOutcome('被告已归还借款', { answers: ['NO'], yesno: 'no' })).toBe('wrong');
    expect(judgeOutcome(null, { answers: ['NO'], yesno: 'no' })).toBe('declined');
  });
});

describe('risk-coverage table', () => {
  it('buckets answers by confidence, highest first, with cumulative precision', () => {
    const answered = Array.from({ length: 20 }, (_, i) => ({ confidence: i / 20, right: i >= 10 }));
    const rows = riskCoverage(answered, 40);
    expect(rows).toHaveLength(10);
    expect(rows[0].to).toBeGreaterThan(rows[9].to);
    expect(rows[0].precision).toBe(1);
    expect(rows[9].precision).toBe(0);
    expect(rows[4].precisionAbove).toBe(1);
    expect(rows[9].precisionAbove).toBe(0.5);
    expect(rows[9].coverage).toBe(0.5);
  });
});
