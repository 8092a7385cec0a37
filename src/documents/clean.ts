/**
 * Cleaning a raw page into a CorpusDocument: pinyin readings out, site chrome and footers out,
 * byline read into metadata, article paragraphs kept verbatim.
 *
 * Layout assumed (that of any news page saved as text, and harmless for plain text):
 *   [chrome lines] [title] [byline lines] [dateline] [原标题 line] paragraphs… [reporter credit] [signature]
 *   [editor line] [footer]
 * Each part is optional. Plain text with no title line gets its first sentence as title.
 */
import { detectScript } from '../text/script.js';
import { splitSentences } from '../text/sentences.js';
import type { CorpusDocument, DocumentMeta } from '../types.js';
import { findFooterStart, isChromeLine, removeRelatedBlocks } from './boilerplate.js';
import { alignedMatchingForm, dateLineDate, findDatelineCredit, findReporterCredit, parseByline, wireSerialDate, yearNamedIn, type BylineFields } from './byline.js';
import { parseDateline, parseDispatchDay, type DispatchDay } from './dateline.js';
import { findPinyinReadings, removeReadings } from './pinyin.js';
import { findSignature } from './signature.js';

export { findPinyinReadings, stripPinyinReadings, type PinyinReading } from './pinyin.js';
export { isChromeLine, isFooterHeading, isNoticeClause, findFooterStart } from './boilerplate.js';
export {
  parseByline,
  parseDate,
  findDate,
  stripRoleWords,
  findReporterCredit,
  findDatelineCredit,
  reporterNames,
  parseCredit,
  tidyValue,
  type BylineFields,
} from './byline.js';
export { parseDateline, type Dateline } from './dateline.js';
export { findSignature, dateAlone, isIssuerName } from './signature.js';

/** What cleaning removed, for the ingest report. Character counts are in code points. */
export interface CleanReport {
  pinyinReadings: number;
  pinyinChars: number;
  /** Site chrome and unrecognised header lines before the title. */
  chromeLines: string[];
  chromeChars: number;
  footerLines: string[];
  footerChars: number;
  /** Lines taken into metadata (bylines, 原标题, editor lines). */
  metadataLines: string[];
}

/** Longest line that can be a title; longer first lines are paragraphs. */
const MAX_TITLE_LENGTH = 100;
/** Unrecognised short lines that may follow a closing editor line (share buttons, font size…). */
const MAX_TRAILING_FURNITURE = 3;
/** Header lines examined before giving up on finding a byline below the title. */
const MAX_HEADER_LINES = 10;
/** First body lines examined for a dateline (a lead line or an unrecognised header line may come first). */
const MAX_DATELINE_LINE = 3;

const codePoints = (s: string) => [...s].length;

/**
 * A last line that can hold a signing date ends with what a date ends with (a digit, 日, a weekday, 分 or
 * 秒: see DATE in byline.ts and NUMERAL_DATE in signature.ts), before any closing bracket. Lines that
 * do not are not searched for a signature: the search tries every cut of the line, the costliest step
 * of cleaning a short file.
 */
const MAY_END_WITH_DATE = /[0-9０-９日天一二三四五六分秒][\s)）】\]]*$/u;

/**
 * A `?` (or U+FFFD) right after a dateline word — 本报讯?8月6日, 新华社北京8月6日电?记者… — is a space
 * that a page's encoding lost; a question mark cannot follow a dateline.
 */
export function fixDatelineMarks(text: string): string {
  return text.replace(/(本[报報网網台]讯|本[报報网網台]訊|[电電]讯|[电電]訊|日[电電])[?\uFFFD](?=[^\s?\uFFFD])/g, '$1 ');
}

/** Lines of a text, trimmed (indentation, full-width and no-break spaces), empty ones dropped. */
export function toLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function isTitleCandidate(line: string): boolean {
  return codePoints(line) <= MAX_TITLE_LENGTH && !/[。；;]/.test(line);
}

/** Copy fields that are not set yet (the first place a field is found wins). */
function fillMissing(meta: BylineFields, fields: BylineFields): void {
  for (const [key, value] of Object.entries(fields) as [keyof BylineFields, string][]) {
    if (value && !meta[key]) meta[key] = value;
  }
}

// An editor credit closing the last paragraph: …答卷。(责任编辑:张三)  or  …答卷。责任编辑:张三, the bracketed
// one possibly followed by a wire's filing serial: …答卷。(编辑:陈怡君)1130118
const TRAILING_EDITOR = /(?:[([【]\s*(?:责任编辑|责编|编辑)\s*:[^()[\]【】]{1,20}[)\]】](?:\s*\d{4,10})?|(?<=[。!?])\s*(?:责任编辑|责编)\s*:[^()[\]【】。,]{1,20})\s*$/;

/** Clean a raw page or text file into a document. See cleanDocumentWithReport. */
export function cleanDocument(raw: string, id: string): CorpusDocument {
  return cleanDocumentWithReport(raw, id).document;
}

/** Clean a raw page or text file into a document, and say what was removed. */
export function cleanDocumentWithReport(raw: string, id: string): { document: CorpusDocument; report: CleanReport } {
  const readings = findPinyinReadings(raw);
  const text = fixDatelineMarks(removeReadings(raw, readings));
  const lines = toLines(text);
  const report: CleanReport = {
    pinyinReadings: readings.length,
    pinyinChars: readings.reduce((n, r) => n + codePoints(r.text), 0),
    chromeLines: [],
    chromeChars: 0,
    footerLines: [],
    footerChars: 0,
    metadataLines: [],
  };
  const meta: BylineFields = {};
  let title: string | undefined;

  // Header: chrome, title, bylines, 原标题, in any order, until the first line that is article.
  // Short lines seen before a byline are kept pending: the last of them is the title (bylines sit right
  // under titles), the earlier ones are page header (site name, menu) that the chrome rules missed.
  // A dateline alone on its line (`2024/01/18 15:42　中央社記者劉家豪台北18日電`) is a byline too; one that
  // the article follows on the same line starts the article (it is read below, with the body).
  let pending: string[] = [];
  let dispatch: DispatchDay | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    // A date with its time on a line of its own or amid page tools (`2019-07-14 18:03:27 字号：大 中 小`) is the page's date.
    const chrome = isChromeLine(line);
    const byline = chrome ? null : parseByline(line);
    const dateline = chrome || byline ? undefined : parseDateline(line);
    const datedLine = byline || dateline ? undefined : dateLineDate(line);
    if (chrome && !datedLine) {
      report.chromeLines.push(line);
      continue;
    }
    if (dateline?.rest) break;
    if (dateline) dispatch ??= parseDispatchDay(line);
    const fields = byline ?? dateline?.fields ?? (datedLine ? { published: datedLine } : undefined);
    if (fields) {
      fillMissing(meta, fields);
      report.metadataLines.push(line);
      if (title === undefined && pending.length) {
        title = pending.pop();
        report.chromeLines.push(...pending);
        pending = [];
      }
      continue;
    }
    if (title === undefined && isTitleCandidate(line) && pending.length < MAX_HEADER_LINES) {
      pending.push(line);
      continue;
    }
    break;
  }
  // No byline: the first short line is the title, and the other pending lines are article.
  if (title === undefined && pending.length) title = pending.shift();
  let body = [...pending, ...lines.slice(i)];

  // A dateline among the first paragraphs: its fields fill what the byline did not give. The article
  // sentence after it stays as written (`新华社北京5月6日电（记者 王某）国务院…`); a dateline alone goes.
  for (let d = 0; d < Math.min(body.length, MAX_DATELINE_LINE); d++) {
    const dateline = parseDateline(body[d]);
    if (!dateline) continue;
    fillMissing(meta, dateline.fields);
    dispatch ??= parseDispatchDay(body[d]);
    if (!dateline.rest) {
      report.metadataLines.push(body[d]);
      body.splice(d, 1);
    }
    break;
  }

  // 原标题 as one of the first paragraphs (some pages put a lead line before it).
  body = body.filter((line, index) => {
    if (index >= 3) return true;
    const originalTitle = parseByline(line)?.originalTitle;
    if (!originalTitle) return true;
    fillMissing(meta, { originalTitle });
    report.metadataLines.push(line);
    return false;
  });

  // Footer: from its start to the end. Then chrome anywhere in the body.
  const footerStart = findFooterStart(body, 0);
  if (footerStart >= 0) {
    report.footerLines = body.slice(footerStart);
    body = body.slice(0, footerStart);
  }
  const related = removeRelatedBlocks(body);
  report.chromeLines.push(...related.removed);
  body = related.kept.filter((line) => {
    if (!isChromeLine(line)) return true;
    report.chromeLines.push(line);
    return false;
  });

  // Tail: editor / source lines and a lone reporter credit line are metadata. A date alone is not
  // taken: at the end of a notice it is the signing date, which belongs to the text.
  // Short non-sentence lines after such a line (分享让更多人看到, 小字号) are page furniture the chrome
  // rules do not know: a metadata line marks where the article ended.
  const tailMetadata = (line: string): BylineFields | undefined => {
    const fields = parseByline(line);
    if (fields && Object.keys(fields).some((key) => key !== 'published')) return fields;
    const credit = isCreditLine(line) ? findReporterCredit(line) : undefined;
    return credit ? { author: credit } : undefined;
  };
  for (;;) {
    let end = body.length - 1;
    while (end > 0 && body.length - end <= MAX_TRAILING_FURNITURE && isFurniture(body[end]) && !tailMetadata(body[end])) end--;
    const fields = end > 0 ? tailMetadata(body[end]) : undefined;
    if (!fields) break;
    fillMissing(meta, fields);
    report.metadataLines.push(body[end]);
    report.chromeLines.push(...body.slice(end + 1));
    body = body.slice(0, end);
  }

  // An editor credit glued to the end of the last paragraph.
  if (body.length) {
    const last = body[body.length - 1];
    const match = alignedMatchingForm(last).match(TRAILING_EDITOR);
    if (match) {
      const credit = last.slice(match.index!);
      const fields = parseByline(credit.replace(/^\s*[([【]\s*/, '').replace(/(?<=[)）\]】])\s*\d{4,10}\s*$/u, ''));
      if (fields) {
        fillMissing(meta, fields);
        report.metadataLines.push(credit.trim());
        const rest = last.slice(0, match.index!).trimEnd();
        // What stood before the credit on its line may be page furniture too (【纠错】 【责任编辑：张三】).
        if (isFurniture(rest) && body.length > 1) {
          if (rest) report.chromeLines.push(rest);
          body.pop();
        } else {
          body[body.length - 1] = rest;
        }
      }
    }
  }

  // A notice's closing signature, `（浙江省疾病预防控制中心 2024年5月10日）` or issuer and date on two lines:
  // issuer and signing date, when the header did not say. The signature stays in the text.
  const signature = body.length && MAY_END_WITH_DATE.test(body[body.length - 1]) ? findSignature(body) : undefined;
  if (signature) fillMissing(meta, signature);

  // A reporter credit closing the article, `…工作。(辽宁日报记者 杨忠厚)`, or following the dateline,
  // `新华社北京8月10日电（记者王小明）…`: author if the byline gave none. The text is left as it is.
  if (!meta.author && body.length) {
    const author = findReporterCredit(body[body.length - 1]) ?? findDatelineCredit(body[0]);
    if (author) meta.author = author;
  }

  // A dispatch giving month and day (`新华社北京7月14日电`) dates the document when the page names the year elsewhere.
  // A dispatch giving the day only (`台北3日電`) dates it when the wire's filing serial agrees (`（編輯：李明）1120903`).
  if (!meta.published && dispatch?.month) {
    const year = yearNamedIn([...report.metadataLines, ...report.chromeLines, ...report.footerLines]);
    if (year) meta.published = `${year}-${String(dispatch.month).padStart(2, '0')}-${String(dispatch.day).padStart(2, '0')}`;
  } else if (!meta.published && dispatch) {
    const serial = report.metadataLines.map(wireSerialDate).find(Boolean);
    if (serial && Number(serial.slice(8, 10)) === dispatch.day) meta.published = serial;
  }

  body = body.filter((line) => line.length > 0);
  if (title === undefined) title = body.length ? (splitSentences(body[0])[0] ?? body[0]) : '';

  report.chromeChars = report.chromeLines.reduce((n, l) => n + codePoints(l), 0);
  report.footerChars = report.footerLines.reduce((n, l) => n + codePoints(l), 0);

  const documentMeta: DocumentMeta = { id, title: title.replace(/\s+/g, ' '), ...meta, script: detectScript(body.join('\n') || title) };
  return { document: { meta: documentMeta, paragraphs: body }, report };
}

/** Short, not a sentence: what page furniture looks like. */
function isFurniture(line: string): boolean {
  return codePoints(line) <= 20 && !/[。！？!?；;，,]/.test(line);
}

/** A line that is nothing but a bracketed reporter credit: （记者 张三 李四）. */
function isCreditLine(line: string): boolean {
  return /^[(（][^()（）]+[)）]$/.test(line.trim());
}
