/**
 * The candidate generators on their own, over the small test corpus: the sentence ranking, the typed
 * pickers (a person by role, a figure with the asked unit, declining when the unit is nowhere), the
 * aligner's ranked spans, and the candidates the engine hands to the policy.
 */
import { loadSpanModel } from '../../src/answer/span.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type LoadedCorpus } from '../../src/answer/corpus.js';
import { analyzeQuestion, type AnalyzedQuestion } from '../../src/question/analyze.js';
import { rankSentences, TermWeights, type RankedSentence } from '../../src/answer/rank.js';
import { DECLINE, pickByline, pickFigure, pickList, pickPerson, type PickContext } from '../../src/answer/typed.js';
import { spanCandidates } from '../../src/answer/span.js';
import { enumerationIn } from '../../src/answer/engine.js';
import { markHeuristicChoice, type Candidate } from '../../src/answer/policy.js';
import { matchingForm } from '../../src/text/script.js';
import { MemoryStore } from '../../src/knowledge/store.js';

let corpus: LoadedCorpus;
let store: MemoryStore;
let weights: TermWeights;
beforeAll(async () => {
  corpus = await loadCorpus('tests/fixtures/news', { cacheFile: false });
  store = new MemoryStore(corpus.kb);
  weights = new TermWeights(store);
});

function context(question: string): { q: AnalyzedQuestion; ranked: RankedSentence[]; ctx: PickContext } {
  const q = analyzeQuestion(question, store);
  const ranked = rankSentences(store, q, weights);
  return { q, ranked, ctx: { store, q, ranked, weights } };
}

describe('pickByline', () => {
  it('answers the byline field of the one document the question names, as a lookup', () => {
    const { result, asks } = pickByline(context('青港那篇报道的作者是谁？').ctx);
    expect(asks).toBe(true);
    expect(result).toMatchObject({ text: '林晓峰', lookup: true, constrained: true });
    // Named by its source alone, without a word for the document; in either script.
    expect(pickByline(context('綠川晚報的記者是誰？').ctx).result).toMatchObject({ text: '高文斌', lookup: true });
    // Named by a place only its text states (no title or byline has 海湾区).
    expect(pickByline(context('那篇讲海湾区的文章是谁写的？').ctx).result).toMatchObject({ text: '林晓峰' });
  });

  it('declines when several documents fit, and is no byline question without a field or a document', () => {
    expect(pickByline(context('这篇报道的记者是谁？').ctx)).toEqual({ asks: true, result: DECLINE });
    // A field no byline has: not a byline question (《X》的编辑 may be a book's).
    expect(pickByline(context('青港那篇报道的编辑是谁？').ctx)).toEqual({ asks: false, result: null });
    expect(pickByline(context('谁主持了青港的会议？').ctx).asks).toBe(false);
    // 新闻发布会 is an event; 记者 there is not the document's reporter.
    expect(pickByline(context('新闻发布会上哪位记者提问？').ctx).asks).toBe(false);
  });

  it("keeps a byline's people out of other who-questions", () => {
    const picked = pickPerson(context('哪位记者出席了会议？').ctx);
    expect(picked && 'text' in picked ? picked.text : null).not.toBe('林晓峰');
  });
});

describe('pickList', () => {
  it("is a lookup only when the question names the document's own counted label", () => {
    const labelled = pickList(context('全市港口企业要重点抓好的三项工作是什么？').ctx);
    expect(labelled).toMatchObject({ text: '隐患排查、应急演练、人员培训', constrained: true, lookup: true });
    const unlabelled = pickList(context('全市港口企业要重点抓好哪些工作？').ctx);
    expect(unlabelled?.text).toBe('隐患排查、应急演练、人员培训');
    expect(unlabelled?.lookup).toBeUndefined();
  });
});

describe('rankSentences', () => {
  it("puts the sentence with the question's words first, with coverage figures", () => {
    const { ranked } = context('青港港口企业安全生产满意度是多少？');
    expect(ranked[0].sentence.text).toContain('满意度');
    expect(ranked[0].coverage).toBeGreaterThan(0.5);
    expect(ranked[0].contextCoverage).toBeGreaterThanOrEqual(ranked[0].coverage);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
  });
});

describe('pickers', () => {
  it('pickPerson: the person who played the asked role, as a constrained fact', () => {
    const result = pickPerson(context('谁主持了港口安全生产工作会议？').ctx);
    expect(result && 'text' in result ? result.text : null).toBe('韩立');
    expect(result && 'constrained' in result ? result.constrained : false).toBe(true);
  });

  it('pickFigure: the amount with the asked unit; declines when no passage has that unit', () => {
    const found = pickFigure(context('青港港口企业安全生产满意度是多少？').ctx);
    expect(found && 'text' in found ? found.text : null).toContain('93.6%');
    expect(pickFigure(context('青港港口安全生产会议通报了多少例事故？').ctx)).toEqual({ decline: true });
  });
});

describe('spanCandidates', () => {
  it('ranks distinct spans best first, with margins', () => {
    const spans = spanCandidates(matchingForm('青石港的别称是什么？'), matchingForm('青石港的别称是白沙港，位于东海之滨。'), 'what');
    expect(spans[0].text).toBe('白沙港');
    expect(spans[0].rank).toBe(0);
    expect(spans[0].margin).toBeGreaterThanOrEqual(0);
    expect(new Set(spans.map((s) => s.text)).size).toBe(spans.length);
    expect(spanCandidates(matchingForm('为什么要召开会议？'), matchingForm('会议为了安全召开。'), 'open')).toEqual([]);
  });
});

describe('enumerationIn', () => {
  it('reads the items of a 、-list of at least three', () => {
    expect(enumerationIn('重点抓好三项工作：隐患排查、应急演练、人员培训。')).toEqual(['隐患排查', '应急演练', '人员培训']);
    expect(enumerationIn('甲、乙两人出席。')).toBeNull();
  });
});

describe('markHeuristicChoice', () => {
  it('marks the constrained fact before spans, else the top span, else the sentence', () => {
    const { q, ranked } = context('谁主持了港口安全生产工作会议？');
    const base = { facts: [], sentenceIds: [ranked[0].sentence.id], sentenceRank: 0 };
    const span: Candidate = { ...base, kind: 'span', text: '韩立', span: { text: '韩立', score: 3, share: 0.9, rank: 0, margin: 1 } };
    const sentence: Candidate = { ...base, kind: 'sentence', text: ranked[0].sentence.simplified };
    const fact: Candidate = { ...base, kind: 'constrained', text: '韩立' };
    const withFact = [span, sentence, fact];
    markHeuristicChoice(withFact, ranked, q);
    expect(withFact.filter((c) => c.heuristicFirst)).toEqual([fact]);
    const spanOnly: Candidate[] = [{ ...span }, { ...sentence }];
    markHeuristicChoice(spanOnly, ranked, q);
    expect(spanOnly[0].heuristicFirst).toBe(true);
    // A span the reader itself would not answer with (its share below the model's minShare) is not the heuristic's choice.
    const weak: Candidate[] = [{ ...span, span: { ...span.span!, share: loadSpanModel().minShare / 2 } }, { ...sentence }];
    markHeuristicChoice(weak, ranked, q);
    expect(weak[1].heuristicFirst).toBe(true);
  });
});
