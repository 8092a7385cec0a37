/**
 * A question asked in Traditional gets a Traditional answer and the same facts as in Simplified:
 * checked over every question of the shared dev set (read from ../shared/eval, not copied here)
 * and over the engine-test corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type LoadedCorpus } from '../../src/answer/corpus.js';
import { detectScript, toSimplified, toTraditional } from '../../src/text/script.js';

const DEV_SET = '../shared/eval/seed-qa-dev.jsonl';
const devQuestions: string[] = existsSync(DEV_SET)
  ? readFileSync(DEV_SET, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).q as string)
  : [];

let corpus: LoadedCorpus;
beforeAll(async () => {
  corpus = await loadCorpus('corpus');
});

describe.skipIf(devQuestions.length === 0)('script parity over the dev set', () => {
  it.each(devQuestions.map((q) => [q]))('%s', (q) => {
    const hans = corpus.engine.ask(toSimplified(q));
    const hant = corpus.engine.ask(toTraditional(q));
    expect(hant.answered).toBe(hans.answered);
    expect(hans.script).toBe('hans');
    if (/\p{Script=Han}/u.test(q)) expect(hant.script).toBe('hant');
    expect(toSimplified(hant.answer ?? '')).toBe(hans.answer ?? '');
    expect(hant.facts.map((f) => [f.type, toSimplified(f.value)])).toEqual(hans.facts.map((f) => [f.type, f.value]));
    expect(hant.citations.map((c) => c.sentence)).toEqual(hans.citations.map((c) => c.sentence));
    // The answer itself is written in the asker's script (when it has Han characters that differ).
    if (hant.answer && toTraditional(hans.answer!) !== hans.answer) expect(detectScript(hant.answer)).toBe('hant');
  });
});
