/** Facts are read from body text only: never from related-links lines, photo credits, captions or page tools. */
import { describe, expect, it } from 'vitest';
import { extractFacts, isChrome, type ExtractedFact } from '../../src/facts/extract.js';
import { toSentences } from '../../src/knowledge/knowledge-base.js';
import type { CorpusDocument } from '../../src/types.js';
import { matchingForm } from '../../src/text/script.js';

describe('no facts from page chrome', () => {
  it('recognises chrome sentences in the matching form', () => {
    for (const text of ['相關報導：市府5月6日投入5億元', '延伸閱讀：南韓總統府12日宣布新政策', '图为5月6日，市民在公园游玩。', '（記者王小明攝）', '分享 facebook line 列印']) {
      expect(isChrome(matchingForm(text)), text).toBe(true);
    }
    expect(isChrome('5月6日，市政府投入5亿元用于防汛。')).toBe(false);
  });

  it('a document: dates and amounts come from the body only', () => {
    const doc: CorpusDocument = {
      meta: { id: 'p', title: '市府投入防汛經費', published: '2024-05-15' },
      paragraphs: ['市府今(15)日宣布投入新臺幣5億元用於防汛。', '相關報導：去年6月3日市府投入3億元', '圖為5月6日，市民在公園遊玩。'],
    };
    const facts = extractFacts([doc], toSentences([doc]));
    expect(facts.filter((f) => f.type === 'amount').map((f) => f.value)).toEqual(['新台币5亿元']);
    expect(facts.filter((f) => f.type === 'date' && (f as ExtractedFact).origin === 'text').map((f) => f.value)).toEqual(['2024-05-15']);
    const amount = facts.find((f) => f.type === 'amount')!;
    expect(amount).toMatchObject({ number: 500_000_000, unit: '亿元', sentence: '市府今(15)日宣布投入新臺幣5億元用於防汛。' });
  });
});
