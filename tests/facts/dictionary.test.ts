/**
 * The pre-filters that spare jieba tagging: dictionary words by tag, WordSet, mayNamePlace and
 * mayNameOrganization. They must be exact: a text they reject yields nothing anyway.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WordSet, dictionaryWords } from '../../src/facts/dictionary.js';
import { mayNamePlace, discoverPlaces } from '../../src/facts/places.js';
import { findOrganizations, mayNameOrganization } from '../../src/facts/organizations.js';
import { NOT_PLACES, NOT_PLACE_ENDINGS } from '../../src/facts/lexicon.js';
import { tagged } from '../../src/facts/tokens.js';
import { splitParagraphs, splitSentences } from '../../src/text/sentences.js';
import { matchingForm } from '../../src/text/script.js';
import { cityPressConference, provincialMeeting } from './fixtures.js';

/** Sentences of the seeds and fixtures plus a few plain ones (Simplified). */
const texts = [
  ...['000_547094a859bc4222.txt', '003_72b0ff2129dbfce8.txt'].flatMap((f) => splitParagraphs(readFileSync(new URL(`../../seeds/${f}`, import.meta.url), 'utf8')).flatMap((p) => splitSentences(p))),
  ...[provincialMeeting, cityPressConference].flatMap((d) => [d.meta.title, ...d.paragraphs.flatMap((p) => splitSentences(p))]),
  '这个软件可以帮助你管理文件。',
  '他在巴黎学习了三年。',
  '联合国安理会今天举行会议。',
].map(matchingForm);

describe('dictionary words', () => {
  it('reads the words jieba tags ns and nt', () => {
    expect(dictionaryWords('ns')).toEqual(expect.arrayContaining(['北京', '巴黎', '华盛顿']));
    expect(dictionaryWords('nt')).toEqual(expect.arrayContaining(['国务院', '联合国']));
    expect(dictionaryWords('ns')).not.toContain('国务院');
  });

  it('every ns or nt token jieba gives is a dictionary word with that tag (what the pre-filters rely on)', () => {
    const ns = new Set(dictionaryWords('ns'));
    const nt = new Set(dictionaryWords('nt'));
    const tokens = texts.flatMap((t) => tagged(t));
    expect(tokens.some((t) => t.tag === 'ns')).toBe(true);
    for (const t of tokens) {
      if (t.tag === 'ns') expect(ns.has(t.word), t.word).toBe(true);
      if (t.tag === 'nt') expect(nt.has(t.word), t.word).toBe(true);
    }
  });

  it('the project never teaches the segmenter a word tagged ns or nt (which the dictionary files would not list)', () => {
    const src = new URL('../../src/', import.meta.url);
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const teaching = files.flatMap((f) => readFileSync(new URL(f, src), 'utf8').match(/(?:addUserWord|insertWord)\([^)]*\)/g) ?? []);
    expect(teaching.length).toBeGreaterThan(0);
    for (const call of teaching) expect(call, call).not.toMatch(/['"]n[st]['"]/);
  });
});

describe('WordSet', () => {
  const set = new WordSet(['北京', '华盛顿', '𠀀𠀁']);
  it('finds a word anywhere, including at the very end and across surrogate pairs', () => {
    expect(set.occursIn('我去北京')).toBe(true);
    expect(set.occursIn('华盛顿特区')).toBe(true);
    expect(set.occursIn('甲𠀀𠀁')).toBe(true);
    expect(set.occursIn('华盛')).toBe(false);
    expect(set.occursIn('北')).toBe(false);
    expect(set.occursIn('')).toBe(false);
  });
  it('refuses words of one character', () => {
    expect(() => new WordSet(['局'])).toThrow();
  });
});

describe('pre-filters of places and organisations', () => {
  it('let through a place that only jieba knows (no level character, not listed)', () => {
    expect(mayNamePlace('他在巴黎学习了三年。')).toBe(true);
    expect([...discoverPlaces('他在巴黎学习了三年。')]).toEqual(['巴黎']);
    expect(mayNamePlace('湖南省人民政府发布通知')).toBe(true);
  });

  it('let through an organisation that is one nt word without a suffix', () => {
    expect(mayNameOrganization('联合国安理会今天举行会议。')).toBe(true);
    expect(findOrganizations('联合国安理会今天举行会议。').length).toBeGreaterThan(0);
  });

  it('reject plain text', () => {
    expect(mayNamePlace('这个软件可以帮助你管理文件。')).toBe(false);
    expect(mayNameOrganization('这个软件可以帮助你管理文件。')).toBe(false);
  });

  it('are exact: a rejected text has no token any reading of places or organisations starts from', () => {
    const levelOrListed = /[省市县区州镇乡]|北京|天津|上海|重庆|沈阳|成都/;
    // jieba's ns noise (满意度/ns) is never a place: discoverPlaces drops it.
    const placeLike = (t: { word: string; tag: string }) => t.tag === 'ns' && !NOT_PLACE_ENDINGS.test(t.word) && !NOT_PLACES.has(t.word);
    let rejected = 0;
    for (const text of texts) {
      const toks = tagged(text);
      if (!mayNamePlace(text)) {
        rejected++;
        expect(
          toks.filter((t) => placeLike(t) || levelOrListed.test(t.word)),
          text,
        ).toEqual([]);
      }
      // nt tokens that end like an organisation (党中央/nt does not: findOrganizations ignores it).
      const orgLike = (t: { word: string; tag: string }) => t.tag === 'nt' && t.word.length >= 3 && /[委会院局厅部署办处所社台报团校队组行司馆站军党]$/.test(t.word);
      if (!mayNameOrganization(text)) expect(toks.filter(orgLike), text).toEqual([]);
    }
    expect(rejected).toBeGreaterThan(0);
  });
});
