import { describe, expect, it } from 'vitest';
import { dateAlone, findSignature, isIssuerName } from '../../src/documents/clean.js';

describe('dateAlone', () => {
  it('reads a line that is only a full date, in Arabic or Chinese numerals', () => {
    expect(dateAlone('2023年3月3日')).toBe('2023-03-03');
    expect(dateAlone(' 2023-03-03 ')).toBe('2023-03-03');
    expect(dateAlone('二〇二三年三月三日')).toBe('2023-03-03');
    expect(dateAlone('二○二三年十二月三十一日')).toBe('2023-12-31');
    expect(dateAlone('二零二三年二月二十日')).toBe('2023-02-20');
    expect(dateAlone('中華民國112年3月3日')).toBe('2023-03-03');
  });

  it('rejects dates with more on the line, partial dates and impossible ones', () => {
    expect(dateAlone('2023年3月3日上午')).toBeUndefined();
    expect(dateAlone('3月3日')).toBeUndefined();
    expect(dateAlone('二〇二三年十三月一日')).toBeUndefined();
    expect(dateAlone('二〇二三年三月三十二日')).toBeUndefined();
    expect(dateAlone('112年3月3日')).toBeUndefined();
  });
});

describe('isIssuerName', () => {
  it('knows organisation names by their endings', () => {
    for (const name of ['某某市疾病预防控制中心', '某某縣政府教育處', '某某大学教务处', '某某市人民政府办公室', '某某有限公司', '中共某某县委组织部']) {
      expect(isIssuerName(name), name).toBe(true);
    }
  });

  it('rejects sentences, people and short words', () => {
    for (const line of ['会议由市委办公室组织。', '报名截止时间', '张三', '局', '请各单位于3月1日前报送材料']) {
      expect(isIssuerName(line), line).toBe(false);
    }
  });
});

describe('findSignature', () => {
  it('reads one line, bracketed or not, with or without a space before the date', () => {
    expect(findSignature(['正文。', '（某某市疾病预防控制中心 2023年3月3日）'])).toEqual({ source: '某某市疾病预防控制中心', published: '2023-03-03' });
    expect(findSignature(['正文。', '某某縣政府教育處2023年3月3日'])).toEqual({ source: '某某縣政府教育處', published: '2023-03-03' });
  });

  it('reads issuer lines followed by a date line', () => {
    expect(findSignature(['正文。', '某某市水利局', '二〇二三年六月一日'])).toEqual({ source: '某某市水利局', published: '2023-06-01' });
    expect(findSignature(['正文。', '某某市水利局', '某某市应急管理局', '2023-06-01'])).toEqual({
      source: '某某市水利局、某某市应急管理局',
      published: '2023-06-01',
    });
  });

  it('finds nothing without an issuer, without a date, or without any text before', () => {
    expect(findSignature(['正文。', '2023年6月1日'])).toBeUndefined();
    expect(findSignature(['正文。', '报名截止时间', '2023年6月1日'])).toBeUndefined();
    expect(findSignature(['正文。', '（记者 张三 2023年6月1日）'])).toBeUndefined();
    expect(findSignature(['正文。', '某某市水利局'])).toBeUndefined();
    expect(findSignature(['某某市水利局', '2023年6月1日'])).toBeUndefined();
    expect(findSignature([])).toBeUndefined();
  });
});
