/**
 * Rebuilds off the event loop: the old corpus answers while a rebuild runs, requests coalesce, and
 * the real loader builds in a worker thread (a question sent during its build is answered before
 * the build ends — with the build on the main thread it could not be).
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusHolder, type BotCorpus, type MemoryCorpus } from '../../src/bot/corpus.js';
import { buildCorpusInWorker } from '../../src/bot/rebuild.js';
import { loadCorpus } from '../../src/answer/corpus.js';
import { ADMIN, DOCS, fakeCorpus, harness, updates, USER } from './helpers.js';

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('CorpusHolder', () => {
  it('keeps answering from the old corpus until the new one is ready, then swaps', async () => {
    const g = gate();
    const next = fakeCorpus([...DOCS, { meta: { id: 'c', title: '新' }, paragraphs: ['新的。'] }]);
    const h = harness({
      deps: {
        loadCorpus: async () => {
          await g.promise;
          return next;
        },
      },
    });
    const reloading = h.send(updates.text(ADMIN, '/reload'));
    await h.send(updates.text(USER, '满意度？'));
    expect(h.corpus.engine.calls).toHaveLength(1); // the old engine answered
    expect(h.replies().some((r) => r.chat_id === USER && r.text.includes('97.18%'))).toBe(true);
    g.open();
    await reloading;
    await h.send(updates.text(USER, '满意度？'));
    expect(next.engine.calls).toHaveLength(1);
  });

  it('coalesces concurrent requests: one running rebuild and at most one more after it', async () => {
    const gates = [gate(), gate()];
    let calls = 0;
    const corpora: BotCorpus[] = [fakeCorpus(), fakeCorpus()];
    const holder = new CorpusHolder(
      fakeCorpus(),
      async () => {
        const i = calls++;
        await gates[i].promise;
        return corpora[i];
      },
      '/nowhere',
    );
    const first = holder.reload();
    const second = holder.reload();
    const third = holder.reload();
    const fourth = holder.reload();
    expect(holder.busy).toBe(true);
    gates[0].open();
    expect((await first).corpus).toBe(corpora[0]);
    gates[1].open();
    const rest = await Promise.all([second, third, fourth]);
    expect(rest.every((o) => o.corpus === corpora[1])).toBe(true);
    expect(calls).toBe(2);
    expect(holder.current).toBe(corpora[1]);
    expect(holder.busy).toBe(false);
  });

  it('a failed rebuild keeps the old corpus and does not block the next one', async () => {
    let n = 0;
    const good = fakeCorpus();
    const holder = new CorpusHolder(
      fakeCorpus(),
      async () => {
        if (n++ === 0) throw new Error('broken');
        return good;
      },
      '/nowhere',
    );
    const old = holder.current;
    await expect(holder.reload()).rejects.toThrow('broken');
    expect(holder.current).toBe(old);
    expect((await holder.reload()).corpus).toBe(good);
  });
});

describe('buildCorpusInWorker', () => {
  it('builds in a worker thread: a question during the build is answered before the build ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
    cpSync('corpus', dir, { recursive: true });
    const stages: string[] = [];
    const h = harness({
      config: { corpusDir: dir },
      deps: {
        loadCorpus: (d, onProgress) =>
          buildCorpusInWorker(d, {
            persist: false,
            onProgress: (p) => {
              stages.push(p.stage);
              onProgress?.(p);
            },
          }),
      },
    });
    let rebuilt = false;
    const reloading = h.send(updates.text(ADMIN, '/reload')).then(() => (rebuilt = true));
    // Wait until the worker has started (it reports its first stage), then ask.
    for (let i = 0; i < 500 && !stages.length; i++) await new Promise((r) => setTimeout(r, 10));
    await h.send(updates.text(USER, '满意度？'));
    expect(rebuilt).toBe(false);
    expect(h.replies().some((r) => r.chat_id === USER && r.text.includes('97.18%'))).toBe(true);
    await reloading;
    expect(stages).toEqual(['reading', 'building', 'saving', 'loading']);
    const expected = await loadCorpus(dir, { cacheFile: false });
    expect((h.bot.services.corpus.current as MemoryCorpus).kb.documents.map((d) => d.meta.id)).toEqual(expected.kb.documents.map((d) => d.meta.id));
    expect((h.bot.services.corpus.current as MemoryCorpus).kb.sentences.length).toBe(expected.kb.sentences.length);
    // The real engine answers from the swapped-in knowledge base.
    const answer = (h.bot.services.corpus.current as MemoryCorpus).engine.ask('铁岭的群众满意度是多少？');
    expect(answer.answered).toBe(true);
  }, 60_000);

  it('reports an empty folder as a failure, leaving the old corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebuild-empty-'));
    await expect(buildCorpusInWorker(dir, { persist: false })).rejects.toThrow(/No readable documents/);
  }, 60_000);
});
