/**
 * The answer policy's invariants and branches, each on its own: type fit (who/when/where/how much/
 * which ones), statements, yes/no, the direct-answer threshold, ambiguity across documents, verbatim
 * answers, and the three outcomes through the engine over a small corpus written for these tests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type LoadedCorpus } from '../../src/answer/corpus.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { AnswerEngine, statedYesNo, verbatimPiece } from '../../src/answer/engine.js';
import {
  CALIBRATION_EXTRAS,
  FEATURE_NAMES,
  UNFITTED_POLICY,
  decide,
  describeCandidate,
  isName,
  isPlace,
  isTime,
  loadPolicy,
  placeUnitAgreement,
  rankerChoice,
  violatedInvariant,
  type Candidate,
  type FittedPolicy,
  type PolicyContext,
} from '../../src/answer/policy.js';
import { analyzeQuestion } from '../../src/question/analyze.js';
import type { RankedSentence } from '../../src/answer/rank.js';
import type { Fact, Sentence } from '../../src/types.js';
import { matchingForm, toSimplified } from '../../src/text/script.js';

const question = (text: string) => analyzeQuestion(text, text);
const candidate = (kind: Candidate['kind'], text: string, facts: Fact[] = []): Candidate => ({ kind, text, facts, sentenceIds: [0], sentenceRank: 0 });
const sentence = (id: number, docId: string, text: string): Sentence => ({ id, docId, paragraph: 0, position: id, text, simplified: matchingForm(text) });
const ranked = (id: number, docId: string, text: string, score: number, coverage = 1): RankedSentence => ({ sentence: sentence(id, docId, text), score, coverage, contextCoverage: coverage, bm25: 1 });

/** A policy whose confidence is the same for every candidate: sigmoid(bias) with zero weights. */
function constantPolicy(bias: number, threshold: number, ambiguousDocShare = 1.01): FittedPolicy {
  const n = FEATURE_NAMES.length + CALIBRATION_EXTRAS.length;
  return {
    ...UNFITTED_POLICY,
    calibrator: { mean: new Array(n).fill(0), sd: new Array(n).fill(1), weights: new Array(n).fill(0), bias },
    directAnswerThreshold: threshold,
    ambiguousDocShare,
  };
}

describe('type invariants', () => {
  it('who: a name, never a verb phrase or a common noun', () => {
    const q = question('谁主持了会议？');
    expect(violatedInvariant(candidate('span', '韩立'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '动员部署'), q)).toBe('who-needs-name');
    expect(violatedInvariant(candidate('span', '新闻'), q)).toBe('who-needs-name');
    expect(violatedInvariant(candidate('span', '指出'), q)).toBe('who-needs-name');
    expect(isName('路易·勒沃')).toBe(true);
    const person: Fact = { type: 'person', value: '周明远', docId: 'd', sentenceId: 0, sentence: '' };
    expect(violatedInvariant(candidate('fact', '周明远', [person]), q)).toBeNull();
  });

  it('when: a date or time expression', () => {
    const q = question('会议什么时候召开？');
    expect(violatedInvariant(candidate('span', '3月14日'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '19世纪'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '这个会议'), q)).toBe('when-needs-date');
    expect(violatedInvariant(candidate('span', '通报了2022年全市'), q)).toBe('when-needs-date');
    expect(isTime('明朝')).toBe(true);
  });

  it('where: a place, organisation or address', () => {
    const q = question('会议在哪里召开？');
    expect(violatedInvariant(candidate('span', '海湾区'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '青港市交通运输局'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '隆重召开'), q)).toBe('where-needs-place');
    // A place with the date and hour of the event glued to it is not a place.
    expect(violatedInvariant(candidate('span', '订于9月9日上午10时于中正纪念体育馆'), q)).toBe('where-needs-place');
    expect(violatedInvariant(candidate('span', '中正纪念体育馆'), q)).toBeNull();
    expect(isPlace('3月14日')).toBe(false);
  });

  it('how much: a number, with the unit asked for', () => {
    expect(violatedInvariant(candidate('span', '93.6%'), question('满意度是多少？'))).toBeNull();
    expect(violatedInvariant(candidate('span', '很高'), question('满意度是多少？'))).toBe('howmuch-needs-number');
    expect(violatedInvariant(candidate('span', '3人'), question('投资了多少元？'))).toBe('howmuch-needs-number');
    expect(violatedInvariant(candidate('span', '42.6亿元'), question('投资了多少元？'))).toBeNull();
    // One number with its unit, not the clause around it.
    expect(violatedInvariant(candidate('sentence', '乙类传染病报告2315例，死亡3例；'), question('乙类传染病死亡几例？'))).toBe('howmuch-needs-number');
  });

  it('which place: a rank, not a count (第几 asks for 第N)', () => {
    const q = question('青港队目前排第几？');
    expect(q.type).toBe('howmuch');
    expect(violatedInvariant(candidate('span', '9次'), q)).toBe('ordinal-needs-ordinal');
    expect(violatedInvariant(candidate('fact', '41分钟'), q)).toBe('ordinal-needs-ordinal');
    expect(violatedInvariant(candidate('span', '第四'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '冠军'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '265'), question('他是第几任教宗？'))).toBeNull();
    // A plain how-many question still takes the count.
    expect(violatedInvariant(candidate('span', '9次'), question('青港队射门几次？'))).toBeNull();
  });

  it('which ones: the items of a list, not a sentence or span', () => {
    const q = question('要抓好哪些工作？');
    expect(q.type).toBe('list');
    expect(violatedInvariant(candidate('sentence', '要重点抓好三项工作：隐患排查、应急演练、人员培训。'), q)).toBe('list-needs-items');
    const list: Fact = { type: 'list', value: '三项工作', items: ['隐患排查', '应急演练', '人员培训'], docId: 'd', sentenceId: 0, sentence: '' };
    expect(violatedInvariant(candidate('fact', '隐患排查、应急演练、人员培训', [list]), q)).toBeNull();
  });

  it('title -> a title: the person fact of the picker, or a span that ends like a title', () => {
    const q = question('韩立是什么职务？');
    expect(q.type).toBe('title');
    expect(violatedInvariant(candidate('span', '新闻发布会'), q)).toBe('title-needs-title');
    expect(violatedInvariant(candidate('span', '市委常委、政法委书记'), q)).toBeNull();
    expect(violatedInvariant(candidate('span', '安全员'), q)).toBeNull();
    const person: Fact = { type: 'person', value: '韩立', titles: ['交通运输局局长'], docId: 'd', sentenceId: 0, sentence: '' };
    expect(violatedInvariant(candidate('constrained', '交通运输局局长', [person]), q)).toBeNull();
    expect(violatedInvariant(candidate('sentence', '韩立在会上讲话。'), q)).toBe('title-needs-title');
  });

  it('what someone said or stressed: the statement, not a span', () => {
    for (const text of ['周明远强调了什么？', '李友说了什么？', '会议指出了什么问题？']) {
      const q = question(text);
      expect(violatedInvariant(candidate('span', '安全第一'), q), text).toBe('statement-needs-sentence');
      expect(violatedInvariant(candidate('sentence', '周明远强调，要坚持安全第一。'), q), text).toBeNull();
    }
  });

  it('yes/no: only 是 or 否 answer a yes/no question', () => {
    const q = question('会议是否在海湾区召开？');
    expect(q.type).toBe('yesno');
    expect(violatedInvariant(candidate('sentence', '会议在海湾区召开。'), q)).toBe('yesno-needs-statement');
    expect(violatedInvariant(candidate('yes', '是'), q)).toBeNull();
    expect(violatedInvariant(candidate('yes', '是'), question('谁主持了会议？'))).toBe('not-yesno');
  });
});

describe('statedYesNo', () => {
  const q = analyzeQuestion('原告是否支付了货款？', '原告支付了货款');
  it('says 是 only when the sentence states every word of the question', () => {
    expect(statedYesNo(q, ranked(0, 'd', '原告已支付了全部货款。', 1, 1))).toBe('yes');
    expect(statedYesNo(q, ranked(0, 'd', '原告支付了一半。', 1, 0.6))).toBeNull();
  });
  it('says 否 only when that sentence states the negation', () => {
    expect(statedYesNo(q, ranked(0, 'd', '原告至今未支付货款。', 1, 1))).toBe('no');
  });
});

describe('decide: the threshold, the ranker and ambiguity', () => {
  const q = question('谁主持了会议？');
  const context = (rankedSentences: RankedSentence[], candidates: Candidate[]): PolicyContext => {
    const docs = new Map(rankedSentences.map((r) => [r.sentence.id, r.sentence.docId]));
    return { q, ranked: rankedSentences, candidates, docOf: (id) => docs.get(id) ?? '' };
  };
  const one = [ranked(0, 'a', '韩立主持会议。', 1), ranked(1, 'a', '会议在海湾区召开。', 0.5)];

  it('answers directly only at or above the threshold', () => {
    const c = [candidate('span', '韩立')];
    // sigmoid(0) = 0.5
    expect(decide(context(one, c), constantPolicy(0, 0.49)).direct).toBe(true);
    expect(decide(context(one, c), constantPolicy(0, 0.51)).direct).toBe(false);
    expect(decide(context(one, c), constantPolicy(0, 0.51)).best?.text).toBe('韩立');
    expect(decide(context(one, c), UNFITTED_POLICY).direct).toBe(false);
  });

  it('answers a byline lookup directly, without ranking or a threshold; a lookup breaking an invariant is not taken', () => {
    const lookup: Candidate = { ...candidate('constrained', '林晓峰'), lookup: true };
    const d = decide(context(one, [candidate('span', '韩立'), lookup]), UNFITTED_POLICY);
    expect(d).toMatchObject({ direct: true, confidence: 1 });
    expect(d.best?.text).toBe('林晓峰');
    const bad: Candidate = { ...candidate('constrained', '主持会议'), lookup: true };
    expect(decide(context(one, [bad]), UNFITTED_POLICY).direct).toBe(false);
  });

  it('never chooses a candidate that breaks an invariant, whatever its score', () => {
    const d = decide(context(one, [candidate('span', '主持会议'), candidate('span', '韩立')]), constantPolicy(5, 0.5));
    expect(d.best?.text).toBe('韩立');
    expect(decide(context(one, [candidate('span', '主持会议')]), constantPolicy(5, 0.5)).best).toBeNull();
  });

  it('the ranker chooses by its weights', () => {
    const policy = constantPolicy(5, 0.5);
    const w = new Array(FEATURE_NAMES.length).fill(0);
    w[FEATURE_NAMES.indexOf('sentenceIsTop')] = 3;
    policy.ranker = { ...policy.ranker, weights: w };
    const top: Candidate = { ...candidate('span', '韩立'), sentenceRank: 0 };
    const second: Candidate = { ...candidate('span', '周明远'), sentenceIds: [1], sentenceRank: 1 };
    expect(decide(context(one, [second, top]), policy).best?.text).toBe('韩立');
    w[FEATURE_NAMES.indexOf('sentenceIsTop')] = -3;
    expect(decide(context(one, [second, top]), policy).best?.text).toBe('周明远');
  });

  it('several documents matching equally: no direct answer unless a constrained fact', () => {
    const tie = [ranked(0, 'a', '韩立主持会议。', 1), ranked(1, 'b', '周明远主持会议。', 0.99)];
    const c = [candidate('span', '韩立')];
    const d = decide(context(tie, c), constantPolicy(3, 0.5, 0.95));
    expect(d.ambiguous).toBe(true);
    expect(d.direct).toBe(false);
    expect(decide(context(tie, c), constantPolicy(3, 0.5, 1.01)).direct).toBe(true);
    const person: Fact = { type: 'person', value: '韩立', docId: 'a', sentenceId: 0, sentence: '' };
    expect(decide(context(tie, [candidate('constrained', '韩立', [person])]), constantPolicy(3, 0.5, 0.95)).direct).toBe(true);
  });

  it('describes candidates by named features', () => {
    const f = describeCandidate(candidate('span', '韩立'), context(one, [candidate('span', '韩立')]));
    expect(f.kindSpan).toBe(1);
    expect(f.askWho).toBe(1);
    expect(f.answerIsName).toBe(1);
    expect(f.sentenceIsTop).toBe(1);
    expect(Object.keys(f)).toEqual([...FEATURE_NAMES]);
  });
});

describe('verbatimPiece', () => {
  it('returns the characters and punctuation as written', () => {
    expect(verbatimPiece('隐患排查、应急演练', sentence(0, 'd', '要抓好隐患排查、应急演练。'))).toBe('隐患排查、应急演练');
    expect(verbatimPiece('甲,乙', sentence(0, 'd', '成员为甲，乙两人。'))).toBe('甲，乙');
    expect(verbatimPiece('93.6%', sentence(0, 'd', '满意度为９３．６％。'))).toBe('９３．６％');
    expect(verbatimPiece('发展', sentence(0, 'd', '經濟發展很快。'))).toBe('發展');
    expect(verbatimPiece('没有', sentence(0, 'd', '经济发展很快。'))).toBeNull();
  });
});

describe('the committed policy', () => {
  it('is fitted, with a threshold in range and weights for every feature', () => {
    const p = loadPolicy();
    expect(p.features).toEqual([...FEATURE_NAMES]);
    expect(p.ranker.weights).toHaveLength(FEATURE_NAMES.length);
    // The calibrator reads the candidate's features and the ranker's extras, no more.
    const c = p.calibrator;
    if ('trees' in c) {
      expect(c.trees.length).toBeGreaterThan(0);
      expect(Math.max(...c.trees.flatMap((t) => t.feature))).toBeLessThan(FEATURE_NAMES.length + CALIBRATION_EXTRAS.length);
    } else expect(c.weights).toHaveLength(FEATURE_NAMES.length + CALIBRATION_EXTRAS.length);
    expect(p.directAnswerThreshold).toBeGreaterThan(0.3);
    expect(p.directAnswerThreshold).toBeLessThan(1);
    expect(p.fittedOn.join(' ')).not.toMatch(/dev/);
  });
});

describe('three outcomes through the engine', () => {
  let corpus: LoadedCorpus;
  beforeAll(async () => {
    corpus = await loadCorpus('tests/fixtures/news', { cacheFile: false });
  });

  it("(a) a direct answer is a verbatim piece of its first citation, in the asker's script", () => {
    const engine = new AnswerEngine(corpus.kb, { policy: constantPolicy(5, 0.5) });
    for (const text of ['谁主持了港口安全生产工作会议？', '青港港口企业安全生产满意度是多少？', '誰主持了港口安全生產工作會議？']) {
      const a = engine.ask(text);
      expect(a.answered, text).toBe(true);
      expect(a.confidence).toBeGreaterThan(0.99);
      expect(toSimplified(a.citations[0].sentence), text).toContain(toSimplified(a.answer!));
      if (/誰/.test(text)) expect(a.answer).toBe('韓立'); // Traditional in, Traditional out
    }
  });

  it('(b) below the threshold: no direct answer, the passages, best first', () => {
    const engine = new AnswerEngine(corpus.kb, { policy: constantPolicy(0, 0.9) });
    const a = engine.ask('谁主持了港口安全生产工作会议？');
    expect(a.answered).toBe(false);
    expect(a.reason).toBe('no-direct-answer');
    expect(a.confidence).toBeCloseTo(0.5, 2);
    expect(a.nearest.length).toBeGreaterThan(0);
    expect(a.nearest.some((c) => c.sentence.includes('韩立主持'))).toBe(true);
  });

  it('(c) the documents do not mention it', () => {
    const engine = new AnswerEngine(corpus.kb, { policy: constantPolicy(5, 0.5) });
    const a = engine.ask('火星探测器什么时候发射？');
    expect(a.answered).toBe(false);
    expect(['unknown-terms', 'weak-match']).toContain(a.reason);
  });

  it('the names, places and years a question names must be in the answering document', () => {
    const kb = buildKnowledgeBase([
      { meta: { id: 'a', title: '铁岭市2023年会议' }, paragraphs: ['2023年，铁岭市召开安全会议，韩立主持会议。'] },
      { meta: { id: 'b', title: '沈阳市会议' }, paragraphs: ['2022年，沈阳市召开安全会议，周明远主持会议。'] },
    ]);
    const engine = new AnswerEngine(kb, { policy: constantPolicy(5, 0.5) });
    // Neither document has both 沈阳 and 2023: no direct answer from either.
    expect(engine.ask('沈阳市2023年的安全会议由谁主持？').answered).toBe(false);
    const a = engine.ask('沈阳市2022年的安全会议由谁主持？');
    expect(a.answer).toBe('周明远');
    expect(a.citations[0].docId).toBe('b');
  });

  it('a generic question over several equal documents shows passages from each', () => {
    const kb = buildKnowledgeBase([
      { meta: { id: 'a', title: '判决一' }, paragraphs: ['原告因感情破裂起诉离婚。'] },
      { meta: { id: 'b', title: '判决二' }, paragraphs: ['原告因感情不和起诉离婚。'] },
    ]);
    const engine = new AnswerEngine(kb, { policy: constantPolicy(5, 0.5, 0.9) });
    const a = engine.ask('原告因何起诉离婚？');
    expect(a.answered).toBe(false);
    expect(a.reason).toBe('no-direct-answer');
    expect(new Set(a.nearest.map((c) => c.docId)).size).toBe(2);
  });
});

describe('placeUnitAgreement (a feature: the place class the question asks)', () => {
  it('is +1 for the asked class, -1 for another class, 0 when unknown or not asked', () => {
    expect(placeUnitAgreement('会议在哪个城市召开？', '大连市')).toBe(1);
    expect(placeUnitAgreement('会议在哪个城市召开？', '辽宁省')).toBe(-1);
    expect(placeUnitAgreement('会议在哪个城市召开？', '大连')).toBe(0);
    expect(placeUnitAgreement('他出生在哪个国家？', '法国')).toBe(1);
    expect(placeUnitAgreement('会议在哪里召开？', '辽宁省')).toBe(0);
  });
});

describe('rankerChoice', () => {
  it('counts candidates that give the same answer as one, and measures the margin to another answer', () => {
    // A span and a fact both saying 8月6日 split the softmax between them; as one answer they hold most of it.
    const choice = rankerChoice([1, 0.9, -1], ['8月6日', '8月6日', '8月5日']);
    expect(choice.at).toBe(0);
    const e = [Math.exp(1), Math.exp(0.9), Math.exp(-1)];
    expect(choice.probability).toBeCloseTo((e[0] + e[1]) / (e[0] + e[1] + e[2]), 9);
    expect(choice.margin).toBeCloseTo(2, 9);
    expect(rankerChoice([0.5, 0.2], ['甲', '甲']).margin).toBe(10);
    expect(rankerChoice([], []).at).toBe(-1);
  });
});
