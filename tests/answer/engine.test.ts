/**
 * The answering core over a small corpus written for these tests (not the seeds): typed answers,
 * citations, declining, script parity, follow-ups and hostile input.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type LoadedCorpus } from '../../src/answer/corpus.js';
import type { Answer } from '../../src/types.js';
import { AnswerEngine } from '../../src/answer/engine.js';
import { loadPolicy } from '../../src/answer/policy.js';
import { toSimplified } from '../../src/text/script.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';

let corpus: LoadedCorpus;
/**
 * These tests pin candidate generation and the fitted ranker's choice (what the engine answers with),
 * so the engine here answers with its best candidate whatever the confidence: the direct-answer
 * threshold has its own tests (policy.test.ts), and the committed engine declines more.
 */
let chooser: AnswerEngine;
const ask = (q: string, state = {}): Answer => chooser.ask(q, state);
const simp = (s: string | null) => toSimplified(s ?? '');

beforeAll(async () => {
  corpus = await loadCorpus('tests/fixtures/news');
  chooser = new AnswerEngine(corpus.kb, { policy: { ...loadPolicy(), directAnswerThreshold: 0 } });
});

describe('typed answers with citations', () => {
  it('answers how-much questions with the figure and its sentence', () => {
    const a = ask('青港港口企业安全生产满意度是多少？');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('93.6%');
    expect(a.citations[0].sentence).toContain('93.6%');
    expect(a.citations[0].title).toContain('港口安全生产');
    expect(a.citations[0].source).toBe('青港日报');
    expect(a.citations[0].published).toMatch(/^2023-03-15/);
  });

  it('answers who by title and by role', () => {
    expect(ask('谁主持了港口安全生产工作会议？').answer).toBe('韩立');
    expect(ask('青港市副市长是谁？').answer).toBe('周明远');
  });

  it('answers a title question with the titles, not the sentence', () => {
    const a = ask('周明远担任什么职务？');
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('副市长');
    expect(a.answer!.length).toBeLessThanOrEqual(20);
  });

  it('answers when with a date expression of the meeting sentence, as written there', () => {
    // The date fact (2023-03-14, its year read from the document date) and the spans 3月14日 / 2023年
    // compete; the fitted ranker chooses. Whatever it chooses is a verbatim date of that sentence.
    const a = ask('港口安全生产工作会议是什么时候召开的？');
    expect(simp(a.answer)).toMatch(/^(3月14日|2023年)$/);
    expect(a.citations[0].sentence).toContain(a.answer!);
  });

  it('answers where, not with a place the question already names', () => {
    const a = ask('青港市港口安全生产工作会议在哪里召开？');
    expect(a.answer).toBe('海湾区');
  });

  it('answers list questions with the items', () => {
    const a = ask('港口企业要重点抓好哪些工作？');
    for (const item of ['隐患排查', '应急演练', '人员培训']) expect(a.answer).toContain(item);
  });

  it('answers with the items of a list whose items follow in the ；-separated sentences after its colon', () => {
    const doc = {
      meta: { id: 'plan', title: '全区抓实三个“再提升”' },
      paragraphs: [
        '全区各部门抓实三个“再提升”：服务质量“再提升”，把群众满意作为标准，持续改进办事流程；办事效率“再提升”，精简审批环节，压缩办理时限；作风建设“再提升”，严格执行纪律规定，加强日常监督检查。',
      ],
    };
    const engine = new AnswerEngine(buildKnowledgeBase([doc]), { policy: { ...loadPolicy(), directAnswerThreshold: 0 } });
    const a = engine.ask('全区各部门抓实的三个“再提升”包括哪些？', {});
    expect(a.answered).toBe(true);
    for (const item of ['服务质量', '办事效率', '作风建设']) expect(a.answer).toContain(item);
    expect(a.citations[0].sentence).toContain('服务质量');
  });

  it('reads the byline for author questions', () => {
    expect(ask('青港日报那篇报道的作者是谁？').answer).toBe('林晓峰');
  });
});

describe('declining', () => {
  it('declines when the question names a place the corpus lacks', () => {
    const a = ask('上海港口企业安全生产满意度是多少？');
    expect(a.answered).toBe(false);
    expect(a.answer).toBeNull();
    expect(a.missing).toContain('上海');
    expect(a.nearest.length).toBeGreaterThan(0);
  });

  it('declines a title nobody in the corpus holds', () => {
    expect(ask('青港市市长是谁？').answered).toBe(false);
  });

  it('declines an attribute the documents never mention', () => {
    expect(ask('周明远的年龄是多少？').answered).toBe(false);
  });

  it('declines questions about something else entirely', () => {
    expect(ask('明天北京的天气怎么样？').answered).toBe(false);
  });
});

describe('scripts', () => {
  it('answers a Traditional question in Traditional, with the same facts', () => {
    const hans = ask('绿川县委书记是谁？');
    const hant = ask('綠川縣委書記是誰？');
    expect(hans.answer).toBe('郑国华');
    expect(hant.answer).toBe('鄭國華');
    expect(hant.script).toBe('hant');
    expect(hant.facts.map((f) => simp(f.value))).toEqual(hans.facts.map((f) => f.value));
    // Citations stay verbatim in the document's own script.
    expect(hant.citations[0].sentence).toBe(hans.citations[0].sentence);
    expect(hans.citations[0].sentence).toContain('鄭國華');
  });

  it('treats mixed script, ASCII punctuation and full-width digits alike', () => {
    const a = ask('綠川县森林覆蓋率是多少?');
    expect(a.answer).toContain('68.5%');
  });
});

describe('follow-ups', () => {
  it("resolves 他 to the last answer's person", () => {
    const state = {};
    expect(ask('谁主持了港口安全生产工作会议？', state).answer).toBe('韩立');
    const a = ask('他是什么职务？', state);
    expect(a.answer).toContain('局长');
  });

  it('answers a Traditional follow-up in Traditional', () => {
    const state = {};
    ask('綠川縣委書記是誰？', state);
    const a = ask('他擔任什麼職務？', state);
    expect(a.script).toBe('hant');
    expect(a.answer).toContain('書記');
  });
});

describe('bad input never throws', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: '${}' is one of the regex metacharacters fed in on purpose, not a template.
  const hostile = ['', '   ', '？？？', '😀😀😀', '\u0000\u0007\u001b[31m', 'How many people live here?', '<script>alert(1)</script>', '.*+?^${}()|[]\\', '满意度'.repeat(3400)];
  for (const q of hostile) {
    it(`handles ${JSON.stringify(q.slice(0, 20))}${q.length > 20 ? '…' : ''}`, () => {
      const a = ask(q);
      expect(typeof a.answered).toBe('boolean');
      expect(a.reason === 'error').toBe(false);
      if (!/[\u4e00-\u9fff]/.test(q)) expect(a.answered).toBe(false);
    });
  }
});
