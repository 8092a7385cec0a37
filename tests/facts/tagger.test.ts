/**
 * The character tagger: features, decoding a tiny model trained here, (de)serialisation, the committed
 * model, and the attachment of titles to names. Every sentence is written for the tests.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tag } from '../../src/text/segment.js';
import { charContext, featureHashes, FEATURES_PER_CHAR } from '../../src/facts/tagger/features.js';
import { deserialise, emissions, marginals, serialise, spanProbability, spansOf, viterbi, pathOf, allowed, LABELS, type TaggedSpan } from '../../src/facts/tagger/model.js';
import { train, type TrainingExample } from '../../src/facts/tagger/train.js';
import { loadTagger, recognise, recogniseWith, useTaggerModel, type RecognisedSpan } from '../../src/facts/tagger/index.js';
import { ATTACH_DEFAULTS, NAME_SCORE_FEATURES, cleanName, findRecognisedPeople, nameScore, recognisedCandidates } from '../../src/facts/tagger/attach.js';

/** Sentences written for the tests, with their names (PER) and positions (POS) marked by brackets. */
const TINY: string[] = [
  '[POS 总经理][PER 王建国]出席了会议。',
  '[POS 董事长][PER 李明华]主持会议。',
  '[POS 记者][PER 张小龙]报道。',
  '[PER 刘德明][POS 教授]指出，问题很多。',
  '[POS 局长][PER 赵一平]表示同意。',
  '[POS 主任][PER 陈志强]出席了会议。',
  '会议由[POS 副市长][PER 孙立军]主持。',
  '[PER 周晓红]是一名[POS 医生]。',
  '[POS 校长][PER 吴国平]讲话。',
  '今天天气很好，我们去公园。',
  '[POS 总经理][PER 黄海涛]表示同意。',
  '[POS 记者][PER 林小梅]报道。',
];

function parseMarked(marked: string): { text: string; gold: TaggedSpan[] } {
  let text = '';
  const gold: TaggedSpan[] = [];
  const re = /\[(PER|POS) ([^\]]+)\]|([^[]+)/g;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    if (m[3]) text += m[3];
    else {
      gold.push({ kind: m[1] as 'PER' | 'POS', start: text.length, end: text.length + m[2].length });
      text += m[2];
    }
  }
  return { text, gold };
}

const examples: TrainingExample[] = TINY.map((m) => {
  const { text, gold } = parseMarked(m);
  return { text, gold, feats: featureHashes(charContext(text, tag(text))) };
});
const tiny = train(examples, { rows: 1 << 14, epochs: 8, seed: 1 });
const decode = (model: typeof tiny, text: string) => spansOf(viterbi(model, emissions(model, featureHashes(charContext(text, tag(text))), text.length), text.length));

describe('features', () => {
  it('gives FEATURES_PER_CHAR hashes per character, the same for the same text', () => {
    const text = '董事长王建国主持会议';
    const a = featureHashes(charContext(text, tag(text)));
    const b = featureHashes(charContext(text, tag(text)));
    expect(a.length).toBe(text.length * FEATURES_PER_CHAR);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('marks the title lexicon and the surnames', () => {
    const text = '董事长王建国';
    const ctx = charContext(text, tag(text));
    expect(Array.from(ctx.title.slice(0, 3))).toEqual([1, 2, 3]); // 董事长: begin, inside, end
    expect(ctx.surname[3]).toBe(1); // 王
  });
});

describe("the model's word lists as features", () => {
  it('marks the longest listed name and position in a text, and nothing without lists', () => {
    const text = '总经理王建国和王建出席';
    const lexicons = { names: ['王建', '王建国'], positions: ['总经理'] };
    const ctx = charContext(text, tag(text), undefined, lexicons);
    expect(Array.from(ctx.knownName.slice(3, 9))).toEqual([1, 2, 3, 0, 1, 3]); // 王建国 (longest), 王建
    expect(Array.from(ctx.knownPosition.slice(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(charContext(text, tag(text)).knownName.slice(0, text.length)).every((v) => v === 0)).toBe(true);
  });

  it('the lists change the features, and survive serialisation', () => {
    const text = '王建国出席';
    const withLists = featureHashes(charContext(text, tag(text), undefined, { names: ['王建国'], positions: [] }));
    expect(Array.from(withLists)).not.toEqual(Array.from(featureHashes(charContext(text, tag(text)))));
    const withOthers = featureHashes(charContext(text, tag(text), undefined, { names: ['王建国'], positions: [], others: ['王建国出席'] }));
    expect(Array.from(withOthers)).not.toEqual(Array.from(withLists));
    const lexicons = { names: ['王建国', '李明华'], positions: ['董事长'], others: ['博尔顿', '星海科技'] };
    expect(deserialise(serialise({ ...tiny, lexicons }, 0)).lexicons).toEqual(lexicons);
  });
});

describe('model', () => {
  it("a span's probability is at most the marginal of any of its tags", () => {
    const text = '董事长李明华主持会议。';
    const n = text.length;
    const scores = emissions(tiny, featureHashes(charContext(text, tag(text))), n);
    const probs = marginals(tiny, scores, n, 1);
    const p = spanProbability(tiny, scores, n, 1, 3, 6, 'PER');
    expect(p).toBeGreaterThan(0);
    for (let i = 3; i < 6; i++) expect(p).toBeLessThanOrEqual(probs[i * LABELS.length + LABELS.indexOf(i === 3 ? 'B-PER' : 'I-PER')] + 1e-9);
  });

  it('BIO constraints: an I only after its own B or I', () => {
    const bPer = LABELS.indexOf('B-PER');
    const iPer = LABELS.indexOf('I-PER');
    const iPos = LABELS.indexOf('I-POS');
    expect(allowed(bPer, iPer)).toBe(true);
    expect(allowed(bPer, iPos)).toBe(false);
    expect(allowed(-1, iPer)).toBe(false);
  });

  it('spans and paths are inverses', () => {
    const spans: TaggedSpan[] = [
      { kind: 'POS', start: 0, end: 3 },
      { kind: 'PER', start: 3, end: 6 },
    ];
    expect(spansOf(pathOf(8, spans))).toEqual(spans);
  });

  it('a tiny model trained here decodes its training sentences', () => {
    for (const m of TINY.slice(0, 6)) {
      const { text, gold } = parseMarked(m);
      expect(decode(tiny, text), text).toEqual(gold);
    }
  });

  it('decodes a new sentence of a learnt pattern', () => {
    const spans = decode(tiny, '总经理王建华出席了会议。');
    expect(spans.find((s) => s.kind === 'POS')).toMatchObject({ start: 0, end: 3 });
    expect(spans.some((s) => s.kind === 'PER' && s.start === 3)).toBe(true);
  });

  it('survives serialisation (pruning nothing) with the same decoding', () => {
    const back = deserialise(serialise(tiny, 0));
    for (const m of TINY) {
      const { text } = parseMarked(m);
      expect(decode(back, text)).toEqual(decode(tiny, text));
    }
  });

  it('recogniseWith reports spans with text and a confidence in [0, 1]', () => {
    const spans = recogniseWith(tiny, { temperature: 1 }, '董事长李明华主持会议。');
    const per = spans.find((s) => s.kind === 'PER');
    expect(per?.text).toBe('李明华');
    expect(per!.confidence).toBeGreaterThan(0);
    expect(per!.confidence).toBeLessThanOrEqual(1);
  });
});

describe('the committed model', () => {
  afterAll(() => useTaggerModel(null));

  it('loads', () => {
    expect(loadTagger()).toBeGreaterThanOrEqual(0);
  });

  it('finds a name and a position in a sentence written for the test', () => {
    const spans = recognise('公司董事长王建国先生主持了本次会议。');
    expect(spans.some((s) => s.kind === 'PER' && s.text.startsWith('王建国'))).toBe(true);
    expect(spans.some((s) => s.kind === 'POS' && s.text.endsWith('董事长'))).toBe(true);
  });
});

/** Spans written by hand, so the attachment rules are tested without any model. */
function spansIn(text: string, marks: [RecognisedSpan['kind'], string, number?][]): RecognisedSpan[] {
  return marks.map(([kind, s, confidence]) => {
    const start = text.indexOf(s);
    if (start < 0) throw new Error(`${s} not in ${text}`);
    return { kind, text: s, start, end: start + s.length, confidence: confidence ?? 0.99, probability: confidence ?? 0.99 };
  });
}

describe('attaching titles', () => {
  const people = (text: string, marks: [RecognisedSpan['kind'], string, number?][]) => findRecognisedPeople(text, spansIn(text, marks));

  it('the title chain before the name (rules of people.ts)', () => {
    const [p] = people('市委常委、宣传部部长周明远出席仪式。', [['PER', '周明远']]);
    expect(p).toMatchObject({ name: '周明远', titles: ['市委常委', '宣传部部长'], roles: ['出席'] });
  });

  it('a tagger position before the name, with its organisation', () => {
    const [p] = people('运输及物流局局长陈美玲今日表示，', [
      ['ORG', '运输及物流局'],
      ['POS', '局长'],
      ['PER', '陈美玲'],
    ]);
    expect(p.name).toBe('陈美玲');
    expect(p.titles.join()).toMatch(/局长$/);
  });

  it('a bracketed qualifier between the title and the name stays in the title', () => {
    const [p] = people('副政府资讯科技总监(基建)黄家伟出席。', [
      ['POS', '副政府资讯科技总监'],
      ['PER', '黄家伟'],
    ]);
    expect(p).toMatchObject({ name: '黄家伟', titles: ['副政府资讯科技总监(基建)'] });
  });

  it('为/是 between the title and the name', () => {
    const [p] = people('现任民政事务总署署长为林子健。', [
      ['POS', '民政事务总署署长'],
      ['PER', '林子健'],
    ]);
    expect(p.name).toBe('林子健');
    expect(p.titles.join()).toMatch(/署长$/);
  });

  it('apposition after the name, and a title written right after it', () => {
    expect(
      people('何志平，食物及卫生局局长，昨日到访。', [
        ['PER', '何志平'],
        ['POS', '食物及卫生局局长'],
      ])[0].titles,
    ).toEqual(['食物及卫生局局长']);
    expect(
      people('何志平（食物及卫生局局长）昨日到访。', [
        ['PER', '何志平'],
        ['POS', '食物及卫生局局长'],
      ])[0].titles,
    ).toEqual(['食物及卫生局局长']);
    expect(
      people('今天陈国强局长到访。', [
        ['PER', '陈国强'],
        ['POS', '局长'],
      ])[0].titles,
    ).toEqual(['局长']);
    expect(
      people('王立新现任集团总裁。', [
        ['PER', '王立新'],
        ['POS', '集团总裁'],
      ])[0].titles,
    ).toEqual(['集团总裁']);
  });

  it('先生/女士 after a name is neither name nor title; the roles come after it', () => {
    const [p] = people('董事长郑大为先生主持会议。', [['PER', '郑大为先生']]);
    expect(p).toMatchObject({ name: '郑大为', titles: ['董事长'], roles: ['主持'] });
  });

  it('a verb glued to a name is cut off; forms of address are not names', () => {
    expect(cleanName('王小明说')).toBe('王小明');
    expect(cleanName('高先生')).toBeNull();
    expect(cleanName('局长')).toBeNull();
    expect(cleanName('贝克汉姆')).toBe('贝克汉姆');
  });

  it('a reporter in a bracketed byline: the title is 记者, never 【记者', () => {
    const [p] = people('【记者林志明/台北】政府今日宣布，', [
      ['POS', '记者'],
      ['PER', '林志明'],
    ]);
    expect(p).toMatchObject({ name: '林志明', titles: ['记者'] });
  });

  it('names below the confidence threshold are dropped', () => {
    expect(people('张三来了。', [['PER', '张三', 0.1]])).toEqual([]);
  });

  it('an office taken after the name, with its organisation between verb and title (曾出任)', () => {
    const text = '周国栋曾出任交通运输厅厅长，后升任副省长。';
    const [p] = people(text, [
      ['PER', '周国栋'],
      ['ORG', '交通运输厅'],
      ['POS', '厅长'],
    ]);
    expect(p).toMatchObject({ name: '周国栋', titles: ['交通运输厅厅长'] });
    // Not an office verb: no title.
    expect(
      people('周国栋批评交通运输厅厅长。', [
        ['PER', '周国栋'],
        ['ORG', '交通运输厅'],
        ['POS', '厅长'],
      ])[0].titles,
    ).toEqual([]);
  });

  it('apposition of an organisation and its title in brackets (陈茂波（财政司司长）)', () => {
    const text = '陈茂波（财政司司长）昨日表示，';
    const [p] = people(text, [
      ['PER', '陈茂波'],
      ['ORG', '财政司'],
      ['POS', '司长'],
    ]);
    expect(p.titles).toEqual(['财政司司长']);
  });

  it('a day word glued to a name is cut off (赖清德今（15）日): Taiwan bracketed days', () => {
    const text = '总统赖清德今(15)日出席活动。';
    expect(people(text, [['PER', '赖清德今']])[0].name).toBe('赖清德');
    // A name that really ends in 明 keeps it when no day follows.
    expect(people('王立明出席活动。', [['PER', '王立明']])[0].name).toBe('王立明');
  });

  it('with a fitted scorer, a name it scores below the threshold is dropped and one above is kept', () => {
    const text = '张三来了。';
    const spans = spansIn(text, [['PER', '张三', 0.9]]);
    const [candidate] = recognisedCandidates(text, spans);
    expect(candidate.inputs.length).toBe(NAME_SCORE_FEATURES.length + 1);
    // Weights that read only the bias: the score is the logistic of it.
    const bias = (b: number) => [b, ...NAME_SCORE_FEATURES.map(() => 0)];
    expect(nameScore(candidate.inputs, bias(0))).toBeCloseTo(0.5);
    const settings = { ...ATTACH_DEFAULTS, minNameScore: 0.6 };
    expect(findRecognisedPeople(text, spans, { ...settings, nameWeights: bias(2) })).toHaveLength(1);
    expect(findRecognisedPeople(text, spans, { ...settings, nameWeights: bias(-2) })).toHaveLength(0);
  });

  it('an adverb glued to a name is cut off (郭某某则认为, 陈某也); a name of two characters keeps its end', () => {
    expect(cleanName('郭田勇则')).toBe('郭田勇');
    expect(cleanName('陈辉也')).toBe('陈辉');
    expect(cleanName('王也')).toBe('王也');
  });

  it('the scorer reads the context of a candidate: punctuation, 的, brackets, quotes, recurrence, neighbours', () => {
    const input = (text: string, name: string, marks: [RecognisedSpan['kind'], string, number?][] = [['PER', name]], others?: Set<string>) =>
      Object.fromEntries(NAME_SCORE_FEATURES.map((f, k) => [f, recognisedCandidates(text, spansIn(text, marks), undefined, others)[0].inputs[k + 1]]));
    const a = input('昨天，张小军的车坏了。', '张小军');
    expect(a).toMatchObject({ 'surname first': 1, 'punctuation or start before': 1, 'punctuation or end after': 0, '的 after': 1, quoted: 0, 'recurs in the text': 0 });
    const b = input('他说“博尔顿”赢了，博尔顿(bolton)很强。', '博尔顿', [['PER', '博尔顿']], new Set(['博尔顿']));
    expect(b).toMatchObject({ 'surname first': 0, quoted: 1, 'recurs in the text': 1, 'known other entity': 1 });
    const c = input('主力后卫卡杜(cadu)受伤。', '卡杜');
    expect(c['bracket after']).toBe(1);
    const d = input('切尔西队员兰帕德进球。', '兰帕德', [
      ['ORG', '切尔西队员'],
      ['PER', '兰帕德'],
    ]);
    expect(d['organisation or place next to it']).toBe(1);
  });

  it("a name in the model's list of names is evidence for the scorer", () => {
    const text = '张三来了。';
    const spans = spansIn(text, [['PER', '张三', 0.9]]);
    const known = NAME_SCORE_FEATURES.indexOf('known name') + 1;
    expect(recognisedCandidates(text, spans, new Set(['张三']))[0].inputs[known]).toBe(1);
    expect(recognisedCandidates(text, spans, new Set(['李四']))[0].inputs[known]).toBe(0);
    // A name one character short of a known one is most likely cut short.
    const short = NAME_SCORE_FEATURES.indexOf('one more character makes a known name') + 1;
    expect(recognisedCandidates('张三丰来了。', spansIn('张三丰来了。', [['PER', '张三']]), new Set(['张三丰']))[0].inputs[short]).toBe(1);
  });
});
