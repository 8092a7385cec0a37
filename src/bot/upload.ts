/**
 * Admin uploads: which files are accepted, how their bytes become text, and the name they are saved
 * under. The user's file name is only looked at for its extension and shown back (escaped); the file
 * is written under a generated name, inside the corpus folder, never overwriting anything.
 */
import { randomBytes } from 'node:crypto';
import { resolve, sep } from 'node:path';

export const UPLOAD_EXTENSIONS = ['.txt', '.md'] as const;
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number];

export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

/** The upload's extension when it is an accepted text file (by name, else by MIME type). */
export function uploadExtension(fileName?: string, mimeType?: string): UploadExtension | undefined {
  const ext = fileName?.toLowerCase().match(/\.[a-z0-9]{1,8}$/)?.[0];
  if (ext) return (UPLOAD_EXTENSIONS as readonly string[]).includes(ext) ? (ext as UploadExtension) : undefined;
  if (mimeType === 'text/plain') return '.txt';
  if (mimeType === 'text/markdown' || mimeType === 'text/x-markdown') return '.md';
  return undefined;
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
 * Bytes to text: UTF-8 (BOM allowed), else GB18030 (a superset of GBK/GB2312, common for Chinese
 * files). Refuses empty, binary and UTF-16 files with a reason the user can act on.
 */
export function decodeUpload(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new UploadError('文件是空的');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UploadError('不支持 UTF-16 编码，请另存为 UTF-8');
  }
  if (bytes.includes(0)) throw new UploadError('这不是文本文件');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new UploadError('无法识别文件编码，请另存为 UTF-8');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw new UploadError('文件里只有空白');
  return text;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
