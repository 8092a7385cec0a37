/**
 * The character tagger's model: a hashed weight table (one weight per tag and feature row), tag
 * transition weights, Viterbi decoding over BIO tags with the BIO constraints, and forward-backward
 * marginals (a span's confidence). Serialised as brotli of a compact binary, wrapped in base64 JSON (so
 * the code fingerprint of the knowledge-base cache, which hashes .json files, covers the model).
 */
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import { FEATURES_PER_CHAR, type TaggerLexicons } from './features.js';

/** Entity kinds the tagger labels (CLUENER's organization, government and company are all ORG; address is LOC). */
export const ENTITY_KINDS = ['PER', 'POS', 'ORG', 'LOC'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Tags: O, then B-kind and I-kind for each kind (tag 1 + 2k is B of kind k, 2 + 2k its I). */
export const LABELS: readonly string[] = ['O', ...ENTITY_KINDS.flatMap((k) => [`B-${k}`, `I-${k}`])];
export const TAG_COUNT = LABELS.length;

export const isInside = (tag: number) => tag > 0 && tag % 2 === 0;
export const kindOf = (tag: number): EntityKind | null => (tag === 0 ? null : ENTITY_KINDS[(tag - 1) >> 1]);

/** May tag `to` follow tag `from` (-1: the start)? I-X only after B-X or I-X. */
export function allowed(from: number, to: number): boolean {
  if (!isInside(to)) return true;
  return from > 0 && kindOf(from) === kindOf(to);
}

/** allowed() as a table, from × to (decoding asks it for every character). */
const ALLOWED = (() => {
  const table = new Uint8Array(TAG_COUNT * TAG_COUNT);
  for (let p = 0; p < TAG_COUNT; p++) for (let t = 0; t < TAG_COUNT; t++) table[p * TAG_COUNT + t] = allowed(p, t) ? 1 : 0;
  return table;
})();

export interface TaggerModel {
  /** Rows of the weight table (a power of two). */
  rows: number;
  /** rows × TAG_COUNT emission weights: Float32 while training, int16 steps of `scale` once loaded (half the memory). */
  weights: Float32Array | Int16Array;
  /** What one unit of `weights` is worth. */
  scale: number;
  /** (TAG_COUNT + 1) × TAG_COUNT transition weights; the last row is the start. */
  transitions: Float32Array;
  /** What the model was trained on and how (for the record; not used in decoding). */
  info: Record<string, unknown>;
  /** The word lists its features mark (the training data's names and positions); none: nothing is marked. */
  lexicons?: TaggerLexicons;
  /**
   * One bit per row, set when the row has a non-zero weight (a loaded model: 13% of its rows). Decoding
   * skips the other rows: a 64 KB bitmap read instead of a cache miss in the 9 MB table, same sums.
   */
  nonZeroRows?: Uint32Array;
}

export function emptyModel(rows: number): TaggerModel {
  return { rows, weights: new Float32Array(rows * TAG_COUNT), scale: 1, transitions: new Float32Array((TAG_COUNT + 1) * TAG_COUNT), info: {} };
}

/** Emission scores: n × TAG_COUNT. */
export function emissions(model: TaggerModel, feats: Uint32Array, n: number, out?: Float32Array): Float32Array {
  const T = TAG_COUNT;
  const F = FEATURES_PER_CHAR;
  const mask = model.rows - 1;
  const w = model.weights;
  const scale = model.scale;
  const bits = model.nonZeroRows;
  const scores = out && out.length >= n * T ? out : new Float32Array(n * T);
  if (T !== 9) throw new Error('emissions: unrolled for 9 tags');
  for (let i = 0; i < n; i++) {
    // Nine sums in locals (the table is random-access; the scores array is written once per character).
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0,
      s8 = 0;
    const fo = i * F;
    for (let f = 0; f < F; f++) {
      const row = feats[fo + f] & mask;
      if (bits !== undefined && (bits[row >>> 5] & (1 << (row & 31))) === 0) continue;
      const r = row * 9;
      s0 += w[r];
      s1 += w[r + 1];
      s2 += w[r + 2];
      s3 += w[r + 3];
      s4 += w[r + 4];
      s5 += w[r + 5];
      s6 += w[r + 6];
      s7 += w[r + 7];
      s8 += w[r + 8];
    }
    const so = i * T;
    scores[so] = s0 * scale;
    scores[so + 1] = s1 * scale;
    scores[so + 2] = s2 * scale;
    scores[so + 3] = s3 * scale;
    scores[so + 4] = s4 * scale;
    scores[so + 5] = s5 * scale;
    scores[so + 6] = s6 * scale;
    scores[so + 7] = s7 * scale;
    scores[so + 8] = s8 * scale;
  }
  return scores;
}

/** Best tag sequence under the BIO constraints. */
export function viterbi(model: TaggerModel, scores: Float32Array, n: number): Uint8Array {
  const T = TAG_COUNT;
  const tr = model.transitions;
  const path = new Uint8Array(n);
  if (!n) return path;
  const best = new Float64Array(n * T);
  const back = new Uint8Array(n * T);
  for (let t = 0; t < T; t++) best[t] = isInside(t) ? -Infinity : tr[T * T + t] + scores[t];
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let top = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!ALLOWED[p * T + t]) continue;
        const v = best[(i - 1) * T + p] + tr[p * T + t];
        if (v > top) {
          top = v;
          arg = p;
        }
      }
      best[i * T + t] = top + scores[i * T + t];
      back[i * T + t] = arg;
    }
  }
  let arg = 0;
  for (let t = 1; t < T; t++) if (best[(n - 1) * T + t] > best[(n - 1) * T + arg]) arg = t;
  path[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * T + path[i]];
  return path;
}

function logSumExp(values: Float64Array, count: number): number {
  let max = -Infinity;
  for (let k = 0; k < count; k++) if (values[k] > max) max = values[k];
  if (max === -Infinity) return max;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += Math.exp(values[k] - max);
  return max + Math.log(sum);
}

/** Forward and backward log-scores (n × TAG_COUNT each) and the log partition of a text. */
interface ForwardBackward {
  alpha: Float64Array;
  beta: Float64Array;
  z: number;
}

/**
 * Forward-backward when the path scores, divided by `temperature`, are read as log-potentials of a
 * CRF. freeStart: the scores are a window cut from a longer text, which may start inside a span.
 */
function forwardBackward(model: TaggerModel, scores: Float32Array, n: number, temperature: number, freeStart: boolean): ForwardBackward {
  const T = TAG_COUNT;
  const tr = model.transitions;
  const alpha = new Float64Array(n * T);
  const beta = new Float64Array(n * T);
  const tmp = new Float64Array(T);
  const s = (i: number, t: number) => scores[i * T + t] / temperature;
  const r = (p: number, t: number) => (ALLOWED[p * T + t] ? tr[p * T + t] / temperature : -Infinity);
  for (let t = 0; t < T; t++) alpha[t] = freeStart ? s(0, t) : isInside(t) ? -Infinity : tr[T * T + t] / temperature + s(0, t);
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      for (let p = 0; p < T; p++) tmp[p] = alpha[(i - 1) * T + p] + r(p, t);
      alpha[i * T + t] = logSumExp(tmp, T) + s(i, t);
    }
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      for (let t = 0; t < T; t++) tmp[t] = r(p, t) + s(i + 1, t) + beta[(i + 1) * T + t];
      beta[i * T + p] = logSumExp(tmp, T);
    }
  }
  return { alpha, beta, z: logSumExp(alpha.subarray((n - 1) * T, n * T), T) };
}

/**
 * Marginal probability of every tag at every position (n × TAG_COUNT) under forwardBackward's CRF
 * reading. The perceptron is not trained to be calibrated: the temperature and any threshold on these
 * marginals are fitted on held-out sentences.
 */
export function marginals(model: TaggerModel, scores: Float32Array, n: number, temperature: number, freeStart = false): Float64Array {
  const { alpha, beta, z } = forwardBackward(model, scores, n, temperature, freeStart);
  const out = new Float64Array(n * TAG_COUNT);
  for (let k = 0; k < n * TAG_COUNT; k++) out[k] = Math.exp(alpha[k] + beta[k] - z);
  return out;
}

/**
 * Probability that [start, end) is exactly one span of `kind` (its B, its I's, and no I of it right
 * after: the end is part of the event, which the lowest marginal of its tags does not see).
 */
export function spanProbability(model: TaggerModel, scores: Float32Array, n: number, temperature: number, start: number, end: number, kind: EntityKind, freeStart = false): number {
  return spanProbabilities(model, scores, n, temperature, freeStart)(start, end, kind);
}

/** spanProbability for any span of one text, forward-backward computed once. */
export function spanProbabilities(model: TaggerModel, scores: Float32Array, n: number, temperature: number, freeStart = false): (start: number, end: number, kind: EntityKind) => number {
  const T = TAG_COUNT;
  const tr = model.transitions;
  const { alpha, beta, z } = forwardBackward(model, scores, n, temperature, freeStart);
  const s = (i: number, t: number) => scores[i * T + t] / temperature;
  const tmp = new Float64Array(T);
  return (start, end, kind) => {
    const b = 1 + 2 * ENTITY_KINDS.indexOf(kind);
    const inside = b + 1;
    // alpha at the B, then the fixed I's, then any tag but this kind's I after the span.
    let log = alpha[start * T + b];
    let prev = b;
    for (let i = start + 1; i < end; i++) {
      log += tr[prev * T + inside] / temperature + s(i, inside);
      prev = inside;
    }
    if (end < n) {
      for (let t = 0; t < T; t++) tmp[t] = t === inside || !ALLOWED[prev * T + t] ? -Infinity : tr[prev * T + t] / temperature + s(end, t) + beta[end * T + t];
      log += logSumExp(tmp, T);
    }
    return Math.exp(log - z);
  };
}

export interface TaggedSpan {
  kind: EntityKind;
  start: number;
  /** Exclusive. */
  end: number;
}

/** Spans of a tag sequence (a B starts a span, its I's continue it). */
export function spansOf(path: ArrayLike<number>): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let open: TaggedSpan | null = null;
  for (let i = 0; i < path.length; i++) {
    const t = path[i];
    if (open && !(isInside(t) && kindOf(t) === open.kind)) {
      open.end = i;
      out.push(open);
      open = null;
    }
    if (t > 0 && !isInside(t)) open = { kind: kindOf(t)!, start: i, end: i + 1 };
  }
  if (open) {
    open.end = path.length;
    out.push(open);
  }
  return out;
}

/** Tag sequence of spans (the inverse of spansOf). */
export function pathOf(n: number, spans: readonly TaggedSpan[]): Uint8Array {
  const path = new Uint8Array(n);
  for (const s of spans) {
    const k = ENTITY_KINDS.indexOf(s.kind);
    for (let i = s.start; i < s.end && i < n; i++) path[i] = i === s.start ? 1 + 2 * k : 2 + 2 * k;
  }
  return path;
}

/**
 * Serialised format: JSON with the transitions and brotli+base64 blocks: the kept rows (varint deltas of
 * their indices), their TAG_COUNT int16 weights each as byte planes (every weight's low byte, tag by tag,
 * then every high byte: the high bytes are nearly all 0 or 255, which packs 13% smaller than the weights
 * in row order under gzip), and the word lists (one word a line).
 */
const FORMAT = 'zh-char-tagger/4';

/**
 * Serialise, keeping only rows with some weight of magnitude >= `prune` (the rest read as zero), weights
 * quantised to int16 steps (the step is the largest weight / 32767, so nothing is clipped).
 */
export function serialise(model: TaggerModel, prune: number): string {
  const T = TAG_COUNT;
  const real = (k: number) => model.weights[k] * model.scale;
  let maxAbs = 0;
  for (let k = 0; k < model.weights.length; k++) maxAbs = Math.max(maxAbs, Math.abs(real(k)));
  const step = maxAbs / 32767 || 1;
  const kept: number[] = [];
  for (let row = 0; row < model.rows; row++) {
    for (let t = 0; t < T; t++) {
      if (Math.abs(real(row * T + t)) >= prune && real(row * T + t) !== 0) {
        kept.push(row);
        break;
      }
    }
  }
  const deltas: number[] = [];
  let last = 0;
  for (const row of kept) {
    let v = row - last;
    last = row;
    while (v >= 0x80) {
      deltas.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    deltas.push(v);
  }
  const weights = new Int16Array(kept.length * T);
  kept.forEach((row, k) => {
    for (let t = 0; t < T; t++) weights[k * T + t] = Math.max(-32767, Math.min(32767, Math.round(real(row * T + t) / step)));
  });
  const pack = (bytes: Uint8Array) => brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).toString('base64');
  const packList = (words?: readonly string[]) => pack(Buffer.from(words?.join('\n') ?? '', 'utf8'));
  const planes = new Uint8Array(weights.length * 2);
  const rowsKept = kept.length;
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < rowsKept; k++) {
      const w = weights[k * T + t];
      planes[t * rowsKept + k] = w & 0xff;
      planes[weights.length + t * rowsKept + k] = (w >> 8) & 0xff;
    }
  }
  return (
    JSON.stringify({
      format: FORMAT,
      labels: LABELS,
      featuresPerChar: FEATURES_PER_CHAR,
      rows: model.rows,
      keptRows: kept.length,
      step,
      transitions: Array.from(model.transitions),
      info: model.info,
      lexicons: { names: packList(model.lexicons?.names), positions: packList(model.lexicons?.positions), others: packList(model.lexicons?.others) },
      rowDeltas: pack(Uint8Array.from(deltas)),
      weights: pack(planes),
    }) + '\n'
  );
}

export function deserialise(json: string): TaggerModel {
  const data = JSON.parse(json) as {
    format: string;
    labels: string[];
    featuresPerChar: number;
    rows: number;
    keptRows: number;
    step: number;
    transitions: number[];
    info: Record<string, unknown>;
    lexicons: { names: string; positions: string; others: string };
    rowDeltas: string;
    weights: string;
  };
  if (data.format !== FORMAT) throw new Error(`tagger model: unknown format ${data.format}`);
  if (data.labels.join() !== LABELS.join() || data.featuresPerChar !== FEATURES_PER_CHAR) {
    throw new Error('tagger model: labels or feature templates differ from the code; retrain with npm run train:tagger');
  }
  const T = TAG_COUNT;
  const unpack = (base64: string) => brotliDecompressSync(Buffer.from(base64, 'base64'));
  const deltas = unpack(data.rowDeltas);
  const planes = unpack(data.weights);
  const rowsKept = data.keptRows;
  const kept = new Int16Array(rowsKept * T);
  const high = rowsKept * T;
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < rowsKept; k++) kept[k * T + t] = planes[t * rowsKept + k] | (planes[high + t * rowsKept + k] << 8);
  }
  const weights = new Int16Array(data.rows * T);
  const nonZeroRows = new Uint32Array((data.rows + 31) >>> 5);
  let at = 0;
  let row = 0;
  for (let k = 0; k < data.keptRows; k++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = deltas[at++];
      delta |= (b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7;
    }
    row += delta;
    const rowWeights = kept.subarray(k * T, k * T + T);
    weights.set(rowWeights, row * T);
    if (rowWeights.some((w) => w !== 0)) nonZeroRows[row >>> 5] |= 1 << (row & 31);
  }
  const list = (packed: string) => {
    const joined = unpack(packed).toString('utf8');
    return joined ? joined.split('\n') : [];
  };
  const lexicons = { names: list(data.lexicons.names), positions: list(data.lexicons.positions), others: list(data.lexicons.others) };
  return { rows: data.rows, weights, scale: data.step, transitions: Float32Array.from(data.transitions), info: data.info, lexicons, nonZeroRows };
}
