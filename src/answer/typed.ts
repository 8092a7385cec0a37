/**
 * Typed answers: given the ranked sentences, pick the fact of the asked type that the best passages
 * support and that fits what the question names (a title, a role, a place, a measured thing).
 * Each picker returns null when no fact fits: the engine then falls back or declines, never guesses.
 */
import type { Fact, FactType, QuestionType } from '../types.js';
import { metadataText } from '../knowledge/knowledge-base.js';
import type { KnowledgeStore } from '../knowledge/store.js';
import type { AnalyzedQuestion } from '../question/analyze.js';
import { ENDS_IN_TITLE_WORD as TITLE_HEAD } from '../question/analyze.js';
import { ORDINAL_QUESTION } from '../question/classify.js';
import { paragraphOf, type RankedSentence, type TermWeights } from './rank.js';
import { matchingForm } from '../text/script.js';
import { extractSpan } from './span.js';
import { TITLE_HEAD_WORDS as TITLE_HEADS } from '../facts/index.js';
import { findAmounts, fitsUnit, wantedUnit } from './amounts.js';

export interface TypedAnswer {
  /** The direct answer, Simplified. */
  text: string;
  /** Facts that support it. */
  facts: Fact[];
  /** Sentence ids to cite first. */
  sentenceIds: number[];
  /**
   * The answer meets an explicit constraint of the question (a title or role asked for, the person
   * named, the document's own date): it stands even when its sentence is not the best-ranked one.
   */
  constrained?: boolean;
  /**
   * Not a reading of the text but a lookup the picker has verified: a field of the byline of the one
   * document the question names (its author, editor), or the items of the enumeration the question
   * names by the document's own counted label (六个“回头看”包括哪些 over 六个“回头看”：A；B；…, as many
   * items as the count says, and no other document has that label).
   */
  lookup?: boolean;
}

/** A picker's verdict that the question's constraints cannot be met: decline, do not fall back to a sentence. */
export const DECLINE = { decline: true } as const;
export type PickResult = TypedAnswer | typeof DECLINE | null;

export interface PickContext {
  store: KnowledgeStore;
  q: AnalyzedQuestion;
  ranked: RankedSentence[];
  weights: TermWeights;
}

/** Role words a question may ask about, with the title/role words in documents that satisfy them. */
const ROLE_SYNONYMS: Record<string, string[]> = {
  作者: ['作者', '记者', '撰稿', '撰文', '文'],
  记者: ['记者', '作者'],
  撰稿人: ['作者', '记者'],
  编辑: ['编辑'],
  责编: ['责编', '责任编辑'],
  责任编辑: ['责编', '责任编辑'],
  主持人: ['主持'],
  主持: ['主持'],
  讲话: ['讲话', '强调', '指出'],
  发言: ['讲话', '发言', '表示', '作新闻发布'],
  出席: ['出席', '参加'],
  参加: ['出席', '参加'],
};

const rankOf = (ctx: PickContext) => {
  const m = new Map<number, number>();
  ctx.ranked.forEach((r, i) => {
    m.set(r.sentence.id, r.score * (1 - i * 0.02));
  });
  return m;
};

/** The question's content terms that are not the wanted answer itself. */
function constraintTerms(ctx: PickContext) {
  return ctx.q.terms.filter((t) => t.inCorpus);
}

/** Text describing a person fact, for matching against the question's words. */
function personDescriptor(store: KnowledgeStore, f: Fact): string {
  const meta = store.document(f.docId);
  const org = f.org ?? '';
  const titles = (f.titles ?? []).map((t) => org + t + ' ' + t).join(' ');
  return [titles, (f.roles ?? []).join(' '), org, meta ? matchingForm([meta.title, meta.originalTitle ?? '', meta.source ?? ''].join(' ')) : ''].join(' ');
}

/** A title in a document satisfies a title the question names: same head, and not a deputy (副市长 is not 市长). */
export function titleSatisfies(title: string, asked: string): boolean {
  if (title === asked) return true;
  if (!title.endsWith(asked)) return title.includes(asked) && !TITLE_HEAD.test(asked);
  const before = title.slice(0, title.length - asked.length);
  return !/(副|常务副|代理|原|前)$/.test(before);
}

function docFacts(ctx: PickContext, types: FactType[], sentenceIds?: Set<number>): Fact[] {
  const docs = [...new Set(ctx.ranked.slice(0, 8).map((r) => r.sentence.docId))];
  const out: Fact[] = [];
  for (const d of docs) for (const f of ctx.store.factsOfDocument(d)) if (types.includes(f.type) && (!sentenceIds || sentenceIds.has(f.sentenceId))) out.push(f);
  return out;
}

/**
 * The titles and roles a who-question asks the person to hold (谁是市长, 编辑是谁, 由谁主持), each as
 * the words a document may use for it; empty when it names none.
 */
export function askedRoles(q: AnalyzedQuestion): string[][] {
  const out: string[][] = [];
  for (const t of q.terms) {
    if (ROLE_SYNONYMS[t.text]) out.push(ROLE_SYNONYMS[t.text]);
    else if (TITLE_HEAD.test(t.text)) out.push([t.text]);
  }
  return out;
}

/** Does a sentence state every title or role the question asks about (a span of it can then name the holder)? */
export function statesAskedRoles(q: AnalyzedQuestion, sentence: string): boolean {
  return askedRoles(q).every((alternatives) => alternatives.some((a) => sentence.includes(a)));
}

/** The byline fields a question can ask for (这篇报道的作者是谁, 那篇文章是谁写的, 编辑是谁), most specific first. */
const BYLINE_FIELDS: { field: 'responsibleEditor' | 'editor' | 'author'; asked: RegExp }[] = [
  { field: 'responsibleEditor', asked: /责任编辑|责编/ },
  { field: 'editor', asked: /编辑/ },
  { field: 'author', asked: /作者|记者|撰稿|谁写|执笔|采写|撰写|谁报道/ },
];

/**
 * 那篇关于铁岭的报道是谁写的, 中央社记者是谁, 辽宁日报那篇文章的编辑是谁: a question about the byline of
 * one document. It asks a byline field, and names the document: with a word for it (报道, 文章) and the
 * names and places of its title, byline or text; or without one, by names its title or byline state
 * (中央社, 辽宁日报). Only documents whose byline has the asked field count. `asks` says whether the
 * question is about a byline at all; `result` is the field of the one document it points to, DECLINE
 * when several fit equally (这篇报道 over many documents: which one is not known), null otherwise.
 */
export function pickByline(ctx: PickContext): { asks: boolean; result: PickResult } {
  const none = { asks: false, result: null };
  const q = ctx.q.matching.replace(/新闻(发布会|中心|办公室|办)/g, ''); // 新闻发布会 is an event, not the document
  const asked = BYLINE_FIELDS.find((b) => b.asked.test(q));
  if (!asked) return none;
  const documentWord = DOCUMENT_WORD.test(q);
  // What names the document: the question's other words (places, outlets, topics), not the field or the document word.
  const named = ctx.q.terms.filter((t) => t.inCorpus && Array.from(t.text).length >= 2 && !DOCUMENT_WORD.test(t.text) && !BYLINE_FIELDS.some((b) => b.asked.test(t.text))).map((t) => t.text);
  // Only documents whose byline has the field can be meant (《红楼梦》的作者 asks about a book, not a byline).
  const documents = ctx.store.documents().filter((d) => d[asked.field]);
  if (!documents.length) return none;
  let pointed = named.length ? documents.filter((d) => named.every((n) => matchingForm(d.title + ' ' + metadataText({ meta: d })).includes(n))) : documentWord ? documents : [];
  if (!documentWord && !pointed.length) return none;
  if (named.length && !pointed.length) {
    // No title or byline names them: the one document whose text does.
    const holding = named.map((n) => new Set(ctx.store.sentencesContaining(n).map((s) => s.docId)));
    pointed = documents.filter((d) => holding.every((docs) => docs.has(d.id)));
  }
  if (pointed.length > 1) return { asks: true, result: DECLINE };
  if (!pointed.length) return { asks: true, result: null };
  const meta = pointed[0];
  const value = meta[asked.field]!;
  // Cited with the document's best-ranked sentence (the citation carries the byline), else its first.
  const cite = ctx.ranked.find((r) => r.sentence.docId === meta.id)?.sentence.id ?? ctx.store.sentenceIdsOf(meta.id)[0];
  return { asks: true, result: { text: matchingForm(value), facts: [], sentenceIds: cite === undefined ? [] : [cite], constrained: true, lookup: true } };
}

/** The document's byline (reporter, editors) in matching form. */
function bylineNames(store: KnowledgeStore, docId: string): string {
  const meta = store.document(docId);
  return meta ? matchingForm([meta.author, meta.editor, meta.responsibleEditor].filter(Boolean).join(' ')) : '';
}

export function pickPerson(ctx: PickContext): PickResult {
  const byline = pickByline(ctx);
  if (byline.result) return byline.result;
  // Unless the question is about a byline, a byline's people (the reporter, the editor) are not who it
  // means (新闻发布会上哪位记者提问).
  const asksByline = byline.asks;
  const rank = rankOf(ctx);
  const terms = constraintTerms(ctx);
  // Title and role words the question names must be satisfied by the person's titles or roles.
  const required: string[][] = [];
  const askedTitles: string[] = [];
  for (const t of ctx.q.terms) {
    if (ROLE_SYNONYMS[t.text]) required.push(ROLE_SYNONYMS[t.text]);
    else if (TITLE_HEAD.test(t.text)) askedTitles.push(t.text);
  }
  // 副市长 asked: 市长 (a piece of it) is not a second requirement.
  // 谁写的 / 由谁撰写: the author, whatever the byline calls them.
  if (/写|执笔|撰稿|采写/.test(ctx.q.matching)) required.push(ROLE_SYNONYMS['作者']);
  const namedEntities = ctx.q.terms.filter((t) => t.inCorpus && /^(ns|nr|nt)$/.test(t.tag)).map((t) => t.text);
  const titlesAsked = askedTitles.filter((a) => !askedTitles.some((b) => b !== a && b.includes(a)));
  const docRank = new Map<string, number>();
  for (const r of ctx.ranked) docRank.set(r.sentence.docId, Math.max(docRank.get(r.sentence.docId) ?? 0, r.score));
  let best: { f: Fact; score: number } | null = null;
  for (const f of docFacts(ctx, ['person'])) {
    // A person named only in the byline (their fact's sentence is an anchor that does not name them).
    if (!asksByline && !matchingForm(f.sentence ?? '').includes(f.value) && bylineNames(ctx.store, f.docId).includes(f.value)) continue;
    const desc = personDescriptor(ctx.store, f);
    // Roles are the person's own: their titles, roles and clause, not the document's title.
    const own = [(f.titles ?? []).join(' '), (f.roles ?? []).join(' '), clauseOf(matchingForm(f.sentence), f.value)].join(' ');
    if (!required.every((alts) => alts.some((a) => own.includes(a)))) continue;
    const titles = (f.titles ?? []).flatMap((t) => [t, (f.org ?? '') + t]);
    if (!titlesAsked.every((asked) => titles.some((t) => titleSatisfies(t, asked)))) continue;
    if (ctx.q.matching.includes(f.value)) continue; // the question names this person: it asks for someone else
    // How much of the question this person's sentence, titles and document title cover.
    const context = desc + ' ' + clauseOf(matchingForm(f.sentence), f.value);
    // Names and places in the question qualify the person (沈阳市委书记 is not 铁岭's).
    if (!namedEntities.every((e) => context.includes(e))) continue;
    let covered = 0;
    let total = 0;
    for (const t of terms) {
      const w = ctx.weights.idf(t.text);
      total += w;
      if (context.includes(t.text) || ROLE_SYNONYMS[t.text]?.some((r) => context.includes(r))) covered += w;
    }
    const coverage = total ? covered / total : 0;
    // Holding the asked title or role is not enough: the person's context must be about the question.
    if (coverage < 0.5) continue;
    const s = coverage + 0.3 * (rank.get(f.sentenceId) ?? 0) + 0.2 * (docRank.get(f.docId) ?? 0);
    if (!best || s > best.score) best = { f, score: s };
  }
  // The question names a title or role nobody in the passages holds: the documents don't say who.
  if (!best) return titlesAsked.length || required.length ? personBySpan(ctx, titlesAsked, required, namedEntities) : null;
  return { text: best.f.value, facts: [best.f], sentenceIds: [best.f.sentenceId], constrained: titlesAsked.length > 0 || required.length > 0 };
}

/**
 * No extracted person holds the asked title or role. A sentence that states the title or role itself
 * (馆长为陈志远, 董事长是王敏, 编辑：王巍) may still name the holder: take the name the span reader finds there. Otherwise the
 * documents do not say who holds it.
 */
/** What a name the aligner finds must not be: a place or organisation some document names. */
const PLACE_TYPES: FactType[] = ['place', 'organization'];

function personBySpan(ctx: PickContext, titles: string[], roles: string[][], namedEntities: string[]): PickResult {
  for (const r of ctx.ranked.slice(0, 5)) {
    const text = r.sentence.simplified;
    // The names and places of the question must be in the sentence's paragraph or document title.
    const context = paragraphOf(ctx.store, r.sentence) + matchingForm(ctx.store.document(r.sentence.docId)?.title ?? '');
    if (!namedEntities.every((e) => context.includes(e))) continue;
    // The sentence states the asked title, and the asked role (编辑 asked: a sentence about the 记者 does not say who edited).
    const held =
      titles.every((t) => {
        const at = text.indexOf(t);
        return at >= 0 && titleSatisfies(text.slice(Math.max(0, at - 4), at + t.length), t);
      }) && roles.every((alternatives) => alternatives.some((a) => text.includes(a)));
    if (!held || r.contextCoverage < 0.5) continue;
    const span = extractSpan(ctx.q.matching, text, 'who');
    if (span && Array.from(span).length <= 8 && !ctx.store.isFactValue(PLACE_TYPES, span) && !namedEntities.includes(span))
      return { text: span, facts: [], constrained: true, sentenceIds: [r.sentence.id] };
  }
  return DECLINE;
}

/**
 * The clause of a sentence that names a person: in 甲主持会议，乙作有关传达 the words about 乙 are
 * in the second clause only.
 */
function clauseOf(sentence: string, name: string): string {
  const clauses = sentence.split(/[，,；;。]/);
  return clauses.find((c) => c.includes(name)) ?? sentence;
}

/** Titles joined in order while the answer stays short; the full chain stays in the fact. */
function shortTitles(titles: string[], max = 20): string {
  const out: string[] = [];
  for (const t of titles) {
    if (out.length && out.join('、').length + t.length + 1 > max) break;
    out.push(t);
  }
  return out.join('、');
}

export function pickTitle(ctx: PickContext): PickResult {
  const people = ctx.store.factsNamedIn('person', ctx.q.matching).filter((f) => f.titles?.length);
  // A title question is answered by a title or not at all.
  if (!people.length) return titleBeforeName(ctx) ?? DECLINE;
  const rank = rankOf(ctx);
  people.sort((a, b) => (rank.get(b.sentenceId) ?? 0) - (rank.get(a.sentenceId) ?? 0) || (b.titles?.length ?? 0) - (a.titles?.length ?? 0));
  const f = people[0];
  return { text: shortTitles(f.titles ?? []), facts: [f], constrained: true, sentenceIds: [f.sentenceId] };
}

const TITLE_ENDING = new RegExp(`(?:${[...TITLE_HEADS].sort((a, b) => b.length - a.length).join('|')}|官|长|主任|总监|总裁|经理)$`);

/**
 * The person the question names was not extracted: read the title written just before the name in
 * the best sentence that has it (副总裁兼首席技术官蒋明远; 副市长刘婷、孙卫东 shares its title).
 */
function titleBeforeName(ctx: PickContext): TypedAnswer | null {
  // The name is what the question starts with (jieba may cut an unknown name apart: 蒋 / 明远).
  const name = /^([\p{Script=Han}·]{2,6}?)(?:的)?(?:担任|现任|任|是|有)/u.exec(ctx.q.matching)?.[1];
  if (!name || !ctx.store.includes(name)) return null;
  const ranked = new Set(ctx.ranked.map((r) => r.sentence.id));
  const withName = ctx.store.sentencesContaining(name);
  withName.sort((a, b) => Number(ranked.has(b.id)) - Number(ranked.has(a.id)));
  for (const sentence of withName.slice(0, 10)) {
    const text = sentence.simplified;
    const at = text.indexOf(name);
    let chunk =
      text
        .slice(0, at)
        .split(/[，。；：,;:（(“”]/)
        .pop() ?? '';
    // 副市长刘婷、孙卫东: the name is the second of a list that shares the title before the first.
    if (chunk.endsWith('、')) {
      const previous = chunk.slice(0, -1);
      chunk = [2, 3].map((n) => previous.slice(0, -n)).find((rest) => TITLE_ENDING.test(rest)) ?? '';
    }
    const title = chunk.split('、').pop() ?? '';
    if (title && TITLE_ENDING.test(title)) return { text: title, facts: [], sentenceIds: [sentence.id], constrained: true };
  }
  return null;
}

/** The question asks when the document itself came out: a word for the document and a word for publishing. */
const PUBLICATION_CUE = /(发布|发表|刊发|刊登|发稿|刊出|出版|发出|印发)/;
const DOCUMENT_WORD = /文章|报道|报导|新闻|稿件|消息|本文|这篇|那篇|该文|此文|原文|通知|公告|通报|文件|简报/;

function pickByScore(ctx: PickContext, candidates: Fact[], extra: (f: Fact) => number): Fact | null {
  const rank = rankOf(ctx);
  let best: { f: Fact; s: number } | null = null;
  for (const f of candidates) {
    const r = rank.get(f.sentenceId);
    if (r === undefined) continue;
    const s = r + extra(f);
    if (!best || s > best.s) best = { f, s };
  }
  return best?.f ?? null;
}

function overlap(ctx: PickContext, text: string | undefined): number {
  if (!text) return 0;
  let s = 0;
  let total = 0;
  for (const t of constraintTerms(ctx)) {
    const w = ctx.weights.idf(t.text);
    total += w;
    if (text.includes(t.text)) s += w;
  }
  return total ? s / total : 0;
}

/** ISO dates as a Chinese reader writes them; a date whose year is unknown (--09-02) has none. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  const yearless = /^--(\d{2})-(\d{2})/.exec(iso);
  if (yearless) return `${Number(yearless[1])}月${Number(yearless[2])}日`;
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return iso;
}

export function pickDate(ctx: PickContext): TypedAnswer | null {
  const dates = docFacts(ctx, ['date']);
  const asksPublication = PUBLICATION_CUE.test(ctx.q.matching.replace(/发布会/g, '会议')) && DOCUMENT_WORD.test(ctx.q.matching);
  if (asksPublication) {
    // Which document: the one whose title and byline cover the question best.
    const pub = ctx.store.factsOfType('date', '发布');
    let best: { f: Fact; s: number } | null = null;
    for (const f of pub) {
      const meta = ctx.store.document(f.docId);
      if (!meta) continue;
      const s = overlap(ctx, matchingForm(meta.title) + ' ' + metadataText({ meta })) + 0.1 * (ctx.ranked[0]?.sentence.docId === f.docId ? 1 : 0);
      if (!best || s > best.s) best = { f, s };
    }
    if (best) return { text: formatDate(best.f.value), facts: [best.f], constrained: true, sentenceIds: [] };
  }
  const f = pickByScore(
    ctx,
    dates.filter((d) => d.event !== '发布'),
    (d) => 0.3 * overlap(ctx, d.event),
  );
  if (!f) return null;
  return { text: formatDate(f.value), facts: [f], sentenceIds: [f.sentenceId] };
}

export function pickPlace(ctx: PickContext): TypedAnswer | null {
  const places = docFacts(ctx, ['place', 'organization']).filter((f) => !ctx.q.matching.includes(f.value));
  const f = pickByScore(ctx, places, (p) => (p.type === 'place' ? 0.1 : 0) + (p.event ? 0.2 : 0) + 0.2 * overlap(ctx, p.event));
  if (!f) return null;
  return { text: f.value, facts: [f], sentenceIds: [f.sentenceId] };
}

/** Which figure types a how-much question wants, from its wording. */
function figureTypes(q: string): FactType[] {
  if (/等级|级别|档次|评级|评估结果|考核结果/.test(q)) return ['grade', 'score'];
  if (/百分|比例|比率|率|满意度|占比|几成/.test(q)) return ['percentage', 'score', 'count'];
  if (/几分|多少分|得分|分数|评分|评估|考核|打分/.test(q)) return ['score', 'grade', 'percentage'];
  if (ORDINAL_QUESTION.test(q) || /几次会/.test(q)) return ['ordinal'];
  if (/多久|多长时间|几个月|几年|几天|多少天|多少年/.test(q)) return ['duration'];
  if (/等级|结果|水平|级别/.test(q)) return ['grade', 'score'];
  return ALL_FIGURES;
}

/** An ordinal answers 第几, never 多少: it is not among the figures a plain how-much question takes. */
const ALL_FIGURES: FactType[] = ['percentage', 'score', 'count', 'duration', 'grade'];

export function pickFigure(ctx: PickContext): PickResult {
  const wanted = figureTypes(ctx.q.matching);
  // Grades (优) and ordinals (第六次) are words, not amounts: only extracted facts carry them.
  if (wanted[0] === 'grade' || wanted[0] === 'ordinal') return pickFigureFact(ctx, wanted);
  const amount = pickAmount(ctx);
  if (amount) return amount;
  // The question names a unit (多少例, 几岁, 多少钱) that no passage has: the documents don't say.
  if (wantedUnit(ctx.q.matching)) return DECLINE;
  return pickFigureFact(ctx, wanted);
}

/**
 * The amount in the best sentences that has the unit the question asks for (多少例 -> 例, 营收 ->
 * money) and stands closest after the question's words (营业收入86.35亿元), as a reader finds it.
 */
function pickAmount(ctx: PickContext): TypedAnswer | null {
  const unit = wantedUnit(ctx.q.matching);
  const terms = ctx.q.terms.filter((t) => t.inCorpus);
  const idfs = terms.map((t) => ctx.weights.idf(t.text));
  const maxIdf = Math.max(1e-9, ...idfs);
  let best: { s: number; text: string; r: RankedSentence; near: string } | null = null;
  for (const r of withContinuations(ctx, ctx.ranked.slice(0, 5))) {
    if (r.score < ctx.ranked[0].score * 0.5) continue;
    const text = r.sentence.simplified;
    for (const a of findAmounts(text)) {
      if (!fitsUnit(a, unit) || ctx.q.matching.includes(a.text)) continue;
      // Nearness to the question's words: a word just before the amount counts most.
      let near = 0;
      let nearTerm = '';
      terms.forEach((t, i) => {
        for (let at = text.indexOf(t.text); at >= 0; at = text.indexOf(t.text, at + 1)) {
          const gap = a.index >= at + t.text.length ? a.index - (at + t.text.length) : 2 * (at - a.index - a.text.length) + 8;
          const v = idfs[i] / maxIdf / (1 + Math.max(0, gap) / 4);
          if (v > near) {
            near = v;
            nearTerm = t.text;
          }
        }
      });
      const s = r.score + 0.5 * near;
      if (!best || s > best.s) best = { s, text: a.text, r, near: nearTerm };
    }
  }
  if (!best) return null;
  const id = best.r.sentence.id;
  const known = ctx.store.factsOfSentence(id).find((f) => f.type !== 'position' && (f.value === best!.text || f.value.includes(best!.text)));
  const fact: Fact = known ?? {
    type: /%|％|百分点/.test(best.text) ? 'percentage' : 'amount',
    value: best.text,
    ...(best.near ? { subject: best.near } : {}),
    docId: best.r.sentence.docId,
    sentenceId: id,
    sentence: best.r.sentence.text,
  };
  return { text: best.text, facts: [fact], sentenceIds: [id], constrained: unit !== null };
}

/**
 * The best sentences, each followed by the next sentence of its paragraph (at a lower score): a figure
 * often sits in the sentence after the one that names its subject (该项目总投资约42.6亿元; 死亡9人 after ；).
 */
function withContinuations(ctx: PickContext, top: RankedSentence[]): RankedSentence[] {
  const out: RankedSentence[] = [];
  const seen = new Set<number>();
  for (const r of top) {
    if (!seen.has(r.sentence.id)) {
      out.push(r);
      seen.add(r.sentence.id);
    }
    const next = ctx.store.sentence(r.sentence.id + 1);
    if (next && next.docId === r.sentence.docId && next.paragraph === r.sentence.paragraph && !seen.has(next.id)) {
      out.push({ ...r, sentence: next, score: r.score * 0.8 });
      seen.add(next.id);
    }
  }
  return out;
}

function pickFigureFact(ctx: PickContext, wanted: FactType[]): TypedAnswer | null {
  const figures = docFacts(ctx, wanted);
  const f = pickByScore(ctx, figures, (x) => 0.6 * overlap(ctx, x.subject) + (x.type === wanted[0] ? 0.1 : 0));
  if (!f) return null;
  // A figure of the one kind the wording asks for (多长时间 -> a duration), measuring something the
  // question names, is a constrained answer; a figure of any kind is not.
  const specific = wanted.length < ALL_FIGURES.length && f.type === wanted[0] && overlap(ctx, f.subject) > 0;
  return { text: f.value, facts: [f], sentenceIds: [f.sentenceId], constrained: specific };
}

export function pickList(ctx: PickContext): TypedAnswer | null {
  const lists = docFacts(ctx, ['list']).filter((f) => f.items?.length);
  const f = pickByScore(ctx, lists, (x) => 0.5 * overlap(ctx, [x.value, x.subject, ...(x.items ?? [])].join(' ')));
  if (!f) return null;
  // 六个“回头看”包括哪些: the question names the count phrase itself, and the extractor only keeps a
  // list whose items match its count: the question's constraint is met.
  const named = ctx.q.matching.includes(matchingForm(f.value));
  // The document's own label for it, and no other document's: the question names that enumeration
  // and nothing else, and its items are counted (a lookup, like a byline field).
  const labelled = named && COUNT_PHRASE.test(f.value) && ctx.store.factsOfType('list').every((o) => o.docId === f.docId || !ctx.q.matching.includes(matchingForm(o.value)));
  return { text: (f.items ?? []).join('、'), facts: [f], sentenceIds: [f.sentenceId], ...(named ? { constrained: true } : {}), ...(labelled ? { lookup: true } : {}) };
}

/** 某人做了什么 / 在会上干了什么: the roles the person played. */
const DID_WHAT = /(做|干|作|负责)(了)?(些)?(什么|啥|哪些)/;

export function pickRoles(ctx: PickContext): TypedAnswer | null {
  if (!DID_WHAT.test(ctx.q.matching)) return null;
  const people = ctx.store.factsNamedIn('person', ctx.q.matching).filter((f) => f.roles?.length);
  if (!people.length) return null;
  const rank = rankOf(ctx);
  people.sort((a, b) => (rank.get(b.sentenceId) ?? 0) - (rank.get(a.sentenceId) ?? 0));
  const f = people[0];
  return { text: (f.roles ?? []).join('、'), facts: [f], constrained: true, sentenceIds: [f.sentenceId] };
}

/** A count phrase in the question (六项重点工作, 三个环节) points at an enumeration. */
const COUNT_PHRASE = /[一二三四五六七八九十两\d]+[个项条点大种类批方面环节]/;

export function pickListByCount(ctx: PickContext): TypedAnswer | null {
  if (!COUNT_PHRASE.test(ctx.q.matching)) return null;
  const list = pickList(ctx);
  return list && { ...list, constrained: true };
}

/** 哪个单位发布的 / 来源是哪里: the publisher in the byline of the best-matching document. */
const SOURCE_QUESTION = /(哪个|哪家|什么|何)(单位|机构|部门|媒体|报纸|报社|网站|网|平台)|来源|出处|谁发布|谁发出|谁印发/;
const PUBLISH_VERB = /发布|发表|刊发|刊登|报道|发出|印发|来源|出处|出自/;

export function pickSource(ctx: PickContext): TypedAnswer | null {
  if (!SOURCE_QUESTION.test(ctx.q.matching) || !PUBLISH_VERB.test(ctx.q.matching)) return null;
  // The document the question is about: the one whose best sentence covers it most with its context.
  const best = [...ctx.ranked].sort((a, b) => b.contextCoverage - a.contextCoverage || b.score - a.score)[0];
  const meta = ctx.store.document(best?.sentence.docId ?? '');
  if (!meta?.source) return null;
  return { text: matchingForm(meta.source), facts: [], sentenceIds: [best.sentence.id], constrained: true };
}

/** Pickers tried for what/open questions before span extraction. */
export const WHAT_PICKERS = [pickSource, pickRoles, pickListByCount];

export const PICKERS: Partial<Record<QuestionType, (ctx: PickContext) => PickResult>> = {
  who: pickPerson,
  title: pickTitle,
  when: pickDate,
  where: pickPlace,
  howmuch: pickFigure,
  list: pickList,
};
