/**
 * Training the character tagger: a structured averaged perceptron (Collins 2002) over the Viterbi
 * path, with lazy averaging (the running sum of updates weighted by time, subtracted at the end).
 * Deterministic: the order of the examples is shuffled by a seeded generator.
 */
import { TAG_COUNT, emissions, emptyModel, pathOf, viterbi, type TaggedSpan, type TaggerModel } from './model.js';
import { FEATURES_PER_CHAR } from './features.js';
import { seededRandom } from '../../random.js';

/** A training sentence with its feature hashes precomputed. */
export interface TrainingExample {
  text: string;
  feats: Uint32Array;
  gold: TaggedSpan[];
}

export interface TrainOptions {
  rows: number;
  epochs: number;
  seed: number;
  /** Called after every epoch with the averaged model so far (for picking the epoch on held-out data). */
  onEpoch?: (epoch: number, averaged: TaggerModel) => void;
}

export function train(examples: readonly TrainingExample[], options: TrainOptions): TaggerModel {
  const T = TAG_COUNT;
  const F = FEATURES_PER_CHAR;
  const model = emptyModel(options.rows);
  const mask = options.rows - 1;
  // Sums of (time × update) for the lazy average: averaged = w - sum / time.
  const wSum = new Float64Array(model.weights.length);
  const trSum = new Float64Array(model.transitions.length);
  const random = seededRandom(options.seed);
  const order = examples.map((_, k) => k);
  let time = 1;
  const golds = examples.map((e) => pathOf(e.text.length, e.gold));
  let scores: Float32Array = new Float32Array(0);

  const update = (feats: Uint32Array, i: number, tag: number, delta: number) => {
    for (let f = 0; f < F; f++) {
      const k = (feats[i * F + f] & mask) * T + tag;
      model.weights[k] += delta;
      wSum[k] += time * delta;
    }
  };
  const updateTransition = (from: number, to: number, delta: number) => {
    const k = (from < 0 ? T : from) * T + to;
    model.transitions[k] += delta;
    trSum[k] += time * delta;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    // Fisher-Yates with the seeded generator.
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const idx of order) {
      const ex = examples[idx];
      const n = ex.text.length;
      if (!n) continue;
      scores = emissions(model, ex.feats, n, scores.length >= n * T ? scores : undefined);
      const pred = viterbi(model, scores, n);
      const gold = golds[idx];
      for (let i = 0; i < n; i++) {
        if (pred[i] !== gold[i]) {
          update(ex.feats, i, gold[i], 1);
          update(ex.feats, i, pred[i], -1);
        }
        const gp = i ? gold[i - 1] : -1;
        const pp = i ? pred[i - 1] : -1;
        if (gp !== pp || gold[i] !== pred[i]) {
          updateTransition(gp, gold[i], 1);
          updateTransition(pp, pred[i], -1);
        }
      }
      time++;
    }
    options.onEpoch?.(epoch, averaged(model, wSum, trSum, time));
  }
  return averaged(model, wSum, trSum, time);
}

function averaged(model: TaggerModel, wSum: Float64Array, trSum: Float64Array, time: number): TaggerModel {
  const out = emptyModel(model.rows);
  for (let k = 0; k < model.weights.length; k++) out.weights[k] = model.weights[k] - wSum[k] / time;
  // (training weights are Float32 with scale 1)
  for (let k = 0; k < model.transitions.length; k++) out.transitions[k] = model.transitions[k] - trSum[k] / time;
  return out;
}
