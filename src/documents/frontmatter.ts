/**
 * Reviewed documents: a YAML front-matter header holding the DocumentMeta fields, then the body with
 * paragraphs separated by blank lines.
 *
 *   ---
 *   title: "鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果"
 *   source: "遼寧法制報"
 *   published: "2021-08-10T09:46"
 *   ---
 *
 *   第一段……
 *
 *   第二段……
 *
 * id and path are not stored: they come from where the file is.
 */
import { Document, parse as parseYaml } from 'yaml';
import type { CorpusDocument, DocumentMeta, Script } from '../types.js';

/** Front-matter fields, in the order they are written. */
const FIELDS = ['title', 'originalTitle', 'source', 'author', 'editor', 'responsibleEditor', 'published', 'script'] as const;
type FrontMatterField = (typeof FIELDS)[number];

// Opening `---` on the first line, closing `---` on a line of its own (or at the end of the file).
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
// A header meant as front matter has at least one `key:` line; text merely framed by `---` rules has none.
const YAML_KEY_LINE = /^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*:/m;

/** Thrown when a file starts with a front-matter header that is not valid YAML or not a mapping. */
export class FrontMatterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

/**
 * Split a reviewed document into its metadata and body. Returns null when the text has no front
 * matter (it is raw text; a text that merely opens with a `---` rule and has no `key:` lines is raw too). Throws FrontMatterError when the header is there but broken, so a typo in a
 * reviewed file is reported instead of the header being read as article text.
 * Unknown keys are ignored; scalar values are taken as strings (an unquoted `published: 2021` stays "2021").
 */
export function parseFrontMatter(text: string): { meta: Partial<DocumentMeta>; body: string } | null {
  const match = text.match(FRONT_MATTER);
  const header = match?.[1] ?? '';
  if (!match || (header.trim() && !YAML_KEY_LINE.test(header))) return null;
  let data: unknown;
  try {
    data = parseYaml(header);
  } catch (error) {
    throw new FrontMatterError(`invalid YAML front matter: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('front matter must be a mapping of fields (title: "…")');
  }
  const meta: Partial<DocumentMeta> = {};
  for (const field of FIELDS) {
    const value = (data as Record<string, unknown>)[field];
    if (value === null || value === undefined || typeof value === 'object') continue;
    const stringValue = String(value).trim();
    if (!stringValue) continue;
    if (field === 'script') {
      if (stringValue === 'hans' || stringValue === 'hant') meta.script = stringValue as Script;
      continue;
    }
    meta[field as Exclude<FrontMatterField, 'script'>] = stringValue;
  }
  return { meta, body: text.slice(match[0].length) };
}

/**
 * Paragraphs of a reviewed body: blocks separated by blank lines. Lines inside one block are joined
 * (hard-wrapped Chinese needs no space between lines; Latin words do).
 */
export function splitBodyParagraphs(body: string): string[] {
  return body
    .split(/\r?\n[ \t\u3000]*\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .reduce((joined, line) => (joined && /[A-Za-z0-9]$/.test(joined) && /^[A-Za-z0-9]/.test(line) ? `${joined} ${line}` : joined + line), ''),
    )
    .filter((paragraph) => paragraph.length > 0);
}

/** Write a document as front matter + body; parseFrontMatter reads it back to the same fields and paragraphs. */
export function formatDocument(doc: CorpusDocument): string {
  const header: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = doc.meta[field];
    if (value !== undefined && value !== '') header[field] = value;
  }
  // Double-quoted strings: dates and numbers stay strings for any YAML reader; lineWidth 0: no folding.
  const yaml = new Document(header).toString({ defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  const body = doc.paragraphs.map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim()).join('\n\n');
  return `---\n${yaml}---\n\n${body}\n`;
}
