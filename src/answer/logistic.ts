/**
 * L2-regularised logistic regression, fitted by Newton's method (a few dozen features, tens of
 * thousands of rows: each step is one pass over the data and a small linear solve). Features are
 * standardised first so that one penalty suits them all. Used by the tune script; the engine only
 * applies the fitted weights (policy.ts).
 */

import { readFileSync } from 'node:fs';

/**
 * A fitted model file (policy.json, span-model.json), read once by its owner: the model when it was
 * fitted on exactly these features, else `fallback` (a model fitted on other features would score
 * nonsense, so the owner answers nothing directly instead).
 */
export function readFittedModel<T extends { features: string[] }>(file: URL, features: readonly string[], fallback: T): T {
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as T;
    return read.features.length === features.length && read.features.every((f, i) => f === features[i]) ? read : fallback;
  } catch {
    return fallback;
  }
}

/** A linear model over standardised features. */
export interface LogisticModel {
  mean: number[];
  sd: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias). */
  l2?: number;
  iterations?: number;
  /** Per-row weights (e.g. to balance splits); default 1. */
  rowWeights?: number[];
}

export function standardise(x: number[][]): { mean: number[]; sd: number[] } {
  const d = x[0]?.length ?? 0;
  const mean = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, x.length);
  for (const row of x) for (let j = 0; j < d; j++) sd[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] / Math.max(1, x.length)) || 1;
  return { mean, sd };
}

/** Solve A x = b for a symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / pivot;
      if (!f) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));

export function fitLogistic(x: number[][], y: number[], options: FitOptions = {}): LogisticModel {
  const l2 = options.l2 ?? 1;
  const { mean, sd } = standardise(x);
  const d = mean.length;
  const z = x.map((row) => row.map((v, j) => (v - mean[j]) / sd[j]));
  const w = options.rowWeights ?? x.map(() => 1);
  // theta[0] is the bias, theta[1..d] the weights.
  let theta = new Array(d + 1).fill(0);
  for (let it = 0; it < (options.iterations ?? 25); it++) {
    const grad = new Array(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    for (let i = 0; i < z.length; i++) {
      let s = theta[0];
      for (let j = 0; j < d; j++) s += theta[j + 1] * z[i][j];
      const p = sigmoid(s);
      const g = w[i] * (p - y[i]);
      const h = w[i] * Math.max(p * (1 - p), 1e-9);
      grad[0] += g;
      for (let j = 0; j < d; j++) grad[j + 1] += g * z[i][j];
      hess[0][0] += h;
      for (let j = 0; j < d; j++) {
        const hz = h * z[i][j];
        hess[0][j + 1] += hz;
        for (let k = j; k < d; k++) hess[j + 1][k + 1] += hz * z[i][k];
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j] += l2 * theta[j];
      hess[j][j] += l2;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[j][k] = hess[k][j];
    const step = solve(hess, grad);
    theta = theta.map((t, j) => t - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return { mean, sd, weights: theta.slice(1), bias: theta[0] };
}

/** The model's logit for a row (standardised with the model's own mean and sd). */
export function linearScore(model: LogisticModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i] * ((x[i] - model.mean[i]) / (model.sd[i] || 1));
  return z;
}

export function predictLogistic(model: LogisticModel, row: number[]): number {
  let s = model.bias;
  for (let j = 0; j < model.weights.length; j++) s += model.weights[j] * ((row[j] - model.mean[j]) / (model.sd[j] || 1));
  return sigmoid(s);
}

/** One question's candidates for the ranker: features, and which are right. */
export interface RankingGroup {
  x: ArrayLike<number>[];
  /**
   * Optional binary features beyond the dense ones, per candidate: the ids (0 .. sparseDims-1) of the
   * indicators that are on (the span reader's lexical conjunctions). Not standardised.
   */
  sparse?: ArrayLike<number>[];
  right: boolean[];
  /** Weight of the group in the loss (e.g. to balance splits); default 1. */
  weight?: number;
}

/**
 * A conditional-logit (softmax) ranker: scores candidates so that a right one comes first, trained by
 * maximising the log-probability of the question's right candidates among all its candidates
 * (full-batch Adam on standardised features, L2 penalty). Groups without a right candidate, or with
 * only right ones, carry no ranking information and are skipped.
 *
 * Rows are stored sparsely (most features of a candidate span are 0/1 indicators): a group's softmax
 * does not change when the same constant is added to all its scores, so standardised scores need only
 * the nonzero features (w_j / sd_j · x_j), and because a group's probabilities and targets both sum to
 * one, the mean drops out of the gradient too. Hundreds of thousands of candidates fit in seconds a pass.
 */
export function fitRanker(groups: RankingGroup[], options: RankerOptions = {}): SparseRankerModel {
  const useful = groups.filter((g) => g.right.some(Boolean) && g.right.some((r) => !r));
  const dense = useful[0]?.x[0]?.length ?? groups[0]?.x[0]?.length ?? 0;
  const sparseDims = options.sparseDims ?? 0;
  const d = dense + sparseDims;
  let rows = 0;
  let nonzeros = 0;
  const mean = new Array(dense).fill(0);
  for (const g of useful)
    for (const [i, row] of g.x.entries()) {
      rows++;
      nonzeros += g.sparse?.[i]?.length ?? 0;
      for (let j = 0; j < dense; j++)
        if (row[j] !== 0) {
          nonzeros++;
          mean[j] += row[j];
        }
    }
  for (let j = 0; j < dense; j++) mean[j] /= Math.max(1, rows);
  const sd = new Array(dense).fill(0);
  for (const g of useful) for (const row of g.x) for (let j = 0; j < dense; j++) sd[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < dense; j++) sd[j] = Math.sqrt(sd[j] / Math.max(1, rows)) || 1;
  // Compressed sparse rows of x / sd.
  const rowStart = new Int32Array(rows + 1);
  const column = new Int32Array(nonzeros);
  const value = new Float64Array(nonzeros);
  const target = new Float64Array(rows);
  const groupStart = new Int32Array(useful.length + 1);
  const groupWeight = new Float64Array(useful.length);
  const totalWeight = useful.reduce((a, g) => a + (g.weight ?? 1), 0) || 1;
  let r = 0;
  let k = 0;
  useful.forEach((g, gi) => {
    groupStart[gi] = r;
    groupWeight[gi] = (g.weight ?? 1) / totalWeight;
    const nRight = g.right.filter(Boolean).length;
    g.x.forEach((row, i) => {
      rowStart[r] = k;
      for (let j = 0; j < dense; j++)
        if (row[j] !== 0) {
          column[k] = j;
          value[k++] = row[j] / sd[j];
        }
      for (const id of Array.from(g.sparse?.[i] ?? [])) {
        column[k] = dense + id;
        value[k++] = 1;
      }
      target[r] = g.right[i] ? 1 / nRight : 0;
      r++;
    });
  });
  rowStart[rows] = k;
  groupStart[useful.length] = r;
  const l2 = options.l2 ?? 1;
  const sparseL2 = options.sparseL2 ?? l2;
  const lr = options.learningRate ?? 0.05;
  const w = new Float64Array(d);
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  const grad = new Float64Array(d);
  const scores = new Float64Array(rows);
  for (let it = 1; it <= (options.iterations ?? 300); it++) {
    for (let j = 0; j < d; j++) grad[j] = ((j < dense ? l2 : sparseL2) * w[j]) / totalWeight;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) s += value[p] * w[column[p]];
      scores[i] = s;
    }
    for (let gi = 0; gi < useful.length; gi++) {
      const a = groupStart[gi];
      const b = groupStart[gi + 1];
      let max = -Infinity;
      for (let i = a; i < b; i++) max = Math.max(max, scores[i]);
      let sum = 0;
      for (let i = a; i < b; i++) sum += Math.exp(scores[i] - max);
      for (let i = a; i < b; i++) {
        const diff = groupWeight[gi] * (Math.exp(scores[i] - max) / sum - target[i]);
        if (diff) for (let p = rowStart[i]; p < rowStart[i + 1]; p++) grad[column[p]] += diff * value[p];
      }
    }
    for (let j = 0; j < d; j++) {
      m[j] = 0.9 * m[j] + 0.1 * grad[j];
      v[j] = 0.999 * v[j] + 0.001 * grad[j] ** 2;
      const mh = m[j] / (1 - 0.9 ** it);
      const vh = v[j] / (1 - 0.999 ** it);
      w[j] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { mean, sd, weights: Array.from(w.subarray(0, dense)), bias: 0, sparseWeights: w.slice(dense) };
}

export interface RankerOptions {
  /** L2 penalty on the standardised dense weights. */
  l2?: number;
  /** L2 penalty on the sparse indicators' weights (default: l2). */
  sparseL2?: number;
  /** Number of sparse indicator ids (RankingGroup.sparse); 0 when there are none. */
  sparseDims?: number;
  iterations?: number;
  learningRate?: number;
}

/** A fitted ranker: the dense model, and one weight per sparse indicator id (empty without them). */
export interface SparseRankerModel extends LogisticModel {
  sparseWeights: Float64Array;
}

export type LinearModel = LogisticModel;
