import { describe, expect, it } from 'vitest';
import { boostedMargin, fitBoostedTrees, predictBoosted } from '../../src/answer/boosting.js';
import { fitLogistic, predictLogistic } from '../../src/answer/logistic.js';
import { seededRandom } from '../../src/random.js';

/**
 * Rows where a feature means opposite things by kind (a high value is good for one kind of candidate,
 * bad for the other), as the policy's features do for spans and facts: no linear model can fit it.
 */
function interactionRows(n: number, seed: number) {
  const rnd = seededRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rnd() < 0.7 ? 1 : 0;
    const value = rnd();
    x.push([kind, value, rnd()]);
    y.push(rnd() < (value > 0.5 === (kind === 1) ? 0.9 : 0.1) ? 1 : 0);
  }
  return { x, y };
}

describe('gradient-boosted trees', () => {
  it('learn an interaction a logistic regression cannot', () => {
    const train = interactionRows(2000, 1);
    const test = interactionRows(500, 2);
    const trees = fitBoostedTrees(train.x, train.y, { rounds: 100, depth: 2, learningRate: 0.1 });
    const linear = fitLogistic(train.x, train.y, { l2: 1 });
    const accuracy = (p: (row: number[]) => number) => test.x.filter((row, i) => p(row) >= 0.5 === (test.y[i] === 1)).length / test.x.length;
    expect(accuracy((r) => predictBoosted(trees, r))).toBeGreaterThan(0.85);
    expect(accuracy((r) => predictLogistic(linear, r))).toBeLessThan(0.75);
    // The probabilities are calibrated: about 0.9 where the outcome is 1 nine times in ten.
    expect(predictBoosted(trees, [1, 0.9, 0.5])).toBeGreaterThan(0.8);
    expect(predictBoosted(trees, [0, 0.9, 0.5])).toBeLessThan(0.2);
  });

  it('start from the weighted base rate and weigh rows', () => {
    const x = [[0], [0], [0], [0]];
    const y = [1, 0, 0, 0];
    const none = fitBoostedTrees(x, y, { rounds: 0 });
    expect(predictBoosted(none, [0])).toBeCloseTo(0.25, 6);
    const weighted = fitBoostedTrees(x, y, { rounds: 0, rowWeights: [3, 1, 1, 1] });
    expect(predictBoosted(weighted, [0])).toBeCloseTo(0.5, 6);
  });

  it('do not split on fewer rows than the leaf minimum, and are deterministic', () => {
    const x = [[0], [1], [2], [3], [4], [5]];
    const y = [0, 0, 0, 1, 1, 1];
    const tiny = fitBoostedTrees(x, y, { rounds: 5, minLeafHessian: 100 });
    expect(tiny.trees.every((t) => t.feature.every((f) => f === -1))).toBe(true);
    const a = fitBoostedTrees(x, y, { rounds: 20, minLeafHessian: 0.1 });
    const b = fitBoostedTrees(x, y, { rounds: 20, minLeafHessian: 0.1 });
    expect(a).toEqual(b);
    expect(boostedMargin(a, [5])).toBeGreaterThan(boostedMargin(a, [0]));
  });
});
