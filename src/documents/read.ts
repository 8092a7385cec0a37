/**
 * Reading a corpus folder: every document file under it (recursively: .txt/.md text in any encoding,
 * web pages, PDF, Word; see formats/), as CorpusDocuments. Files with YAML front matter are reviewed
 * documents and are taken as written; all others go through the cleaner. One bad file or folder never
 * stops the others: it is reported as a problem. Only regular files are opened (a FIFO would block the
 * load forever, /dev/zero would fill memory), and the same text twice is one document.
 */
import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { constants, type Dirent } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { detectScript } from '../text/script.js';
import { splitSentences } from '../text/sentences.js';
import type { CorpusDocument } from '../types.js';
import { cleanDocument } from './clean.js';
import { DOCUMENT_EXTENSIONS, DocumentFileError, extractDocumentText, UNSUPPORTED_EXTENSIONS, type ExtractedText } from './formats/index.js';
import { parseFrontMatter, splitBodyParagraphs } from './frontmatter.js';

export interface CorpusProblem {
  /** Path relative to the corpus folder, with `/`. */
  path: string;
  reason: string;
  /** True when the file was read all the same (the reason is a warning, e.g. bytes that were dropped). */
  kept?: boolean;
}

export { DocumentFileError };

/** Files read ahead of the one being cleaned (few: each holds a whole file in memory). */
const READ_AHEAD = 8;

/** Largest file read as a document; bigger ones are reported (a log or a dump, not a document). */
export const MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

function fileKind(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * A file's bytes, refusing what is not a regular file before opening it (stat follows symlinks, so a
 * link to a FIFO or to /dev/zero is refused too).
 */
export async function readFileBytes(path: string): Promise<Buffer> {
  const fail = (error: unknown): never => {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentFileError(`cannot read file${code ? ` (${code})` : ''}: ${(error as Error).message}`);
  };
  const info = await stat(path).catch(fail);
  if (!info.isFile()) throw new DocumentFileError(`skipped: ${fileKind(info)}, not a regular file`);
  if (info.size > MAX_DOCUMENT_BYTES) throw new DocumentFileError(`file too large (${Math.round(info.size / 1024 / 1024)} MB)`);
  // Non-blocking: should the file have been swapped for a FIFO since the stat, reading it cannot hang.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(fail);
  try {
    return await handle.readFile().catch(fail);
  } finally {
    await handle.close();
  }
}

/** Raw text of a document file in any supported format, and warnings. Throws DocumentFileError. */
export async function readDocumentText(path: string): Promise<ExtractedText> {
  return extractFromBytes(path, await readFileBytes(path));
}

/** Raw text of a document's bytes (a file or an upload). Throws DocumentFileError with the reason. */
export async function extractFromBytes(fileName: string, bytes: Uint8Array): Promise<ExtractedText> {
  const extracted = await extractDocumentText(fileName, bytes);
  if (!extracted.text.replace(/\s/g, '')) throw new DocumentFileError('empty file (only whitespace)', 'blank');
  return extracted;
}

/** Read a file as text (UTF-8 or another encoding; web pages, PDF, Word as their text). Throws DocumentFileError. */
export async function readTextFile(path: string): Promise<string> {
  return (await readDocumentText(path)).text;
}

/**
 * Turn a file's text into a document: front matter -> reviewed document taken as written (paragraphs split
 * on blank lines; title defaults to the first sentence, script is detected when not given);
 * otherwise -> cleaned raw text. Throws DocumentFileError when no article text is left.
 */
export function documentFromText(text: string, id: string): CorpusDocument {
  const reviewed = parseFrontMatter(text);
  let doc: CorpusDocument;
  if (reviewed) {
    const paragraphs = splitBodyParagraphs(reviewed.body);
    const title = reviewed.meta.title ?? (paragraphs.length ? (splitSentences(paragraphs[0])[0] ?? paragraphs[0]) : '');
    doc = {
      meta: { ...reviewed.meta, id, title, script: reviewed.meta.script ?? detectScript(paragraphs.join('\n') || title) },
      paragraphs,
    };
  } else {
    doc = cleanDocument(text, id);
  }
  if (!doc.paragraphs.length) throw new DocumentFileError('no article text (nothing left after the header/cleaning)');
  return doc;
}

/** Read one document file. Throws DocumentFileError (or FrontMatterError) when it cannot be used. */
export async function readDocumentFile(path: string, id: string): Promise<CorpusDocument> {
  return documentFromText(await readTextFile(path), id);
}

function isDocumentName(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return !name.startsWith('.') && name.toLowerCase() !== 'readme.md' && (DOCUMENT_EXTENSIONS.includes(ext) || UNSUPPORTED_EXTENSIONS.has(ext));
}

/**
 * Document files under dir, as absolute paths, and folders that could not be listed (reported, not
 * fatal). Symlinked folders are not followed, to avoid loops; symlinked files are (and checked on reading).
 */
async function listDocumentFiles(dir: string, root: string, problems: CorpusProblem[]): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ path: relativePath(root, dir) + '/', reason: `cannot read folder${code ? ` (${code})` : ''}; its files were skipped` });
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listDocumentFiles(path, root, problems)));
    else if (isDocumentName(entry.name)) {
      if (entry.isFile() || entry.isSymbolicLink()) found.push(path);
      else problems.push({ path: relativePath(root, path), reason: `skipped: ${fileKind(entry)}, not a regular file` });
    }
  }
  return found;
}

/** Path relative to the corpus folder, with `/` on every platform. */
const relativePath = (dir: string, path: string) => relative(dir, path).split(sep).join('/');

/**
 * What makes two documents the same: their cleaned paragraphs, whatever the file and format. Spacing
 * does not count: a PDF's text may gain or lose a space where a word processor spaced Han and digits.
 */
export function documentFingerprint(doc: CorpusDocument): string {
  return createHash('sha1').update(doc.paragraphs.join('').replace(/\s+/g, '')).digest('hex');
}

/**
 * Read every document under a corpus folder, sorted by path. id = path relative to the folder without
 * extension (`reports/2021/a.txt` -> `reports/2021/a`). Files that cannot be used are listed in problems,
 * as are duplicates (same cleaned text as an earlier file: kept once) and files read with warnings.
 * Throws if the folder itself is missing or not a folder.
 */
export async function readCorpus(dir: string): Promise<{ documents: CorpusDocument[]; problems: CorpusProblem[] }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new Error(`Corpus folder "${dir}" does not exist (set CORPUS_DIR or create the folder).`);
  if (!info.isDirectory()) throw new Error(`Corpus path "${dir}" is not a folder.`);

  const problems: CorpusProblem[] = [];
  const files = (await listDocumentFiles(dir, dir, problems)).map((path) => ({ path, rel: relativePath(dir, path) })).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  // Files are read a few ahead of the one being cleaned, so that waiting for the disk overlaps cleaning.
  type Read = { ok: true; value: ExtractedText } | { ok: false; error: unknown };
  const reads: Promise<Read>[] = [];
  const startRead = (i: number) => {
    if (i < files.length) {
      reads[i] = readDocumentText(files[i].path).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    }
  };
  for (let i = 0; i < READ_AHEAD; i++) startRead(i);

  const documents: CorpusDocument[] = [];
  const seenIds = new Map<string, string>();
  const seenTexts = new Map<string, string>();
  for (const [index, { rel }] of files.entries()) {
    const read = await reads[index];
    delete reads[index];
    startRead(index + READ_AHEAD);
    const id = rel.slice(0, rel.length - extname(rel).length);
    // a.txt and a.md would share an id: keep the first, report the second.
    const clash = seenIds.get(id);
    if (clash) {
      problems.push({ path: rel, reason: `same id "${id}" as ${clash}; rename one of them` });
      continue;
    }
    try {
      if (!read.ok) throw read.error;
      const { text, warnings } = read.value;
      const doc = documentFromText(text, id);
      doc.meta.path = rel;
      const fingerprint = documentFingerprint(doc);
      const same = seenTexts.get(fingerprint);
      if (same) {
        problems.push({ path: rel, reason: `duplicate: same text as ${same}; kept once` });
        continue;
      }
      for (const warning of warnings) problems.push({ path: rel, reason: warning, kept: true });
      documents.push(doc);
      seenIds.set(id, rel);
      seenTexts.set(fingerprint, rel);
    } catch (error) {
      problems.push({ path: rel, reason: (error as Error).message });
    }
  }
  return { documents, problems };
}
