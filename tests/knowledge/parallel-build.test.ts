/**
 * The parallel build gives the knowledge base the one-thread build gives: same sentences (ids), facts
 * (sentence ids), corpus text, index data and search results. Each build starts from a segmenter no
 * other build has taught words (the one-thread build runs in a fresh worker thread).
 */
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/documents/read.js';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { startModuleWorker } from '../../src/knowledge/module-worker.js';
import { buildKnowledgeBaseInParallel, prestartBuildWorkers } from '../../src/knowledge/parallel-build.js';
import { SentenceIndex, type IndexData } from '../../src/index/sentence-index.js';
import { indexTokens } from '../../src/text/segment.js';
import { matchingForm } from '../../src/text/script.js';
import type { CorpusDocument, Fact, Sentence } from '../../src/types.js';

interface SerialBuild {
  sentences: Sentence[];
  facts: Fact[];
  documents: CorpusDocument[];
  corpusText: string;
  index: IndexData;
}

function buildInFreshThread(documents: CorpusDocument[]): Promise<SerialBuild> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(new URL('../support/serial-build-worker.ts', import.meta.url), { workerData: { documents } });
    worker.once('message', (m: SerialBuild) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('buildKnowledgeBaseInParallel', () => {
  it('builds on worker threads the same knowledge base as on one thread', async () => {
    const seeds = await readCorpus('corpus');
    const probe = await readCorpus('eval/probe/corpus-a');
    const documents = [...seeds.documents, ...probe.documents];
    expect(documents.length).toBeGreaterThanOrEqual(3);
    // Three parts: this thread and two workers (the seeds and the probe documents are cut between them).
    const errors: unknown[] = [];
    const parallel = await buildKnowledgeBaseInParallel(documents, { threads: 3, minChars: 0, onWorkerError: (e) => errors.push(e) });
    expect(errors).toEqual([]);
    const serial = await buildInFreshThread(documents);
    expect(parallel.sentences).toEqual(serial.sentences);
    expect(parallel.facts).toEqual(serial.facts);
    expect(parallel.documents).toEqual(serial.documents);
    expect(parallel.corpusText).toBe(serial.corpusText);
    expect(parallel.index.toData()).toEqual(serial.index);
    const serialIndex = SentenceIndex.fromData(serial.index);
    for (const q of ['铁岭的群众满意度是多少？', '会议由谁主持？', '什么时候召开的？']) {
      const tokens = indexTokens(matchingForm(q));
      expect(parallel.index.search(tokens, 10)).toEqual(serialIndex.search(tokens, 10));
    }
    expect(serial.facts.some((f) => f.type === 'person')).toBe(true);
    expect(serial.facts.some((f) => f.sentenceId >= serial.sentences.length / 2)).toBe(true);
  }, 120_000);

  it('uses workers started before the corpus was read, and stops them all', async () => {
    const workers = prestartBuildWorkers(3);
    expect(workers).toHaveLength(2);
    const { documents } = await readCorpus('corpus');
    // Two documents: two parts, so one of the two workers is not needed.
    const errors: unknown[] = [];
    const parallel = await buildKnowledgeBaseInParallel(documents, { minChars: 0, workers, onWorkerError: (e) => errors.push(e) });
    expect(errors).toEqual([]);
    expect(workers.every((w) => w.stopped)).toBe(true);
    const serial = await buildInFreshThread(documents);
    expect(parallel.sentences).toEqual(serial.sentences);
    expect(parallel.facts).toEqual(serial.facts);
    expect(parallel.index.toData()).toEqual(serial.index);
  }, 120_000);

  it('stops workers started ahead when the corpus is too small for them', async () => {
    const workers = prestartBuildWorkers(2);
    const { documents } = await readCorpus('corpus');
    const kb = await buildKnowledgeBaseInParallel(documents, { workers });
    expect(workers.every((w) => w.stopped)).toBe(true);
    expect(kb.sentences).toEqual(buildKnowledgeBase(documents).sentences);
  });

  it('stays on this thread below the size worth a worker', async () => {
    const { documents } = await readCorpus('corpus');
    const kb = await buildKnowledgeBaseInParallel(documents);
    expect(kb.sentences).toEqual(buildKnowledgeBase(documents).sentences);
  });
});
