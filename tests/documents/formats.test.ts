import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/documents/clean.js';
import { chineseLikeness, decodeText } from '../../src/documents/formats/encoding.js';
import { extractDocumentText } from '../../src/documents/formats/index.js';
import { parseFrontMatter, splitBodyParagraphs } from '../../src/documents/frontmatter.js';
import { documentFromText } from '../../src/documents/read.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url));
const utf8 = (name: string) => fixture(name).toString('utf8');
const source = parseFrontMatter(utf8('mixed-scripts.md'))!;
const sourceParagraphs = splitBodyParagraphs(source.body);

async function documentOf(name: string, asName = name) {
  const extracted = await extractDocumentText(asName, fixture(name));
  return { extracted, doc: documentFromText(extracted.text, 'x') };
}

describe('encodings', () => {
  it('reads GBK, Big5 and UTF-16 (with and without a BOM) as the same text as the UTF-8 file', () => {
    const hans = utf8('hans-utf8.txt');
    const hant = utf8('hant-utf8.txt');
    expect(decodeText(fixture('hans-gbk.txt'))).toMatchObject({ text: hans, encoding: 'gb18030', badBytes: 0 });
    expect(decodeText(fixture('hant-big5.txt'))).toMatchObject({ text: hant, encoding: 'big5hkscs', badBytes: 0 });
    expect(decodeText(fixture('hant-utf16le.txt'))).toMatchObject({ text: hant, encoding: 'utf-16le' });
    expect(decodeText(fixture('hans-utf16be-bom.txt'))).toMatchObject({ text: hans, encoding: 'utf-16be' });
    expect(decodeText(fixture('hans-utf8.txt'))).toMatchObject({ text: hans, encoding: 'utf-8' });
  });

  it('tells Big5 from GB18030 by which decoding reads as Chinese (Big5 bytes are valid GB18030)', () => {
    const bytes = fixture('hant-big5.txt');
    const asGb = new TextDecoder('gb18030').decode(bytes);
    expect(asGb).not.toContain('\uFFFD');
    expect(chineseLikeness(asGb)).toBeLessThan(0.6);
    expect(chineseLikeness(utf8('hant-utf8.txt'))).toBeGreaterThan(0.95);
    expect(decodeText(bytes).text).toContain('鐵嶺全市政法隊伍教育整頓');
  });

  it('drops undecodable bytes, counts them, and keeps every character around them', async () => {
    const decoded = decodeText(fixture('bad-bytes.txt'));
    expect(decoded.badBytes).toBe(3);
    expect(decoded.text).toBe(utf8('hans-utf8.txt'));
    const { extracted } = await documentOf('bad-bytes.txt');
    expect(extracted.warnings).toEqual(['3 undecodable byte(s) dropped (read as utf-8)']);
    expect(extracted.text).not.toContain('\uFFFD');
  });

  it('reads a web page saved in GBK (mostly ASCII markup) as Chinese', async () => {
    const gbkPage = iconv.encode(utf8('news-page.html').replace('charset="utf-8"', 'charset="gbk"'), 'gbk');
    const extracted = await extractDocumentText('page.htm', gbkPage);
    expect(extracted).toMatchObject({ format: 'html', encoding: 'gb18030', warnings: [] });
    expect(extracted.text).toContain('会议以电视电话会议形式召开,各市设分会场。');
  });

  it('falls back to a Western encoding only for text that is not Chinese in any', () => {
    const french = iconv.encode('Un café très agréable, déjà vu. '.repeat(10), 'windows-1252');
    expect(decodeText(french)).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('café très') });
  });

  it('refuses binary data that no encoding reads as text', () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(() => decodeText(noise)).toThrow(/not text/);
  });
});

describe('web pages', () => {
  it('keeps the article and its metadata, drops menus, sidebar, related list, footer and scripts', async () => {
    const { extracted, doc } = await documentOf('news-page.html');
    expect(extracted.format).toBe('html');
    const text = doc.paragraphs.join('\n');
    expect(doc.meta.title).toBe('辽宁省委书记张国清:高标准高起点推动第二批政法队伍教育整顿取得实效');
    expect(doc.meta).toMatchObject({ source: '辽宁日报', author: '杨忠厚', published: '2021-08-19T09:40:53', script: 'hans' });
    expect(doc.meta.originalTitle).toMatch(/^张国清在全省第二批/);
    for (const chrome of ['首页', '热门文章', '相关阅读', '版权所有', 'ICP', '登录', '分享到', '搜索', '_hmt', 'font-family']) {
      expect(text).not.toContain(chrome);
    }
    expect(text).not.toMatch(/[<>]/);
    expect(doc.paragraphs[0]).toMatch(/^8月18日,辽宁省第二批政法队伍教育整顿动员部署会议在沈阳召开。/);
    expect(doc.paragraphs.at(-1)).toMatch(/研究部署下步工作。\(辽宁日报记者 杨忠厚\)$/);
  });

  it('keeps the text of a short page (a notice of one line)', async () => {
    const page = '<!doctype html><html><head><title>通知</title><script>var x = 1;</script></head><body><div>停电通知：明天上午检修。</div></body></html>';
    const extracted = await extractDocumentText('notice.html', new TextEncoder().encode(page));
    expect(extracted.text).toContain('停电通知：明天上午检修。');
    expect(extracted.text).not.toContain('var x');
  });

  it('reads a page saved as .txt as a page, not as text with markup', async () => {
    const { extracted, doc } = await documentOf('news-page.html', 'saved.txt');
    expect(extracted.format).toBe('html');
    expect(doc.meta.title).not.toMatch(/DOCTYPE|</);
  });
});

describe('PDF', () => {
  it('rebuilds paragraphs in reading order, joins wrapped lines without spaces, drops page headers and footers', async () => {
    const { extracted, doc } = await documentOf('mixed-scripts.pdf');
    expect(extracted.format).toBe('pdf');
    expect(doc.meta.title).toBe(source.meta.title);
    expect(doc.meta).toMatchObject({ source: '辽宁日报', author: '杨忠厚', published: '2021-08-19T09:40:53' });
    // Every paragraph of the source, both scripts, verbatim and in order (only the PDF's autospace differs).
    const unspaced = (s: string) => s.replace(/(?<=\p{Script=Han})\s(?=\d)/gu, '');
    expect(doc.paragraphs.map(unspaced)).toEqual(sourceParagraphs.map(unspaced));
    const text = extracted.text;
    expect(text).not.toMatch(/电子版|第 ?\d+ ?页/);
    // The source paragraphs are several lines each on A5 pages: they came back whole, with no space added.
    expect(sourceParagraphs.join('')).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
  });

  it('reads a PDF named .txt as a PDF', async () => {
    const { extracted, doc } = await documentOf('mixed-scripts.pdf', 'report.txt');
    expect(extracted.format).toBe('pdf');
    expect(doc.meta.title).not.toContain('%PDF');
  });

  it('refuses a file named .pdf that is not one', async () => {
    await expect(extractDocumentText('a.pdf', new TextEncoder().encode('不是PDF'))).rejects.toThrow(/not a PDF/);
  });
});

describe('Word', () => {
  it('reads paragraphs in both scripts, the Title style as the title, the byline paragraph as metadata', async () => {
    const { extracted, doc } = await documentOf('mixed-scripts.docx');
    expect(extracted.format).toBe('docx');
    expect(doc.meta.title).toBe(source.meta.title);
    expect(doc.meta).toMatchObject({ source: '辽宁日报', author: '杨忠厚', editor: '王巍', responsibleEditor: '李胜兰', published: '2021-08-19T09:40:53' });
    expect(doc.paragraphs).toEqual(sourceParagraphs);
  });

  it('reads a Word file whatever its name says', async () => {
    const { extracted } = await documentOf('mixed-scripts.docx', 'notes.md');
    expect(extracted.format).toBe('docx');
  });
});

describe('same document, every format', () => {
  it('gives the same paragraphs and metadata from text in any encoding as from the UTF-8 text', async () => {
    const reference = cleanDocument(utf8('hant-utf8.txt'), 'x');
    for (const name of ['hant-big5.txt', 'hant-utf16le.txt']) {
      const { doc } = await documentOf(name);
      expect(doc).toEqual(reference);
    }
  });
});
