/**
 * Admin uploads: which files are accepted, how their bytes become text, and the name they are saved
 * under. The user's file name is only looked at for its extension and shown back (escaped); the file
 * is written under a generated name, inside the corpus folder, never overwriting anything.
 */
import { randomBytes } from 'node:crypto';
import { resolve, sep } from 'node:path';
import { DOCUMENT_EXTENSIONS, type UnreadableKind } from '../documents/formats/index.js';
import { documentFingerprint, DocumentFileError, extractFromBytes } from '../documents/read.js';
import type { CorpusDocument, DocumentMeta } from '../types.js';

/** Every format the corpus reader reads: text in any encoding, web pages, PDF, Word. */
export const UPLOAD_EXTENSIONS = DOCUMENT_EXTENSIONS;
export type UploadExtension = string;

/** MIME types Telegram may give a file sent without a usable name. */
const EXTENSION_OF_MIME: Record<string, string> = {
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/x-markdown': '.md',
  'text/html': '.html',
  'application/xhtml+xml': '.xhtml',
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
};

export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/** The upload's extension when it is an accepted document (by name, else by MIME type). */
export function uploadExtension(fileName?: string, mimeType?: string): UploadExtension | undefined {
  const ext = fileName?.toLowerCase().match(/\.[a-z0-9]{1,8}$/)?.[0];
  if (ext) return UPLOAD_EXTENSIONS.includes(ext) ? ext : undefined;
  return mimeType ? EXTENSION_OF_MIME[mimeType] : undefined;
}

/** upload-20210810-094600-1a2b3c: a document id (and file stem) that cannot collide or escape. */
export function generatedDocumentId(now: Date, random = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `upload-${stamp}-${random.replace(/[^0-9a-f]/g, '').slice(0, 12) || '0'}`;
}

/** Join a generated name to the corpus folder, refusing anything that would land outside it. */
export function pathInside(dir: string, name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(name) || name.includes('..')) throw new UploadError(`unsafe file name "${name}"`);
  const root = resolve(dir);
  const path = resolve(root, name);
  if (!path.startsWith(root + sep)) throw new UploadError(`unsafe file name "${name}"`);
  return path;
}

/**
 * An upload's bytes to raw document text, by the corpus reader's rules: the format from the content
 * (a PDF named .txt is a PDF), the encoding detected (UTF-8, UTF-16, GB18030, Big5…), undecodable bytes
 * dropped and counted. Refuses empty, binary and unreadable files with a reason the user can act on.
 */
export async function decodeUpload(bytes: Uint8Array, fileName = 'upload.txt'): Promise<string> {
  try {
    return (await extractFromBytes(fileName, bytes)).text;
  } catch (error) {
    if (error instanceof DocumentFileError) throw new UploadError(UNREADABLE_REASON[error.kind] ?? error.message);
    throw error;
  }
}

/** The reader's reasons in the admin's words; format-specific reasons (no text layer…) are shown as given. */
const UNREADABLE_REASON: Partial<Record<UnreadableKind, string>> = {
  empty: '文件是空的',
  blank: '文件里只有空白',
  binary: '这不是文本文件',
};

/** The document of `existing` whose cleaned text is that of `doc`, if any. */
export function sameTextIn(doc: CorpusDocument, existing: readonly CorpusDocument[]): DocumentMeta | undefined {
  const fingerprint = documentFingerprint(doc);
  return existing.find((d) => documentFingerprint(d) === fingerprint)?.meta;
}

/** Refuse an upload whose cleaned text is that of a document in `existing`. */
export function refuseDuplicate(doc: CorpusDocument, existing: readonly CorpusDocument[]): void {
  const same = sameTextIn(doc, existing);
  if (same) throw duplicateOf(same);
}

/** The refusal of an upload whose cleaned text is that of a document the corpus already has (naming it; BotLibrary.sameText finds it). */
export function duplicateOf(same: DocumentMeta): UploadError {
  return new UploadError(`与已有文档相同：《${same.title}》（${same.path ?? same.id}）`);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
