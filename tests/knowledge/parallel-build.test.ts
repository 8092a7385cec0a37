/**
 * The parallel build gives the knowledge base the one-thread build gives: same sentences (ids), facts
 * (sentence ids), corpus text, index data and search results, whatever the cut between parts.
 */
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/documents/read.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { buildKnowledgeBaseInParallel } from '../../src/knowledge/parallel-build.js';
import { indexTokens } from '../../src/text/segment.js';
import { matchingForm } from '../../src/text/script.js';

describe('buildKnowledgeBaseInParallel', () => {
  it('builds on worker threads the same knowledge base as on one thread', async () => {
    const seeds = await readCorpus('corpus');
    const probe = await readCorpus('eval/probe/corpus-a');
    const documents = [...seeds.documents, ...probe.documents];
    expect(documents.length).toBeGreaterThanOrEqual(3);
    const serial = buildKnowledgeBase(documents);
    // Three parts: this thread and two workers (the seeds and the probe documents are cut between them).
    for (const threads of [3]) {
      const errors: unknown[] = [];
      const parallel = await buildKnowledgeBaseInParallel(documents, { threads, minChars: 0, onWorkerError: (e) => errors.push(e) });
      expect(errors).toEqual([]);
      expect(parallel.sentences).toEqual(serial.sentences);
      expect(parallel.facts).toEqual(serial.facts);
      expect(parallel.documents).toEqual(serial.documents);
      expect(parallel.corpusText).toBe(serial.corpusText);
      expect(parallel.index.toData()).toEqual(serial.index.toData());
      for (const q of ['铁岭的群众满意度是多少？', '会议由谁主持？', '什么时候召开的？']) {
        const tokens = indexTokens(matchingForm(q));
        expect(parallel.index.search(tokens, 10)).toEqual(serial.index.search(tokens, 10));
      }
    }
    expect(serial.facts.some((f) => f.type === 'person')).toBe(true);
    expect(serial.facts.some((f) => f.sentenceId >= serial.sentences.length / 2)).toBe(true);
  }, 120_000);

  it('stays on this thread below the size worth a worker', async () => {
    const { documents } = await readCorpus('corpus');
    const kb = await buildKnowledgeBaseInParallel(documents);
    expect(kb.sentences).toEqual(buildKnowledgeBase(documents).sentences);
  });
});
