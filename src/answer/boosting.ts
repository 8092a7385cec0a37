/**
 * Gradient-boosted decision trees for a binary outcome (logistic loss, second-order "Newton" boosting
 * as in XGBoost/LightGBM: each tree fits the loss's gradient and curvature; leaf values are
 * -G / (H + l2)). Split points are searched on a histogram of each feature's quantiles, so a fit over
 * tens of thousands of rows and a few dozen features takes seconds. Used by the tune script for the
 * answer policy's calibrator: a linear model cannot express that a feature means one thing for a span
 * and another for a fact (interactions), which trees do. The engine only walks the fitted trees.
 */

/** One tree as parallel arrays of nodes; node 0 is the root. A leaf has feature -1 and its value. */
export interface Tree {
  feature: number[];
  /** Go left when the feature's value is <= threshold. */
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface BoostedTrees {
  /** Log-odds before any tree (of the weighted base rate). */
  base: number;
  /** Each tree's output is already multiplied by the learning rate. */
  trees: Tree[];
}

export interface BoostingOptions {
  rounds?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty on leaf values (in units of curvature). */
  l2?: number;
  /** Least total curvature (weighted p(1-p)) a leaf may hold: stops splits on a handful of rows. */
  minLeafHessian?: number;
  /** Most candidate split points per feature (quantiles of its values). */
  bins?: number;
  rowWeights?: number[];
}

/** Defaults: small trees, many slow rounds (the usual choice for a few thousand noisy rows). */
export const BOOSTING_DEFAULTS: Required<Omit<BoostingOptions, 'rowWeights'>> = {
  rounds: 200,
  depth: 3,
  learningRate: 0.05,
  l2: 1,
  minLeafHessian: 5,
  bins: 32,
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Candidate thresholds of one feature: distinct quantile values (a split goes left at <= value). */
function binEdges(values: number[], bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((b * sorted.length) / bins))];
    if (!edges.length || v > edges[edges.length - 1]) edges.push(v);
  }
  // The largest value sends everything left: no split.
  if (edges.length && edges[edges.length - 1] >= sorted[sorted.length - 1]) edges.pop();
  return edges;
}

export function fitBoostedTrees(x: number[][], y: number[], options: BoostingOptions = {}): BoostedTrees {
  const o = { ...BOOSTING_DEFAULTS, ...options };
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const w = options.rowWeights ?? new Array(n).fill(1);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i];
    swy += w[i] * y[i];
  }
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, swy / Math.max(1e-12, sw)));
  const base = Math.log(rate / (1 - rate));
  // Rows binned once: bin k of feature j holds values in (edges[k-1], edges[k]]; the last bin is above all edges.
  const edges: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let j = 0; j < d; j++) {
    const column = x.map((row) => row[j]);
    const e = binEdges(column, o.bins);
    edges.push(e);
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (k < e.length && column[i] > e[k]) k++;
      b[i] = k;
    }
    binned.push(b);
  }
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: Tree[] = [];
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(margin[i]);
      g[i] = w[i] * (p - y[i]);
      h[i] = w[i] * Math.max(1e-6, p * (1 - p));
    }
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const leafOf = new Int32Array(n);
    const grow = (rows: Int32Array, level: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += g[i];
        H += h[i];
      }
      tree.value.push((-G / (H + o.l2)) * o.learningRate);
      if (level >= o.depth || H < 2 * o.minLeafHessian) {
        for (const i of rows) leafOf[i] = node;
        return node;
      }
      const parent = (G * G) / (H + o.l2);
      let best = { gain: 1e-9, feature: -1, bin: -1 };
      for (let j = 0; j < d; j++) {
        const e = edges[j];
        if (!e.length) continue;
        const hg = new Float64Array(e.length + 1);
        const hh = new Float64Array(e.length + 1);
        const b = binned[j];
        for (const i of rows) {
          hg[b[i]] += g[i];
          hh[b[i]] += h[i];
        }
        let gl = 0;
        let hl = 0;
        for (let k = 0; k < e.length; k++) {
          gl += hg[k];
          hl += hh[k];
          const hr = H - hl;
          if (hl < o.minLeafHessian || hr < o.minLeafHessian) continue;
          const gr = G - gl;
          const gain = (gl * gl) / (hl + o.l2) + (gr * gr) / (hr + o.l2) - parent;
          if (gain > best.gain) best = { gain, feature: j, bin: k };
        }
      }
      if (best.feature < 0) {
        for (const i of rows) leafOf[i] = node;
        return node;
      }
      const b = binned[best.feature];
      const goLeft = rows.filter((i) => b[i] <= best.bin);
      const goRight = rows.filter((i) => b[i] > best.bin);
      tree.feature[node] = best.feature;
      tree.threshold[node] = edges[best.feature][best.bin];
      tree.left[node] = grow(goLeft, level + 1);
      tree.right[node] = grow(goRight, level + 1);
      return node;
    };
    grow(
      Int32Array.from({ length: n }, (_, i) => i),
      0,
    );
    for (let i = 0; i < n; i++) margin[i] += tree.value[leafOf[i]];
    trees.push(tree);
  }
  return { base, trees };
}

/** The model's log-odds for one row. */
export function boostedMargin(model: BoostedTrees, x: ArrayLike<number>): number {
  let z = model.base;
  for (const t of model.trees) {
    let node = 0;
    while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    z += t.value[node];
  }
  return z;
}

export function predictBoosted(model: BoostedTrees, x: ArrayLike<number>): number {
  return sigmoid(boostedMargin(model, x));
}
