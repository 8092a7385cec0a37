import { describe, expect, it } from 'vitest';
import { citedWithin, exactMatch, f1Score, longestCommonRun, mixedSegments, percentile, removePunctuation } from '../../src/bench/metrics.js';

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
