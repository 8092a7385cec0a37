/**
 * Chinese or not: Japanese shares the Han characters, so kana decides; a Chinese question may quote
 * a Japanese name. The tuning splits' Chinese questions (if ../shared/bench is there) are none of them
 * taken for Japanese or Korean.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOREIGN_KANA_SHARE, isJapaneseOrKorean, kanaShare } from '../../src/text/language.js';

describe('kanaShare', () => {
  it('is 0 for Chinese, whichever script', () => {
    expect(kanaShare('谁主持了会议？')).toBe(0);
    expect(kanaShare('誰主持了會議？')).toBe(0);
    expect(kanaShare('')).toBe(0);
  });

  it('counts each hiragana and each Hangul syllable', () => {
    // 会議を主宰したのは誰ですか: 8 hiragana, 5 Han
    expect(kanaShare('会議を主宰したのは誰ですか？')).toBeCloseTo(8 / 13);
    expect(kanaShare('會議를 主宰한 사람은 누구입니까?')).toBeGreaterThan(0.5);
  });

  it('counts a katakana run as one unit, and ignores ・ and ー alone', () => {
    expect(kanaShare('谁主持了ミライ会议？')).toBeCloseTo(1 / 7);
    expect(kanaShare('迈克尔・乔丹是谁？')).toBe(0);
    expect(kanaShare('ー是什么符号')).toBe(0);
    expect(kanaShare('ｿﾆｰ的总部在哪里')).toBeCloseTo(1 / 7); // half-width katakana
  });

  it('leaves quoted passages out', () => {
    expect(kanaShare('谁主持了「ミライ」会议？')).toBe(0);
    expect(kanaShare('《となりのトトロ》的导演是谁？')).toBe(0);
    expect(kanaShare('「ミライ」の社長は誰ですか')).toBeGreaterThan(FOREIGN_KANA_SHARE);
  });
});

describe('isJapaneseOrKorean', () => {
  it('takes Japanese questions for Japanese, even Han-heavy ones', () => {
    expect(isJapaneseOrKorean('会議を主宰したのは誰ですか？')).toBe(true);
    expect(isJapaneseOrKorean('会議の主宰者は誰？')).toBe(true);
    expect(isJapaneseOrKorean('誰が会議を主宰しましたか')).toBe(true);
    expect(isJapaneseOrKorean('トヨタの社長は誰ですか')).toBe(true);
  });

  it('takes Korean for Korean', () => {
    expect(isJapaneseOrKorean('회의를 주재한 사람은 누구입니까?')).toBe(true);
    expect(isJapaneseOrKorean('會議를 主宰한 사람은 누구입니까?')).toBe(true);
  });

  it('keeps Chinese questions that quote or name something Japanese', () => {
    expect(isJapaneseOrKorean('谁主持了「ミライ」会议？')).toBe(false);
    expect(isJapaneseOrKorean('谁主持了ミライ会议？')).toBe(false);
    expect(isJapaneseOrKorean('ソードアート・オンライン的作者是谁')).toBe(false);
    expect(isJapaneseOrKorean('《となりのトトロ》是哪一年上映的？')).toBe(false);
    expect(isJapaneseOrKorean('东京の天气怎么样')).toBe(false); // one borrowed の among seven Han characters
  });
});

// Like the bench CLI: BENCH_DIR, else ../shared/bench from the repo root (vitest runs there).
const BENCH = resolve(process.env.BENCH_DIR ?? '../shared/bench');
const TUNING = ['drcd/DRCD_test.json', 'cmrc2018/cmrc2018_trial.json', 'cail2019/cail2019_test.json'];
const present = TUNING.every((f) => existsSync(join(BENCH, f)));

if (!present) console.warn(`language.test: tuning splits not found under ${BENCH}; skipping the check on their questions`);

describe.skipIf(!present)('on the Chinese questions of the tuning splits', () => {
  it('takes none for Japanese or Korean', () => {
    let questions = 0;
    const flagged: string[] = [];
    for (const file of TUNING) {
      const data = JSON.parse(readFileSync(join(BENCH, file), 'utf8')) as { data: { paragraphs: { qas: { question: string }[] }[] }[] };
      for (const article of data.data)
        for (const p of article.paragraphs)
          for (const qa of p.qas) {
            questions++;
            if (isJapaneseOrKorean(qa.question)) flagged.push(qa.question);
          }
    }
    expect(questions).toBeGreaterThan(10_000);
    expect(flagged).toEqual([]);
  });
});
