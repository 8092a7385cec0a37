/**
 * Enumerations: a count phrase and the items it counts, when the number of items matches the numeral.
 *  - items before the count: 学习教育、查纠整改、巩固提高三个环节
 *  - items after a colon, in the same sentence: 三个环节：学习教育、查纠整改、巩固提高
 *  - items after a colon, one per ；-separated sentence of the paragraph:
 *    即六个“回头看”：提高站位“回头看”，…；咬定目标“回头看”，…；…
 */
import { findCounts } from './figures.js';
import { parseNumeral } from './numerals.js';
import { HARD_BREAK, clauseStart, tagged } from './tokens.js';

export interface ListMention {
  /** The count phrase as written: 三个环节, 六个“回头看”. */
  value: string;
  items: string[];
  /** What is enumerated: 环节, 任务; or the phrase it restates (“六项重点工作”，即六个“回头看”). */
  subject?: string;
  number: number;
  /** Index (into the sentences given) of the sentence where the list starts. */
  sentence: number;
  index: number;
}

const MAX_ITEM = 16;
const MARKERS = /^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]?|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)/;

/** “六项重点工作”，即六个“回头看”: the phrase before ，即 that the count restates. */
const RESTATED_BEFORE = /([^，。；、]{2,12})[”"]?[，,]\s*即$/;

function cleanItem(item: string): string {
  return item
    .replace(MARKERS, '')
    .replace(/^[\s“”"]+|[\s。；;，,]+$/g, '')
    .trim();
}

function validItems(items: string[]): boolean {
  return items.every((i) => i.length >= 1 && i.length <= MAX_ITEM && !/[，。；：:,;!?！？]/.test(i) && /\p{Script=Han}|[A-Za-z]/u.test(i));
}

/** Cut what precedes the first item (扎实开展学习教育 -> 学习教育) to the length of the other items, on a word boundary. */
function trimFirstItem(first: string, others: string[]): string {
  const lengths = others.map((o) => o.length);
  const min = Math.min(...lengths) - 1;
  const max = Math.max(...lengths) + 1;
  if (first.length <= max) return first;
  const toks = tagged(first);
  let suffix = first.length;
  let best: string | null = null;
  for (const t of toks) {
    suffix -= t.word.length;
    if (suffix >= min && suffix <= max) {
      best = first.slice(first.length - suffix);
      break;
    }
  }
  return best ?? first;
}

/** Items written before the count phrase at `index`, if there are exactly `n` of them. */
export function itemsBefore(text: string, index: number, n: number): string[] | null {
  const prefix = text.slice(clauseStart(text, index), index).replace(/(?:等|这|此|共|的)+$/, '');
  let items = prefix.split('、');
  if (items.length < n) {
    const last = items[items.length - 1].split(/以及|和|及|与/);
    if (last.length > 1) items = [...items.slice(0, -1), ...last];
  }
  if (items.length !== n || n < 2) return null;
  items[0] = trimFirstItem(items[0], items.slice(1));
  items = items.map(cleanItem);
  return validItems(items) ? items : null;
}

/** The longest suffix all items share (“回头看” in 提高站位“回头看”, 咬定目标“回头看”). */
function commonSuffix(items: string[]): string {
  let s = items[0] ?? '';
  for (const item of items.slice(1)) while (s && !item.endsWith(s)) s = s.slice(1);
  return s;
}

/** Split a run of items on 、, and the last one on 和/及/以及/与 when that makes the count (甲、乙和丙). */
export function splitJoined(run: string, n: number): string[] | null {
  let items = run.replace(/[。；;！!]+$/, '').split('、');
  if (items.length === n - 1 || (n === 2 && items.length === 1)) {
    const last = items[items.length - 1].split(/以及|和|及|与/);
    if (last.length === 2) items = [...items.slice(0, -1), ...last];
  }
  items = items.map(cleanItem);
  return items.length === n && validItems(items) ? items : null;
}

const ORDINAL_DIGITS = '一二三四五六七八九十';

/** The short head of an item clause: whole when short, else the verb and its object (or about 12 characters). */
export function clauseHead(clause: string): string {
  const c = cleanItem(clause);
  if (c.length <= 14) return c;
  const toks = tagged(c);
  let out = '';
  let sawVerb = false;
  let sawObject = false;
  for (const t of toks) {
    const nounish = /^(n|nz|nt|ns|nr|vn|j|an|l|ng|b)$/.test(t.tag);
    if (sawObject && !nounish) break;
    if (out.length + t.word.length > MAX_ITEM) break;
    out += t.word;
    if (!sawVerb && /^v/.test(t.tag) && t.tag !== 'vn') sawVerb = true;
    else if (sawVerb && nounish) sawObject = true;
    if (out.length >= 12 && (sawObject || !sawVerb)) break;
  }
  return out.length >= 2 ? out : c.slice(0, 12);
}

/**
 * 一是…，二是…，三是…: exactly `n` items marked 一是 to N是, in this text (from `from`) and the following
 * sentences of the paragraph; each item is the head of its clause.
 */
export function markedItems(sentences: string[], at: number, from: number, n: number): string[] | null {
  if (n > ORDINAL_DIGITS.length) return null;
  const joined = sentences[at].slice(from) + sentences.slice(at + 1).join('');
  const marker = (k: number) => new RegExp(`(?:^|[，,；;。：:！!？?\\s])${ORDINAL_DIGITS[k - 1]}是`, 'g');
  const items: string[] = [];
  let pos = 0;
  for (let k = 1; k <= n; k++) {
    const re = marker(k);
    re.lastIndex = pos;
    const m = re.exec(joined);
    if (!m || (k === 1 && m.index > 2)) return null;
    const start = m.index + m[0].length;
    const stop = joined.slice(start).search(HARD_BREAK);
    const clause = stop >= 0 ? joined.slice(start, start + stop) : joined.slice(start);
    items.push(clauseHead(clause));
    pos = start;
  }
  if (n < ORDINAL_DIGITS.length) {
    const more = marker(n + 1);
    more.lastIndex = pos;
    if (more.test(joined)) return null;
  }
  return validItems(items) ? items : null;
}

/**
 * Items written after the count phrase ending at `end` (text[end] is a colon): in this sentence, split on 、,
 * or one per following sentence of the paragraph (the part before its first comma).
 */
export function itemsAfter(sentences: string[], at: number, end: number, n: number, noun?: string): string[] | null {
  const text = sentences[at];
  const rest = text.slice(end + 1);
  let items: string[] | null = null;
  const inline = rest
    .replace(/[。；;！!]+$/, '')
    .split('、')
    .map(cleanItem);
  if (inline.length === n && validItems(inline)) items = inline;
  if (!items && !/[，,；;]/.test(rest.replace(/[。；;！!]+$/, ''))) items = splitJoined(rest, n);
  if (!items) items = markedItems(sentences, at, end + 1, n);
  if (!items) {
    const firstBreak = rest.search(HARD_BREAK);
    const collected = [cleanItem(firstBreak >= 0 ? rest.slice(0, firstBreak) : rest)];
    for (let k = at + 1; k < sentences.length && collected.length < n; k++) {
      const s = sentences[k];
      const b = s.search(HARD_BREAK);
      collected.push(cleanItem(b >= 0 ? s.slice(0, b) : s));
    }
    if (collected.length === n && validItems(collected)) items = collected;
  }
  if (!items) return null;
  // Strip the shared marker (the counted noun, quoted or not): 提高站位“回头看” -> 提高站位.
  const shared = commonSuffix(items);
  if (shared && noun && shared.replace(/[“”"]/g, '').endsWith(noun) && items.every((i) => i.length > shared.length)) {
    items = items.map((i) => i.slice(0, -shared.length).trim());
  }
  return validItems(items) ? items : null;
}

/**
 * Lists in the sentences of one paragraph (Simplified), in order. Each list points at the sentence where
 * it starts; counts whose items are not all found are left out (the figure stays a count fact).
 */
export function findLists(sentences: string[]): ListMention[] {
  const out: ListMention[] = [];
  sentences.forEach((text, at) => {
    const counts = findCounts(text);
    for (const c of counts) {
      if (c.number === undefined || c.number < 2 || c.number > 20 || c.subjectBeforeClauseEnd) continue;
      const after = text.slice(c.index + c.value.length);
      const noun = c.subject ?? '';
      const quoted = after.startsWith('“') && after.startsWith(`“${noun}”`);
      const nounLength = quoted ? noun.length + 2 : after.startsWith(noun) ? noun.length : 0;
      const end = c.index + c.value.length + nounLength;
      // “六项重点工作”，即六个“回头看”: the earlier count phrase names what the list is.
      let subject: string | undefined = noun || undefined;
      const restated = RESTATED_BEFORE.exec(text.slice(0, c.index));
      if (restated) {
        const q = restated[1].lastIndexOf('“');
        const named = q >= 0 ? restated[1].slice(q + 1) : restated[1];
        if (findCounts(named).some((x) => x.number === c.number)) subject = named;
      }
      let items: string[] | null = null;
      if (/^[：:]/.test(text.slice(end))) items = itemsAfter(sentences, at, end, c.number, noun);
      if (!items) items = itemsAfterLink(text, end, c.number);
      if (!items) items = itemsBefore(text, c.index, c.number);
      if (!items) continue;
      // 居前三位: the 前 belongs to the count.
      const front = text[c.index - 1] === '前' ? 1 : 0;
      if (front && subject) subject = subject.replace(/居?前$/, '') || undefined;
      out.push({ value: text.slice(c.index - front, end), items, subject, number: c.number, sentence: at, index: c.index - front });
    }
    // 三大亮点：… (jieba reads 有三大 as one word, so the count is not a figure): a count right before a colon.
    for (const m of text.matchAll(BIG_COUNT_RE)) {
      const number = parseNumeral(m[1]);
      const index = m.index! + m[0].indexOf(m[1]);
      if (number === null || number < 2 || number > 10 || out.some((l) => l.sentence === at && l.index === index)) continue;
      const end = index + m[1].length + 1 + m[2].length;
      const items = itemsAfter(sentences, at, end, number, m[2]);
      if (!items) continue;
      out.push({ value: `${m[1]}大${m[2]}`, items, subject: m[2], number, sentence: at, index });
    }
  });
  return out;
}

/** 三大亮点：, 四大板块: — 大 is no classifier of the figures, but before a colon it counts the list that follows. */
const BIG_COUNT_RE = /([两二三四五六七八九十]+)大(\p{Script=Han}{1,4})[：:]/gu;

/** Items after 依次为/分别为/包括 (…居前三位的依次为甲、乙和丙), to the end of the clause. */
const LINK_AFTER_COUNT = /^[^，。；：:,;]{0,4}?(?:依次为|依次是|分别为|分别是|包括|为)/;

export function itemsAfterLink(text: string, end: number, n: number): string[] | null {
  const link = LINK_AFTER_COUNT.exec(text.slice(end));
  if (!link) return null;
  const start = end + link[0].length;
  const rest = text.slice(start);
  const stop = rest.search(/[，。；;,!！?？]/);
  return splitJoined(stop >= 0 ? rest.slice(0, stop) : rest, n);
}
