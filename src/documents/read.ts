/**
 * Reading a corpus folder: every .txt/.md file under it (recursively), as CorpusDocuments.
 * Files with YAML front matter are reviewed documents and are taken as written; other files are raw
 * text and go through the cleaner. One bad file never stops the others: it is reported as a problem.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { detectScript } from '../text/script.js';
import { splitSentences } from '../text/sentences.js';
import type { CorpusDocument } from '../types.js';
import { cleanDocument } from './clean.js';
import { parseFrontMatter, splitBodyParagraphs } from './frontmatter.js';

export interface CorpusProblem {
  /** Path relative to the corpus folder, with `/`. */
  path: string;
  reason: string;
}

/** A file that cannot be used as a document; the message is the reason shown to the user. */
export class DocumentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentFileError';
  }
}

const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md']);
/** Share of U+FFFD (undecodable bytes) above which a file is taken to be in another encoding. */
const MAX_REPLACEMENT_SHARE = 0.05;

/**
 * Read a file as UTF-8 text, refusing what is not text: empty files, binary files (NUL bytes),
 * UTF-16 files, and files in another encoding (GBK, Big5…), which decode to mostly U+FFFD.
 * Throws DocumentFileError with the reason.
 */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DocumentFileError(`cannot read file${code ? ` (${code})` : ''}: ${(error as Error).message}`);
  }
  if (bytes.length === 0) throw new DocumentFileError('empty file');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DocumentFileError('UTF-16 text is not supported: save the file as UTF-8');
  }
  if (bytes.includes(0)) throw new DocumentFileError('binary file (contains NUL bytes), not text');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const visible = text.replace(/\s/g, '');
  if (!visible) throw new DocumentFileError('empty file (only whitespace)');
  const replacements = (visible.match(/\uFFFD/g) ?? []).length;
  if (replacements / visible.length > MAX_REPLACEMENT_SHARE) {
    throw new DocumentFileError(
      `not UTF-8 text (${replacements} undecodable bytes; GBK or Big5?): convert the file to UTF-8`,
    );
  }
  return text;
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
  return !name.startsWith('.') && name.toLowerCase() !== 'readme.md' && DOCUMENT_EXTENSIONS.has(extname(name).toLowerCase());
}

/** Document files under dir, as absolute paths (symlinked folders are not followed, to avoid loops). */
async function listDocumentFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listDocumentFiles(path)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && isDocumentName(entry.name)) found.push(path);
  }
  return found;
}

/** Path relative to the corpus folder, with `/` on every platform. */
const relativePath = (dir: string, path: string) => relative(dir, path).split(sep).join('/');

/**
 * Read every document under a corpus folder, sorted by path. id = path relative to the folder without
 * extension (`reports/2021/a.txt` -> `reports/2021/a`). Files that cannot be used are listed in problems.
 * Throws if the folder itself is missing or not a folder.
 */
export async function readCorpus(dir: string): Promise<{ documents: CorpusDocument[]; problems: CorpusProblem[] }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new Error(`Corpus folder "${dir}" does not exist (set CORPUS_DIR or create the folder).`);
  if (!info.isDirectory()) throw new Error(`Corpus path "${dir}" is not a folder.`);

  const files = (await listDocumentFiles(dir))
    .map((path) => ({ path, rel: relativePath(dir, path) }))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const documents: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  const seenIds = new Map<string, string>();
  for (const { path, rel } of files) {
    const id = rel.slice(0, rel.length - extname(rel).length);
    // a.txt and a.md would share an id: keep the first, report the second.
    const clash = seenIds.get(id);
    if (clash) {
      problems.push({ path: rel, reason: `same id "${id}" as ${clash}; rename one of them` });
      continue;
    }
    try {
      const doc = await readDocumentFile(path, id);
      doc.meta.path = rel;
      documents.push(doc);
      seenIds.set(id, rel);
    } catch (error) {
      problems.push({ path: rel, reason: (error as Error).message });
    }
  }
  return { documents, problems };
}
