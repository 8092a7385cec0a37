/**
 * One entry point for every document format: a file's name and bytes -> the raw text the cleaner reads,
 * plus warnings. The format is found from the content first (a PDF or web page named .txt is read as
 * what it is) and from the extension second. Used by the corpus reader and by admin uploads alike.
 * The PDF, Word and HTML readers are loaded on first use: a folder of text files never loads them.
 */
import { extname } from 'node:path';
import { type DecodedText, decodeText, EncodingError } from './encoding.js';
import type { PdfText } from './pdf.js';
import { isDocx, isPdf, isZip, looksLikeHtml } from './sniff.js';

export type DocumentFormat = 'text' | 'html' | 'pdf' | 'docx';

/** File extensions read as documents, lower case with the dot. */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.txt', '.md', '.markdown', '.text', '.html', '.htm', '.xhtml', '.shtml', '.pdf', '.docx'];

/** Document formats we do not read, with what to do instead (so they are reported, not silently ignored). */
export const UNSUPPORTED_EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['.doc', 'old Word format (.doc): save it as .docx'],
  ['.wps', 'WPS format: save it as .docx'],
  ['.rtf', 'RTF is not supported: save it as .docx'],
  ['.odt', 'OpenDocument text is not supported: save it as .docx'],
  ['.mht', 'MHT web archive is not supported: save the page as .html'],
  ['.mhtml', 'MHTML web archive is not supported: save the page as .html'],
]);

/** Why a file is not read, for callers that word it their own way (the bot speaks Chinese). */
export type UnreadableKind = 'empty' | 'blank' | 'binary' | 'format';

/** A file that cannot be used as a document; the message is the reason shown to the user. */
export class DocumentFileError extends Error {
  constructor(
    message: string,
    readonly kind: UnreadableKind = 'format',
  ) {
    super(message);
    this.name = 'DocumentFileError';
  }
}

export interface ExtractedText {
  /** Raw text for the cleaner: title and byline lines first where the format gives them, one paragraph per line. */
  text: string;
  format: DocumentFormat;
  /** Encoding of a text or HTML file (utf-8, gb18030, big5hkscs, utf-16le…). */
  encoding?: string;
  /** Things the reader should know about a file that was read (dropped bytes…). */
  warnings: string[];
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);

/** Read a document's bytes as raw text. Throws DocumentFileError with a reason a user can act on. */
export async function extractDocumentText(fileName: string, bytes: Uint8Array): Promise<ExtractedText> {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length === 0) throw new DocumentFileError('empty file', 'empty');
  if (isPdf(bytes)) return { ...(await readPdf(bytes)), format: 'pdf', warnings: [] };
  if (isDocx(bytes)) return { ...(await readDocx(bytes)), format: 'docx', warnings: [] };
  if (isZip(bytes)) throw new DocumentFileError('a ZIP archive (or Excel/PowerPoint/OpenDocument file), not a document');
  if (ext === '.pdf') throw new DocumentFileError('named .pdf but not a PDF file');
  if (ext === '.docx') throw new DocumentFileError('named .docx but not a Word document');
  const unsupported = UNSUPPORTED_EXTENSIONS.get(ext);
  if (unsupported) throw new DocumentFileError(unsupported);

  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes);
  } catch (error) {
    if (error instanceof EncodingError) throw new DocumentFileError(`binary file, ${error.message}`, 'binary');
    throw error;
  }
  const warnings = decoded.badBytes ? [`${decoded.badBytes} undecodable byte(s) dropped (read as ${decoded.encoding})`] : [];
  let text = decoded.text;
  if (text.includes('\0')) throw new DocumentFileError('binary file (contains NUL bytes), not text', 'binary');
  if (HTML_EXTENSIONS.has(ext) || looksLikeHtml(text)) {
    const { htmlToText } = await import('./html.js');
    const article = htmlToText(text);
    if (article.fallback) warnings.push('no article found in the page: its whole text was read');
    return { text: article.text, format: 'html', encoding: decoded.encoding, warnings };
  }
  text = text.replace(/^\uFEFF/, '');
  return { text, format: 'text', encoding: decoded.encoding, warnings };
}

/** A PDF's Title metadata is the title only when it is a real one (not a file name a converter put there). */
function usableTitle(title: string | undefined): string | undefined {
  if (!title || /\.(docx?|pdf|txt|html?|wps)$/i.test(title) || /^microsoft\s/i.test(title)) return undefined;
  return title;
}

async function readPdf(bytes: Uint8Array): Promise<{ text: string }> {
  const { pdfToText } = await import('./pdf.js');
  let pdf: PdfText;
  try {
    pdf = await pdfToText(bytes);
  } catch (error) {
    throw new DocumentFileError((error as Error).message);
  }
  if (!pdf.text.trim()) throw new DocumentFileError(`PDF with no text layer (${pdf.pages} page(s) of images?): run OCR on it first`);
  const title = usableTitle(pdf.title);
  const first = pdf.text.split('\n', 1)[0];
  return { text: title && !first.includes(title) ? `${title}\n${pdf.text}` : pdf.text };
}

async function readDocx(bytes: Uint8Array): Promise<{ text: string }> {
  const { docxToText } = await import('./docx.js');
  try {
    const { text } = await docxToText(bytes);
    if (!text.trim()) throw new DocumentFileError('Word document with no text');
    return { text };
  } catch (error) {
    throw new DocumentFileError((error as Error).message);
  }
}
