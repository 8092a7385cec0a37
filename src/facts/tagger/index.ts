/**
 * The person/title recogniser: the committed character tagger (person-tagger.json, trained on CLUENER
 * train by `npm run train:tagger`), loaded once on first use. recognise() tags one Simplified text and
 * returns its name, position, organisation and address spans with a confidence each.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TaggedWord } from '../../text/segment.js';
import { tagged } from '../tokens.js';
import { charContext, featureHashes, type CharContext } from './features.js';
import { ATTACH_DEFAULTS, type AttachSettings } from './attach.js';
import { ENTITY_KINDS, TAG_COUNT, deserialise, emissions, marginals, spanProbabilities, spansOf, viterbi, type EntityKind, type TaggerModel } from './model.js';

export const MODEL_FILE = fileURLToPath(new URL('./person-tagger.json', import.meta.url));

export interface RecognisedSpan {
  kind: EntityKind;
  text: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** Names: lowest marginal probability of the span's tags over its characters, in a window around it. Other kinds: 1 (not computed). */
  confidence: number;
  /** Names: probability that exactly this span is a name (spanProbability, in the same window). Other kinds: 1. */
  probability: number;
}

export interface DecodeSettings {
  /**
   * Temperature turning perceptron path scores into CRF marginals. Fitted by the training script on
   * the held-out slice of CLUENER train (stored in the model's info; this is the fallback).
   */
  temperature: number;
}

let cached: { model: TaggerModel; settings: DecodeSettings; attach: AttachSettings; loadMs: number } | null = null;
let attachOverride: Partial<AttachSettings> = {};

/** Load the committed model now (otherwise on first use). Returns the load time in ms. */
export function loadTagger(file = MODEL_FILE): number {
  if (!cached) {
    const t0 = performance.now();
    const model = deserialise(readFileSync(file, 'utf8'));
    const num = (k: string) => (typeof model.info[k] === 'number' ? (model.info[k] as number) : undefined);
    const temperature = num('temperature') ?? 1;
    const weights = model.info.nameWeights;
    const attach: AttachSettings = {
      minNameConfidence: num('minNameConfidence') ?? ATTACH_DEFAULTS.minNameConfidence,
      minTitledNameConfidence: num('minTitledNameConfidence') ?? ATTACH_DEFAULTS.minTitledNameConfidence,
      nameWeights: Array.isArray(weights) ? (weights as number[]) : ATTACH_DEFAULTS.nameWeights,
      minNameScore: num('minNameScore') ?? ATTACH_DEFAULTS.minNameScore,
      knownNames: new Set(model.lexicons?.names ?? []),
      knownOthers: new Set(model.lexicons?.others ?? []),
    };
    cached = { model, settings: { temperature }, attach, loadMs: performance.now() - t0 };
  }
  return cached.loadMs;
}

/** Use this model instead of the committed one (tests train a tiny model). null: back to the committed one. */
export function useTaggerModel(model: TaggerModel | null, settings?: Partial<DecodeSettings>, attach?: Partial<AttachSettings>): void {
  const knownNames = new Set(model?.lexicons?.names ?? []);
  const knownOthers = new Set(model?.lexicons?.others ?? []);
  cached = model ? { model, settings: { temperature: 1, ...settings }, attach: { ...ATTACH_DEFAULTS, knownNames, knownOthers, ...attach }, loadMs: 0 } : null;
  recent.clear();
}

/** The attachment thresholds: the model's fitted ones unless overridden (the training script sweeps them). */
export function attachSettings(): AttachSettings {
  loadTagger();
  return { ...cached!.attach, ...attachOverride };
}

/** Override attachment thresholds ({}: back to the model's). */
export function overrideAttachSettings(settings: Partial<AttachSettings>): void {
  attachOverride = settings;
}

let contextBuffer: CharContext | undefined;
let featureBuffer: Uint32Array = new Uint32Array(0);
let scoreBuffer: Float32Array = new Float32Array(0);

/** Tag a text with a given model (jieba tags of the same text may be passed in). */
export function recogniseWith(model: TaggerModel, settings: DecodeSettings, text: string, tags?: readonly TaggedWord[]): RecognisedSpan[] {
  const n = text.length;
  if (!n) return [];
  contextBuffer = charContext(text, tags ?? tagged(text), contextBuffer, model.lexicons);
  const ctx = contextBuffer;
  featureBuffer = featureHashes(ctx, featureBuffer);
  scoreBuffer = emissions(model, featureBuffer, n, scoreBuffer);
  const path = viterbi(model, scoreBuffer, n);
  const spans = spansOf(path);
  // A span's confidence from the marginals of a window around it (forward-backward over the whole text
  // costs more than the decoding; the features reach two characters, so a window loses little).
  return spans.map((s, k) => {
    if (s.kind !== 'PER') return { kind: s.kind, text: text.slice(s.start, s.end), start: s.start, end: s.end, confidence: 1, probability: 1 };
    const from = Math.max(0, s.start - CONFIDENCE_WINDOW);
    const to = Math.min(n, s.end + CONFIDENCE_WINDOW);
    const window = scoreBuffer.subarray(from * TAG_COUNT, to * TAG_COUNT);
    const probs = marginals(model, window, to - from, settings.temperature, from > 0);
    const spanP = spanProbabilities(model, window, to - from, settings.temperature, from > 0);
    // The boundaries with the most probability near the decoded ones (Viterbi's
    // best path may cut a name short where the probability of the longer name is higher: 刘海|亮),
    // never reaching into the neighbouring spans.
    const lowest = Math.max(from, k > 0 ? spans[k - 1].end : 0);
    const highest = Math.min(to, k + 1 < spans.length ? spans[k + 1].start : n);
    let best = { start: s.start, end: s.end, p: spanP(s.start - from, s.end - from, 'PER') };
    for (const ds of START_SHIFTS) {
      for (const de of END_SHIFTS) {
        const start = s.start + ds;
        const end = s.end + de;
        if ((!ds && !de) || start < lowest || end > highest || end - start < MIN_NAME_CHARS) continue;
        const p = spanP(start - from, end - from, 'PER');
        if (p > best.p) best = { start, end, p };
      }
    }
    const B = 1 + 2 * ENTITY_KINDS.indexOf('PER');
    let confidence = 1;
    for (let i = best.start; i < best.end; i++) confidence = Math.min(confidence, probs[(i - from) * TAG_COUNT + (i === best.start ? B : B + 1)]);
    return { kind: s.kind, text: text.slice(best.start, best.end), start: best.start, end: best.end, confidence, probability: best.p };
  });
}

/** How far a name's decoded start and end may move to the most probable ones (characters; a given name is cut short more often than it runs over). */
const START_SHIFTS = [-1, 0, 1];
const END_SHIFTS = [-1, 0, 1, 2];
/** Shortest name a boundary move may leave. */
const MIN_NAME_CHARS = 2;

/** Characters on each side of a span over which its marginals are computed. */
const CONFIDENCE_WINDOW = 6;

const recent = new Map<string, RecognisedSpan[]>();
/** Memo size: the same sentence is recognised by the corpus-wide name pass and by the per-document pass. */
const RECENT_LIMIT = 20000;

/** The spans of a Simplified text under the committed model (memoised). */
export function recognise(text: string): RecognisedSpan[] {
  let out = recent.get(text);
  if (out) return out;
  loadTagger();
  out = recogniseWith(cached!.model, cached!.settings, text);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(text, out);
  return out;
}

/** Forget memoised spans (after the model or the segmenter's words changed). */
export function clearRecognised(): void {
  recent.clear();
}
