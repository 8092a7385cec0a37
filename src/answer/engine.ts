/**
 * The answering core: question in, Answer out. The bot, the terminal chat, the JSON CLI and the
 * benchmark all call this and nothing else.
 *
 * Flow: analyse (normalise, type, terms) -> follow-ups -> decline early if the question names things
 * the corpus lacks or nothing matches -> rank sentences -> candidate answers (the picker's fact, spans
 * of the top sentences, the sentence, 是/否) -> the answer policy (policy.ts) scores them: a direct
 * answer when the calibrated confidence reaches the fitted threshold, else the passages
 * ('no-direct-answer') -> render into the user's script, verbatim from the cited sentence.
 */
import type { Answer, Citation, Fact, QuestionType, Script, Sentence } from '../types.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { MemoryStore, type KnowledgeStore } from '../knowledge/store.js';
import { analyzeQuestion, containsTerm, missingTerms, sanitizeQuestion, type AnalyzedQuestion, type QuestionTerm } from '../question/analyze.js';
import { resolveFollowUp, rememberAnswer, type ChatState } from '../question/follow-up.js';
import { rankSentences, TermWeights, type RankedSentence } from './rank.js';
import { PICKERS, WHAT_PICKERS, statesAskedRoles, type PickContext, type PickResult } from './typed.js';
import { spanCandidates } from './span.js';
import { detectScript, matchingForm, toScript, toSimplified, toTraditional } from '../text/script.js';
import { metadataText } from '../knowledge/knowledge-base.js';
import {
  decide,
  loadPolicy,
  markHeuristicChoice,
  MIN_CITATION_COVERAGE,
  MIN_CITATION_SCORE_SHARE,
  MIN_CONTEXT_COVERAGE,
  NEAREST_PASSAGES,
  SPAN_SENTENCES,
  SPANS_PER_SENTENCE,
  YESNO_MIN_COVERAGE,
  type Candidate,
  type Decision,
  type FittedPolicy,
  type PolicyContext,
} from './policy.js';

export type { ChatState } from '../question/follow-up.js';

export class AnswerEngine {
  private readonly weights: TermWeights;
  /** What the engine reads of the knowledge base: nothing else (knowledge/store.ts). */
  readonly store: KnowledgeStore;
  readonly policy: FittedPolicy;

  /**
   * A knowledge base is answered through the in-process store over it. `options.policy` replaces the
   * committed policy (tests of each branch; the tune script).
   */
  constructor(source: KnowledgeBase | KnowledgeStore, options: { policy?: FittedPolicy } = {}) {
    this.policy = options.policy ?? loadPolicy();
    this.store = 'corpusText' in source ? new MemoryStore(source) : source;
    this.weights = new TermWeights(this.store);
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
    const resolved = resolveFollowUp(String(question ?? ''), state, this.store);
    const q = analyzeQuestion(resolved.question, this.store, detectScript(sanitizeQuestion(String(question ?? ''))));
    if (q.problem) return this.decline(question, q.script, q.type, [], q.problem);
    const ranked = rankSentences(this.store, q, this.weights, { preferDocId: resolved.preferDocId });
    const nearest = ranked.slice(0, NEAREST_PASSAGES);
    const missing = missingTerms(q);
    if (missing.length) {
      const out = this.decline(question, q.script, q.type, nearest, 'unknown-terms');
      out.missing = missing.map((t) => toScript(t.surface, q.script));
      return out;
    }
    if (!ranked.length || ranked[0].contextCoverage < MIN_CONTEXT_COVERAGE) return this.decline(question, q.script, q.type, nearest, 'weak-match');

    const { decision } = this.consider(q, ranked);
    if (decision.direct && decision.best) {
      const answer = this.respond(question, q, ranked, decision.best, state);
      answer.confidence = round3(decision.confidence);
      return answer;
    }
    // Passages look relevant but no candidate is right with high probability: show them, best first.
    const out = this.decline(question, q.script, q.type, this.passages(ranked, decision), 'no-direct-answer');
    if (decision.best) out.confidence = round3(decision.confidence);
    return out;
  }

  /**
   * Every candidate answer for an analysed question, and the policy's decision among them. Public for
   * the tune script, which dumps the candidates' features once and fits the policy from the dump.
   */
  consider(q: AnalyzedQuestion, ranked: RankedSentence[], policy: FittedPolicy = this.policy): { context: PolicyContext; decision: Decision } {
    const candidates = this.candidates(q, ranked);
    const context: PolicyContext = { q, ranked, candidates, docOf: (id) => this.store.sentence(id)!.docId };
    return { context, decision: decide(context, policy) };
  }

  /**
   * Why a question got the answer it got (ask --explain): every candidate with the ranker's probability
   * and the invariant it breaks, the chosen one's calibrated confidence and the threshold it is held to.
   */
  explain(question: string): Explanation | null {
    const analysed = this.analyze(question);
    if (!analysed) return null;
    const { decision } = this.consider(analysed.q, analysed.ranked);
    return {
      type: analysed.q.type,
      confidence: round3(decision.confidence),
      threshold: this.policy.directAnswerThreshold,
      ambiguous: decision.ambiguous,
      candidates: decision.scored
        .map((r) => ({
          kind: r.candidate.kind,
          text: this.answerText(r.candidate, analysed.q.script),
          probability: round3(r.probability),
          invariant: r.invariant,
          sentenceRank: r.candidate.sentenceRank,
        }))
        .sort((a, b) => b.probability - a.probability),
    };
  }

  /** Analyse and rank a question as ask() does (no follow-up state); null when ask() would decline before the policy. */
  analyze(question: string): { q: AnalyzedQuestion; ranked: RankedSentence[] } | null {
    const q = analyzeQuestion(question, this.store, detectScript(sanitizeQuestion(question)));
    if (q.problem || missingTerms(q).length) return null;
    const ranked = rankSentences(this.store, q, this.weights);
    if (!ranked.length || ranked[0].contextCoverage < MIN_CONTEXT_COVERAGE) return null;
    return { q, ranked };
  }

  /**
   * The passages of outcome (b): the top-ranked sentence first (on held-out tuning data it holds the
   * gold answer slightly more often than the declined candidate's own sentence: tune's
   * passage1TopWhenDeclined), then the best candidate's sentence, then the ranking; one per document
   * after the first when several documents match equally.
   */
  private passages(ranked: RankedSentence[], decision: Decision): RankedSentence[] {
    const out: RankedSentence[] = [];
    const add = (r: RankedSentence | undefined) => {
      if (r && out.length < NEAREST_PASSAGES && !out.includes(r)) out.push(r);
    };
    add(ranked[0]);
    // The sentence of the best candidate comes next: it holds the answer the policy was not sure of.
    if (!decision.ambiguous) add(decision.best && decision.best.sentenceRank > 0 ? ranked[decision.best.sentenceRank] : undefined);
    if (decision.ambiguous) {
      const docs = new Set(out.map((r) => r.sentence.docId));
      for (const r of ranked) {
        if (docs.has(r.sentence.docId)) continue;
        add(r);
        docs.add(r.sentence.docId);
      }
    }
    for (const r of ranked) add(r);
    return out;
  }

  /** Candidate answers: the picker's fact, the aligner's best spans of the top sentences, the best sentence, 是/否. */
  private candidates(q: AnalyzedQuestion, ranked: RankedSentence[]): Candidate[] {
    const out: Candidate[] = [];
    const rankOf = (id: number | undefined) => (id === undefined ? -1 : ranked.findIndex((r) => r.sentence.id === id));
    const typed = this.typedAnswer(q, ranked);
    // A picker that finds the question's constraint unmet (a title nobody holds) leaves no direct answer.
    if (typed && 'decline' in typed) return [];
    if (typed)
      out.push({
        kind: typed.constrained ? 'constrained' : 'fact',
        text: typed.text,
        facts: typed.facts,
        sentenceIds: typed.sentenceIds,
        sentenceRank: rankOf(typed.sentenceIds[0]),
        ...(typed.lookup ? { lookup: true } : {}),
      });
    // A span needs a question word to align with; lists and yes/no questions are not one phrase.
    const asks = /[谁什哪几多何怎啥吗么呢否]/.test(q.matching) && q.type !== 'list' && q.type !== 'yesno';
    if (asks) {
      ranked.slice(0, SPAN_SENTENCES).forEach((r, i) => {
        if (r.contextCoverage < MIN_CONTEXT_COVERAGE) return;
        // 编辑是谁: a sentence about the reporter names no editor; only one stating the asked role or title can.
        if (q.type === 'who' && !statesAskedRoles(q, r.sentence.simplified)) return;
        for (const span of spanCandidates(q.matching, r.sentence.simplified, q.type, SPANS_PER_SENTENCE)) {
          out.push({ kind: 'span', text: span.text, span, facts: this.sentenceFacts(r.sentence.id), sentenceIds: [r.sentence.id], sentenceRank: i });
        }
      });
    }
    const best = ranked[0];
    // Which ones, and no extracted list: the enumeration the best sentences write out (A、B、C).
    if (q.type === 'list' && !out.length) {
      for (const [i, r] of ranked.slice(0, SPAN_SENTENCES).entries()) {
        const items = enumerationIn(r.sentence.simplified);
        if (!items) continue;
        const fact: Fact = { type: 'list', value: items.join('、'), items, docId: r.sentence.docId, sentenceId: r.sentence.id, sentence: r.sentence.text };
        out.push({ kind: 'fact', text: fact.value, facts: [fact], sentenceIds: [r.sentence.id], sentenceRank: i });
      }
    }
    if (q.type === 'yesno') {
      const said = statedYesNo(q, best);
      if (said) out.push({ kind: said, text: said === 'yes' ? '是' : '否', facts: this.sentenceFacts(best.sentence.id), sentenceIds: [best.sentence.id], sentenceRank: 0 });
    } else {
      out.push({ kind: 'sentence', text: best.sentence.simplified, facts: this.sentenceFacts(best.sentence.id), sentenceIds: [best.sentence.id], sentenceRank: 0 });
    }
    markHeuristicChoice(out, ranked, q);
    // The names, places, years and ordinals the question is about must be in the answer's own
    // document: 星海科技2022年的营收 is not answered from a report that only mentions 2023.
    return out
      .filter((c) => {
        const docId = c.facts[0]?.docId ?? (c.sentenceIds[0] !== undefined ? this.store.sentence(c.sentenceIds[0])!.docId : undefined);
        return docId === undefined || !q.terms.some((t) => t.inCorpus && isNamedTerm(t) && !containsTerm(this.documentText(docId), t));
      })
      .filter((c) => c.kind === 'yes' || c.kind === 'no' || this.verbatim(c) !== null);
  }

  /** A candidate's text as ask() would answer it: verbatim from its sentence, in the asker's script. */
  answerText(c: Candidate, script: Script): string {
    return inScript(this.verbatim(c) ?? c.text, script);
  }

  /** The candidate as written in its first cited sentence (characters and punctuation), or null when it is not a piece of it. */
  private verbatim(c: Candidate): string | null {
    const id = c.sentenceIds[0];
    if (id === undefined) return c.text; // the document's own metadata (publication date, source)
    const s = this.store.sentence(id)!;
    const whole = verbatimPiece(c.text, s);
    if (whole !== null) return whole;
    // A date fact is written as an ISO date; the sentence may leave the year to the document (3月14日).
    const date = c.facts[0]?.type === 'date' ? /^(?:\d{4}|-)-(\d{2})-(\d{2})/.exec(c.facts[0].value) : null;
    if (date) {
      for (const form of [`${Number(date[1])}月${Number(date[2])}日`, `${Number(date[1])}月${Number(date[2])}号`]) {
        const piece = verbatimPiece(form, s);
        if (piece !== null) return piece;
      }
    }
    // A fact's items or titles joined by 、 (a list, a title chain): each one as written in the sentence,
    // or, for a list whose items follow in the ；-separated sentences of its paragraph (六个“回头看”：A…；B…；),
    // in one of those.
    if (c.facts.length && c.text.includes('、')) {
      const run = c.facts[0].type === 'list' ? this.paragraphFrom(id) : [s];
      const parts = c.text.split('、').map((part) => run.reduce<string | null>((found, sentence) => found ?? verbatimPiece(part, sentence), null));
      if (parts.every((p) => p !== null)) return parts.join('、');
    }
    // A byline fact (作者, 记者): written in the document's metadata, which the citation carries.
    const meta = this.store.document(s.docId);
    if ((c.facts.length || c.lookup) && meta && matchingForm(metadataText({ meta }) + ' ' + meta.title).includes(c.text)) return c.text;
    return null;
  }

  /** A sentence and the ones after it in the same paragraph. */
  private paragraphFrom(id: number): Sentence[] {
    const first = this.store.sentence(id);
    const out: Sentence[] = [];
    // A paragraph's sentences have contiguous ids.
    for (let k = id, t = first; t && first && t.docId === first.docId && t.paragraph === first.paragraph; t = this.store.sentence(++k)) out.push(t);
    return out;
  }

  private readonly docTextCache = new Map<string, string>();

  /** A document's whole text in matching form, with its title and byline. */
  private documentText(docId: string): string {
    let text = this.docTextCache.get(docId);
    if (text === undefined) {
      const meta = this.store.document(docId);
      const ids = this.store.sentenceIdsOf(docId);
      text = (meta ? matchingForm(meta.title) + '\n' + metadataText({ meta }) + '\n' : '') + ids.map((id) => this.store.sentence(id)!.simplified).join('\n');
      if (this.docTextCache.size > 2000) this.docTextCache.clear();
      this.docTextCache.set(docId, text);
    }
    return text;
  }

  /** The facts shown with a passage's answer: its first three, positions left out (its people carry their titles). */
  private sentenceFacts(sentenceId: number): Fact[] {
    return this.store
      .factsOfSentence(sentenceId)
      .filter((f) => f.type !== 'position')
      .slice(0, 3);
  }

  private typedAnswer(q: AnalyzedQuestion, ranked: RankedSentence[]): PickResult {
    const ctx: PickContext = { store: this.store, q, ranked, weights: this.weights };
    if (q.type === 'what' || q.type === 'open' || q.type === 'unknown') {
      for (const pick of WHAT_PICKERS) {
        const found = pick(ctx);
        if (found) return found;
      }
      return null;
    }
    return PICKERS[q.type]?.(ctx) ?? null;
  }

  private respond(question: string, q: AnalyzedQuestion, ranked: RankedSentence[], typed: Candidate, state: ChatState): Answer {
    const ids: number[] = [];
    for (const id of typed.sentenceIds) if (!ids.includes(id)) ids.push(id);
    for (const r of ranked) {
      if (ids.length >= 3) break;
      // Further citations must support the answer on their own, not through their paragraph.
      if (!ids.includes(r.sentence.id) && r.coverage >= MIN_CITATION_COVERAGE && r.score >= ranked[0].score * MIN_CITATION_SCORE_SHARE) ids.push(r.sentence.id);
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
      answer: this.answerText(typed, q.script),
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
    const s = this.store.sentence(sentenceId)!;
    const meta = this.store.document(s.docId);
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

/** Names, places, organisations, years, titles and ordinals: what the answering document must mention. */
function isNamedTerm(t: QuestionTerm): boolean {
  return t.tag === 'year' || t.tag === 'title' || /^(ns|nr|nt|eng)$/.test(t.tag) || /^第/.test(t.text);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A piece of the document converted only to the asker's script (punctuation and digits stay as written). */
function inScript(verbatim: string, script: Script): string {
  return script === 'hant' ? toTraditional(verbatim) : toSimplified(verbatim);
}

/**
 * The piece of a sentence's verbatim text that reads as `answer` in matching form, or null. Matching
 * form is Simplified and half-width: mostly the same length as the text, so offsets carry over.
 */
export function verbatimPiece(answer: string, s: Sentence): string | null {
  const at = s.simplified.indexOf(answer);
  if (at < 0) return null;
  if (s.text.length === s.simplified.length) return s.text.slice(at, at + answer.length);
  // Conversion changed a length somewhere: look for the stretch of the text that converts to the answer.
  for (let from = Math.max(0, at - 4); from <= Math.min(s.text.length - 1, at + 4); from++) {
    for (let len = Math.max(1, answer.length - 2); len <= answer.length + 2 && from + len <= s.text.length; len++) {
      const piece = s.text.slice(from, from + len);
      if (matchingForm(piece) === answer) return piece;
    }
  }
  return null;
}

/** Longest item of an enumeration read from running text. */
const MAX_ITEM_CHARS = 12;

/** The longest run of 、-separated short items in a sentence (at least three), or null. */
/** What ask --explain shows. */
export interface Explanation {
  type: string;
  confidence: number;
  threshold: number;
  ambiguous: boolean;
  candidates: { kind: string; text: string; probability: number; invariant: string | null; sentenceRank: number }[];
}

export function enumerationIn(sentence: string): string[] | null {
  let best: string[] | null = null;
  for (const clause of sentence.split(/[，。；：:;,！？!?（）()“”"]/)) {
    const items = clause.split('、').map((x) => x.trim());
    if (items.length < 3) continue;
    const ok = items.every((x) => x.length >= 1 && x.length <= MAX_ITEM_CHARS);
    if (ok && (!best || items.length > best.length)) best = items;
  }
  return best;
}

/** Negation words a statement of the opposite would carry (不得, 未, 没有…). */
const NEGATION = /不|没|未|无|非|禁止|停止|取消|驳回/;

/**
 * What the best sentence states about a yes/no question: 'yes' when it states every word of the
 * question without a negation the question lacks, 'no' when it states every word with one; otherwise
 * nothing is stated (the passages are shown).
 */
export function statedYesNo(q: AnalyzedQuestion, best: RankedSentence): 'yes' | 'no' | null {
  const terms = q.terms.filter((t) => t.inCorpus);
  if (terms.length < 2 || terms.length < q.terms.length || best.coverage < YESNO_MIN_COVERAGE) return null;
  const asked = q.matching.replace(/是否|是不是|有没有|能不能|会不会|可不可以|否/g, '');
  const negated = NEGATION.test(best.sentence.simplified.replace(/不仅|无论|并非只/g, '')) && !NEGATION.test(asked);
  return negated ? 'no' : 'yes';
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
    holder: conv(f.holder),
    subject: conv(f.subject),
    event: conv(f.event),
    items: f.items?.map((t) => toScript(t, script)),
  };
}
