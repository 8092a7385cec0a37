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
import { TAG_COUNT, deserialise, emissions, marginals, spansOf, viterbi, type EntityKind, type TaggerModel } from './model.js';

export const MODEL_FILE = fileURLToPath(new URL('./person-tagger.json', import.meta.url));

export interface RecognisedSpan {
  kind: EntityKind;
  text: string;
  start: number;
  /** Exclusive. */
  end: number;
  /** Names: lowest marginal probability of the span's tags over its characters, in a window around it. Other kinds: 1 (not computed). */
  confidence: number;
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
    const attach: AttachSettings = {
      minNameConfidence: num('minNameConfidence') ?? ATTACH_DEFAULTS.minNameConfidence,
      minTitledNameConfidence: num('minTitledNameConfidence') ?? ATTACH_DEFAULTS.minTitledNameConfidence,
    };
    cached = { model, settings: { temperature }, attach, loadMs: performance.now() - t0 };
  }
  return cached.loadMs;
}

/** Use this model instead of the committed one (tests train a tiny model). null: back to the committed one. */
export function useTaggerModel(model: TaggerModel | null, settings?: Partial<DecodeSettings>, attach?: Partial<AttachSettings>): void {
  cached = model ? { model, settings: { temperature: 1, ...settings }, attach: { ...ATTACH_DEFAULTS, ...attach }, loadMs: 0 } : null;
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
  contextBuffer = charContext(text, tags ?? tagged(text), contextBuffer);
  const ctx = contextBuffer;
  featureBuffer = featureHashes(ctx, featureBuffer);
  scoreBuffer = emissions(model, featureBuffer, n, scoreBuffer);
  const path = viterbi(model, scoreBuffer, n);
  const spans = spansOf(path);
  // A span's confidence from the marginals of a window around it (forward-backward over the whole text
  // costs more than the decoding; the features reach two characters, so a window loses little).
  return spans.map((s) => {
    const from = Math.max(0, s.start - CONFIDENCE_WINDOW);
    const to = Math.min(n, s.end + CONFIDENCE_WINDOW);
    const probs = s.kind === 'PER' ? marginals(model, scoreBuffer.subarray(from * TAG_COUNT, to * TAG_COUNT), to - from, settings.temperature, from > 0) : null;
    let confidence = 1;
    if (probs) for (let i = s.start; i < s.end; i++) confidence = Math.min(confidence, probs[(i - from) * TAG_COUNT + path[i]]);
    return { kind: s.kind, text: text.slice(s.start, s.end), start: s.start, end: s.end, confidence };
  });
}

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
