/**
 * Question analysis: clean a raw question (markup, escape sequences, invisible characters, stray
 * symbols), turn it into the matching form (either script, full-width), decline what is not Chinese,
 * type it, and split it into content terms, each marked with whether the corpus has it.
 */
import type { QuestionType, Script } from '../types.js';
import { detectScript, hasHan, matchingForm } from '../text/script.js';
import { STOP_WORDS, isPunctuation } from '../text/stopwords.js';
import { MIXED_TERM_TAG, cutForSearch, indexTokens, tag, tagTerms } from '../text/segment.js';
import { stripMarkup } from '../text/markup.js';
import { isJapaneseOrKorean } from '../text/language.js';
import { classifyQuestion } from './classify.js';
import { synonymsOf } from '../text/synonyms.js';

/**
 * Longest question, in characters: the bot refuses longer ones with a message (bot/answer-view.ts); the
 * analyser cuts longer input (after the last sentence-ending mark within the limit if possible).
 */
export const MAX_QUESTION_CHARS = 300;

export interface QuestionTerm {
  /** Matching form (ASCII lower-cased). */
  text: string;
  /** As the user wrote it (Simplified), for messages. */
  surface: string;
  /** jieba part-of-speech tag. */
  tag: string;
  /** Names of people, places, organisations, ASCII words, titles: if the corpus lacks one, the question is about something else. */
  entity: boolean;
  /** The term (or, for a long term, a two-character piece of it) occurs in the corpus. */
  inCorpus: boolean;
  /**
   * The answer's category in 什么X / 哪个X questions (城市, 形式, 职务, 等级): the text gives an
   * instance of it (沈阳, 电视电话会议, 优) and need not contain the word itself.
   */
  category?: boolean;
  /** Near-synonyms that also count as the term in a sentence (举行 for 召开). */
  alternatives?: string[];
}

/** Does this text contain the term or one of its alternatives? */
export function containsTerm(text: string, term: QuestionTerm): boolean {
  if (text.includes(term.text)) return true;
  // Latin and mixed terms are lower-cased (like index tokens) and written without the space between
  // letters and digits; the text keeps its case and spacing (NBA, POWER6, A股, iPhone 15).
  if (term.tag === MIXED_TERM_TAG && latinTermPattern(term.text).test(text)) return true;
  return term.alternatives?.some((a) => text.includes(a)) ?? false;
}

const latinPatterns = new Map<string, RegExp>();

/** A Latin or mixed term as found in running text: any case, an optional space where letters meet digits (iphone15 ~ iPhone 15). */
function latinTermPattern(term: string): RegExp {
  let re = latinPatterns.get(term);
  if (!re) {
    const source = Array.from(term)
      .map((ch, i, all) => {
        const escaped = ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
        const next = all[i + 1];
        return next !== undefined && /[a-z]/.test(ch) && /[0-9]/.test(next) ? escaped + '\\s?' : escaped;
      })
      .join('');
    re = new RegExp(source, 'i');
    if (latinPatterns.size > 1000) latinPatterns.clear();
    latinPatterns.set(term, re);
  }
  return re;
}

export interface AnalyzedQuestion {
  raw: string;
  script: Script;
  /** Simplified, half-width, control characters removed. */
  matching: string;
  type: QuestionType;
  /** Content terms (no stop words, question words or punctuation), in order. */
  terms: QuestionTerm[];
  /** Tokens for the retrieval index (same tokenisation as indexed sentences). */
  searchTokens: string[];
  /** Why the question cannot be analysed, if so. */
  problem?: 'empty' | 'not-chinese';
}

/** Words about the documents themselves, not about their content. */
const META_WORDS = new Set(
  '文档 文件 文章 报道 报导 新闻 稿件 消息 材料 资料 内容 提到 提及 说 讲 介绍 根据 写 记载 显示 表明 篇 那篇 这篇 一篇 该文 原文 具体 主要 相关 有关 程度 情况 方面 时间 地点 日期 名字 名称 数字 数据 人 事情 东西 多少 哪些 篇文章 篇报道 篇新闻 分数 数值 数字 数量 金额 比率 百分比 次数 名次 那场 这场 该场 那次 这次 那个 这个 那位 这位 那些 这些 那项 这项 这份 那份 该份 此份'.split(
    ' ',
  ),
);

/** Does a question word end in a title or role word (市长, 省长)? A title the corpus lacks means the question asks about someone else. */
export const ENDS_IN_TITLE_WORD =
  /(书记|常委|组长|主任|部长|局长|厅长|处长|科长|市长|省长|县长|区长|镇长|乡长|村长|院长|检察长|主席|委员|秘书长|总理|总统|总经理|董事长|校长|教授|记者|编辑|责编|主编|社长|队长|司令|政委|议员|大使|理事长|会长|行长|所长|站长|馆长|主任委员)$/;

/** The noun right after a question word names the answer's category: 什么形式, 哪个城市, 哪一级. */
const CATEGORY_AFTER_WH = /(?:什么样的|什么|哪一个|哪个|哪种|哪一种|何种|哪些|哪家|哪所|哪座|哪位|哪一|哪|啥)([\p{Script=Han}]{1,4})/u;

/** Administrative titles as they appear inside running text (省长 in 辽宁省长是谁). */
const TITLE_IN_TEXT = /副?(?:[省市县区镇乡村州]长|书记|主席|总理|总统|部长|局长|厅长|院长|检察长|秘书长|董事长|总经理|校长|主任)/g;

const ENTITY_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'eng']);

/** Symbols that are no part of any word: a stray &, *, # or emoji (math and currency signs are kept: 1 + 1, $5). */
const SYMBOL = '[\\p{So}\\p{Sk}&*#@\\\\_]+';
const CHINESE = '[\\p{Script=Han}\\u3000-\\u303f]';
/** Symbols between Chinese characters, with the spaces around them (谁 & 主持 -> 谁主持): Chinese puts no spaces between words. */
const SYMBOL_IN_CHINESE = new RegExp(`(?<=${CHINESE})\\s*${SYMBOL}\\s*(?=${CHINESE})`, 'gu');
/** Symbols standing alone between spaces elsewhere. */
const STRAY_SYMBOL = new RegExp(`(^|\\s)${SYMBOL}(?=\\s|$)`, 'gu');

/**
 * The question without markup, escape sequences, invisible characters and stray symbols, full-width
 * ASCII folded (see text/markup.ts), whitespace collapsed, cut to MAX_QUESTION_CHARS; otherwise as
 * typed (script, punctuation, the asker's own spaces).
 */
export function sanitizeQuestion(raw: string): string {
  let q = stripMarkup(String(raw ?? ''))
    .replace(SYMBOL_IN_CHINESE, '')
    .replace(STRAY_SYMBOL, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (q.length > MAX_QUESTION_CHARS) {
    const cut = q.slice(0, MAX_QUESTION_CHARS);
    const end = Math.max(cut.lastIndexOf('？'), cut.lastIndexOf('?'), cut.lastIndexOf('。'));
    q = end > 10 ? cut.slice(0, end + 1) : cut;
  }
  return q;
}

/**
 * What analysis asks of the corpus: does its text (titles, bylines, sentences, in matching form) contain
 * a string, or match a pattern? A string is one (the whole corpus text); a knowledge store is another,
 * which need not hold the text in memory.
 */
export interface CorpusProbe {
  includes(text: string): boolean;
  /** `pattern.test` of the corpus text (patterns that match no newline: the corpus's pieces are joined by one). */
  test(pattern: RegExp): boolean;
}

function probeOf(corpus: string | CorpusProbe): CorpusProbe {
  return typeof corpus === 'string' ? { includes: (text) => corpus.includes(text), test: (pattern) => pattern.test(corpus) } : corpus;
}

function presentInCorpus(term: string, corpusText: CorpusProbe): boolean {
  if (corpusText.includes(term)) return true;
  if (/[a-z]/.test(term)) return corpusText.test(latinTermPattern(term));
  // jieba sometimes glues a conjunction or preposition onto a name (和宜兰, 在沈阳).
  const unglued = term.replace(/^[和与及跟同在从由对把被将向于]/, '');
  if (unglued !== term && unglued.length >= 2 && corpusText.includes(unglued)) return true;
  // 铁岭市 vs 铁岭: administrative suffixes are often dropped or added.
  const bare = term.replace(/[省市县区镇乡村]$/, '');
  if (bare.length >= 2 && bare !== term && corpusText.includes(bare)) return true;
  return false;
}

/** A long term counts as present when a two-character piece of it is (满意率 vs 满意度): paraphrase tolerance. */
function partlyInCorpus(term: string, corpusText: CorpusProbe): boolean {
  const chars = Array.from(term);
  if (chars.length < 3) return false;
  // More than half of the word, contiguous: 满意率 ~ 满意度, but not 电话号码 ~ 电话.
  const need = Math.floor(chars.length / 2) + 1;
  for (let i = 0; i + need <= chars.length; i++) if (corpusText.includes(chars.slice(i, i + need).join(''))) return true;
  return false;
}

/** A compound whose dictionary pieces are all in the corpus (建筑风格: 建筑, 风格) is a paraphrase, not a new thing. */
function piecesInCorpus(term: string, corpusText: CorpusProbe): boolean {
  const pieces = cutForSearch(term).filter((p) => p !== term && Array.from(p).length >= 2);
  return pieces.length >= 2 && pieces.every((p) => corpusText.includes(p));
}

/** `script`: the asker's script when `raw` is a rewritten form of their question (follow-ups). */
export function analyzeQuestion(raw: string, corpus: string | CorpusProbe, script: Script = detectScript(sanitizeQuestion(raw))): AnalyzedQuestion {
  const corpusText = probeOf(corpus);
  const cleaned = sanitizeQuestion(raw);
  const matching = matchingForm(cleaned);
  const base = { raw, script, matching, terms: [], searchTokens: [] };
  if (!cleaned || isPunctuation(cleaned)) return { ...base, type: 'unknown', problem: 'empty' };
  if (!hasHan(cleaned) || isJapaneseOrKorean(cleaned)) return { ...base, type: 'unknown', problem: 'not-chinese' };
  const type = classifyQuestion(matching);
  const terms: QuestionTerm[] = [];
  const seen = new Set<string>();
  const category = CATEGORY_AFTER_WH.exec(matching)?.[1];
  for (const { word, tag: t } of tagTerms(matching)) {
    const text = word.trim().toLowerCase();
    if (!text || seen.has(text) || isPunctuation(text) || STOP_WORDS.has(text) || META_WORDS.has(text)) continue;
    // Prepositions, conjunctions, particles, pronouns and interjections carry no content (关于, 以及, 其).
    if (/^(p|c|u[a-z]*|r[a-z]*|y|e|o)$/.test(t)) continue;
    // Latin words and mixed terms (gdp, 5g, a股, covid-19): names of things, matched in any case.
    const ascii = t === MIXED_TERM_TAG || /^[a-z][a-z0-9.-]*$/.test(text);
    if (!ascii && Array.from(text).length < 2) continue;
    // Numbers, and question words jieba keeps whole (哪一天, 什么样, 第几次), are not content.
    if (/^[\d.%]+$/.test(text) || /^(第?几|哪|什么|怎么|怎样|多少|多久|多长|多[快高大远重深宽厚])/.test(text)) continue;
    seen.add(text);
    const entity = ascii || ENTITY_TAGS.has(t) || ENDS_IN_TITLE_WORD.test(text);
    const isCategory = category?.startsWith(text);
    const alternatives = synonymsOf(text).filter((a) => corpusText.includes(a));
    terms.push({
      surface: word.trim(),
      ...(alternatives.length ? { alternatives } : {}),
      text,
      tag: ascii ? MIXED_TERM_TAG : t,
      entity: entity && !isCategory,
      inCorpus: presentInCorpus(text, corpusText) || alternatives.length > 0 || (!entity && (partlyInCorpus(text, corpusText) || piecesInCorpus(text, corpusText))),
      ...(isCategory ? { category: true } : {}),
    });
  }
  // A year the question names must be a year the documents speak of (2020年 when they say 2021).
  for (const m of matching.matchAll(/(1[5-9]\d\d|20\d\d)\s*年/g)) {
    const year = m[1];
    if (seen.has(year)) continue;
    seen.add(year);
    terms.push({ text: year, surface: m[0], tag: 'year', entity: true, inCorpus: corpusText.includes(year) });
  }
  // Titles are matched on the text, not the tokens: jieba cuts 辽宁省长 into 辽宁省 / 长是.
  for (const m of matching.matchAll(TITLE_IN_TEXT)) {
    const text = m[0];
    if (seen.has(text) || terms.some((t) => t.text.includes(text))) continue;
    seen.add(text);
    terms.push({ text, surface: text, tag: 'title', entity: true, inCorpus: presentInCorpus(text, corpusText) });
  }
  return { ...base, type, terms, searchTokens: indexTokens(matching) };
}

/**
 * Terms whose absence means the documents are about something else:
 * - names, places, organisations, titles, ASCII words (上海, 市长, GDP), after dropping a function
 *   character jieba glued on (和宜兰 -> 宜兰);
 * - ordinals (第三批);
 * - the question's focus: the noun the question word asks about (李友的年龄是多少, 有多少人口).
 * Other absent words are tolerated: paraphrases change nouns and verbs, and jieba glues odd pairs.
 */
export function missingTerms(q: AnalyzedQuestion): QuestionTerm[] {
  const focus = focusTerms(q);
  return q.terms.filter((t) => {
    if (t.inCorpus || (t.category && q.type !== 'howmuch')) return false;
    if (t.entity) return true;
    // An ordinal of a series the documents never reach (第三批, 第五届) is another event; 第一个 is not.
    if (t.tag === 'm' || t.text.startsWith('第')) return /^第.+[批届期轮季代次度]$/.test(t.text);
    // The possessor in X的Y is a name or place whatever jieba tags it (大连的… is tagged an adverb).
    // Words jieba made up from two pieces of different words (tagged x) are not the question's subject.
    const dictionaryTag = tag(t.text)[0]?.tag ?? 'x';
    if (dictionaryTag === 'x') return false;
    if (q.matching.includes(t.text + '的')) return true;
    return focus.has(t.text) && /^(n|vn)/.test(dictionaryTag);
  });
}

/** Words the question word asks about: the noun just before 是多少/是什么/是谁…, or after 多少/几. */
function focusTerms(q: AnalyzedQuestion): Set<string> {
  const out = new Set<string>();
  const before = /([\p{Script=Han}a-z]{1,6}?)(?:是|为|有|叫|在)?(?:多少|什么|谁|哪|几|何|怎样|如何)/u.exec(q.matching);
  const after = /(?:多少|几)[个种位名条项次座家所]?([\p{Script=Han}]{1,4})/u.exec(q.matching);
  for (const t of q.terms) {
    if (before?.[1].endsWith(t.text)) out.add(t.text);
    if (after?.[1].startsWith(t.text)) out.add(t.text);
  }
  return out;
}
