/**
 * Markup and escape sequences pasted along with a question: HTML tags and character references,
 * terminal escapes, control and invisible characters, full-width forms.
 */
import { describe, expect, it } from 'vitest';
import { stripMarkup } from '../../src/text/markup.js';

describe('stripMarkup', () => {
  it('removes HTML tags and comments, and script/style elements with their content', () => {
    expect(stripMarkup('<b>谁</b>主持了<i class="x">会议</i>？')).toBe('谁主持了会议?');
    expect(stripMarkup('谁<br/>主持<!-- note -->了会议')).toBe('谁主持了会议');
    expect(stripMarkup('<script>alert(1)</script>会议<style>p{color:red}</style>')).toBe('会议');
  });

  it('keeps a < that opens no tag', () => {
    expect(stripMarkup('a<b 时')).toBe('a<b 时');
    expect(stripMarkup('1<2')).toBe('1<2');
  });

  it('decodes HTML character references, named and numeric', () => {
    expect(stripMarkup('A&amp;B')).toBe('A&B');
    expect(stripMarkup('&#x4e00;&#20108;')).toBe('一二');
    expect(stripMarkup('会议&nbsp;地点')).toBe('会议\u00a0地点');
    expect(stripMarkup('AT&T')).toBe('AT&T'); // no reference: left alone
  });

  it('removes a tag written as character references once decoded', () => {
    expect(stripMarkup('&lt;b&gt;谁&lt;/b&gt;')).toBe('谁');
  });

  it('removes terminal escape sequences, also when written as a character reference', () => {
    expect(stripMarkup('\u001b[31m谁\u001b[0m主持')).toBe('谁主持');
    expect(stripMarkup('\u001b]8;;https://example.com\u0007链接\u001b]8;;\u0007')).toBe('链接');
    expect(stripMarkup('&#x1b;[1;32m会议')).toBe('会议');
  });

  it('replaces other control characters by a space', () => {
    expect(stripMarkup('会议\u0000在哪\u0007里')).toBe('会议 在哪 里');
  });

  it('removes zero-width, bidi and other invisible characters without splitting the word', () => {
    expect(stripMarkup('主\u200b持')).toBe('主持');
    expect(stripMarkup('\ufeff主\u200c持\u200d了\u2060会\u202e议\u00ad')).toBe('主持了会议');
    expect(stripMarkup('会\ufe0f议\ufffd')).toBe('会议');
  });

  it('folds full-width ASCII first, so full-width markup is markup too', () => {
    expect(stripMarkup('＜ｂ＞谁＜／ｂ＞')).toBe('谁');
    expect(stripMarkup('９７．１８％')).toBe('97.18%');
    expect(stripMarkup('&#xff1f;')).toBe('?');
  });

  it('leaves plain Chinese text as it is', () => {
    expect(stripMarkup('青港市副市长是谁？')).toBe('青港市副市长是谁?');
    expect(stripMarkup('鐵嶺的群眾滿意度')).toBe('鐵嶺的群眾滿意度');
  });
});
