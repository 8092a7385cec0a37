/**
 * Enumerations: a count phrase and the items it counts, when the number of items matches the numeral.
 *  - items before the count: 学习教育、查纠整改、巩固提高三个环节
 *  - items after a colon, in the same sentence: 三个环节：学习教育、查纠整改、巩固提高
 *  - items after a colon, one per ；-separated sentence of the paragraph:
 *    即六个“回头看”：提高站位“回头看”，…；咬定目标“回头看”，…；…
 */
import { findCounts } from './figures.js';
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
  return item.replace(MARKERS, '').replace(/^[\s“”"]+|[\s。；;，,]+$/g, '').trim();
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

/**
 * Items written after the count phrase ending at `end` (text[end] is a colon): in this sentence, split on 、,
 * or one per following sentence of the paragraph (the part before its first comma).
 */
export function itemsAfter(sentences: string[], at: number, end: number, n: number, noun?: string): string[] | null {
  const text = sentences[at];
  const rest = text.slice(end + 1);
  let items: string[] | null = null;
  const inline = rest.replace(/[。；;！!]+$/, '').split('、').map(cleanItem);
  if (inline.length === n && validItems(inline)) items = inline;
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
      if (c.number === undefined || c.number < 2 || c.number > 20) continue;
      const after = text.slice(c.index + c.value.length);
      const noun = c.subject ?? '';
      const quoted = after.startsWith('“') && after.startsWith(`“${noun}”`);
      const nounLength = quoted ? noun.length + 2 : after.startsWith(noun) ? noun.length : 0;
      const end = c.index + c.value.length + nounLength;
      const value = text.slice(c.index, end);
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
      if (!items) items = itemsBefore(text, c.index, c.number);
      if (!items) continue;
      out.push({ value, items, subject, number: c.number, sentence: at, index: c.index });
    }
  });
  return out;
}
