/**
 * The answer policy, in one place: every candidate answer the engine generates (a fact of the asked
 * type, a span of a sentence, a whole sentence, a 是/否) is described by named features; one scoring
 * function (a logistic regression fitted by `npm run tune` on the tuning splits, grouped by document)
 * ranks the candidates and gives each a calibrated probability of being right; the best candidate is a
 * direct answer only when that probability reaches the fitted threshold. Below it the engine shows the
 * passages (outcome "no-direct-answer"); the documents not matching at all stays "weak-match".
 *
 * Hard invariants come before the score (a wrong answer is worse than none): a who-answer is a name,
 * a when-answer a date, a where-answer a place or organisation, a how-much answer a number with the
 * asked unit, a which-ones answer the items of a list, a question about what someone said gets the
 * statement, not a span; 是 and 否 only as stated.
 *
 * Every number the decision uses is in POLICY (loaded from policy.json, written by src/cli/tune.ts).
 */
import type { Fact, QuestionType } from '../types.js';
import type { AnalyzedQuestion } from '../question/analyze.js';
import { ORDINAL_QUESTION } from '../question/classify.js';
import type { RankedSentence } from './rank.js';
import { loadSpanModel, type RankedSpan } from './span.js';
import { tag as segmenterTag, type TaggedWord } from '../text/segment.js';
import { GENERIC_TITLE_ENDINGS, isPlausibleName, ORG_SUFFIXES, TITLE_HEAD_WORDS, alternation } from '../facts/index.js';
import { findAmounts, fitsUnit, wantedUnit } from './amounts.js';
import { matchingForm } from '../text/script.js';
import { linearScore, readFittedModel, type LinearModel } from './logistic.js';
import { predictBoosted, type BoostedTrees } from './boosting.js';

export { linearScore, type LinearModel };

// ---------------------------------------------------------------------------------------------------
// Fixed limits of candidate generation (not fitted: they bound the work per question, or were set
// before the policy existed and are kept because the fitted score sees the same quantities as features).

/** Below this share of the question's words in the best sentence and its context, the documents don't say (range 0..1; hand-set, earlier tuning on the tuning splits). */
export const MIN_CONTEXT_COVERAGE = 0.3;
/** Passages shown with a declined or passage-only answer. */
export const NEAREST_PASSAGES = 3;
/** Spans are generated from this many of the top-ranked sentences (latency: the aligner is O(question × sentence)). */
export const SPAN_SENTENCES = 2;
/** Distinct spans taken from each of those sentences. */
export const SPANS_PER_SENTENCE = 3;
/** A further citation must cover this share of the question by itself (range 0..1; hand-set). */
export const MIN_CITATION_COVERAGE = 0.6;
/** …and score at least this share of the top sentence (range 0..1; hand-set). */
export const MIN_CITATION_SCORE_SHARE = 0.8;
/** 是/否 are only read from a sentence that states (nearly) every word of the question (range 0..1; 0.99 = all). */
export const YESNO_MIN_COVERAGE = 0.99;

/** Where a candidate comes from. */
export type CandidateKind =
  /** A picker's fact that meets an explicit constraint of the question (the title or role asked). */
  | 'constrained'
  /** A picker's fact of the asked type from a well-ranked sentence. */
  | 'fact'
  /** A span of a sentence the aligner found. */
  | 'span'
  /** The whole best sentence (open questions, statements). */
  | 'sentence'
  /** 是 / 否 for a yes/no question, with the sentence that states it. */
  | 'yes'
  | 'no';

export interface Candidate {
  kind: CandidateKind;
  /** The answer in matching form (Simplified). */
  text: string;
  facts: Fact[];
  /** Sentences to cite first (empty: the document's metadata supports it). */
  sentenceIds: number[];
  /** Position of the first cited sentence in the ranking (-1 when it is not among the ranked ones). */
  sentenceRank: number;
  /** The aligner's view, for span candidates. */
  span?: RankedSpan;
  /** The candidate the engine's earlier hand-written order would have answered with (a feature, no longer a rule). */
  heuristicFirst?: boolean;
  /** A field of the one document's byline the question asks for (typed.ts pickByline): answered without ranking or calibration. */
  lookup?: boolean;
}

/** What a candidate is judged against. */
export interface PolicyContext {
  q: AnalyzedQuestion;
  ranked: RankedSentence[];
  /** All candidates of the question (agreement between generators is evidence). */
  candidates: Candidate[];
  /** Document id of each sentence id (for ambiguity across documents). */
  docOf: (sentenceId: number) => string;
}

/** The features, in the order of the fitted weight vector. Names say what is measured. */
export const FEATURE_NAMES = [
  'kindConstrained',
  'kindFact',
  'kindSpan',
  'kindSentence',
  'kindYesNo',
  'askWho',
  'askWhen',
  'askWhere',
  'askHowMuch',
  'askList',
  'askTitle',
  'askWhat',
  'askYesNo',
  'askOpen',
  'sentenceIsTop',
  'sentenceRank',
  'sentenceScoreShare',
  'sentenceCoverage',
  'sentenceContextCoverage',
  'sentenceBm25',
  'topScore',
  'topCoverage',
  'topMargin',
  'otherDocsNearTop',
  'docMargin',
  'spanScore',
  'spanShare',
  'spanMargin',
  'spanRank',
  'spanScoreTimesTop',
  'answerLogLength',
  'answerShort',
  'answerLong',
  'answerHasDigit',
  'answerIsName',
  'answerIsPlace',
  'answerIsTime',
  'answerIsNumber',
  'answerSharesQuestion',
  'agreement',
  'questionTerms',
  'questionLogLength',
  'heuristicFirst',
  'spanBestInQuestion',
  'spanGapToBest',
  'invariantKept',
  'windowOverlap',
  'adjacentLeft',
  'adjacentRight',
  'containsQuestionTerm',
  'typeShapeMatch',
  'windowOverlapGapToBest',
  'adjacentGapToBest',
  'kindFactCoverage',
  'factConstraintInQuestion',
  'factSentenceTermShare',
  'placeUnitAgreement',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What the calibrator sees besides the chosen candidate's features: how clearly the ranker chose it. */
export const CALIBRATION_EXTRAS = ['rankerProbability', 'rankerMargin'] as const;

/** The fitted policy (policy.json). */
export interface FittedPolicy {
  /** What it was fitted on, and when. */
  fittedOn: string[];
  fittedAt: string;
  features: string[];
  /**
   * Chooses among a question's candidates: a conditional-logit (softmax) ranker over FEATURE_NAMES,
   * fitted to put a right candidate first (its bias is unused).
   */
  ranker: LinearModel;
  /**
   * The probability that the ranker's choice is right, from the chosen candidate's features and
   * CALIBRATION_EXTRAS: gradient-boosted trees (boosting.ts; what `npm run tune` fits, because the same
   * feature means different things for a span, a fact and a sentence) or a logistic regression.
   */
  calibrator: LinearModel | BoostedTrees;
  /**
   * Minimum calibrated probability for a direct answer. Range 0..1; chosen on cross-validated (grouped
   * by document) predictions of the tuning splits as the lowest value whose direct answers are right
   * with at least `targetPrecision`.
   */
  directAnswerThreshold: number;
  targetPrecision: number;
  /**
   * A question matches several documents equally when another document's best sentence scores at
   * least this share of the top one (range 0.9..1.01, 1.01 = off; chosen on held-out predictions as the
   * value giving most right answers at the target precision). Then only a constrained fact may answer
   * directly; otherwise the passages of each document are shown.
   */
  ambiguousDocShare: number;
  /** Held-out figures the tune script measured (for notes and the README). */
  heldOut?: Record<string, unknown>;
}

const POLICY_FILE = new URL('./policy.json', import.meta.url);

const zeroModel = (n: number): LinearModel => ({ mean: new Array(n).fill(0), sd: new Array(n).fill(1), weights: new Array(n).fill(0), bias: 0 });

/** Used before any policy is fitted (and by the tune script while it collects features): answers nothing directly. */
export const UNFITTED_POLICY: FittedPolicy = {
  fittedOn: [],
  fittedAt: '',
  features: [...FEATURE_NAMES],
  ranker: zeroModel(FEATURE_NAMES.length),
  calibrator: zeroModel(FEATURE_NAMES.length + CALIBRATION_EXTRAS.length),
  directAnswerThreshold: 1.01,
  targetPrecision: 0.9,
  ambiguousDocShare: 1.01,
};

let loaded: FittedPolicy | null = null;

/** The committed policy, read once. */
export function loadPolicy(): FittedPolicy {
  loaded ??= readFittedModel(POLICY_FILE, FEATURE_NAMES, UNFITTED_POLICY);
  return loaded;
}

// ---------------------------------------------------------------------------------------------------
// Features

const DATE_WORD = /[0-9零〇一二三四五六七八九十百千]+(年|月|日|号|世纪)|年代|世纪|[上下]午|晚上|凌晨|早上|中午|前夕|期间|时期|时代|朝|[春夏秋冬][季天]|[0-9]{1,2}[:：][0-9]{2}/;
const ORG_ENDING = new RegExp(`(?:${alternation(ORG_SUFFIXES)})$`);
const TITLE_ENDING = new RegExp(`(?:${alternation([...TITLE_HEAD_WORDS, ...GENERIC_TITLE_ENDINGS])})$`);
const PLACE_ENDING =
  /(省|市|县|区|州|国|岛|湖|山|河|江|海|洋|镇|村|乡|城|港|洲|湾|峡|半岛|地区|大陆|群岛|盆地|平原|高原|街|路|道|巷|号|宫|寺|庙|馆|院|府|殿|楼|亭|园|堂|站|机场|广场|大厦|中心|酒店|宾馆|会场|礼堂|部)$/;
const NUMBER = /[0-9零〇一二两三四五六七八九十百千万亿半]/;
/** A day, month, year or hour written with a number (9月9日, 10时): a time, not part of a place (5号楼 is). */
const CLOCK_OR_DAY = /[0-9零〇一二三四五六七八九十]+(年|月|日|时)/;
/** Punctuation between clauses: a typed answer is one phrase. */
const CLAUSE_PUNCTUATION = /[，,；;。：！？!?]/;

/** Tags of short candidate texts, cached: each candidate is looked at by several features and invariants. */
const tagCache = new Map<string, TaggedWord[]>();
function tag(text: string): TaggedWord[] {
  let words = tagCache.get(text);
  if (!words) {
    words = segmenterTag(text);
    if (tagCache.size > 20_000) tagCache.clear();
    tagCache.set(text, words);
  }
  return words;
}

/** Is this text a person's name: a plausible Chinese name, a name the segmenter tags, or a foreign name with ·? */
export function isName(text: string): boolean {
  if (isPlausibleName(text)) return true;
  if (/^[\p{Script=Han}]{1,8}[·・•][\p{Script=Han}·・•]{1,16}$/u.test(text)) return true;
  if (!/^[\p{Script=Han}]{2,10}$/u.test(text)) return false;
  const words = tag(text);
  return words.length <= 3 && words.some((w) => /^nr/.test(w.tag)) && words.every((w) => /^(nr|nrt|nrfg|x|ns)$/.test(w.tag) || /^[·・]$/.test(w.word));
}

/** A place, organisation or address: tagged so, or ending like one; never one with a date or time in it (订于9月9日上午10时于…馆). */
export function isPlace(text: string): boolean {
  if (/^[0-9]/.test(text) || text.length > 30 || CLOCK_OR_DAY.test(text) || CLAUSE_PUNCTUATION.test(text)) return false;
  if (PLACE_ENDING.test(text) || ORG_ENDING.test(text)) return !/[的了是和与及]/.test(text.slice(0, -1)) || /路|街|号|大厦/.test(text);
  const words = tag(text);
  return words.some((w) => /^(ns|nt)$/.test(w.tag)) && words.every((w) => !/^(v|vn|u|p|c|d|r|a)/.test(w.tag) || w.word === '的');
}

/** A date or time expression. */
export function isTime(text: string): boolean {
  if (Array.from(text).length > 20) return false;
  const words = tag(text);
  // 通报了2022年全市 holds a date but is a verb phrase.
  if (words.some((w) => (/^v/.test(w.tag) && !/^(到|至)$/.test(w.word)) || /^(ul|uz|ug)$/.test(w.tag))) return false;
  return DATE_WORD.test(text) || words.every((w) => w.tag === 't' || w.tag === 'm');
}

/** A number, with the unit the question asks for when it names one (多少例, 多少钱). */
export function isAmountAsked(text: string, question: string): boolean {
  if (!NUMBER.test(text)) return false;
  const unit = wantedUnit(question);
  if (!unit) return true;
  return findAmounts(text).some((a) => fitsUnit(a, unit));
}

/**
 * What answers 第几: an ordinal (第四, 第12), a bare number (第几任 -> 265, the gold's form in DRCD), or a
 * rank word (冠军, 榜首); not a count with its classifier (9次).
 */
const ORDINAL_ANSWER = /第[0-9零〇一二两三四五六七八九十百千]+|^[0-9零〇一二两三四五六七八九十百千]+$|冠军|亚军|季军|榜首|首位|末位|状元|榜眼|探花/;

/** 说了什么 / 强调了什么 / 指出了什么 / 表示: the question asks for a statement, which a span cannot carry. */
export const STATEMENT_QUESTION = /(说|讲|强调|指出|表示|提出|要求|认为|称|谈|提到|呼吁|宣布|透露|介绍)(了)?(些)?(什么|啥|哪些)|(指出|表示|强调|认为)/;

const ASK_FEATURE: Partial<Record<QuestionType, FeatureName>> = {
  who: 'askWho',
  when: 'askWhen',
  where: 'askWhere',
  howmuch: 'askHowMuch',
  list: 'askList',
  title: 'askTitle',
  what: 'askWhat',
  yesno: 'askYesNo',
  open: 'askOpen',
  unknown: 'askOpen',
};

/** Best score of a ranked sentence from another document than the top one's, as a share of the top score. */
export function otherDocumentShare(ranked: RankedSentence[], docOf: (id: number) => string): { share: number; nearTop: number } {
  if (!ranked.length) return { share: 0, nearTop: 0 };
  const top = ranked[0];
  const topDoc = docOf(top.sentence.id);
  const top1 = Math.max(1e-9, top.score);
  let share = 0;
  const near = new Set<string>();
  for (const r of ranked.slice(0, 10)) {
    const d = docOf(r.sentence.id);
    if (d !== topDoc) share = Math.max(share, r.score / top1);
    if (d !== topDoc && r.score >= 0.95 * top1) near.add(d);
  }
  return { share, nearTop: near.size };
}

/** The candidate's features, named (for tests and debugging) and in FEATURE_NAMES order. */
const ZERO_FEATURES = Object.freeze(Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>);

/** What every candidate of a question shares, computed once per context. */
const contextCache = new WeakMap<PolicyContext, { docs: { share: number; nearTop: number }; bestSpan: number; questionTerms: number }>();
function contextFigures(ctx: PolicyContext) {
  let v = contextCache.get(ctx);
  if (!v) {
    v = {
      docs: otherDocumentShare(ctx.ranked, ctx.docOf),
      bestSpan: Math.max(-Infinity, ...ctx.candidates.map((o) => o.span?.score ?? -Infinity)),
      questionTerms: ctx.q.terms.filter((t) => t.inCorpus).length,
    };
    contextCache.set(ctx, v);
  }
  return v;
}

export function describeCandidate(c: Candidate, ctx: PolicyContext): Record<FeatureName, number> {
  const f = { ...ZERO_FEATURES };
  const shared = contextFigures(ctx);
  const { q, ranked } = ctx;
  if (c.kind === 'constrained') f.kindConstrained = 1;
  else if (c.kind === 'fact') f.kindFact = 1;
  else if (c.kind === 'span') f.kindSpan = 1;
  else if (c.kind === 'sentence') f.kindSentence = 1;
  else f.kindYesNo = 1;
  const ask = ASK_FEATURE[q.type];
  if (ask) f[ask] = 1;
  const top = ranked[0];
  const r = c.sentenceRank >= 0 ? ranked[c.sentenceRank] : undefined;
  f.sentenceIsTop = c.sentenceRank === 0 ? 1 : 0;
  f.sentenceRank = c.sentenceRank < 0 ? 1 : Math.min(c.sentenceRank, 5) / 5;
  f.sentenceScoreShare = r && top ? r.score / Math.max(1e-9, top.score) : 0;
  f.sentenceCoverage = r?.coverage ?? 0;
  f.sentenceContextCoverage = r?.contextCoverage ?? 0;
  f.sentenceBm25 = r?.bm25 ?? 0;
  f.topScore = top?.score ?? 0;
  f.topCoverage = top?.coverage ?? 0;
  f.topMargin = ranked.length > 1 ? ranked[0].score - ranked[1].score : 1;
  const docs = shared.docs;
  f.otherDocsNearTop = Math.log1p(docs.nearTop);
  f.docMargin = 1 - docs.share;
  if (c.span) {
    f.spanScore = Math.max(-5, Math.min(10, c.span.score));
    f.spanShare = c.span.share;
    f.spanMargin = Math.max(0, Math.min(5, c.span.margin));
    f.spanRank = c.span.rank;
    f.spanScoreTimesTop = f.spanScore * f.sentenceScoreShare;
  }
  const len = Array.from(c.text).length;
  f.answerLogLength = Math.log1p(len);
  f.answerShort = len <= 2 ? 1 : 0;
  f.answerLong = len > 20 ? 1 : 0;
  f.answerHasDigit = /[0-9]/.test(c.text) ? 1 : 0;
  if (len <= 20) {
    f.answerIsName = isName(c.text) ? 1 : 0;
    f.answerIsPlace = isPlace(c.text) ? 1 : 0;
    f.answerIsTime = DATE_WORD.test(c.text) ? 1 : 0;
    f.answerIsNumber = NUMBER.test(c.text) ? 1 : 0;
  }
  let inQuestion = 0;
  for (const ch of c.text) if (q.matching.includes(ch)) inQuestion++;
  f.answerSharesQuestion = len ? inQuestion / len : 0;
  f.agreement = ctx.candidates.filter(
    (o) => o !== c && o.text.length && (o.text === c.text || (o.text.length <= 20 && c.text.length <= 20 && (o.text.includes(c.text) || c.text.includes(o.text)))),
  ).length;
  f.heuristicFirst = c.heuristicFirst ? 1 : 0;
  if (c.span) {
    const bestSpan = shared.bestSpan;
    f.spanBestInQuestion = c.span.score >= bestSpan ? 1 : 0;
    f.spanGapToBest = Math.max(-5, c.span.score - bestSpan);
  }
  f.invariantKept = violatedInvariant(c, q) === null ? 1 : 0;
  if (r && c.text.length < r.sentence.simplified.length) {
    const local = localMatch(q.matching, r.sentence.simplified, c.text);
    f.windowOverlap = local.windowOverlap;
    f.adjacentLeft = local.left;
    f.adjacentRight = local.right;
  }
  const shape: Partial<Record<QuestionType, FeatureName>> = { who: 'answerIsName', when: 'answerIsTime', where: 'answerIsPlace', howmuch: 'answerIsNumber' };
  f.typeShapeMatch = shape[q.type] ? f[shape[q.type]!] : 0;
  f.kindFactCoverage = c.kind === 'constrained' || c.kind === 'fact' ? f.sentenceContextCoverage : 0;
  f.containsQuestionTerm = q.terms.some((t) => t.text.length >= 2 && c.text.includes(t.text)) ? 1 : 0;
  // The constraint met exactly: a title or role of the fact is written in the question (谁主持…, 谁是总经理).
  const fact = c.kind === 'constrained' || c.kind === 'fact' ? c.facts[0] : undefined;
  if (fact) {
    const said = [...(fact.titles ?? []), ...(fact.roles ?? [])].filter((t) => Array.from(t).length >= 2);
    f.factConstraintInQuestion = said.some((t) => q.matching.includes(t)) ? 1 : 0;
    // How many of the question's terms the fact's own sentence states (the fact answers this question, not a neighbour).
    const own = fact.sentence ? matchingForm(fact.sentence) : '';
    const terms = q.terms.filter((t) => t.inCorpus && t.text.length >= 2);
    f.factSentenceTermShare = terms.length && own ? terms.filter((t) => own.includes(t.text)).length / terms.length : 0;
  }
  f.placeUnitAgreement = placeUnitAgreement(q.matching, c.text);
  f.questionTerms = Math.log1p(shared.questionTerms);
  f.questionLogLength = Math.log1p(q.matching.length);
  return f;
}

/** The place class a where-question names (哪个城市, 哪个省, 哪国) and the endings of that class. */
const ASKED_PLACE_UNIT: [RegExp, RegExp][] = [
  [/(哪个|哪座|哪一个|什么)(城市|市)|哪(个)?市/, /市$/],
  [/(哪个|哪一个|什么)省|哪省/, /省$/],
  [/(哪个|哪一个|什么)国家|哪国|哪一国/, /国$/],
  [/(哪个|哪一个|什么)县|哪县/, /县$/],
  [/(哪个|哪一个|什么)区|哪区/, /区$/],
];
const ANY_PLACE_UNIT = /(省|市|县|区|国|州|镇|乡|村)$/;

/** +1 when the candidate ends with the place class the question asks (城市 -> …市), -1 when with another class, else 0. */
export function placeUnitAgreement(question: string, answer: string): number {
  const asked = ASKED_PLACE_UNIT.find(([q]) => q.test(question));
  if (!asked) return 0;
  if (asked[1].test(answer)) return 1;
  return ANY_PLACE_UNIT.test(answer) ? -1 : 0;
}

/** Question words: not evidence of where the answer sits. */
const QUESTION_CHARS = /[谁什么哪几多少何怎样吗呢啥是的了在有和与？?，,。]/;
/** Characters each side of a candidate that count as its neighbourhood. */
const WINDOW = 10;
/** Longest stretch next to a candidate that is looked for in the question. */
const ADJACENT = 6;

/**
 * How the question's words sit around a candidate in its sentence: the share of the question's content
 * characters within WINDOW characters of it, and how long a stretch right before / after it the
 * question contains (0..1): the question is mostly its sentence with the answer cut out.
 */
export function localMatch(question: string, sentence: string, answer: string): { windowOverlap: number; left: number; right: number } {
  const at = sentence.indexOf(answer);
  if (at < 0) return { windowOverlap: 0, left: 0, right: 0 };
  const end = at + answer.length;
  const window = sentence.slice(Math.max(0, at - WINDOW), at) + sentence.slice(end, end + WINDOW);
  const chars = [...new Set(Array.from(question).filter((ch) => !QUESTION_CHARS.test(ch) && !/\s/.test(ch)))];
  const windowOverlap = chars.length ? chars.filter((ch) => window.includes(ch)).length / chars.length : 0;
  let left = 0;
  for (let n = 1; n <= ADJACENT && at - n >= 0; n++) if (question.includes(sentence.slice(at - n, at))) left = n;
  let right = 0;
  for (let n = 1; n <= ADJACENT && end + n <= sentence.length; n++) if (question.includes(sentence.slice(end, end + n))) right = n;
  return { windowOverlap, left: left / ADJACENT, right: right / ADJACENT };
}

/** Local-match figures of every candidate of a context, computed once per context. */
const localCache = new WeakMap<PolicyContext, Map<Candidate, { windowOverlap: number; adjacent: number }>>();

function localFigures(ctx: PolicyContext): Map<Candidate, { windowOverlap: number; adjacent: number }> {
  let m = localCache.get(ctx);
  if (!m) {
    m = new Map();
    for (const c of ctx.candidates) {
      const r = c.sentenceRank >= 0 ? ctx.ranked[c.sentenceRank] : undefined;
      const l = r && c.text.length < r.sentence.simplified.length ? localMatch(ctx.q.matching, r.sentence.simplified, c.text) : { windowOverlap: 0, left: 0, right: 0 };
      m.set(c, { windowOverlap: l.windowOverlap, adjacent: l.left + l.right });
    }
    localCache.set(ctx, m);
  }
  return m;
}

export function featureVector(c: Candidate, ctx: PolicyContext): number[] {
  const f = describeCandidate(c, ctx);
  const local = localFigures(ctx);
  const own = local.get(c) ?? { windowOverlap: 0, adjacent: 0 };
  let bestWindow = 0;
  let bestAdjacent = 0;
  for (const v of local.values()) {
    bestWindow = Math.max(bestWindow, v.windowOverlap);
    bestAdjacent = Math.max(bestAdjacent, v.adjacent);
  }
  f.windowOverlapGapToBest = bestWindow - own.windowOverlap;
  f.adjacentGapToBest = bestAdjacent - own.adjacent;
  return FEATURE_NAMES.map((n) => f[n]);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));

/** Softmax probabilities of ranker scores, and the margin of the best over the next. */
export function softmax(scores: number[]): { probabilities: number[]; margin: number } {
  if (!scores.length) return { probabilities: [], margin: 0 };
  const max = Math.max(...scores);
  const e = scores.map((z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const sorted = [...scores].sort((a, b) => b - a);
  return { probabilities: e.map((v) => v / sum), margin: sorted.length > 1 ? Math.min(10, sorted[0] - sorted[1]) : 10 };
}

/**
 * The ranker's choice among a question's candidates (scores, and each candidate's answer text): the
 * best-scoring one; its probability is the softmax mass of every candidate giving the same answer (a
 * span and a fact that both say 8月6日 are one answer, not two rivals), and its margin is over the best
 * candidate with another answer (10 when there is none). The calibrator is fitted on these.
 */
export function rankerChoice(scores: number[], texts: string[]): { at: number; probability: number; margin: number } {
  if (!scores.length) return { at: -1, probability: 0, margin: 0 };
  const { probabilities } = softmax(scores);
  let at = 0;
  scores.forEach((z, i) => {
    if (z > scores[at]) at = i;
  });
  let probability = 0;
  let rival = -Infinity;
  scores.forEach((z, i) => {
    if (texts[i] === texts[at]) probability += probabilities[i];
    else rival = Math.max(rival, z);
  });
  return { at, probability, margin: rival === -Infinity ? 10 : Math.min(10, scores[at] - rival) };
}

/** The calibrated probability that a chosen candidate (features x, ranker probability and margin) is right. */
export function confidenceOf(x: number[], probability: number, margin: number, policy: FittedPolicy = loadPolicy()): number {
  const row = [...x, probability, margin];
  const c = policy.calibrator;
  return 'trees' in c ? predictBoosted(c, row) : sigmoid(linearScore(c, row));
}

// ---------------------------------------------------------------------------------------------------
// Invariants

const invariantCache = new WeakMap<Candidate, { q: AnalyzedQuestion; verdict: string | null }>();

/** Why a candidate may not be a direct answer whatever its score, or null when it may. */
export function violatedInvariant(c: Candidate, q: AnalyzedQuestion): string | null {
  const cached = invariantCache.get(c);
  if (cached && cached.q === q) return cached.verdict;
  const verdict = checkInvariants(c, q);
  invariantCache.set(c, { q, verdict });
  return verdict;
}

function checkInvariants(c: Candidate, q: AnalyzedQuestion): string | null {
  const statement = STATEMENT_QUESTION.test(q.matching) && q.type !== 'who' && q.type !== 'when' && q.type !== 'where' && q.type !== 'howmuch';
  if (statement && c.kind !== 'sentence') return 'statement-needs-sentence';
  if (q.type === 'yesno') return c.kind === 'yes' || c.kind === 'no' ? null : 'yesno-needs-statement';
  if (c.kind === 'yes' || c.kind === 'no') return 'not-yesno';
  if (!c.text.trim()) return 'empty';
  switch (q.type) {
    case 'who':
      if (c.facts[0]?.type === 'person' && c.facts[0].value === c.text) return null;
      return isName(c.text) ? null : 'who-needs-name';
    case 'when':
      return isTime(c.text) ? null : 'when-needs-date';
    case 'where':
      if (c.facts[0] && (c.facts[0].type === 'place' || c.facts[0].type === 'organization') && c.facts[0].value === c.text) return null;
      return isPlace(c.text) ? null : 'where-needs-place';
    case 'howmuch':
      // 排第几 asks a rank: 9次 or 41分钟 is a count, whatever its confidence.
      if (ORDINAL_QUESTION.test(q.matching)) return ORDINAL_ANSWER.test(c.text) && !CLAUSE_PUNCTUATION.test(c.text) ? null : 'ordinal-needs-ordinal';
      if (c.kind === 'constrained' || c.kind === 'fact') return null; // figures the extractor typed (优, 第六次) or the unit matched
      // A number with its unit, not a clause that holds one (报告2315例，死亡3例；).
      return isAmountAsked(c.text, q.matching) && !CLAUSE_PUNCTUATION.test(c.text) ? null : 'howmuch-needs-number';
    case 'list':
      return c.facts[0]?.type === 'list' ? null : 'list-needs-items';
    case 'title':
      // 某人是什么职务 -> a title: the person fact's titles, or a span that ends like one (…书记, …局长).
      if (c.facts[0]?.type === 'person' && c.kind !== 'span' && c.kind !== 'sentence') return null;
      return TITLE_ENDING.test(c.text) ? null : 'title-needs-title';
    default:
      return null;
  }
}

/**
 * Mark the candidate the earlier hand-written order chose: the picker's fact when constrained or from a
 * sentence scoring at least 0.85 of the best; else the aligner's best span of the first two sentences
 * (the second only when it scores 0.9 of the best); else the sentence. The fitted score weighs it.
 */
export function markHeuristicChoice(candidates: Candidate[], ranked: RankedSentence[], q: AnalyzedQuestion): void {
  const top = ranked[0]?.score ?? 0;
  const share = (c: Candidate) => (c.sentenceRank < 0 ? 1 : ranked[c.sentenceRank].score / Math.max(1e-9, top));
  const first =
    candidates.find((c) => (c.kind === 'constrained' || c.kind === 'fact') && (c.kind === 'constrained' || share(c) >= 0.85)) ??
    candidates.find((c) => c.kind === 'span' && c.span!.rank === 0 && c.span!.share >= loadSpanModel().minShare && share(c) >= 0.9 && violatedInvariant(c, q) === null) ??
    candidates.find((c) => c.kind !== 'span' && c.kind !== 'fact' && c.kind !== 'constrained');
  if (first) first.heuristicFirst = true;
}

export interface Decision {
  /** The chosen candidate (the best eligible one), if any. */
  best: Candidate | null;
  confidence: number;
  /** Direct answer: confidence at or above the threshold, and no ambiguity across documents. */
  direct: boolean;
  /** Several documents match about equally. */
  ambiguous: boolean;
  /** Every candidate with its features and the invariant it breaks, if any (for tuning dumps and tests). */
  scored: { candidate: Candidate; x: number[]; invariant: string | null; probability: number }[];
}

/** Rank the candidates and decide between a direct answer and showing passages. */
export function decide(ctx: PolicyContext, policy: FittedPolicy = loadPolicy()): Decision {
  const rows = ctx.candidates.map((candidate) => ({ candidate, x: featureVector(candidate, ctx), invariant: violatedInvariant(candidate, ctx.q) }));
  const eligible = rows.filter((r) => !r.invariant);
  // A byline lookup is not a reading of the text: nothing to rank it against, and no reading error to
  // calibrate (the tuning splits have no bylines). It answers when the picker found the one document.
  const lookup = eligible.find((r) => r.candidate.lookup);
  if (lookup) {
    return {
      best: lookup.candidate,
      confidence: 1,
      direct: true,
      ambiguous: false,
      scored: rows.map((r) => ({ candidate: r.candidate, x: r.x, invariant: r.invariant, probability: r === lookup ? 1 : 0 })),
    };
  }
  const scores = eligible.map((r) => linearScore(policy.ranker, r.x));
  const { probabilities } = softmax(scores);
  const { at, probability, margin } = rankerChoice(
    scores,
    eligible.map((r) => r.candidate.text),
  );
  const best = at >= 0 ? eligible[at] : null;
  const confidence = best ? confidenceOf(best.x, probability, margin, policy) : 0;
  const ambiguous = otherDocumentShare(ctx.ranked, ctx.docOf).share >= policy.ambiguousDocShare;
  const direct = !!best && confidence >= policy.directAnswerThreshold && (!ambiguous || best.candidate.kind === 'constrained');
  const probabilityOf = new Map(eligible.map((r, i) => [r, probabilities[i]]));
  const scored = rows.map((r) => ({ candidate: r.candidate, x: r.x, invariant: r.invariant, probability: probabilityOf.get(r) ?? 0 }));
  return { best: best?.candidate ?? null, confidence, direct, ambiguous, scored };
}
