import { describe, expect, it } from 'vitest';
import { findAmounts, fitsUnit, wantedUnit } from '../../src/answer/amounts.js';

const texts = (s: string) => findAmounts(s).map((a) => a.text);

describe('findAmounts', () => {
  it('reads numbers with multipliers and units, not dates or ordinals', () => {
    expect(texts('前三季度实现营业收入86.35亿元，同比增长27.4%。')).toEqual(['86.35亿元', '27.4%']);
    expect(texts('截至9月30日，研发人员达到2156人，发布2023年第三季度报告')).toEqual(['2156人']);
    expect(texts('计划新增就业5.5万人，接待游客6万人次，共4,326人到场')).toEqual(['5.5万人', '6万人次', '共4,326人']);
    expect(texts('被告被判4年6月，并科罚金50万元')).toEqual(['4年6月', '50万元']);
  });
});

describe('wantedUnit', () => {
  it('reads the unit a question asks for', () => {
    expect(wantedUnit('报告了多少例')?.name).toBe('例');
    expect(wantedUnit('公司营收是多少')?.name).toBe('money');
    expect(wantedUnit('他今年几岁')?.name).toBe('岁');
    expect(wantedUnit('同比增长了多少')?.name).toBe('change');
    expect(wantedUnit('毛利率是多少')?.name).toBe('%');
    expect(wantedUnit('是多少')).toBeNull();
  });

  it('filters amounts by that unit', () => {
    const [money, share] = findAmounts('净利润9.12亿元，增长15.8%');
    expect(fitsUnit(money, wantedUnit('净利润有多少'))).toBe(true);
    expect(fitsUnit(share, wantedUnit('净利润有多少'))).toBe(false);
    expect(fitsUnit(share, wantedUnit('增长了多少'))).toBe(true);
  });

  it('takes match scores for 比分 and bare numbers for 电话, not years of study', () => {
    const [score] = findAmounts('主队以3比1取胜').filter((a) => fitsUnit(a, wantedUnit('比分是多少')));
    expect(score.text).toBe('3比1');
    const phone = wantedUnit('咨询电话是多少');
    expect(
      findAmounts('拨打12345热线')
        .filter((a) => fitsUnit(a, phone))
        .map((a) => a.text),
    ).toEqual(['12345']);
    expect(findAmounts('113学年度招生').filter((a) => fitsUnit(a, phone))).toEqual([]);
  });
});
