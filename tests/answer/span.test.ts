import { describe, expect, it } from 'vitest';
import { LEXICAL_TEMPLATES, SPAN_FEATURE_NAMES, UNFITTED_SPAN_MODEL, extractSpan, loadSpanModel, scoreSpans, spanCandidates, useSpanModel } from '../../src/answer/span.js';
import { matchingForm } from '../../src/text/script.js';

const span = (q: string, s: string) => extractSpan(matchingForm(q), matchingForm(s), 'what');

describe('extractSpan', () => {
  it('takes the stretch between the words around the question word', () => {
    expect(span('青石港的别称是什么？', '青石港的别称是白沙港，位于东海之滨。')).toBe('白沙港');
    expect(span('中古印度的方言与哪一门语言同时在古印度使用？', '中古印度的方言与梵语同时在古印度使用。')).toBe('梵语');
  });

  it('finds names for 谁, also when the sentence orders things differently', () => {
    expect(span('松山书院由谁创办？', '松山书院由周敦颐于宋代创办，以理学闻名。')).toBe('周敦颐');
    // The possessor before 的 (Y的《X》 for 《X》的作者是谁) is rarer in the fitting data than an answer after
    // the question's words: the reader offers it among its best spans; the who-invariant of the answer
    // policy (a name, not a verb phrase) then picks it (policy.test.ts, engine.test.ts).
    const offered = spanCandidates(matchingForm('《海岸纪行》的作者是谁？'), matchingForm('这段描写出自林远舟的《海岸纪行》，写于清末。'), 'who', 3).map((c) => c.text);
    expect(offered).toContain('林远舟');
  });

  it('answers 哪一年 with the year and 什么时候 with the whole date', () => {
    expect(span('星火计划于哪一年启动？', '星火计划于1986年3月启动，目的是推动农村科技进步。')).toBe('1986年');
    expect(span('两德在什么时候正式统一？', '1990年10月3日，两德正式统一。')).toBe('1990年10月3日');
  });

  it('answers 多少/几 with the number and its unit', () => {
    expect(span('白鹭湖的面积约为多少平方公里？', '白鹭湖的面积约为58平方公里，湖中盛产银鱼。')).toBe('58平方公里');
    expect(span('新北市目前有几所大学？', '新北市目前有24所大学。')).toBe('24所');
    expect(span('目前最快的飞机时速多少？', '最快的飞机是X-15，它的时速可达7,920公里。')).toContain('7,920公里');
  });

  it('lets the answer end with the head noun the question names (哪个省 -> 浙江省)', () => {
    expect(span('青石港位于哪个省？', '青石港位于浙江省东部沿海，始建于1898年。')).toBe('浙江省');
  });

  it('finds what is coordinated with a question word (韩立和谁 -> 王明、韩立)', () => {
    expect(span('会议由韩立和谁共同主持？', '会议由王明、韩立共同主持。')).toBe('王明');
  });

  it('works on Traditional input through the matching form', () => {
    expect(span('這座燈塔是由哪一國人設計的？', '東湧燈塔於1904年建成，由英國人設計、監造。')).toBe('英国');
  });

  it('declines reasons and sentences that do not align; reads descriptions like the rest', () => {
    expect(span('为什么要加强危险品运输管理？', '会议强调，要加强危险品运输管理，防止事故发生。')).toBeNull();
    expect(scoreSpans(matchingForm('为什么要加强危险品运输管理？'), matchingForm('会议强调，要加强危险品运输管理，防止事故发生。'), 'open')).toBeNull();
    // 什么是X: the fitted reader scores its spans; the policy decides between them and the sentence.
    const definition = scoreSpans(matchingForm('什么是星火计划？'), matchingForm('星火计划是一项推动农村科技进步的计划。'), 'what');
    expect(definition?.candidates.length).toBeGreaterThan(0);
    expect(span('白鹭湖盛产什么？', '松山书院藏书超过两万卷。')).toBeNull();
    expect(span('', '任何句子。')).toBeNull();
  });

  it('gives the same span on every call (no state kept between answers)', () => {
    const q = matchingForm('中国农业银行于哪一年时被正式获批设立了纽约分行？');
    const s = matchingForm('2012年，中国农业银行11日发布公告称，美国联邦储备委员会及纽约金融服务局已分别批准该行设立纽约分行的申请，农行纽约分行正式获批。');
    // Timing is not asserted here (a slow machine would fail it): `npm run bench` reports latencies.
    for (let i = 0; i < 20; i++) expect(extractSpan(q, s, 'when')).toBe('2012年');
    expect(extractSpan(q, s, 'when')).toBe('2012年');
  });
});

describe('the span reader (span-model.json)', () => {
  it('is fitted on the features the code computes', () => {
    useSpanModel(null);
    const model = loadSpanModel();
    expect(model.features).toEqual(SPAN_FEATURE_NAMES);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
    expect(model.minShare).toBeLessThan(1);
    expect(model.lexicalTemplates).toEqual([...LEXICAL_TEMPLATES]);
    expect(Object.keys(model.lexical ?? {}).length).toBeGreaterThan(1000);
  });

  it('describes every candidate by the named features, and scores it with the model', () => {
    const scored = scoreSpans(matchingForm('青石港的别称是什么？'), matchingForm('青石港的别称是白沙港，位于东海之滨。'), 'what');
    expect(scored?.candidates.length).toBeGreaterThan(1);
    for (const c of scored!.candidates) expect(c.x?.length).toBe(SPAN_FEATURE_NAMES.length);
    // Sorted best first by the model's score.
    const scores = scored!.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('adds the weights of its lexical conjunctions: 在 before a place makes the span after it the answer', () => {
    const q = matchingForm('会议在哪里召开？');
    const s = matchingForm('去年的会议在沈阳召开，代表三百人出席。');
    const scored = scoreSpans(q, s, 'where')!;
    const after = scored.candidates.find((c) => c.text === '沈阳');
    expect(after?.keys).toContain('kindBefore:place|在');
    const model = { ...UNFITTED_SPAN_MODEL, lexicalTemplates: [...LEXICAL_TEMPLATES], lexical: { 'kindBefore:place|在': 3 }, minShare: 0 };
    try {
      useSpanModel(model);
      expect(spanCandidates(q, s, 'where', 1)[0].text).toBe('沈阳');
      const top = scoreSpans(q, s, 'where')!.candidates[0];
      expect(top.score).toBeCloseTo(3, 6);
      // Weights fitted with other templates are not used.
      useSpanModel({ ...model, lexicalTemplates: ['gapLast'] });
      expect(scoreSpans(q, s, 'where')!.candidates.every((c) => c.score === 0)).toBe(true);
    } finally {
      useSpanModel(null);
    }
  });

  it('follows its weights: a model that prefers the longest span answers with it', () => {
    const q = matchingForm('青石港的别称是什么？');
    const s = matchingForm('青石港的别称是白沙港，位于东海之滨。');
    const longest = { ...UNFITTED_SPAN_MODEL, weights: SPAN_FEATURE_NAMES.map((n) => (n === 'thingLogLength' ? 1 : 0)), minShare: 0 };
    try {
      useSpanModel(longest);
      const top = spanCandidates(q, s, 'what', 1)[0];
      const all = scoreSpans(q, s, 'what')!.candidates;
      expect(top.text.length).toBe(Math.max(...all.map((c) => c.text.length)));
    } finally {
      useSpanModel(null);
    }
  });

  it('answers nothing before it is fitted, and only above its minShare', () => {
    const q = matchingForm('青石港的别称是什么？');
    const s = matchingForm('青石港的别称是白沙港，位于东海之滨。');
    useSpanModel(null);
    const committed = loadSpanModel();
    try {
      useSpanModel(UNFITTED_SPAN_MODEL);
      expect(extractSpan(q, s, 'what')).toBeNull();
      useSpanModel({ ...committed, minShare: 1.01 });
      expect(extractSpan(q, s, 'what')).toBeNull();
    } finally {
      useSpanModel(null);
    }
    expect(extractSpan(q, s, 'what')).toBe('白沙港');
  });
});
