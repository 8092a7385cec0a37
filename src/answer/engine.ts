/**
 * The answering core: question in, Answer out. The bot, the terminal chat, the JSON CLI and the
 * benchmark all call this and nothing else.
 *
 * Flow: analyse (normalise, type, terms) -> follow-ups -> decline early if the question names things
 * the corpus lacks -> rank sentences -> typed answer from facts (or a span, or the sentence) ->
 * decline when the match is weak -> render into the user's script.
 */
import type { Answer, Citation, Fact, QuestionType, Script } from '../types.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { analyzeQuestion, containsTerm, missingTerms, sanitizeQuestion, type AnalyzedQuestion } from '../question/analyze.js';
import { resolveFollowUp, rememberAnswer, type ChatState } from '../question/follow-up.js';
import { rankSentences, TermWeights, type RankedSentence } from './rank.js';
import { PICKERS, WHAT_PICKERS, type PickContext, type PickResult, type TypedAnswer } from './typed.js';
import { extractSpan } from './span.js';
import { detectScript, matchingForm, toScript } from '../text/script.js';
import { metadataText } from '../knowledge/knowledge-base.js';
import { isPlausibleName } from '../facts/index.js';

export type { ChatState } from '../question/follow-up.js';

/** Below this share of the question's words in a sentence and its context, the documents don't say. */
const MIN_CONTEXT_COVERAGE = 0.3;
/** A sentence answer (no fact of the asked type) needs the sentence itself to cover this much. */
const MIN_SENTENCE_COVERAGE = 0.6;

export class AnswerEngine {
  private readonly weights: TermWeights;
  private readonly factsBySentence = new Map<number, Fact[]>();
  private readonly factsByDoc = new Map<string, Fact[]>();

  constructor(readonly kb: KnowledgeBase) {
    this.weights = new TermWeights(kb);
    for (const f of kb.facts) {
      const bySentence = this.factsBySentence.get(f.sentenceId) ?? [];
      bySentence.push(f);
      this.factsBySentence.set(f.sentenceId, bySentence);
      const byDoc = this.factsByDoc.get(f.docId) ?? [];
      byDoc.push(f);
      this.factsByDoc.set(f.docId, byDoc);
    }
  }

  /** Answer one question. `state` is read for follow-ups and updated in place. Never throws on any input. */
  ask(question: string, state: ChatState = {}): Answer {
    try {
      return this.answer(question, state);
    } catch (error) {
      // A bug must not take the chat down: decline, and let the caller's logger see the cause.
      const answer = this.decline(String(question ?? ''), 'hans', 'unknown', [], 'error');
      Object.defineProperty(answer, 'error', { value: error, enumerable: false });
      return answer;
    }
  }

  private answer(question: string, state: ChatState): Answer {
    const resolved = resolveFollowUp(String(question ?? ''), state, this.kb);
    const q = analyzeQuestion(resolved.question, this.kb.corpusText, detectScript(sanitizeQuestion(String(question ?? ''))));
    if (q.problem) return this.decline(question, q.script, q.type, [], q.problem);
    const ranked = rankSentences(this.kb, q, this.weights, { preferDocId: resolved.preferDocId });
    const nearest = ranked.slice(0, 3);
    const missing = missingTerms(q);
    if (missing.length) {
      const out = this.decline(question, q.script, q.type, nearest, 'unknown-terms');
      out.missing = missing.map((t) => toScript(t.surface, q.script));
      return out;
    }
    if (!ranked.length || ranked[0].contextCoverage < MIN_CONTEXT_COVERAGE) return this.decline(question, q.script, q.type, nearest, 'weak-match');

    const typed = this.typedAnswer(q, ranked);
    if (typed && 'decline' in typed) return this.decline(question, q.script, q.type, nearest, 'no-fact');
    if (typed && (typed.constrained || this.supportedByBest(typed, ranked))) return this.respond(question, q, ranked, typed, state);

    // No fact of the asked type: a span of a well-matching sentence (the phrase the question's gap
    // aligns with), else the sentence itself when it covers the question well; otherwise decline.
    // List questions without an extracted enumeration are answered by the sentence that lists.
    const factoid = q.type in PICKERS && q.type !== 'list';
    // A span needs a question word to align with; a bare topic (李友) is answered by its best sentence.
    // Lists and yes/no questions are not one phrase: they get the sentence.
    const asks = /[谁什哪几多何怎啥吗么呢否]/.test(q.matching) && q.type !== 'list' && q.type !== 'yesno';
    for (const r of asks ? ranked.slice(0, 2) : []) {
      if (r.contextCoverage < MIN_CONTEXT_COVERAGE || r.score < ranked[0].score * 0.9) break;
      const span = extractSpan(q.matching, r.sentence.simplified, q.type);
      if (span && fitsType(span, q.type)) return this.respond(question, q, ranked, { text: span, facts: this.sentenceFacts(r.sentence.id), sentenceIds: [r.sentence.id] }, state);
    }
    const best = ranked[0];
    // A factoid question answered by a whole sentence needs that sentence to cover it well.
    const sentenceIsAnswer = factoid ? best.coverage >= MIN_SENTENCE_COVERAGE + 0.15 : best.coverage >= 0.45 || best.contextCoverage >= 0.6;
    if (!sentenceIsAnswer) return this.decline(question, q.script, q.type, nearest, factoid ? 'no-fact' : 'weak-match');
    // A yes/no question whose every word the sentence states, without a negation, is answered 是;
    // anything less gets the sentence itself to judge by (never an inferred 否).
    const yes = q.type === 'yesno' && q.terms.length >= 2 && best.coverage >= 0.99 && q.terms.every((t) => t.inCorpus) && !/不|没|未|无|非|否|禁止|停止|取消/.test(best.sentence.simplified);
    const text = yes ? `是。${best.sentence.simplified}` : best.sentence.simplified;
    return this.respond(question, q, ranked, { text, facts: this.sentenceFacts(best.sentence.id), sentenceIds: [best.sentence.id] }, state);
  }

  /**
   * An unconstrained fact (a date, figure or place of the asked type) counts only if its sentence is
   * about as good a match as the best one: a fact from a weaker sentence answers another question.
   */
  private supportedByBest(typed: TypedAnswer, ranked: RankedSentence[]): boolean {
    const id = typed.sentenceIds[0];
    if (id === undefined) return true;
    const r = ranked.find((x) => x.sentence.id === id);
    return r !== undefined && r.score >= ranked[0].score * 0.85;
  }

  private readonly docTextCache = new Map<string, string>();

  /** A document's whole text in matching form, with its title and byline. */
  private documentText(docId: string): string {
    let text = this.docTextCache.get(docId);
    if (text === undefined) {
      const doc = this.kb.docById.get(docId);
      const ids = this.kb.sentencesByDoc.get(docId) ?? [];
      text = (doc ? matchingForm(doc.meta.title) + '\n' + metadataText(doc) + '\n' : '') + ids.map((id) => this.kb.sentences[id].simplified).join('\n');
      if (this.docTextCache.size > 2000) this.docTextCache.clear();
      this.docTextCache.set(docId, text);
    }
    return text;
  }

  private sentenceFacts(sentenceId: number): Fact[] {
    return this.factsBySentence.get(sentenceId)?.slice(0, 3) ?? [];
  }

  private typedAnswer(q: AnalyzedQuestion, ranked: RankedSentence[]): PickResult {
    const ctx: PickContext = { kb: this.kb, q, ranked, weights: this.weights, factsBySentence: this.factsBySentence, factsByDoc: this.factsByDoc };
    if (q.type === 'what' || q.type === 'open' || q.type === 'unknown') {
      for (const pick of WHAT_PICKERS) {
        const found = pick(ctx);
        if (found) return found;
      }
      return null;
    }
    return PICKERS[q.type]?.(ctx) ?? null;
  }

  private respond(question: string, q: AnalyzedQuestion, ranked: RankedSentence[], typed: TypedAnswer, state: ChatState): Answer {
    // The names, places, years and ordinals the question is about must be in the answer's own
    // document: 星海科技2022年的营收 is not answered from a report that only mentions 2023.
    const docId = typed.facts[0]?.docId ?? (typed.sentenceIds[0] !== undefined ? this.kb.sentences[typed.sentenceIds[0]].docId : undefined);
    if (docId !== undefined) {
      const text = this.documentText(docId);
      const absent = q.terms.filter((t) => t.inCorpus && (t.tag === 'year' || t.tag === 'title' || /^(ns|nr|nt|eng)$/.test(t.tag) || /^第/.test(t.text)) && !containsTerm(text, t));
      if (absent.length) return this.decline(question, q.script, q.type, ranked.slice(0, 3), 'no-fact');
    }
    const ids: number[] = [];
    for (const id of typed.sentenceIds) if (!ids.includes(id)) ids.push(id);
    for (const r of ranked) {
      if (ids.length >= 3) break;
      // Further citations must support the answer on their own, not through their paragraph.
      if (!ids.includes(r.sentence.id) && r.coverage >= MIN_SENTENCE_COVERAGE && r.score >= ranked[0].score * 0.8) ids.push(r.sentence.id);
    }
    if (!ids.length) ids.push(ranked[0].sentence.id);
    const scoreOf = new Map(ranked.map((r) => [r.sentence.id, r.score]));
    const citations = ids.slice(0, 3).map((id) => this.cite(id, scoreOf.get(id)));
    // A publication-date answer is supported by the document itself, not one of its sentences.
    if (!typed.sentenceIds.length && typed.facts[0]) {
      const doc = typed.facts[0].docId;
      citations.sort((a, b) => Number(b.docId === doc) - Number(a.docId === doc));
    }
    const answer: Answer = {
      question,
      answered: true,
      answer: toScript(typed.text, q.script),
      type: q.type,
      script: q.script,
      facts: typed.facts.map((f) => localiseFact(f, q.script)),
      citations,
      nearest: [],
    };
    rememberAnswer(state, q, typed.facts, citations);
    return answer;
  }

  cite(sentenceId: number, score?: number): Citation {
    const s = this.kb.sentences[sentenceId];
    const meta = this.kb.docById.get(s.docId)?.meta;
    return {
      docId: s.docId,
      sentenceId: s.id,
      title: meta?.title ?? s.docId,
      source: meta?.source,
      author: meta?.author,
      published: meta?.published,
      sentence: s.text,
      ...(score !== undefined ? { score: Math.round(score * 1000) / 1000 } : {}),
    };
  }

  private decline(question: string, script: Script, type: QuestionType, nearest: RankedSentence[], reason: string): Answer & { missing?: string[] } {
    return {
      question,
      answered: false,
      answer: null,
      type,
      script,
      facts: [],
      citations: [],
      nearest: nearest.map((r) => this.cite(r.sentence.id, r.score)),
      reason,
    };
  }
}

/**
 * A span of the asked kind: a how-much answer has a number, a when answer a date or time word, a
 * who answer is a name (a plausible Chinese name, or a foreign one written with ·).
 */
function fitsType(span: string, type: QuestionType): boolean {
  if (type === 'howmuch') return /[0-9零〇一二两三四五六七八九十百千万亿半几数]/.test(span);
  if (type === 'where') return !/^[0-9零〇一二两三四五六七八九十]/.test(span) && !/[的了是和与及]/.test(span);
  if (type === 'when') return /[年月日号]|世纪|朝|年代|时期|季|旬|春|夏|秋|冬|上午|下午|晚上|凌晨|早上|中午|前夕|期间|时代/.test(span);
  // Names: no digits, and none of the function words and time/measure characters a phrase has
  // (补时第2分钟, 作客对阵 are not names); foreign names may run long with a ·.
  if (type === 'who') return isPlausibleName(span) || (/^[\p{Script=Han}·・]{2,12}$/u.test(span) && !/[的了在是和与及年月日时分秒第场次个于被把将向对从以为之其这那]/.test(span));
  return true;
}

/** A fact in the user's script (its verbatim sentence stays as written). */
export function localiseFact(f: Fact, script: Script): Fact {
  if (script === 'hans') return f;
  const conv = (s?: string) => (s === undefined ? s : toScript(s, script));
  return {
    ...f,
    value: toScript(f.value, script),
    titles: f.titles?.map((t) => toScript(t, script)),
    roles: f.roles?.map((t) => toScript(t, script)),
    org: conv(f.org),
    subject: conv(f.subject),
    event: conv(f.event),
    items: f.items?.map((t) => toScript(t, script)),
  };
}
