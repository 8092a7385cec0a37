/**
 * Position facts: the offices a text mentions, held by someone named or not. findPositions on spans
 * written here (no model), then the whole pipeline with the committed tagger, in both scripts, and the
 * ways a position fact is shown. Every sentence is written for the tests.
 */
import { describe, expect, it } from 'vitest';
import type { Fact, Sentence } from '../../src/types.js';
import { extractFacts, extractSentenceFacts } from '../../src/facts/extract.js';
import { describeFact } from '../../src/facts/index.js';
import { describeFactLine } from '../../src/render/text.js';
import { matchingForm } from '../../src/text/script.js';
import { findPositions, POSITION_DEFAULTS } from '../../src/facts/tagger/positions.js';
import type { RecognisedSpan } from '../../src/facts/tagger/index.js';
import type { PersonMention } from '../../src/facts/people.js';

/** Spans of `kind` over the given pieces of `text` (first occurrence of each). */
function spansOf(text: string, ...pieces: [RecognisedSpan['kind'], string][]): RecognisedSpan[] {
  return pieces.map(([kind, piece]) => {
    const start = text.indexOf(piece);
    if (start < 0) throw new Error(`${piece} not in ${text}`);
    return { kind, text: piece, start, end: start + piece.length, confidence: 1, probability: 1 };
  });
}
const mention = (name: string, titles: string[], text: string): PersonMention => ({ name, titles, roles: [], index: text.indexOf(name) });

describe('findPositions (spans given)', () => {
  it('keeps a position nobody holds, with the organisation written right before it', () => {
    const text = '据悉，该市财政局局长对此并不知情。';
    const found = findPositions(text, spansOf(text, ['ORG', '财政局'], ['POS', '局长']), []);
    expect(found).toEqual([{ title: '局长', org: '财政局', index: text.indexOf('局长'), end: text.indexOf('局长') + 2, source: 'tagger' }]);
  });

  it('an organisation not adjacent to the position is not its organisation', () => {
    const text = '财政局召开会议，局长出席。';
    expect(findPositions(text, spansOf(text, ['ORG', '财政局'], ['POS', '局长']), [])[0].org).toBeUndefined();
  });

  it('the holder is the person of the text one of whose titles ends with the position', () => {
    const text = '财政司司长陈志明表示，副司长李小红也出席了。';
    const spans = spansOf(text, ['POS', '财政司司长'], ['POS', '副司长']);
    const people = [mention('陈志明', ['财政司司长'], text), mention('李小红', ['副司长'], text)];
    expect(findPositions(text, spans, people).map((p) => [p.title, p.holder])).toEqual([
      ['财政司司长', '陈志明'],
      ['副司长', '李小红'],
    ]);
  });

  it('a word inside a longer title does not make its holder (领导 in 领导小组副组长)', () => {
    const text = '领导小组副组长王建军听取了各位领导的意见。';
    const spans = spansOf(text, ['POS', '副组长'], ['POS', '领导']);
    const found = findPositions(text.replace('领导小组', '某某小组'), spans, [mention('王建军', ['领导小组副组长'], text)]);
    expect(found.find((p) => p.title === '副组长')?.holder).toBe('王建军');
    expect(found.find((p) => p.title === '领导')?.holder).toBeUndefined();
  });

  it('a one-character position is dropped', () => {
    const text = '老张是队里的长辈。';
    expect(findPositions(text, spansOf(text, ['POS', '长']), [])).toEqual([]);
  });

  it('a position starting inside a word of the text starts after that word (a name tagged short)', () => {
    const text = '张国栋总经理出席了会议。';
    // The tagger read 张国|栋总经理: jieba's word 张国栋 ends inside the position.
    const spans: RecognisedSpan[] = [
      { kind: 'PER', text: '张国', start: 0, end: 2, confidence: 1, probability: 1 },
      { kind: 'POS', text: '栋总经理', start: 2, end: 6, confidence: 1, probability: 1 },
    ];
    expect(findPositions(text, spans, [])[0]).toMatchObject({ title: '总经理', index: 3, end: 6 });
    expect(findPositions(text, spans, [], { ...POSITION_DEFAULTS, wordStart: false })[0].title).toBe('栋总经理');
  });

  it('with the lexicon on, a title head the tagger left out is read with its chain, never across words', () => {
    const text = '该局副局长表示，部门将加强管理。';
    const found = findPositions(text, [], [], { lexicon: true, wordStart: true });
    expect(found.map((p) => [p.title, p.source])).toEqual([['副局长', 'lexicon']]);
    expect(findPositions(text, [], [])).toEqual([]);
  });
});

function facts(text: string): Fact[] {
  const sentence: Sentence = { id: 0, docId: 't', paragraph: 0, position: 0, text, simplified: matchingForm(text) };
  return extractSentenceFacts(sentence);
}
const positions = (text: string) => facts(text).filter((f) => f.type === 'position');

describe('position facts through the pipeline (committed tagger)', () => {
  it('positions written without anyone holding them', () => {
    const found = positions('记者了解到，该市财政局局长对此并不知情。');
    expect(found.map((f) => f.value)).toEqual(expect.arrayContaining(['记者']));
    expect(found.some((f) => f.value.endsWith('局长') && !f.holder)).toBe(true);
  });

  it('a position held by the person named after it (Traditional in, Simplified out)', () => {
    const found = positions('財政司司長陳志明今日表示，預算案下月公布。');
    const held = found.find((f) => f.holder === '陈志明');
    expect(held?.value).toMatch(/司长$/);
    expect(held?.sentence).toBe('財政司司長陳志明今日表示，預算案下月公布。');
  });

  it('no position in a sentence that mentions none', () => {
    expect(positions('今天天气很好，我们去公园散步。')).toEqual([]);
  });

  it('one fact per position, organisation and holder in a document; none from page chrome', () => {
    const text = ['据悉，该市财政局局长对此并不知情。', '财政局局长此前曾表示反对。', '责任编辑：王小红 记者：李大伟'];
    const doc = { meta: { id: 'd', title: '' }, paragraphs: text };
    const sentences = text.map((t, k) => ({ id: k, docId: 'd', paragraph: k, position: k, text: t, simplified: matchingForm(t) }));
    const found = extractFacts([doc], sentences).filter((f) => f.type === 'position');
    expect(found.filter((f) => f.value === '局长' && f.org === '财政局').map((f) => f.sentenceId)).toEqual([0]);
    expect(found.filter((f) => f.sentenceId === 2)).toEqual([]);
  });
});

describe('showing a position fact', () => {
  const at = { docId: 'd', sentenceId: 0, sentence: '' };
  it('describeFact: the position, its organisation, its holder', () => {
    expect(describeFact({ type: 'position', value: '司长', org: '财政司', holder: '陈志明', ...at })).toBe('司长（财政司）：陈志明');
    expect(describeFact({ type: 'position', value: '记者', ...at })).toBe('记者');
  });

  it('describeFactLine (bot, chat, ask): labelled, in the reader’s script', () => {
    expect(describeFactLine({ type: 'position', value: '司长', org: '财政司', holder: '陈志明', ...at }, 'hans')).toBe('职务：司长（财政司）  陈志明');
    expect(describeFactLine({ type: 'position', value: '记者', ...at }, 'hant')).toBe('職務：记者');
  });
});
