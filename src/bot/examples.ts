/**
 * Example questions for /start, generated from whatever facts the corpus has (never a fixed list):
 * a person with titles -> "X是什么职务？", a figure with its subject -> "…是多少？", a dated event ->
 * "…是什么时候召开的？", a list -> "…有哪些？". Types take turns so the examples vary.
 */
import type { Fact, FactType } from '../types.js';
import { truncate } from '../render/html.js';

const MAX_EXAMPLE_LENGTH = 30;

function questionFor(f: Fact): string | undefined {
  const subject = f.subject?.trim();
  const event = f.event?.trim();
  switch (f.type) {
    case 'person':
      return f.titles?.length ? `${f.value}是什么职务？` : undefined;
    case 'percentage':
    case 'score':
    case 'count':
    case 'duration':
      return subject ? `${subject}是多少？` : undefined;
    case 'grade':
      return subject ? `${subject}是什么等级？` : undefined;
    case 'ordinal':
      return subject ? `${subject}排第几？` : undefined;
    case 'date': {
      if (!event) return undefined;
      const held = event.match(/^(.+?)(召开|举行|开幕|举办)$/);
      return held ? `${held[1]}是什么时候${held[2]}的？` : `${event}是什么时候？`;
    }
    case 'place':
      return event ? `${event}在哪里？` : undefined;
    case 'list':
      return subject ? `${subject}有哪些？` : undefined;
    default:
      return undefined;
  }
}

/** The fact types an example is made from, in groups that take turns. */
export const EXAMPLE_TYPE_GROUPS: readonly (readonly FactType[])[] = [['person'], ['percentage', 'score', 'grade', 'count', 'duration', 'ordinal'], ['date'], ['list'], ['place']];

/** Up to `max` distinct example questions (Simplified), in a stable order for a given corpus. */
export function exampleQuestions(kb: { facts: readonly Fact[]; documents: readonly { meta: { title: string } }[] }, max = 4): string[] {
  const groups = EXAMPLE_TYPE_GROUPS.map((types) => {
    const out: string[] = [];
    for (const f of kb.facts) {
      if (!types.includes(f.type)) continue;
      const q = questionFor(f);
      if (q && Array.from(q).length <= MAX_EXAMPLE_LENGTH && !out.includes(q)) out.push(q);
    }
    return out;
  });
  const picked: string[] = [];
  for (let round = 0; picked.length < max && groups.some((g) => g.length > round); round++) {
    for (const g of groups) {
      const q = g[round];
      if (q && !picked.includes(q) && picked.length < max) picked.push(q);
    }
  }
  if (picked.length) return picked;
  // No usable facts: ask about the documents themselves.
  return kb.documents.slice(0, max).map((d) => `《${truncate(d.meta.title, 16)}》讲了什么？`);
}
