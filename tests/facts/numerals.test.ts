import { describe, expect, it } from 'vitest';
import { parseNumeral } from '../../src/facts/numerals.js';

describe('parseNumeral: numbers as Chinese writes them', () => {
  it('reads full Chinese numerals with 零, 两 and the large units', () => {
    expect(parseNumeral('一千零五十六')).toBe(1056);
    expect(parseNumeral('一百四十二')).toBe(142);
    expect(parseNumeral('两千零一十六')).toBe(2016);
    expect(parseNumeral('四万二千')).toBe(42000);
    expect(parseNumeral('一万零五十')).toBe(10050);
    expect(parseNumeral('一亿零五百万')).toBe(105_000_000);
    expect(parseNumeral('十五')).toBe(15);
    expect(parseNumeral('十万')).toBe(100_000);
  });

  it('reads 廿, 卅 and spoken elision (一百五 = 150, 四万二 = 42000)', () => {
    expect(parseNumeral('廿')).toBe(20);
    expect(parseNumeral('廿三')).toBe(23);
    expect(parseNumeral('卅')).toBe(30);
    expect(parseNumeral('一百五')).toBe(150);
    expect(parseNumeral('四万二')).toBe(42000);
  });

  it('reads Arabic digits with separators, decimals and 万/亿', () => {
    expect(parseNumeral('2,300')).toBe(2300);
    expect(parseNumeral('1.5万')).toBe(15000);
    expect(parseNumeral('2万8,500')).toBe(28500);
    expect(parseNumeral('431022亿')).toBe(43_102_200_000_000);
    expect(parseNumeral('1亿2千万')).toBe(120_000_000);
    expect(parseNumeral('3千')).toBe(3000);
  });

  it('reads Chinese decimals and digit-by-digit years', () => {
    expect(parseNumeral('三点五')).toBe(3.5);
    expect(parseNumeral('二〇二一')).toBe(2021);
  });

  it('refuses what is not one number', () => {
    expect(parseNumeral('三四')).toBeNull(); // "three or four"
    expect(parseNumeral('万')).toBeNull();
    expect(parseNumeral('环节')).toBeNull();
    expect(parseNumeral('十百')).toBeNull();
  });
});
