/**
 * The fitting behind `npm run tune`: a logistic regression recovers the direction of a separating
 * feature and is calibrated on data drawn from a known probability; the softmax ranker learns to put
 * the right candidate of each group first.
 */
import { describe, expect, it } from 'vitest';
import { fitLogistic, fitRanker, predictLogistic } from '../../src/answer/logistic.js';
import { linearScore } from '../../src/answer/policy.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('fitLogistic', () => {
  it('learns a calibrated probability from a known model', () => {
    const rand = lcg(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rand() * 4 - 2;
      const b = rand() * 4 - 2; // noise feature
      const p = 1 / (1 + Math.exp(-(2 * a - 0.5)));
      x.push([a, b]);
      y.push(rand() < p ? 1 : 0);
    }
    const m = fitLogistic(x, y, { l2: 0.01 });
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(Math.abs(m.weights[1])).toBeLessThan(Math.abs(m.weights[0]) / 5);
    // At a = 1 the true probability is sigmoid(1.5) = 0.82.
    expect(predictLogistic(m, [1, 0])).toBeGreaterThan(0.75);
    expect(predictLogistic(m, [1, 0])).toBeLessThan(0.89);
  });
});

describe('fitRanker', () => {
  it('puts the right candidate first in most held-out groups', () => {
    const rand = lcg(11);
    const group = () => {
      const n = 4;
      const right = Math.floor(rand() * n);
      const x = Array.from({ length: n }, (_, i) => [rand() + (i === right ? 0.8 : 0), rand()]);
      return { x, right: x.map((_, i) => i === right) };
    };
    const train = Array.from({ length: 600 }, group);
    const test = Array.from({ length: 300 }, group);
    const model = fitRanker(train, { l2: 0.1, iterations: 200 });
    let first = 0;
    for (const g of test) {
      const scores = g.x.map((row) => linearScore(model, row));
      const best = scores.indexOf(Math.max(...scores));
      if (g.right[best]) first++;
    }
    // Chance is 25%.
    expect(first / test.length).toBeGreaterThan(0.6);
  });

  it('learns sparse indicators: the id that marks the right candidate gets the largest weight', () => {
    const rand = lcg(17);
    // Dense features are noise; indicator 2 is on for the right candidate, 0 and 1 at random.
    const groups = Array.from({ length: 400 }, () => {
      const right = Math.floor(rand() * 4);
      const x = Array.from({ length: 4 }, () => [rand()]);
      const sparse = x.map((_, i) => [...(i === right ? [2] : []), ...(rand() < 0.5 ? [0] : [1])]);
      return { x, sparse, right: x.map((_, i) => i === right) };
    });
    const model = fitRanker(groups, { l2: 0.1, sparseDims: 3, iterations: 200 });
    expect(model.sparseWeights.length).toBe(3);
    expect(model.sparseWeights[2]).toBeGreaterThan(1);
    expect(Math.abs(model.sparseWeights[0] - model.sparseWeights[1])).toBeLessThan(0.5);
    // A heavier penalty on the indicators shrinks them.
    const shrunk = fitRanker(groups, { l2: 0.1, sparseL2: 200, sparseDims: 3, iterations: 200 });
    expect(shrunk.sparseWeights[2]).toBeLessThan(model.sparseWeights[2]);
  });

  it('ranks the same when a feature is shifted by a constant (the sparse fit drops the mean exactly)', () => {
    const rand = lcg(5);
    const groups = Array.from({ length: 300 }, () => {
      const right = Math.floor(rand() * 5);
      const x = Array.from({ length: 5 }, (_, i) => [i === right ? 1 : 0, rand() + (i === right ? 0.5 : 0), 0]);
      return { x, right: x.map((_, i) => i === right) };
    });
    const shifted = groups.map((g) => ({ ...g, x: g.x.map(([a, b, c]) => [a, b + 7, c + 3]) }));
    const m1 = fitRanker(groups, { l2: 0.1, iterations: 100 });
    const m2 = fitRanker(shifted, { l2: 0.1, iterations: 100 });
    for (let j = 0; j < 2; j++) expect(m2.weights[j]).toBeCloseTo(m1.weights[j], 6);
    groups.forEach((g, gi) => {
      const best = (m: typeof m1, rows: number[][]) => {
        const s = rows.map((row) => linearScore(m, row));
        return s.indexOf(Math.max(...s));
      };
      expect(best(m2, shifted[gi].x)).toBe(best(m1, g.x));
    });
  });
});
