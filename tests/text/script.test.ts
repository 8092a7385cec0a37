import { describe, expect, it } from 'vitest';
import { detectScript, matchingForm, toScript, toSimplified } from '../../src/text/script.js';
import { addUserWord, indexTokens } from '../../src/text/segment.js';

describe('script', () => {
  it('detects Traditional and Simplified', () => {
    expect(detectScript('鐵嶺的群眾滿意度是多少？')).toBe('hant');
    expect(detectScript('铁岭的群众满意度是多少？')).toBe('hans');
    expect(detectScript('What?')).toBe('hans');
  });

  it('unifies both scripts and full-width forms into one matching form', () => {
    expect(matchingForm('鐵嶺的群眾滿意度是９７．１８％')).toBe('铁岭的群众满意度是97.18%');
    expect(toSimplified('鐵嶺')).toBe(toSimplified('铁岭'));
  });

  it('renders Simplified into Traditional on request', () => {
    expect(toScript('群众满意度', 'hant')).toBe('群眾滿意度');
    expect(toScript('群众满意度', 'hans')).toBe('群众满意度');
  });
});

describe('segment', () => {
  it('drops stop words, question words and punctuation', () => {
    const toks = indexTokens('谁主持了会议？王大友出席。');
    expect(toks).toContain('主持');
    expect(toks).not.toContain('谁');
    expect(toks).not.toContain('？');
    expect(toks).not.toContain('了');
  });

  it('keeps a user word whole once it is taught', () => {
    expect(indexTokens('会议？李友出席。')).not.toContain('李友');
    addUserWord('李友', 'nr');
    expect(indexTokens('会议？李友出席。')).toContain('李友');
  });
});
