/**
 * L2-regularised logistic regression, fitted by Newton's method (a few dozen features, tens of
 * thousands of rows: each step is one pass over the data and a small linear solve). Features are
 * standardised first so that one penalty suits them all. Used by the tune script; the engine only
 * applies the fitted weights (policy.ts).
 */

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

export function predictLogistic(model: LogisticModel, row: number[]): number {
  let s = model.bias;
  for (let j = 0; j < model.weights.length; j++) s += model.weights[j] * ((row[j] - model.mean[j]) / (model.sd[j] || 1));
  return sigmoid(s);
}

/** One question's candidates for the ranker: features, and which are right. */
export interface RankingGroup {
  x: number[][];
  right: boolean[];
  /** Weight of the group in the loss (e.g. to balance splits); default 1. */
  weight?: number;
}

/**
 * A conditional-logit (softmax) ranker: scores candidates so that a right one comes first, trained by
 * maximising the log-probability of the question's right candidates among all its candidates
 * (full-batch Adam on standardised features, L2 penalty). Groups without a right candidate, or with
 * only right ones, carry no ranking information and are skipped.
 */
export function fitRanker(groups: RankingGroup[], options: { l2?: number; iterations?: number; learningRate?: number } = {}): LogisticModel {
  const useful = groups.filter((g) => g.right.some(Boolean) && g.right.some((r) => !r));
  const all = useful.flatMap((g) => g.x);
  const { mean, sd } = standardise(all.length ? all : [[]]);
  const d = mean.length;
  const zs = useful.map((g) => g.x.map((row) => row.map((v, j) => (v - mean[j]) / sd[j])));
  const l2 = options.l2 ?? 1;
  const lr = options.learningRate ?? 0.05;
  const w = new Array(d).fill(0);
  const m = new Array(d).fill(0);
  const v = new Array(d).fill(0);
  const totalWeight = useful.reduce((a, g) => a + (g.weight ?? 1), 0) || 1;
  for (let it = 1; it <= (options.iterations ?? 300); it++) {
    const grad = w.map((x) => (l2 * x) / totalWeight);
    useful.forEach((g, gi) => {
      const z = zs[gi];
      const scores = z.map((row) => row.reduce((a, x, j) => a + x * w[j], 0));
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const sum = e.reduce((a, b) => a + b, 0);
      const nRight = g.right.filter(Boolean).length;
      const gw = (g.weight ?? 1) / totalWeight;
      z.forEach((row, i) => {
        const diff = gw * (e[i] / sum - (g.right[i] ? 1 / nRight : 0));
        if (diff) for (let j = 0; j < d; j++) grad[j] += diff * row[j];
      });
    });
    for (let j = 0; j < d; j++) {
      m[j] = 0.9 * m[j] + 0.1 * grad[j];
      v[j] = 0.999 * v[j] + 0.001 * grad[j] ** 2;
      const mh = m[j] / (1 - 0.9 ** it);
      const vh = v[j] / (1 - 0.999 ** it);
      w[j] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { mean, sd, weights: w, bias: 0 };
}
