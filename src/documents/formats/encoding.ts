/**
 * Bytes to text for files in any encoding Chinese documents come in: UTF-8 (BOM or not), UTF-16 (BOM or
 * not), GB18030/GBK/GB2312, Big5/Big5-HKSCS, and whatever else jschardet recognises.
 *
 * Valid UTF-8 is taken at once (nearly every file). Otherwise each candidate decoding is scored on how
 * much its text looks like Chinese: the share of its characters that are ASCII, CJK punctuation or
 * common Han characters (common-han.txt, built from tuning splits by scripts/build-common-han.ts). A
 * wrong decoding turns two-byte characters into rare ones picked nearly at random (Big5 bytes are valid
 * GB18030 and read as 臟拉ъ候…), so the right decoding wins by a wide margin. Bytes that the winning
 * decoding cannot decode are dropped and counted, never passed on as U+FFFD.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Loaded on the first file that is not UTF-8 (most folders have none): together they take ~100 ms to load.
const require = createRequire(import.meta.url);
let iconvModule: typeof import('iconv-lite') | undefined;
let jschardetModule: typeof import('jschardet') | undefined;
const iconv = () => (iconvModule ??= require('iconv-lite') as typeof import('iconv-lite'));
const jschardet = () => (jschardetModule ??= require('jschardet') as typeof import('jschardet'));

export interface DecodedText {
  text: string;
  /** Encoding used, as iconv-lite names it: utf-8, utf-16le, gb18030, big5hkscs… */
  encoding: string;
  /** Bytes the encoding could not decode (dropped from text). */
  badBytes: number;
}

export class EncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** Bytes looked at to pick an encoding (the whole file is then decoded with the winner). */
const SAMPLE_BYTES = 64 * 1024;
/**
 * Smallest Chinese-likeness a decoding needs to be taken. Real text of either script scores above 0.95
 * (common-han.txt covers 99.5% of Han occurrences in the tuning splits); mojibake scores under 0.6
 * (Big5 read as GB18030: 0.3 on the test fixture).
 */
const MIN_PLAUSIBILITY = 0.8;
/** Share of undecodable bytes above which a file is not text in any encoding we know (binary). */
const MAX_BAD_BYTE_SHARE = 0.05;
/** Candidates always tried for non-UTF-8 Chinese text, most common first (ties go to the earlier one). */
const CHINESE_ENCODINGS = ['gb18030', 'big5hkscs', 'utf-16le', 'utf-16be'];
/** jschardet's names for the Chinese encodings, as the candidates above are called. */
const CHARDET_NAMES: Record<string, string> = {
  big5: 'big5hkscs',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-8': 'utf-8',
};
/** Tried after jschardet's guess when no Chinese encoding fits: the commonest legacy Western encoding. */
const WESTERN_ENCODING = 'windows-1252';

let commonHan: Set<number> | undefined;
function commonHanSet(): Set<number> {
  if (!commonHan) {
    const list = readFileSync(new URL('./common-han.txt', import.meta.url), 'utf8').trim();
    commonHan = new Set([...list].map((c) => c.codePointAt(0)!));
  }
  return commonHan;
}

/**
 * How much a text looks like Chinese: the share of its non-ASCII characters that are common Han
 * characters, CJK or full-width punctuation or general punctuation (with `latin`, accented Latin
 * letters too: for the non-Chinese encodings tried last). ASCII is left out
 * (it reads the same in every candidate encoding, and a web page is mostly ASCII markup); U+FFFD and
 * controls count against. Text with no non-ASCII character at all scores 1.
 */
export function chineseLikeness(text: string, latin = false): number {
  const common = commonHanSet();
  let good = 0;
  let all = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      // ASCII controls other than whitespace do not occur in text.
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) all++;
      continue;
    }
    if (c === 0x3000) continue;
    all++;
    if ((c >= 0x3001 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || (c >= 0x2010 && c <= 0x2027) || common.has(c)) good++;
    else if (latin && c >= 0xa0 && c <= 0x24f) good++;
  }
  return all ? good / all : 1;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
}

/** Count and drop U+FFFD that stand for undecodable bytes. */
function dropReplacements(text: string): { text: string; bad: number } {
  let bad = 0;
  const cleaned = text.replace(/\uFFFD+/g, (run) => {
    bad += run.length;
    return '';
  });
  return { text: cleaned, bad };
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // GB18030's own BOM (rare, but some Windows tools write it).
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return 'gb18030';
  return undefined;
}

function finish(raw: string, encoding: string, byteLength: number): DecodedText {
  const { text, bad } = dropReplacements(raw.replace(/^\uFEFF/, ''));
  if (bad > Math.max(8, byteLength * MAX_BAD_BYTE_SHARE)) {
    throw new EncodingError(`not text in any known encoding (${bad} undecodable bytes as ${encoding})`);
  }
  return { text, encoding, badBytes: bad };
}

/** Decode a file's bytes; throws EncodingError when no encoding gives text (a binary file). */
export function decodeText(bytes: Uint8Array): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return finish(decodeWith(bytes, bom), bom, bytes.length);

  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // NUL bytes in valid UTF-8: UTF-16 without a BOM (ASCII code units), or binary; both scored below.
    if (!text.includes('\0')) return { text, encoding: 'utf-8', badBytes: 0 };
  } catch {
    // not valid UTF-8: look for the encoding below
  }

  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const score = (encoding: string, latin: boolean) => {
    // A multi-byte character cut at the end of the sample is not the decoding's fault.
    const text = decodeWith(sample, encoding).replace(/\uFFFD$/, '');
    return text.includes('\0') ? 0 : chineseLikeness(text, latin);
  };
  // Chinese encodings first. UTF-16 has two bytes a code unit: an odd length is not UTF-16.
  let best = { encoding: 'utf-8', score: -1 };
  const tied: string[] = [];
  for (const encoding of ['utf-8', ...CHINESE_ENCODINGS.filter((e) => !e.startsWith('utf-16') || bytes.length % 2 === 0)]) {
    const s = score(encoding, false);
    if (s > best.score) {
      best = { encoding, score: s };
      tied.length = 0;
    }
    if (s === best.score) tied.push(encoding);
  }
  // A few characters can read as common ones in two encodings (測試 in Big5 is 代刚 in GB18030): then
  // jschardet's byte statistics decide between the tied ones.
  if (tied.length > 1) {
    const guess =
      CHARDET_NAMES[
        jschardet()
          .detect(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength))
          .encoding?.toLowerCase() ?? ''
      ];
    if (guess && tied.includes(guess)) best = { encoding: guess, score: best.score };
  }
  // Then, for text that is not Chinese, jschardet's guess and the commonest Western encoding. They come
  // last because any byte soup decodes to accented letters in them.
  if (best.score < MIN_PLAUSIBILITY) {
    const guess = jschardet()
      .detect(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength))
      .encoding?.toLowerCase();
    for (const encoding of [guess, WESTERN_ENCODING]) {
      if (!encoding || !iconv().encodingExists(encoding)) continue;
      const s = score(encoding, true);
      if (s > best.score) best = { encoding, score: s };
    }
  }
  if (best.score < MIN_PLAUSIBILITY) {
    throw new EncodingError(`not text in any known encoding (best guess ${best.encoding}, ${Math.round(best.score * 100)}% plausible)`);
  }
  return finish(decodeWith(bytes, best.encoding), best.encoding, bytes.length);
}
