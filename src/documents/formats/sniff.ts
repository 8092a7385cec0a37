/**
 * What a file is, from its first bytes: cheap checks with no library loaded, so that a folder of plain
 * text never loads the PDF, Word or HTML readers (loading them costs about half a second).
 */

/** Does this file start like a PDF? The header may follow some junk bytes (allowed within the first 1024). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** A ZIP file holding word/document.xml (its name is stored in the clear in a local file header). */
export function isDocx(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml', 0, 'latin1');
}

/** True for a ZIP (a .docx, .xlsx, .pptx, .odt… or any archive). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** Does this text look like an HTML document (whatever the file is called)? */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return true;
  if (/^<\?xml[^>]*>\s*(<!doctype\s+html|<html[\s>])/i.test(head)) return true;
  // A fragment saved from a page: opens with a tag and has head/body structure.
  return /^</.test(head) && /<(head|body)[\s>]/i.test(head) && /<\/(p|div|title|head)>/i.test(text.slice(0, 65536));
}
