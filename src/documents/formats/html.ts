/**
 * HTML pages to the raw text layout the cleaner reads (title line, byline lines, paragraphs).
 *
 * The article is found by Mozilla's Readability (the reader view of Firefox) on a linkedom DOM:
 * menus, scripts, styles, sidebars, "related" lists and footers are dropped by its scoring, which has
 * been tuned on the open web for a decade — better than rules of our own. Metadata comes from the
 * page's meta tags (article:published_time, og:title, author…) and is written as `作者：…` / `来源：…` /
 * `发布时间：…` lines, which the byline reader (byline.ts) turns into fields like any page saved as text.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** Block elements whose text is one paragraph of the output. */
const BLOCKS = new Set([
  'P',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'TD',
  'TH',
  'DT',
  'DD',
  'FIGCAPTION',
  'CAPTION',
  'DIV',
  'SECTION',
  'ARTICLE',
  'TR',
  'TABLE',
  'UL',
  'OL',
  'DL',
  'BR',
  'HR',
]);

type Element = { tagName: string; childNodes: ArrayLike<Node>; textContent: string | null; getAttribute(name: string): string | null };
type Node = { nodeType: number; textContent: string | null; tagName?: string; childNodes: ArrayLike<Node> };

/** One line of output: a block element's text, and the innermost block element it stood in. */
export interface HtmlBlock {
  tag: string;
  text: string;
}

/** Text of a node tree, one block per block element, inline text joined as written. */
function blockText(root: Node): HtmlBlock[] {
  const blocks: HtmlBlock[] = [];
  const open: string[] = [];
  let current = '';
  let currentTag = '';
  const flush = () => {
    const text = current.replace(/[ \t\r\n\u00a0]+/g, ' ').trim();
    if (text) blocks.push({ tag: currentTag, text });
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      if (!current) currentTag = open[open.length - 1] ?? '';
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node.tagName ?? '').toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    const block = BLOCKS.has(tag);
    if (block) {
      flush();
      open.push(tag);
    }
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) {
      flush();
      open.pop();
    }
  };
  walk(root);
  flush();
  return blocks;
}

/** Blocks of an HTML fragment (for formats converted to HTML first, like Word documents). */
export function htmlBlocks(html: string): HtmlBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return blockText(document.body as unknown as Node);
}

function metaContent(document: { querySelector(selector: string): Element | null }, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value) return value;
  }
  return undefined;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface HtmlArticle {
  /** Raw text: title, byline lines, then one paragraph per line. */
  text: string;
  /** True when Readability found no article and the whole body text was used. */
  fallback: boolean;
}

/** The article of an HTML page as raw text for the cleaner. */
export function htmlToText(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const pageTitle = oneLine(document.querySelector('title')?.textContent ?? '');
  const ogTitle = metaContent(document, 'meta[property="og:title"]', 'meta[name="og:title"]', 'meta[name="twitter:title"]');
  const h1s = Array.from(document.querySelectorAll('h1') as ArrayLike<Element>)
    .map((h) => oneLine(h.textContent ?? ''))
    .filter(Boolean);
  const published = metaContent(
    document,
    'meta[property="article:published_time"]',
    'meta[name="publishdate"]',
    'meta[name="PubDate"]',
    'meta[name="pubdate"]',
    'meta[name="publish_date"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date"]',
  );
  const metaAuthor = metaContent(document, 'meta[name="author"]', 'meta[property="article:author"]', 'meta[name="dc.creator"]');
  const source = metaContent(document, 'meta[name="source"]', 'meta[name="ContentSource"]', 'meta[property="og:site_name"]');

  // Readability changes the DOM it reads: metadata is taken above, before it runs.
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  let lines: string[];
  let fallback = false;
  if (article?.content) {
    lines = htmlBlocks(article.content).map((b) => b.text);
  } else {
    // Readability has pruned the DOM it failed on: the whole page is read again.
    fallback = true;
    lines = blockText(parseHTML(html).document.body as unknown as Node).map((b) => b.text);
  }

  // Title: the page's <h1> when it names the article (the <title> or og:title usually carries it plus
  // the site name), else og:title, else Readability's cleaned <title>.
  const h1 = h1s.find((h) => pageTitle?.includes(h) || ogTitle?.includes(h)) ?? (h1s.length === 1 ? h1s[0] : undefined);
  const title = oneLine(h1 ?? ogTitle ?? article?.title ?? pageTitle);
  if (title && lines[0] === title) lines.shift();

  const header: string[] = [];
  if (title) header.push(title);
  const author = metaAuthor ?? (article?.byline ? oneLine(article.byline) : undefined);
  const byline = [
    source && source !== title ? `来源：${oneLine(source)}` : '',
    author && !/^https?:/.test(author) ? `作者：${oneLine(author)}` : '',
    published ? `发布时间：${oneLine(published).replace(/T(\d\d:\d\d)(:\d\d)?(\.\d+)?([+-]\d\d:?\d\d|Z)?$/, ' $1$2')}` : '',
  ].filter(Boolean);
  if (byline.length) header.push(byline.join(' '));
  return { text: [...header, ...lines].join('\n'), fallback };
}
