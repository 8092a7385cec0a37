/**
 * Answer-span extraction: the shortest stretch of a sentence that answers a question whose answer is
 * not an extracted fact (什么形式, 哪种方式, Wikipedia-style questions).
 *
 * Questions are mostly the answer sentence rewritten around a question word (谁/什么/哪…/多少/几…/何…):
 *   question  中古印度-雅利安语方言的前身与 [哪一门语言] 都同时在古印度使用？
 *   sentence  中古印度-雅利安语方言的前身与 梵语 同时在古印度使用。
 * So: find the question word (the gap), find the question's words in the sentence (common substrings),
 * and take the unmatched stretch of the sentence whose neighbours are the words just left and right of
 * the gap in the question (or, for 是-questions, the words on the other side), within one clause.
 * Numbers with their unit are preferred for 多少/几, dates for 何时/哪一年, and the stretch is trimmed
 * of copulas and particles. Returns null when nothing aligns.
 */
import type { QuestionType } from '../types.js';

/** Question words, longest first within each group; `kind` steers the type preferences. */
type Kind = 'amount' | 'time' | 'person' | 'place' | 'thing' | 'reason';
const WH: { re: RegExp; kind: Kind }[] = [
  { re: /什么时候|什么时间|何时|哪一年|哪年|哪一天|哪天|几月几[日号]|几月|几[日号]|哪个时期|哪一时期|什么时期|何年|哪一个朝代|哪个朝代|哪一朝代|什么朝代|哪一世纪|哪个世纪/, kind: 'time' },
  { re: /多少|多大|多长|多久|多高|多远|多重|多深|多宽|多厚|多快|多老|几(?!乎|何)[^\s，。？?、]?/, kind: 'amount' },
  { re: /谁|哪位|哪一位|何人|哪个人|哪些人|什么人/, kind: 'person' },
  { re: /哪里|哪儿|何处|何地|哪个地方|什么地方|哪边|哪一边|哪座城市|哪个城市|哪一城市|哪个国家|哪一国家|哪国|哪一国/, kind: 'place' },
  { re: /为什么|为何|怎么样|怎样|如何|怎么|何以/, kind: 'reason' },
  { re: /什么样的|什么样|什么|甚么|啥|何种|何者|哪(一|个|些)?[^\s，。？?、的是]?|何/, kind: 'thing' },
];

const CLAUSE_BREAK = /[，,。；;！!？?：:\n（）()]/;
const TRAILING = /[\s？?。！!，,、；;：:…~～呢吗吧啊呀么]+$/;
/** Copulas, prepositions and particles that sit between a question's words and the answer. */
const LEADING_TRIM = /^(?:是|为|乃|即|叫做|叫|称为|称作|名为|被称为|被|由|在|于|从|到|与|和|及|把|将|的|了|则|就|便|也|都|均|共|有|已|曾|仍|又|还|，|、|：|\s)+/;
const TRAILING_TRIM = /(?:的|了|等|等等|之|所|而|和|与|及|或|是|为|，|、|：|\s)+$/;

const NUMBER = /(?:公元前|公元|约|近|逾|超过|大约|将近|至少|多达|高达)?[0-9０-９零〇一二两三四五六七八九十百千万亿半几数][0-9０-９零〇一二两三四五六七八九十百千万亿.,．点多余]*(?:\s*[%％]|[\p{Script=Han}a-zA-Z]{0,4})?/gu;
const DATE = /(?:公元前|公元|西元|西元前)?[0-9０-９零〇一二三四五六七八九十百千]{1,4}(?:年代|年|世纪)(?:[0-9０-９一二三四五六七八九十]{1,2}月)?(?:[0-9０-９一二三四五六七八九十]{1,3}[日号])?(?:[初末中]|[上下]半叶|前后|左右)?|[0-9０-９一二三四五六七八九十]{1,2}月(?:[0-9０-９一二三四五六七八九十]{1,3}[日号])?|[\p{Script=Han}]{1,3}(?:朝|代|时期|年间)/gu;

interface Block {
  /** Range in the sentence. */
  s0: number;
  s1: number;
  /** Range in the question. */
  q0: number;
  q1: number;
}

interface Gap {
  start: number;
  end: number;
  score: number;
}

/** The question word: position and kind; when there is none, the gap is the question's end. */
function findGap(q: string): { start: number; end: number; kind: Kind } {
  for (const { re, kind } of WH) {
    const m = re.exec(q);
    if (!m) continue;
    // 任何/如何 are not the 何 of a question; 几乎 is excluded in the pattern.
    if (m[0] === '何' && /[任如为]$/.test(q.slice(0, m.index))) continue;
    return { start: m.index, end: m.index + m[0].length, kind };
  }
  return { start: q.length, end: q.length, kind: 'thing' };
}

/** Maximal common substrings (≥ 2 chars, or 1 char for digits/latin), chosen longest first, non-overlapping on both sides. */
function commonBlocks(q: string, s: string, gapStart: number, gapEnd: number): Block[] {
  const n = s.length;
  const m = q.length;
  const table = new Uint16Array((n + 1) * (m + 1));
  const all: Block[] = [];
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      if (s[i - 1] === q[j - 1] && !CLAUSE_BREAK.test(s[i - 1])) table[i * (m + 1) + j] = table[(i - 1) * (m + 1) + j - 1] + 1;
    }
  }
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const len = table[i * (m + 1) + j];
      if (!len) continue;
      if (i < n && j < m && table[(i + 1) * (m + 1) + j + 1] === len + 1) continue; // not maximal
      all.push({ s0: i - len, s1: i, q0: j - len, q1: j });
    }
  }
  all.sort((a, b) => b.s1 - b.s0 - (a.s1 - a.s0) || a.s0 - b.s0);
  const usedS = new Uint8Array(n);
  const usedQ = new Uint8Array(m);
  const chosen: Block[] = [];
  for (const b of all) {
    // Trim the parts already used, then keep what is left if long enough.
    let { s0, s1, q0, q1 } = b;
    while (s0 < s1 && (usedS[s0] || usedQ[q0])) (s0++, q0++);
    while (s1 > s0 && (usedS[s1 - 1] || usedQ[q1 - 1])) (s1--, q1--);
    let bad = false;
    for (let k = s0; k < s1; k++) if (usedS[k] || usedQ[q0 + k - s0]) bad = true;
    if (bad) continue;
    // Never align the question word itself.
    if (q0 < gapEnd && q1 > gapStart) {
      if (q0 >= gapStart && q1 <= gapEnd) continue;
      if (q0 < gapStart) {
        s1 = s0 + (gapStart - q0);
        q1 = gapStart;
      } else {
        s0 += gapEnd - q0;
        q0 = gapEnd;
      }
    }
    const len = s1 - s0;
    if (len < 1) continue;
    if (len === 1 && !/[0-9a-zA-Z\p{Script=Han}]/u.test(s[s0])) continue;
    if (len === 1 && /\p{Script=Han}/u.test(s[s0]) && !/[0-9a-zA-Z]/.test(s[s0])) {
      // A lone Han character counts only when its neighbours agree too (a split word); else it is noise.
      continue;
    }
    for (let k = s0; k < s1; k++) usedS[k] = 1;
    for (let k = q0; k < q1; k++) usedQ[k] = 1;
    chosen.push({ s0, s1, q0, q1 });
  }
  return chosen.sort((a, b) => a.s0 - b.s0);
}

function clauseBounds(s: string, at: number): [number, number] {
  let a = at;
  while (a > 0 && !CLAUSE_BREAK.test(s[a - 1])) a--;
  let b = at;
  while (b < s.length && !CLAUSE_BREAK.test(s[b])) b++;
  return [a, b];
}

function trim(text: string): string {
  let t = text.replace(LEADING_TRIM, '');
  t = t.replace(TRAILING_TRIM, '');
  return t.trim();
}

function typeFits(text: string, kind: Kind): boolean {
  if (kind === 'amount') return /[0-9０-９零〇一二两三四五六七八九十百千万亿半]/.test(text);
  if (kind === 'time') return new RegExp(DATE.source, 'u').test(text);
  return true;
}

/** The number (with unit) or date inside a stretch, when the question asks for one. */
function refine(text: string, kind: Kind): string {
  if (kind !== 'amount' && kind !== 'time') return text;
  const re = new RegExp((kind === 'time' ? DATE : NUMBER).source, 'gu');
  const found = [...text.matchAll(re)].map((m) => m[0]);
  if (!found.length) return text;
  return found.sort((a, b) => b.length - a.length)[0];
}

/**
 * @param question the question in matching form (Simplified, half-width)
 * @param sentence the candidate sentence in matching form
 * @returns the span as it appears in `sentence`, or null when no confident span is found
 */
export function extractSpan(question: string, sentence: string, type: QuestionType): string | null {
  void type;
  const q = question.replace(TRAILING, '');
  const s = sentence;
  if (!q || !s) return null;
  const gap = findGap(q);
  const blocks = commonBlocks(q, s, gap.start, gap.end);
  if (!blocks.length) return null;

  // Candidate stretches: the unmatched runs of the sentence, cut at clause breaks.
  const covered = new Uint8Array(s.length);
  for (const b of blocks) for (let k = b.s0; k < b.s1; k++) covered[k] = 1;
  const candidates: Gap[] = [];
  for (let i = 0; i < s.length; ) {
    if (covered[i] || CLAUSE_BREAK.test(s[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !covered[j] && !CLAUSE_BREAK.test(s[j])) j++;
    candidates.push({ start: i, end: j, score: 0 });
    i = j;
  }
  if (!candidates.length) return null;

  const leftLen = gap.start;
  const rightLen = q.length - gap.end;
  let best: Gap | null = null;
  let bestText = '';
  for (const c of candidates) {
    const text = trim(s.slice(c.start, c.end));
    if (!text) continue;
    const [clauseStart, clauseEnd] = clauseBounds(s, c.start);
    let score = 0;
    const before = blocks.filter((b) => b.s1 <= c.start && b.s1 >= clauseStart - 0).pop();
    const after = blocks.find((b) => b.s0 >= c.end && b.s0 <= clauseEnd);
    if (before && before.s1 === c.start) {
      const len = before.s1 - before.s0;
      if (before.q1 <= gap.start) score += Math.min(len, 6) * (1 / (1 + (gap.start - before.q1)));
      else score += 0.3 * Math.min(len, 6) * (1 / (1 + (before.q0 - gap.end)));
    }
    if (after && after.s0 === c.end) {
      const len = after.s1 - after.s0;
      if (after.q0 >= gap.end) score += Math.min(len, 6) * (1 / (1 + (after.q0 - gap.end)));
      else score += 0.3 * Math.min(len, 6) * (1 / (1 + (gap.start - after.q1)));
    }
    if (!rightLen && c.end === clauseEnd) score += 1.5;
    if (!leftLen && c.start === clauseStart) score += 1.5;
    // Clause relevance: how much of the question this clause holds.
    let inClause = 0;
    for (const b of blocks) if (b.s0 >= clauseStart && b.s1 <= clauseEnd) inClause += b.s1 - b.s0;
    score += 0.15 * inClause;
    if (typeFits(text, gap.kind)) score += gap.kind === 'amount' || gap.kind === 'time' ? 2 : 0;
    score -= 0.04 * Math.max(0, text.length - 8);
    if (!best || score > best.score) {
      best = { ...c, score };
      bestText = text;
    }
  }
  if (!best || best.score <= 0.5) return null;
  const answer = refine(bestText, gap.kind);
  return answer || null;
}
