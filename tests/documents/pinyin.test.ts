import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPinyinReadings, stripPinyinReadings } from '../../src/documents/clean.js';

const seed000 = readFileSync(new URL('../../seeds/000_547094a859bc4222.txt', import.meta.url), 'utf8');
const seed003 = readFileSync(new URL('../../seeds/003_72b0ff2129dbfce8.txt', import.meta.url), 'utf8');

describe('stripPinyinReadings', () => {
  it('removes toned readings after Han characters, in ASCII or full-width parentheses', () => {
    expect(stripPinyinReadings('長(zhǎng)安網(wǎng)')).toBe('長安網');
    expect(stripPinyinReadings('我们的学（xué）校在这里')).toBe('我们的学校在这里');
    expect(stripPinyinReadings('质(zhì）量')).toBe('质量');
  });

  it('removes multi-syllable readings, spaced or not, and ü readings', () => {
    expect(stripPinyinReadings('长安(cháng ān)街')).toBe('长安街');
    expect(stripPinyinReadings('长安(chángān)街')).toBe('长安街');
    expect(stripPinyinReadings('绿(lǜ)色')).toBe('绿色');
    // Decomposed tone marks (a + combining caron) are the same reading.
    expect(stripPinyinReadings('长(zha\u030cng)大')).toBe('长大');
  });

  it('never touches real parentheses', () => {
    const kept = [
      '新华社(北京)电',
      '研究部署下步工作。(辽宁日报记者 杨忠厚)',
      '研究部署下步工作。（辽宁日报记者 杨忠厚）',
      '判决书(2021)第3号',
      '国内生产总值(GDP)增长',
      '政法单位党组(党委)书记',
      '中国(China)是',
      '单位(pin)码', // toneless, and the text has no other readings: could be English
      '他说(a)项', // a lone letter
      '这是(hello)世界',
      'Total(zhǎng) is', // not after a Han character
    ];
    for (const text of kept) expect(stripPinyinReadings(text), text).toBe(text);
  });

  it('takes toneless neutral-tone syllables only in text known to carry readings', () => {
    const annotated = '我(wǒ)们(men)的(de)学(xué)校(xiào)好(hǎo)';
    expect(stripPinyinReadings(annotated)).toBe('我们的学校好');
    expect(stripPinyinReadings('我们的(de)学校')).toBe('我们的(de)学校');
  });

  it('removes all 167 readings of seed 000 and keeps its text otherwise', () => {
    expect(findPinyinReadings(seed000)).toHaveLength(167);
    const stripped = stripPinyinReadings(seed000);
    expect(stripped).not.toMatch(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/);
    expect(stripped).not.toMatch(/\(zh/);
    expect(stripped).toContain('歡迎來到遼寧長安網');
    expect(stripped).toContain('群眾滿意度為97.18%');
    expect(stripped).toContain('領導小組副組長李友');
  });

  it('leaves seed 003 (real parentheses only) unchanged', () => {
    expect(findPinyinReadings(seed003)).toEqual([]);
    expect(stripPinyinReadings(seed003)).toBe(seed003);
  });
});
