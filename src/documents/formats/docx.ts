/**
 * Word (.docx) to the raw text layout the cleaner reads: the title first, then one paragraph per line.
 *
 * mammoth reads the document's paragraphs, headings, lists and tables (its HTML output keeps the
 * structure and drops drawing, comments and field codes); headings and the Title style come out as
 * <h1>…, so the first of them is the title. The HTML is walked with the same block reader as web pages.
 */
import mammoth from 'mammoth';
import { htmlBlocks } from './html.js';

export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='标题'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function docxToText(bytes: Uint8Array): Promise<{ text: string; title?: string }> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, { styleMap: STYLE_MAP, includeDefaultStyleMap: true }));
  } catch (error) {
    throw new DocxError(`cannot read Word document: ${(error as Error).message}`);
  }
  const blocks = htmlBlocks(html);
  const heading = blocks.find((b) => /^H[1-6]$/.test(b.tag));
  let lines = blocks.map((b) => b.text);
  // The first heading is the title: put it first (a cover line above it would otherwise be taken).
  if (heading) lines = [heading.text, ...lines.filter((_, i) => blocks[i] !== heading)];
  return { text: lines.join('\n'), title: heading?.text };
}
