/**
 * Answer-span extraction: the shortest stretch of a sentence that answers a question whose answer is
 * not an extracted fact (什么形式, 哪种方式, Wikipedia-style questions).
 *
 * Questions are mostly the answer sentence rewritten around a question word (谁/什么/哪…/多少/几…/何…):
 *   question  中古印度-雅利安语方言的前身与 [哪一门语言] 都同时在古印度使用？
 *   sentence  中古印度-雅利安语方言的前身与 梵语 同时在古印度使用。
 * So: find the question word (the gap) and the question's words in the sentence (common substrings),
 * then score every short run of the sentence's words that the question does not contain:
 * - alignment: question words left of the gap should sit left of the run, words right of it on its
 *   right, the nearer (in the question and in the sentence) the better, best of all right next to it;
 * - the kind of answer asked for: a number for 多少/几, a date for 何时/哪一年, a name for 谁, a place
 *   for 哪里, a run ending in the question's head noun for 哪个[国家]/什么[制度] (甘肃[省] for 哪个省);
 * - shape: no particle, preposition or conjunction at either edge, balanced quotes, few words.
 * Why/how questions (为什么/如何) get no span: their answer is a clause, and the sentence serves better
 * (descriptive ones, 什么是X / X有什么特点, are read like the rest since round 2: the fitted reader and
 * policy answer them better than the sentence alone, docs/measurements/span-reader.md). Returns null
 * when nothing aligns.
 */
import type { QuestionType } from '../types.js';
import { tag } from '../text/segment.js';
import { linearScore, readFittedModel, type LinearModel } from './logistic.js';
import { isPlausibleName } from '../facts/index.js';
import { ORDINAL_QUESTION } from '../question/classify.js';

type Kind = 'amount' | 'year' | 'time' | 'person' | 'place' | 'thing' | 'reason';

/** Question words by kind, in priority order. */
const WH: { re: RegExp; kind: Kind }[] = [
  { re: /为什么|为何(?!$)|怎么样|怎样|如何|怎么|何以/, kind: 'reason' },
  { re: /哪一年|哪年|何年(?![纪龄])|[西公]元几年|于几年|在几年/, kind: 'year' },
  {
    re: /什么时候|什么时间|何时|哪一天|哪天|几月几[日号]|几月|几[日号]|哪个时期|哪一时期|什么时期|哪个年代|哪一年代|哪一个朝代|哪个朝代|哪一朝代|什么朝代|哪一世纪|哪个世纪|什么日子|哪一日/,
    kind: 'time',
  },
  { re: /多少|多大|多长|多久|多高|多远|多重|多深|多宽|多厚|多快|几(?!乎|何|率)/, kind: 'amount' },
  { re: /谁|哪位|哪一位|何人|哪个人|哪一个人|哪些人|什么人/, kind: 'person' },
  { re: /哪里|哪儿|何处|何地|哪个地方|哪一个地方|什么地方|哪边|哪一边|在哪/, kind: 'place' },
  { re: /什么样的|什么样|什么|甚么|啥|何种|何者|为何$|哪一些|哪一个|哪一|哪个|哪些|哪|何/, kind: 'thing' },
];
const CLASSIFIER = /[个位名次种类件条部本座所家只头匹张把台辆艘架层届代场门项份支队批群首篇册幅尊间栋处块片根颗粒株棵年天岁月周国]/;

const CLAUSE_BREAK = /[，,。；;！!？?：:\n（）()]/;
const TRAILING = /[\s？?。！!，,、；;：:…~～呢吗吧啊呀]+$/;
/** Parts of speech that cannot open or close an answer: prepositions, conjunctions, particles, interjections. */
const EDGE_BAD_TAGS = /^(p|c|u.*|y|e|o)$/;
const FUNCTION_WORDS = new Set(
  (
    '的 了 是 为 在 于 和 与 及 并 也 都 就 被 把 将 由 从 对 以 而 则 又 还 其 之 所 着 过 等 即 乃 向 让 给 到 自 就是 亦 曾 已 已经 仍 更 最 ' +
    '不 没 没有 很 非常 一再 再 才 只 仅 便 却 正 均 皆 尚 甚至 同时 曾经 随后 后来 并且 因此 所以 但 但是 而且 然而 虽然 如果 因为 由于 ' +
    '包括 称 称为 被称为 叫 叫做 名为 位于 可以 可 能 会 要 该 此 这 那 这些 那些 它 他 她 他们 它们 其中 这是 那是 也是 就是 即是 ' +
    '著 且 们 之一 之后 之前 以后 以前 以来 时 后 前 中 上 下 内 外 间 里 时候 期间 当时 其后 此后 另外 此外 例如 如 像'
  ).split(' '),
);
/** Words that may link a question's words to the answer in the sentence (是/为/于/的…): adjacency through them still counts. */
const LINKERS = new Set('是 为 于 的 在 有 了 由 被 叫 叫做 称 称为 名为 即 乃 约 共 达 至 到 成为 作为 之 与 和 以 用 将'.split(' '));
const TITLE =
  /(主席|总统|总理|首相|皇帝|国王|女王|王子|公主|将军|元帅|司令|教授|博士|作家|诗人|画家|学者|导演|演员|歌手|主教|教宗|委员长|部长|市长|省长|州长|议长|校长|院长|局长|书记|主任|总督|大使|创始人|作者|设计师|建筑师|建筑家|哲学家|科学家|物理学家|数学家|化学家|生物学家|天文学家|经济学家|历史学家|艺术家|音乐家|作曲家|工程师|医生|记者|编辑|长官|领袖|首领|大臣|丞相|宰相|太子|皇后|太后|夫人|儿子|女儿|父亲|母亲|妻子|丈夫|兄长|弟弟|哥哥|姐姐|妹妹|继任者|前任)$/;
const COORDINATORS = new Set(['、', '和', '与', '及', '以及', '跟', '同', '或', '或者', '还有', '并']);
const HAN = /\p{Script=Han}/u;
const NUMERAL = /[0-9零〇一二两三四五六七八九十百千万亿半]/;
const YEAR = /(?:公元前|公元|西元前|西元|民国|明治|昭和|大正|平成|光绪|康熙|乾隆|嘉庆|道光|咸丰|同治|宣统)?[0-9零〇一二三四五六七八九十百千]{1,4}年(?:代)?|[0-9一二三四五六七八九十]{1,2}世纪/u;
const DATE =
  /(?:公元前|公元|西元前|西元|民国)?[0-9零〇一二三四五六七八九十百千]{1,4}(?:年代|年|世纪)|[0-9一二三四五六七八九十]{1,2}月|[0-9一二三四五六七八九十]{1,3}[日号]|[\p{Script=Han}]{1,2}(?:朝|代)$|时期|年间|初期|末期|中期|春季|夏季|秋季|冬季|春天|夏天|秋天|冬天/u;
const PLACE_END = /(省|市|县|区|州|国|岛|湖|山|河|江|海|洋|镇|村|乡|城|港|洲|湾|峡|半岛|地区|大陆|群岛|盆地|平原|高原|街|路|宫|寺|庙|馆|院|府|殿|楼|斋|亭|园|堂|站|机场|大学|学院)$/;
const UNIT = /^(平方|立方)?(公里|千米|米|厘米|毫米|英里|公尺|公顷|亩|公斤|千克|克|吨|磅|元|美元|英镑|欧元|日元|港元|人民币|岁|度|倍|次|人|个|年|天|小时|分钟|秒)$/;
const OPENERS = /^[《「『“"〈]$/;
const CLOSERS = /^[》」』”"〉]$/;
const QUOTED = /^([《「『“〈]).*([》」』”〉])$/;

export interface Gap {
  start: number;
  end: number;
  kind: Kind;
}

interface Token {
  text: string;
  tag: string;
  start: number;
  end: number;
  /** Starts / ends inside one of the segmenter's words (split at a block boundary). */
  cutStart?: boolean;
  cutEnd?: boolean;
}

interface Block {
  s0: number;
  s1: number;
  q0: number;
  q1: number;
  /** Left of the gap in the question (else right). */
  left: boolean;
  /** Part of the head noun right after the question word (哪个[省]): may end an answer. */
  head: boolean;
}

export interface SpanCandidate {
  text: string;
  score: number;
  /** End offset of the span in the sentence. */
  end?: number;
  /** Its features, in SPAN_FEATURE_NAMES order (what the reader's weights were fitted on). */
  x?: Float64Array;
  /** Its lexical conjunctions (lexicalKeys), for tune:spans. */
  keys?: string[];
}

/** What scoreSpans returns: the spans best first, and how a span becomes an answer. */
export interface ScoredSpans {
  /** The best span as answered, or null when its share of the sentence's spans is below the model's minShare. */
  answer: string | null;
  candidates: SpanCandidate[];
  gap: Gap;
  /** A candidate as answered: the year alone for 哪一年, the unit the question names after 多少. */
  finish: (c: SpanCandidate) => string;
}

// ---------------------------------------------------------------------------------------------------
// The span reader's features. Each candidate span is described by these; the weights that turn them
// into a score are fitted by `npm run tune:spans` (src/cli/tune-spans.ts) on the tuning splits and read
// from span-model.json. The constants below shape features (how alignment decays with distance); they
// are not decisions: the fitted weights decide.

/** Most words and characters in a span (bounds the enumeration; longer gold answers are clauses, which the sentence candidate serves). */
export const MAX_SPAN_TOKENS = 8;
export const MAX_SPAN_CHARS = 24;
/** Alignment of a question word with a span halves at this many characters between them. */
const ALIGN_DECAY_CHARS = 6;
/** A common block's weight counts its characters up to this many. */
const BLOCK_WEIGHT_CHARS = 8;
/** A block's weight halves when this many question characters separate it from the question word. */
const BLOCK_DISTANCE_CHARS = 4;
/** The kinds of answer asked for that have their own block of shape features ('reason' gets no span). */
const SHAPE_KINDS: Kind[] = ['amount', 'year', 'time', 'person', 'place', 'thing'];
const SHAPE_NAMES = ['Numeric', 'Year', 'Date', 'NameWord', 'Noun', 'Place', 'BareNumber', 'NumberWithUnit', 'Organisation', 'LogLength', 'UnknownWord', 'PlausibleName'];
/** Part-of-speech groups of a span's first and last word (jieba tags). */
const TAG_GROUPS = ['n', 'nr', 'ns', 'nt', 'nz', 'm', 't', 'v', 'a', 'x', 'other'] as const;
function tagGroup(tagName: string): number {
  if (/^(nr|nrt|nrfg)$/.test(tagName)) return 1;
  if (tagName === 'ns') return 2;
  if (tagName === 'nt') return 3;
  if (tagName === 'nz') return 4;
  if (/^n/.test(tagName)) return 0;
  if (/^(m|mq)$/.test(tagName)) return 5;
  if (tagName === 't') return 6;
  if (/^v/.test(tagName)) return 7;
  if (/^a/.test(tagName)) return 8;
  if (/^(x|eng)$/.test(tagName)) return 9;
  return 10;
}
const NUMBER_WITH_UNIT = /[0-9零〇一二两三四五六七八九十百千万亿半]([个名位种项条部本座所家次岁倍年天月人]|平方|立方|公里|千米|米|厘米|毫米|公尺|公顷|亩|公斤|千克|克|吨|元|度|%|小时|分钟|秒)/;
const ORG_END = /(公司|集团|银行|大学|学院|学校|医院|法院|检察院|政府|委员会|协会|学会|研究所|研究院|中心|部|局|厅|署|处|会|党|军|队|社|报|台)$/;

export const SPAN_FEATURE_NAMES = [
  'align',
  'alignOtherClause',
  'alignWrongSide',
  'alignWrongSideAtQuestionEdge',
  'adjacentTitle',
  'adjacentCoordinated',
  'adjacentNear',
  'adjacentFar',
  'adjacentPossessor',
  'adjacentWrongSideNear',
  'adjacentWrongSideFar',
  'adjacentDirectLeft',
  'adjacentDirectRight',
  'clauseStart',
  'clauseEnd',
  'clauseEndQuestionEnds',
  'clauseStartQuestionStarts',
  ...SHAPE_KINDS.flatMap((k) => SHAPE_NAMES.map((n) => `${k}${n}`)),
  'headItself',
  'endsWithHead',
  'endsWithHeadStart',
  'amountEndsWithHead',
  'amountWithAskedUnit',
  'amountOrdinal',
  'amountModelName',
  'amountYearForDuration',
  'dateNotAsked',
  'decadeAsked',
  'singleHan',
  'noContentWord',
  'quoted',
  'unbalanced',
  'startsWithVerb',
  'endsWithVerb',
  'cutAtNameDot',
  'nounBeforeName',
  'innerDeOrList',
  'innerFunctionWords',
  'innerVerbs',
  'questionCharShare',
  'countNotName',
  'cutInsideWordStart',
  'cutInsideWordEnd',
  'extraWords',
  'extraChars',
  'oneWord',
  'inQuestion',
  ...TAG_GROUPS.map((g) => `firstTag_${g}`),
  ...TAG_GROUPS.map((g) => `lastTag_${g}`),
];
/** Index of each feature (and of the first of each block: shape, firstTag, lastTag). */
const F = Object.fromEntries(SPAN_FEATURE_NAMES.map((n, i) => [n, i])) as Record<string, number> & {
  shape: number;
  firstTag: number;
  lastTag: number;
};
F.shape = SPAN_FEATURE_NAMES.indexOf(`${SHAPE_KINDS[0]}${SHAPE_NAMES[0]}`);
F.firstTag = SPAN_FEATURE_NAMES.indexOf(`firstTag_${TAG_GROUPS[0]}`);
F.lastTag = SPAN_FEATURE_NAMES.indexOf(`lastTag_${TAG_GROUPS[0]}`);

/**
 * Lexical conjunctions of a span, SQuAD's logistic-regression baseline's strongest group (Rajpurkar et
 * al. 2016): the question word and its head noun crossed with the span's edges and context (哪一国 x
 * 国 at the end, 哪里 x 在 before it, 谁 x 说 after it). Each is an indicator whose weight is fitted
 * like the dense features; the model keeps the ones seen often enough and not near zero.
 */
export const LEXICAL_TEMPLATES = [
  'gapLast',
  'headLast',
  'headLast2',
  'kindFirst',
  'kindBefore',
  'kindAfter',
  'gapWordBefore',
  'gapWordAfter',
  'kindTags',
  'gapLength',
  'askedBeforeBefore',
  'kindLast2',
  'kindBefore2',
  'gapLastTag',
  'askedAfterAfter',
  'kindFirstWord',
  'kindLastWord',
  'headFirst',
] as const;

interface LexicalContext {
  gapText: string;
  head: string;
  kind: Kind;
  /** The question's character right before its question word (在[哪里], 于[何时]), or ^. */
  askedBefore: string;
  /** The question's character right after its question word and head noun ([谁]发明, [哪一年]出生), or $. */
  askedAfter: string;
}

type LexicalTemplate = (typeof LEXICAL_TEMPLATES)[number];

/**
 * A span's lexical keys, `template:value`. The record names every template exactly once (the compiler
 * checks it against LEXICAL_TEMPLATES); a template without a value here (no head noun) gives no key.
 */
function lexicalKeys(c: LexicalContext, text: string, span: Token[], before: Token | undefined, after: Token | undefined, s: string, start: number, end: number): string[] {
  const last = text[text.length - 1];
  const last2 = text.slice(-2);
  const charBefore = s[start - 1] ?? '^';
  const values: Record<LexicalTemplate, string | undefined> = {
    gapLast: `${c.gapText}|${last}`,
    kindFirst: `${c.kind}|${text[0]}`,
    kindBefore: `${c.kind}|${charBefore}`,
    kindAfter: `${c.kind}|${s[end] ?? '$'}`,
    gapWordBefore: `${c.gapText}|${before?.text ?? '^'}`,
    gapWordAfter: `${c.gapText}|${after?.text ?? '$'}`,
    kindTags: `${c.kind}|${span[0].tag}|${span[span.length - 1].tag}`,
    gapLength: `${c.gapText}|${Math.min(text.length, 12)}`,
    askedBeforeBefore: `${c.askedBefore}|${charBefore}`,
    kindLast2: `${c.kind}|${last2}`,
    kindBefore2: `${c.kind}|${s.slice(Math.max(0, start - 2), start)}`,
    gapLastTag: `${c.gapText}|${span[span.length - 1].tag}`,
    askedAfterAfter: `${c.askedAfter}|${s[end] ?? '$'}`,
    kindFirstWord: `${c.kind}|${span[0].text}`,
    kindLastWord: `${c.kind}|${span[span.length - 1].text}`,
    headLast: c.head ? `${c.head}|${last}` : undefined,
    headLast2: c.head ? `${c.head}|${last2}` : undefined,
    headFirst: c.head ? `${c.head}|${text[0]}` : undefined,
  };
  const out: string[] = [];
  for (const [template, value] of Object.entries(values)) if (value !== undefined) out.push(`${template}:${value}`);
  return out;
}

/** The fitted span reader (span-model.json). */
export interface SpanModel extends LinearModel {
  features: string[];
  /** The templates the lexical weights were fitted with (LEXICAL_TEMPLATES when they are used). */
  lexicalTemplates?: string[];
  /** Weights of the lexical conjunctions kept (LEXICAL_TEMPLATES), by key; absent keys weigh 0. */
  lexical?: Record<string, number>;
  /**
   * Least probability (softmax over the sentence's spans) of the best span for extractSpan to answer
   * with it; chosen by tune:spans on held-out questions (see the file's `heldOut`).
   */
  minShare: number;
  fittedOn?: string[];
  fittedAt?: string;
  heldOut?: Record<string, unknown>;
}

const SPAN_MODEL_FILE = new URL('./span-model.json', import.meta.url);
/** Before a model is fitted (and while tune:spans collects features): every span scores 0, none is answered. */
export const UNFITTED_SPAN_MODEL: SpanModel = {
  features: [...SPAN_FEATURE_NAMES],
  mean: SPAN_FEATURE_NAMES.map(() => 0),
  sd: SPAN_FEATURE_NAMES.map(() => 1),
  weights: SPAN_FEATURE_NAMES.map(() => 0),
  bias: 0,
  minShare: 1.01,
};
let spanModel: SpanModel | null = null;
let lexicalWeights: Map<string, number> = new Map();

/** The committed span reader, read once; a model fitted on other features is not used. */
export function loadSpanModel(): SpanModel {
  if (!spanModel) useSpanModel(readFittedModel(SPAN_MODEL_FILE, SPAN_FEATURE_NAMES, UNFITTED_SPAN_MODEL));
  return spanModel!;
}

/** Use this model instead of the committed one (tune:spans while fitting; tests). null restores the committed one. */
export function useSpanModel(model: SpanModel | null): void {
  spanModel = model;
  // Weights fitted with other templates would score keys this code no longer makes, or miss new ones.
  const sameTemplates = model?.lexicalTemplates?.length === LEXICAL_TEMPLATES.length && model.lexicalTemplates.every((t, i) => t === LEXICAL_TEMPLATES[i]);
  lexicalWeights = new Map(sameTemplates ? Object.entries(model?.lexical ?? {}) : []);
}

function findGap(q: string): Gap {
  for (const { re, kind } of WH) {
    const m = re.exec(q);
    if (!m) continue;
    if ((m[0] === '何' && /[任如为]$/.test(q.slice(0, m.index))) || (m[0] === '哪' && q[m.index + 1] === '怕')) continue;
    let end = m.index + m[0].length;
    // 几 and 哪 take their classifier with them (几所, 哪部, 哪一座).
    if (/^(几|哪一?)$/.test(m[0]) && end < q.length && CLASSIFIER.test(q[end])) end++;
    return { start: m.index, end, kind };
  }
  return { start: q.length, end: q.length, kind: 'thing' };
}

/** The question's head noun right after the question word (哪个[国家], 什么[制度], 多少[人]). */
function headNoun(q: string, gap: Gap): string {
  const m = /^[的之]?([\p{Script=Han}]{1,4})/u.exec(q.slice(gap.end));
  if (!m) return '';
  const first = tag(m[1])[0];
  return first && /^(n|x|q)/.test(first.tag) ? first.word : '';
}

/** Maximal common substrings of question and sentence, longest first, non-overlapping on both sides. */
/** Clause breaks of a text: punctuation, except a comma, point or colon between digits (7,920 / 12:30). */
function clauseBreaks(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    if (!CLAUSE_BREAK.test(s[i])) continue;
    if (/[,:]/.test(s[i]) && /[0-9]/.test(s[i - 1] ?? '') && /[0-9]/.test(s[i + 1] ?? '')) continue;
    out[i] = 1;
  }
  return out;
}

function commonBlocks(q: string, s: string, gap: Gap, headEnd: number, breaks: Uint8Array): Block[] {
  const n = s.length;
  const m = q.length;
  const w = m + 1;
  const table = new Uint16Array((n + 1) * w);
  const all: { s0: number; s1: number; q0: number; q1: number }[] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      if (j > gap.start && j <= gap.end) continue; // never align the question word itself
      // A head-noun character starts a fresh block, so 皇[帝] + 赐明朝国姓 splits where the head ends.
      if (s[i - 1] === q[j - 1] && !breaks[i - 1] && s[i - 1] !== ' ') table[i * w + j] = j - 1 === headEnd ? 1 : table[(i - 1) * w + j - 1] + 1;
    }
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const len = table[i * w + j];
      if (!len || (i < n && j < m && table[(i + 1) * w + j + 1] === len + 1)) continue;
      all.push({ s0: i - len, s1: i, q0: j - len, q1: j });
    }
  }
  all.sort((a, b) => b.s1 - b.s0 - (a.s1 - a.s0) || a.s0 - b.s0);
  const usedS = new Uint8Array(n);
  const usedQ = new Uint8Array(m);
  const chosen: Block[] = [];
  for (const b of all) {
    let { s0, s1, q0, q1 } = b;
    while (s0 < s1 && (usedS[s0] || usedQ[q0])) {
      s0++;
      q0++;
    }
    while (s1 > s0 && (usedS[s1 - 1] || usedQ[q1 - 1])) {
      s1--;
      q1--;
    }
    let clash = false;
    for (let k = s0; k < s1 && !clash; k++) clash = !!(usedS[k] || usedQ[q0 + k - s0]);
    if (clash || s1 <= s0) continue;
    const head = q0 >= gap.end && q1 <= headEnd;
    const nextToGap = q1 === gap.start || q0 === gap.end;
    // Single characters are noise unless ASCII/digits, next to the question word, or the head noun.
    if (s1 - s0 === 1 && !/[0-9a-zA-Z]/.test(s[s0]) && !((nextToGap || head) && HAN.test(s[s0]))) continue;
    for (let k = s0; k < s1; k++) usedS[k] = 1;
    for (let k = q0; k < q1; k++) usedQ[k] = 1;
    chosen.push({ s0, s1, q0, q1, left: q1 <= gap.start, head });
  }
  return chosen.sort((a, b) => a.s0 - b.s0);
}

/** The sentence's words, split further wherever a block starts or ends (日本共产党 -> 日本 | 共产党). */
function tokens(s: string, blocks: Block[]): Token[] {
  const cuts = new Set<number>();
  for (const b of blocks) {
    cuts.add(b.s0);
    cuts.add(b.s1);
  }
  const out: Token[] = [];
  let at = 0;
  const words: { word: string; tag: string }[] = [];
  for (const t of tag(s)) {
    // The segmenter's guesses for unknown words sometimes swallow a particle (林远舟 -> 林远 | 舟的).
    if (t.tag === 'x' && t.word.length >= 2 && /[的了]$/.test(t.word) && HAN.test(t.word)) {
      words.push({ word: t.word.slice(0, -1), tag: 'x' }, { word: t.word.slice(-1), tag: 'uj' });
    } else words.push(t);
  }
  for (const t of words) {
    const start = s.indexOf(t.word, at);
    if (start < 0) continue;
    const end = start + t.word.length;
    let from = start;
    for (let k = start + 1; k < end; k++) {
      if (cuts.has(k)) {
        out.push({ text: s.slice(from, k), tag: t.tag, start: from, end: k, cutStart: from > start, cutEnd: true });
        from = k;
      }
    }
    out.push({ text: s.slice(from, end), tag: t.tag, start: from, end, cutStart: from > start, cutEnd: false });
    at = end;
  }
  // A number with its date/unit parts is one word for the length prior: 1990 年 10 月 3 日 -> 1990年10月3日.
  const merged: Token[] = [];
  for (const t of out) {
    const prev = merged[merged.length - 1];
    const numberish =
      /^[0-9][0-9.,%]*$/.test(t.text) || (/^[.,]$/.test(t.text) && /[0-9]$/.test(prev?.text ?? '') && /^[0-9]/.test(s.slice(t.end, t.end + 1))) || (t.tag === 'm' && NUMERAL.test(t.text));
    if (
      prev &&
      prev.tag === 'm' &&
      prev.end === t.start &&
      !cuts.has(t.start) &&
      (numberish || /^[年月日号时分秒]$/.test(t.text) || (/[0-9]$/.test(prev.text) && ((CLASSIFIER.test(t.text) && t.text.length === 1) || UNIT.test(t.text))))
    ) {
      merged[merged.length - 1] = { ...prev, text: prev.text + t.text, end: t.end, cutEnd: t.cutEnd };
    } else merged.push(numberish ? { ...t, tag: 'm' } : t);
  }
  return merged;
}

/** Quantifiers and adverbs that open a noun phrase but not an answer (许多[古代], 各[1所]), or are no answer alone. */
const START_BAD = new Set(
  '许多 很多 一些 有些 某些 各 每 整个 所有 其他 其它 另 另一 一直 一般 几乎 主要 频繁 通常 经常 往往 常常 大多 大都 多数 全部 一起 一样 一定 特别 尤其 相当 比较 较 更加 十分 极 极为 最为 较为 分别 各自 共同 同样 大约 命 使 令 让 说 据 经 当 若 虽 因 如 凡'.split(
    ' ',
  ),
);

function goodEdge(t: Token, atStart: boolean): boolean {
  if (!t.text.trim() || FUNCTION_WORDS.has(t.text) || (atStart && START_BAD.has(t.text))) return false;
  if (/^[\p{P}\p{S}]+$/u.test(t.text)) return atStart ? OPENERS.test(t.text) : CLOSERS.test(t.text);
  if (atStart && t.tag === 'f' && t.text.length === 1) return false;
  return !(EDGE_BAD_TAGS.test(t.tag) && HAN.test(t.text));
}

function unbalanced(text: string): boolean {
  const pairs: [string, string][] = [
    ['《', '》'],
    ['「', '」'],
    ['『', '』'],
    ['“', '”'],
    ['〈', '〉'],
    ['(', ')'],
  ];
  return pairs.some(([a, b]) => text.split(a).length !== text.split(b).length);
}

const DYNASTY = /^(东|西|南|北|前|后)?(夏|商|周|秦|汉|晋|隋|唐|宋|元|明|清|魏|蜀|吴|辽|金)(朝|代)?$/;

/** A number: digits, or a numeral word (jieba 'm'), not a place name that starts with one (八里). */
function numeric(text: string, toks: Token[]): boolean {
  return /[0-9]/.test(text) || toks.some((t) => t.tag === 'm' && NUMERAL.test(t.text));
}

/** For 哪一年 the year alone; for 何时 the whole date; for 多少 the number with its unit. */
function refine(text: string, kind: Kind): string {
  if (kind === 'year') {
    // 弘治十二年: a reign title before a year in Chinese numerals belongs to it.
    const era = /[\p{Script=Han}]{2}[零〇一二三四五六七八九十百千]{1,4}年/u.exec(text);
    const m = YEAR.exec(text);
    if (era && (!m || era.index <= m.index)) return era[0];
    if (m) return m[0];
  }
  if (kind === 'time') {
    const m =
      /(?:公元前|公元|西元前|西元|民国)?[0-9零〇一二三四五六七八九十百千]{1,4}年(?:[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}[日号])?)?|[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}[日号])?/u.exec(
        text,
      );
    if (m && m[0].length >= text.length - 4) return m[0];
  }
  return text;
}

/**
 * @param question the question in matching form (Simplified, half-width)
 * @param sentence the candidate sentence in matching form
 * @returns the span as it appears in `sentence`, or null when no confident span is found
 */
export function extractSpan(question: string, sentence: string, type: QuestionType): string | null {
  return scoreSpans(question, sentence, type)?.answer ?? null;
}

/** A candidate as answered: the year alone for 哪一年, the unit the question names after 多少. */
function finish(text: string, end: number, blocks: Block[], gap: Gap, s: string): string {
  let answer = refine(text, gap.kind);
  if (gap.kind === 'amount' && answer === text) {
    const unit = blocks.find((b) => b.s0 === end && b.q0 === gap.end && (UNIT.test(s.slice(b.s0, b.s1)) || (b.s1 - b.s0 === 1 && CLASSIFIER.test(s[b.s0]))));
    if (unit) answer += s.slice(unit.s0, unit.s1);
  }
  return answer;
}

export interface RankedSpan {
  /** The span as answered (refined), as it appears in the sentence. */
  text: string;
  /** The span reader's score (a logit of span-model.json; higher is better). */
  score: number;
  /** Its probability among all spans of the sentence (softmax of the scores). */
  share: number;
  /** 0 for the reader's best candidate, 1 for the next distinct one… */
  rank: number;
  /** Score margin to the next distinct candidate (to the sentence's weakest span for the last). */
  margin: number;
}

/**
 * The reader's best few distinct spans of a sentence, for the answer policy to choose among (it sees
 * features the reader does not: retrieval, the question type, the other generators). Empty when the
 * question gets no span (why/how questions).
 */
export function spanCandidates(question: string, sentence: string, type: QuestionType, limit = 3): RankedSpan[] {
  const scored = scoreSpans(question, sentence, type);
  if (!scored?.candidates.length) return [];
  const shares = softmaxShares(scored.candidates.map((c) => c.score));
  const out: { text: string; score: number; share: number }[] = [];
  for (const [i, c] of scored.candidates.entries()) {
    if (out.length >= limit + 1) break;
    const text = scored.finish(c);
    if (out.some((o) => o.text === text || o.text.includes(text) || text.includes(o.text))) continue;
    out.push({ text, score: c.score, share: shares[i] });
  }
  const weakest = scored.candidates[scored.candidates.length - 1].score;
  return out.slice(0, limit).map((c, i) => ({ ...c, rank: i, margin: c.score - (i + 1 < out.length ? out[i + 1].score : weakest) }));
}

/** Softmax of scores (sorted best first or not), as probabilities. */
function softmaxShares(scores: number[]): number[] {
  const max = Math.max(...scores);
  const e = scores.map((z) => Math.exp(z - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The best span's probability among all of a sentence's spans (candidates sorted best first). */
function spanShare(candidates: SpanCandidate[]): number {
  return candidates.length ? softmaxShares(candidates.map((c) => c.score))[0] : 0;
}

/** The scored candidates behind extractSpan (for tests and tuning), best first; null when the question gets no span. */
export function scoreSpans(question: string, sentence: string, type: QuestionType): ScoredSpans | null {
  void type; // the question word decides; the engine's type is coarser
  const q = question.replace(TRAILING, '');
  const s = sentence;
  if (!q || !s || s.length > 600) return null;
  const gap = findGap(q);
  if (gap.kind === 'reason') return null;
  // 哪一国[人]: the classifier is itself the head (英国); else the noun after the question word.
  const ownHead = /[国省市县州岛族]$/.test(q.slice(gap.start, gap.end)) ? q[gap.end - 1] : '';
  const head = ownHead || headNoun(q, gap);
  const headEnd = head && !ownHead ? q.indexOf(head, gap.end) + head.length : -1;
  // 几岁 / 多少个 / 几所: the classifier or unit the amount comes with.
  const gapText = q.slice(gap.start, gap.end);
  const unitWanted =
    gap.kind === 'amount'
      ? /[^多少几]$/.test(gapText) && CLASSIFIER.test(gapText[gapText.length - 1])
        ? gapText[gapText.length - 1]
        : head && (CLASSIFIER.test(head) || UNIT.test(head))
          ? head
          : ''
      : '';
  const breaks = clauseBreaks(s);
  const blocks = commonBlocks(q, s, gap, headEnd, breaks);
  if (!blocks.length) return { answer: null, candidates: [], gap, finish: (c) => c.text };
  const covered = new Uint8Array(s.length);
  for (const b of blocks) if (!b.head || gap.kind === 'amount') for (let k = b.s0; k < b.s1; k++) covered[k] = 1;
  const toks = tokens(s, blocks);
  const rightEmpty = gap.end >= q.length;
  const leftEmpty = gap.start === 0;

  // Clause number of every character: alignment across a clause break counts half.
  const clause = new Uint16Array(s.length);
  for (let i = 0, c = 0; i < s.length; i++) {
    if (breaks[i]) c++;
    clause[i] = c;
  }
  // Distance in the question between a block and the gap: aligned characters in between count fully,
  // characters the sentence lacks (paraphrase, the head noun) a little.
  const qAligned = new Uint8Array(q.length);
  for (const b of blocks) for (let k = b.q0; k < b.q1; k++) qAligned[k] = 1;
  const qDist = blocks.map((b) => {
    const [from, to] = b.left ? [b.q1, gap.start] : [gap.end, b.q0];
    let d = 0;
    for (let k = from; k < to; k++) d += qAligned[k] ? 1 : 0.3;
    return d;
  });
  const weight = blocks.map((b, i) => (b.head ? 0 : Math.min(b.s1 - b.s0, BLOCK_WEIGHT_CHARS) / (1 + qDist[i] / BLOCK_DISTANCE_CHARS)));
  const totalWeight = weight.reduce((a, x) => a + x, 0) || 1;
  const coordinatedInQuestion = (b: Block) => COORDINATORS.has(b.left ? q.slice(b.q1, gap.start) : q.slice(gap.end, b.q0).replace(head, ''));

  // Patterns that depend only on the question, built once (not per candidate).
  const countedHead = head ? new RegExp(`^[0-9一二两三四五六七八九十几数多]+[个名位种项条]?${head}$`) : null;
  const withUnit = unitWanted ? new RegExp(`[0-9零〇一二两三四五六七八九十百千万亿半多余]${unitWanted}`) : null;
  const model = loadSpanModel();
  const lexical: LexicalContext = { gapText, head, kind: gap.kind, askedBefore: q[gap.start - 1] ?? '^', askedAfter: q[headEnd >= 0 ? headEnd : gap.end] ?? '$' };
  const kindOffset = SHAPE_KINDS.indexOf(gap.kind);
  const all: SpanCandidate[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (!goodEdge(toks[i], true) || covered[toks[i].start]) continue;
    for (let j = i; j < toks.length && j < i + MAX_SPAN_TOKENS; j++) {
      const t = toks[j];
      if (t.text.length === 1 && breaks[t.start]) break;
      if (covered[t.start]) break;
      const start = toks[i].start;
      const end = t.end;
      if (end - start > MAX_SPAN_CHARS) break;
      if (!goodEdge(t, false)) continue;
      const span = toks.slice(i, j + 1);
      const text = s.slice(start, end);
      const x = new Float64Array(SPAN_FEATURE_NAMES.length);
      blocks.forEach((b, bi) => {
        if (b.head && b.s0 >= start && b.s1 <= end) return;
        const leftOf = b.s1 <= start;
        const dist = leftOf ? start - b.s1 : b.s0 - end;
        if (dist < 0) return;
        const sideOk = leftOf === b.left;
        const decay = 1 / (1 + dist / ALIGN_DECAY_CHARS);
        const sameClause = clause[leftOf ? Math.max(0, b.s1 - 1) : b.s0] === clause[leftOf ? start : end - 1];
        const share = (weight[bi] * decay) / totalWeight;
        // Words on the "wrong" side are half-expected when the question word ends (X的作者是谁 ~ 谁的X) or starts the question.
        if (!sideOk) x[(b.left && rightEmpty) || (!b.left && leftEmpty) ? F.alignWrongSideAtQuestionEdge : F.alignWrongSide] += share;
        else x[sameClause ? F.align : F.alignOtherClause] += share;
        // Right next to the candidate, possibly through a linking word (是/于/的…).
        const between = leftOf ? s.slice(b.s1, start) : s.slice(end, b.s0);
        const size = Math.min(1, (b.s1 - b.s0) / 2);
        if (gap.kind === 'person' && leftOf && between === '' && TITLE.test(s.slice(b.s0, b.s1))) {
          // 热河省政府主席汤玉麟: a title right before a name.
          x[F.adjacentTitle] += 1;
        } else if (!b.head && COORDINATORS.has(between) && coordinatedInQuestion(b)) {
          // 唐继尧以及[谁] ~ 蔡锷、唐继尧: coordinated with the question's word, on either side.
          x[F.adjacentCoordinated] += size;
        } else if (!b.head && (between === '' || LINKERS.has(between))) {
          const near = qDist[bi] <= 1;
          // 志费尼的《世界征服者史》 for 《世界征服者史》的作者是谁: a possessor before 的 + the question's words.
          const possessor = !sideOk && !leftOf && between === '的' && b.s1 - b.s0 >= 2;
          const which = sideOk ? (near ? F.adjacentNear : F.adjacentFar) : possessor ? F.adjacentPossessor : near ? F.adjacentWrongSideNear : F.adjacentWrongSideFar;
          x[which] += size;
          if (sideOk && near && between === '') x[leftOf ? F.adjacentDirectLeft : F.adjacentDirectRight] = 1;
        }
      });
      const clauseStart = start === 0 || !!breaks[start - 1];
      const clauseEnd = end === s.length || !!breaks[end];
      x[F.clauseStart] = clauseStart ? 1 : 0;
      x[F.clauseEnd] = clauseEnd ? 1 : 0;
      x[F.clauseEndQuestionEnds] = rightEmpty && clauseEnd ? 1 : 0;
      x[F.clauseStartQuestionStarts] = leftEmpty && clauseStart ? 1 : 0;
      // What the span looks like, one block of shape features per kind of answer asked for.
      if (kindOffset >= 0) {
        const base = F.shape + kindOffset * SHAPE_NAMES.length;
        const isNumeric = numeric(text, span);
        x[base + 0] = isNumeric ? 1 : 0;
        x[base + 1] = YEAR.test(text) ? 1 : 0;
        x[base + 2] = DATE.test(text) || DYNASTY.test(text) ? 1 : 0;
        x[base + 3] = span.some((tk) => /^nr/.test(tk.tag)) ? 1 : 0;
        x[base + 4] = span.some((tk) => /^n/.test(tk.tag)) ? 1 : 0;
        x[base + 5] = span.some((tk) => tk.tag === 'ns') || PLACE_END.test(text) ? 1 : 0;
        x[base + 6] = /^[0-9.,%]+$/.test(text) ? 1 : 0;
        x[base + 7] = NUMBER_WITH_UNIT.test(text) ? 1 : 0;
        x[base + 8] = span.some((tk) => tk.tag === 'nt') || ORG_END.test(text) ? 1 : 0;
        // How long answers of this kind are (names are short, things longer).
        x[base + 9] = Math.log(text.length);
        // Words the segmenter does not know: often names, also often fragments (写于).
        x[base + 10] = span.some((tk) => tk.tag === 'x' && HAN.test(tk.text)) ? 1 : 0;
        // Surname + given name, or a name the fact extractor would accept.
        x[base + 11] = isPlausibleName(text) ? 1 : 0;
      }
      if (head && gap.kind !== 'amount') {
        if (text === head || countedHead!.test(text)) x[F.headItself] = 1;
        else if ((text.endsWith(head) || text.endsWith(head[head.length - 1])) && !text.includes('的')) x[F.endsWithHead] = 1;
        else if (head.length === 2 && text.endsWith(head[0]) && !text.includes('的')) x[F.endsWithHeadStart] = 1; // 哪个河流 -> 帕塔普斯科河
      } else if (head && text.endsWith(head[0]) && text !== head[0]) x[F.amountEndsWithHead] = 1; // 多少人[口] -> 89万人
      if (gap.kind === 'amount') {
        // 几岁 / 多少个: the answer carries the classifier the question asks with; 第一次 is an ordinal, not an amount.
        if (unitWanted && withUnit!.test(text)) x[F.amountWithAskedUnit] = 1;
        if (/^第/.test(text) && !ORDINAL_QUESTION.test(q)) x[F.amountOrdinal] = 1;
        if (/[a-zA-Z]-?[0-9]|[0-9]-?[a-zA-Z]/.test(text)) x[F.amountModelName] = 1; // X-15, A380: a name, not an amount
        if (/(^|[^0-9])[12][0-9]{3}年$/.test(text) && /年/.test(unitWanted || head)) x[F.amountYearForDuration] = 1; // 多少年: a duration, not a year
      } else if (gap.kind !== 'time' && gap.kind !== 'year') {
        if (DATE.test(text) && /[0-9零〇一二三四五六七八九十]/.test(text) && !(head && DATE.test(head))) x[F.dateNotAsked] = 1;
      }
      if (gap.kind === 'time' && /年代/.test(q.slice(gap.start, gap.end)) && text.includes('年代')) x[F.decadeAsked] = 1;
      x[F.singleHan] = text.length === 1 && HAN.test(text) ? 1 : 0;
      x[F.noContentWord] = span.some((tk) => /^(n|m|t|s|j|x|eng|l|i|q)/.test(tk.tag)) ? 0 : 1;
      x[F.quoted] = QUOTED.test(text) && !unbalanced(text) ? 1 : 0;
      x[F.unbalanced] = unbalanced(text) ? 1 : 0;
      x[F.startsWithVerb] = /^v/.test(span[0].tag) ? 1 : 0;
      x[F.endsWithVerb] = /^v/.test(span[span.length - 1].tag) ? 1 : 0;
      // Never cut a transliterated name at its dot (路易·勒沃).
      x[F.cutAtNameDot] = /[·•]/.test(s[start - 1] ?? '') || /[·•]/.test(s[end] ?? '') ? 1 : 0;
      if (gap.kind === 'person' && span.length > 1 && /^n$/.test(span[0].tag) && span.slice(1).some((tk) => /^nr|^x$/.test(tk.tag))) x[F.nounBeforeName] = 1; // [诗人]李绅
      // Answers are noun phrases: a preposition inside (周敦颐[于]宋代) makes a clause of it.
      for (let k = 1; k < span.length - 1; k++) {
        if (span[k].text === '的' || span[k].text === '、') x[F.innerDeOrList] += 1;
        else if (span[k].tag === 'p' || FUNCTION_WORDS.has(span[k].text)) x[F.innerFunctionWords] += 1;
        else if (/^v/.test(span[k].tag)) x[F.innerVerbs] += 1;
      }
      // 三个阶段 / 一名学者: a count, not a name.
      if (gap.kind !== 'amount' && /^[0-9一二两三四五六七八九十几数多][个名位种项条部本座所家次]/.test(text)) x[F.countNotName] = 1;
      x[F.cutInsideWordStart] = span[0].cutStart && !/^(nt|nr|ns|nz|x)/.test(span[0].tag) ? 1 : 0;
      x[F.cutInsideWordEnd] = span[span.length - 1].cutEnd && span[span.length - 1].text.length < 2 ? 1 : 0;
      x[F.extraWords] = Math.max(0, span.length - 2);
      x[F.extraChars] = Math.max(0, text.length - 6);
      x[F.oneWord] = span.length === 1 ? 1 : 0;
      // A stretch the question itself contains is a restatement, not an answer.
      x[F.inQuestion] = q.includes(text) ? 1 : 0;
      let inQ = 0;
      for (const ch of text) if (q.includes(ch)) inQ++;
      x[F.questionCharShare] = inQ / text.length;
      x[F.firstTag + tagGroup(span[0].tag)] = 1;
      x[F.lastTag + tagGroup(span[span.length - 1].tag)] = 1;
      const keys = lexicalKeys(lexical, text, span, toks[i - 1], toks[j + 1], s, start, end);
      let score = linearScore(model, x);
      for (const key of keys) score += lexicalWeights.get(key) ?? 0;
      all.push({ text, score, end, x, keys });
    }
  }
  all.sort((a, b) => b.score - a.score);
  const finishCandidate = (c: SpanCandidate) => finish(c.text, c.end ?? s.indexOf(c.text) + c.text.length, blocks, gap, s);
  const best = all[0];
  return { answer: best && spanShare(all) >= model.minShare ? finishCandidate(best) : null, candidates: all, gap, finish: finishCandidate };
}
