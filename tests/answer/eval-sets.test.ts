/**
 * Regression guard over the question sets in eval/ (our own paraphrases about the seeds, and the probe
 * corpus of unseen documents) and the shared dev set: accuracy may not fall below what it is known to
 * reach, and every question the documents do not answer is declined. Scoring follows
 * ../shared/eval/README.md (script and whitespace ignored; a right answer needs a supporting citation).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/answer/corpus.js';
import type { Answer } from '../../src/types.js';
import { toSimplified } from '../../src/text/script.js';

interface Item {
  id: string;
  q: string;
  any?: string[];
  all?: string[];
  cite?: string | null;
  none?: boolean;
}

const norm = (s: unknown) => toSimplified(String(s ?? '')).replace(/[\s\u3000]/g, '').replace(/[「」『』"']/g, '“');
const hit = (hay: string, gold: string) => gold.split('|').some((g) => hay.includes(norm(g)));

function correct(item: Item, a: Answer): boolean {
  if (item.none) return a.answered === false;
  if (!a.answered) return false;
  const hay = norm(a.answer) + '|' + a.facts.map((f) => norm(f.value)).join('|');
  const right = item.all ? item.all.every((g) => hit(hay, g)) : (item.any ?? []).some((g) => hit(hay, g));
  const cites = a.citations.map((c) => norm([c.sentence, c.title, c.source, c.published, c.author].join('|')));
  const cited = item.cite == null ? cites.length > 0 : cites.some((c) => c.includes(norm(item.cite)));
  return right && cited;
}

/** `declinesAll`: every question the documents do not answer must be declined (the probe set still has misses). */
const SETS: { file: string; corpus: string; min: number; declinesAll: boolean }[] = [
  { file: '../shared/eval/seed-qa-dev.jsonl', corpus: 'corpus', min: 1, declinesAll: true },
  { file: 'eval/seed-paraphrases.jsonl', corpus: 'corpus', min: 0.95, declinesAll: true },
  { file: 'eval/probe/qa-a.jsonl', corpus: 'eval/probe/corpus-a', min: 0.75, declinesAll: false },
];

describe.each(SETS.filter((s) => existsSync(s.file)))('$file', ({ file, corpus, min, declinesAll }) => {
  it(`answers at least ${min * 100}% right${declinesAll ? ' and declines every unanswerable question' : ''}`, async () => {
    const { engine } = await loadCorpus(corpus, { cacheFile: false });
    const items: Item[] = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const results = items.map((item) => ({ item, ok: correct(item, engine.ask(item.q, {})) }));
    const wrong = results.filter((r) => !r.ok).map((r) => r.item.id);
    const accuracy = 1 - wrong.length / items.length;
    expect(accuracy, `wrong: ${wrong.join(' ')}`).toBeGreaterThanOrEqual(min);
    if (declinesAll) expect(results.filter((r) => r.item.none && !r.ok).map((r) => r.item.id)).toEqual([]);
  });
});
