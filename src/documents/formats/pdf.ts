/**
 * PDF to the raw text layout the cleaner reads: one paragraph per line, in reading order.
 *
 * Text comes from pdf.js (Mozilla's PDF engine, through unpdf's serverless build: no canvas, no worker,
 * no download). pdf.js gives positioned text runs; this module rebuilds lines from their baselines,
 * drops the header and footer lines that repeat on every page (page numbers masked), and joins the
 * lines a paragraph was wrapped into: without a space between Han characters (Chinese has none), with
 * one between Latin words. A line ends a paragraph when it ends a sentence and stops short of the
 * right margin, or when the next line is indented or set apart by a larger gap.
 */
import { getDocumentProxy } from 'unpdf';

export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

interface Run {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Line {
  text: string;
  left: number;
  right: number;
  y: number;
  height: number;
}

/** Layout proportions (of the font size or the text block width); set from how word processors lay out text. */
const LAYOUT = {
  /** Runs whose baselines differ by less than this share of the font size are on one line. */
  sameLine: 0.5,
  /** A line that stops this far (share of block width) before the right margin can end a paragraph. */
  shortLine: 0.06,
  /** A line starting this far (share of font size) right of the block's left edge is indented. */
  indent: 1.0,
  /** A gap between lines this many times the usual line spacing separates paragraphs. */
  paragraphGap: 1.4,
  /** Lines of a heading (not body size) further apart than this many times their font size are two headings. */
  headingLineGap: 2.0,
  /** Lines at the top or bottom of a page looked at as header/footer candidates. */
  edgeLines: 2,
  /** Share of pages a top/bottom line must repeat on (page numbers masked) to be a header/footer. */
  repeatShare: 0.6,
} as const;

const HAN_OR_CJK_PUNCT = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]/u;
const SENTENCE_END = /[。！？!?；;：:…」』”"）)】]$/u;

function linesOfPage(runs: Run[]): Line[] {
  const sorted = runs.filter((r) => r.str.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { runs: Run[]; y: number; height: number }[] = [];
  for (const run of sorted) {
    const line = lines.find((l) => Math.abs(l.y - run.y) < Math.max(l.height, run.height, 1) * LAYOUT.sameLine);
    if (line) line.runs.push(run);
    else lines.push({ runs: [run], y: run.y, height: run.height });
  }
  return lines
    .map((l) => {
      const runsInOrder = l.runs.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const r of runsInOrder) {
        // A visible gap between runs of Latin text is a space that the PDF did not encode.
        if (text && r.x - end > l.height * 0.25 && !HAN_OR_CJK_PUNCT.test(text.slice(-1)) && !/^\s/.test(r.str)) text += ' ';
        text += r.str;
        end = r.x + r.width;
      }
      return { text: dropAutospace(text.replace(/\s+/g, ' ').trim()), left: runsInOrder[0].x, right: end, y: l.y, height: l.height };
    })
    .filter((l) => l.text.length > 0)
    .sort((a, b) => b.y - a.y);
}

/**
 * pdf.js turns the gap that word processors leave between Han characters and Latin letters or digits
 * (their "autospace" typography, not a character of the text) into a space: 8 月 6 日. Chinese text
 * writes 8月6日, and that is what the other formats give, so such spaces go.
 */
function dropAutospace(text: string): string {
  return text.replace(/(?<=[\p{Script=Han}])\s(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])\s(?=[\p{Script=Han}])/gu, '');
}

/** A header/footer line with its page number masked, so 第 3 页 and 第 4 页 compare equal. */
const edgeKey = (text: string) => text.replace(/\d+/g, '#').replace(/\s+/g, '');

function dropRepeatedEdges(pages: Line[][]): Line[][] {
  // (Repetition needs two pages; page numbers are dropped on a single page too.)
  const counts = new Map<string, number>();
  for (const page of pages) {
    const edges = new Set([...page.slice(0, LAYOUT.edgeLines), ...page.slice(-LAYOUT.edgeLines)].map((l) => edgeKey(l.text)));
    for (const key of edges) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeated = new Set([...counts].filter(([, n]) => n >= Math.max(2, pages.length * LAYOUT.repeatShare)).map(([k]) => k));
  // A page number alone (3, - 3 -, 第3页, 3/10) is a footer even where it does not repeat as text.
  const pageNumber = /^[-–—\s第]*\d+[\s页頁]*(\/\s*\d+)?[-–—\s]*$|^page\s*\d+/i;
  return pages.map((page) =>
    page.filter((line, i) => {
      const atEdge = i < LAYOUT.edgeLines || i >= page.length - LAYOUT.edgeLines;
      return !(atEdge && (repeated.has(edgeKey(line.text)) || pageNumber.test(line.text)));
    }),
  );
}

function joinLines(lines: Line[]): string[] {
  if (!lines.length) return [];
  const left = Math.min(...lines.map((l) => l.left));
  const right = Math.max(...lines.map((l) => l.right));
  const width = Math.max(right - left, 1);
  // The body's font size: that of most characters. Lines in another size are headings or bylines.
  const charsBySize = new Map<number, number>();
  for (const l of lines) charsBySize.set(Math.round(l.height), (charsBySize.get(Math.round(l.height)) ?? 0) + l.text.length);
  const bodySize = [...charsBySize].sort((a, b) => b[1] - a[1])[0][0];
  const gaps = lines
    .slice(1)
    .map((l, i) => (Math.round(l.height) === bodySize && Math.round(lines[i].height) === bodySize ? lines[i].y - l.y : 0))
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const usualGap = gaps.length ? gaps[Math.floor(gaps.length / 2)] : Infinity;

  const paragraphs: string[] = [];
  let current = '';
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    let newParagraph = i === 0;
    const size = Math.round(line.height);
    if (prev && size !== Math.round(prev.height)) {
      // Another font size: a heading or byline starts or ends.
      newParagraph = true;
    } else if (prev && size !== bodySize) {
      // A heading wrapped onto several (often centred) lines: one paragraph until a wider gap.
      newParagraph = prev.y - line.y > line.height * LAYOUT.headingLineGap || SENTENCE_END.test(prev.text);
    } else if (prev) {
      const gap = prev.y - line.y;
      const prevShort = right - prev.right > width * LAYOUT.shortLine;
      const indented = line.left - left > line.height * LAYOUT.indent;
      newParagraph = gap <= 0 || gap > usualGap * LAYOUT.paragraphGap || indented || (prevShort && SENTENCE_END.test(prev.text)) || (prevShort && prev.text.length < 40);
    }
    if (newParagraph) {
      if (current) paragraphs.push(current);
      current = line.text;
    } else {
      const glue = HAN_OR_CJK_PUNCT.test(current.slice(-1)) || HAN_OR_CJK_PUNCT.test(line.text[0]) ? '' : current.endsWith('-') ? '' : ' ';
      current += glue + line.text;
    }
  });
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** What pdfToText reads from a PDF. */
export interface PdfText {
  text: string;
  title?: string;
  pages: number;
}

/** Paragraph text of a PDF, one paragraph per line, plus its document title when the PDF names one. */
export async function pdfToText(bytes: Uint8Array): Promise<PdfText> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given: pass a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, useSystemFonts: false });
  } catch (error) {
    throw new PdfError(`cannot read PDF: ${(error as Error).message}`);
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , , x, y] = item.transform as number[];
        runs.push({ str: item.str, x, y, width: item.width, height: item.height || Math.hypot(a, b) });
      }
      pages.push(linesOfPage(runs));
      page.cleanup();
    }
    let title: string | undefined;
    try {
      const { info } = (await pdf.getMetadata()) as { info?: { Title?: unknown } };
      if (typeof info?.Title === 'string' && /\p{Script=Han}/u.test(info.Title)) title = info.Title.trim();
    } catch {
      // no metadata: the cleaner finds the title in the text
    }
    // Paragraphs are rebuilt page by page; one that runs over a page break is joined after.
    const paragraphs = mergeAcrossPages(dropRepeatedEdges(pages).map(joinLines));
    return { text: paragraphs.join('\n'), title, pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

/**
 * Paragraphs of consecutive pages: a page's last paragraph that does not end a sentence continues on
 * the next page's first one.
 */
function mergeAcrossPages(pages: string[][]): string[] {
  const out: string[] = [];
  for (const page of pages) {
    if (!page.length) continue;
    const last = out[out.length - 1];
    if (last !== undefined && !SENTENCE_END.test(last)) {
      const glue = HAN_OR_CJK_PUNCT.test(last.slice(-1)) || HAN_OR_CJK_PUNCT.test(page[0][0]) ? '' : ' ';
      out[out.length - 1] = last + glue + page[0];
      out.push(...page.slice(1));
    } else {
      out.push(...page);
    }
  }
  return out;
}
