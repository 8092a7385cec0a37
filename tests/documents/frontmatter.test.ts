import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/documents/clean.js';
import { FrontMatterError, formatDocument, parseFrontMatter, splitBodyParagraphs } from '../../src/documents/frontmatter.js';
import type { CorpusDocument } from '../../src/types.js';

const seed = (name: string) => readFileSync(new URL(`../../seeds/${name}.txt`, import.meta.url), 'utf8');

/** Read back what formatDocument wrote, as the reader does. */
function roundTrip(doc: CorpusDocument): CorpusDocument {
  const parsed = parseFrontMatter(formatDocument(doc));
  expect(parsed).not.toBeNull();
  return { meta: { ...parsed!.meta, id: doc.meta.id } as CorpusDocument['meta'], paragraphs: splitBodyParagraphs(parsed!.body) };
}

describe('formatDocument / parseFrontMatter', () => {
  it('round-trips both cleaned seeds', () => {
    for (const name of ['000_547094a859bc4222', '003_72b0ff2129dbfce8']) {
      const doc = cleanDocument(seed(name), name);
      expect(roundTrip(doc)).toEqual(doc);
    }
  });

  it('quotes values so dates and numbers stay strings', () => {
    const doc: CorpusDocument = {
      meta: { id: 'x', title: '2021', published: '2021-08-10', source: 'true', author: '张三: 李四', script: 'hans' },
      paragraphs: ['一段。'],
    };
    const text = formatDocument(doc);
    expect(text).toContain('published: "2021-08-10"');
    const header = text.split('---')[1];
    // Any YAML reader sees strings, not a date, a number or a boolean.
    expect(parseYaml(header)).toEqual({ title: '2021', source: 'true', author: '张三: 李四', published: '2021-08-10', script: 'hans' });
    expect(roundTrip(doc)).toEqual(doc);
  });

  it('writes fields in a fixed order, and no id or path', () => {
    const text = formatDocument({
      meta: { id: 'a/b', path: 'a/b.md', title: '标', script: 'hant', source: '源' },
      paragraphs: ['一', '二'],
    });
    expect(text).toBe('---\ntitle: "标"\nsource: "源"\nscript: "hant"\n---\n\n一\n\n二\n');
  });

  it('returns null for raw text, and for text that only opens with a --- rule', () => {
    expect(parseFrontMatter('标题\n正文。')).toBeNull();
    expect(parseFrontMatter('---\n这是一段正文。\n---\n下一段。')).toBeNull();
  });

  it('reads hand-written front matter: unquoted values, unknown keys, CRLF, bad script', () => {
    const parsed = parseFrontMatter('---\r\ntitle: 会议召开\r\npublished: 2021-08-10\r\ntags: [a]\r\nscript: latin\r\n---\r\n第一段\r\n\r\n第二段\r\n');
    expect(parsed).toEqual({ meta: { title: '会议召开', published: '2021-08-10' }, body: '第一段\r\n\r\n第二段\r\n' });
  });

  it('throws on broken YAML instead of reading the header as text', () => {
    expect(() => parseFrontMatter('---\ntitle: "unclosed\nsource: [\n---\n正文')).toThrow(FrontMatterError);
    expect(() => parseFrontMatter('---\ntitle: a\n  bad: indent: x\n---\n正文')).toThrow(FrontMatterError);
    expect(() => parseFrontMatter('---\n- title: a\n---\n正文')).toThrow(/mapping/);
  });
});

describe('splitBodyParagraphs', () => {
  it('splits on blank lines and joins hard-wrapped lines', () => {
    expect(splitBodyParagraphs('\n第一段前半，\n后半。\n\n  \nSecond part of\nline two.\n\n\n第三段。')).toEqual(['第一段前半，后半。', 'Second part of line two.', '第三段。']);
  });
});
