import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusBytes, corpusFingerprint } from '../../src/knowledge/fingerprint.js';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import { restoreKnowledgeBase, restoreKnowledgeBaseSteps } from '../../src/knowledge/knowledge-base.js';
import { INDEX_VERSION, defaultCacheFile, loadCache, loadCacheAsync, runStepsAsync } from '../../src/knowledge/persist.js';
import { indexTokens } from '../../src/text/segment.js';

const root = mkdtempSync(join(tmpdir(), 'persist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
function corpus(): string {
  const dir = join(root, `c${n++}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'lake.txt'), '白鹭湖概况\n\n白鹭湖是一个淡水湖，面积约为58平方公里。湖中盛产银鱼和莲藕。\n');
  writeFileSync(join(dir, 'school.txt'), '松山书院\n\n松山书院由学者周敦颐于宋代创办。书院藏书超过两万卷。\n');
  return dir;
}

describe('knowledge-base cache', () => {
  it('builds and saves on first load, loads the same knowledge base when nothing changed', async () => {
    const dir = corpus();
    const first = await loadKnowledgeBase(dir);
    expect(first.cache).toBe('missing');
    expect(existsSync(defaultCacheFile(dir))).toBe(true);
    const second = await loadKnowledgeBase(dir);
    expect(second.cache).toBe('loaded');
    expect(second.kb.sentences).toEqual(first.kb.sentences);
    expect(second.kb.documents).toEqual(first.kb.documents);
    expect(second.kb.facts).toEqual(first.kb.facts);
    expect(second.kb.corpusText).toBe(first.kb.corpusText);
    for (const question of ['白鹭湖盛产什么', '书院由谁创办', '松山书院藏书多少卷', '湖的面积是多少']) {
      const q = indexTokens(question);
      expect(second.kb.index.search(q, 5)).toEqual(first.kb.index.search(q, 5));
      for (const t of q) expect(second.kb.index.idf(t)).toBe(first.kb.index.idf(t));
    }
    expect(second.kb.index.size).toBe(first.kb.index.size);
  });

  it('ignores a cache file of another format version', async () => {
    const dir = corpus();
    await loadKnowledgeBase(dir);
    const file = defaultCacheFile(dir);
    const bytes = readFileSync(file);
    bytes.writeUInt16LE(INDEX_VERSION - 1, 6);
    writeFileSync(file, bytes);
    expect(loadCache(file, corpusFingerprint(dir))).toBe('version');
    expect((await loadKnowledgeBase(dir)).cache).toBe('version');
    expect((await loadKnowledgeBase(dir)).cache).toBe('loaded');
  });

  it('rebuilds when a document changes, is added or removed', async () => {
    const dir = corpus();
    await loadKnowledgeBase(dir);
    writeFileSync(join(dir, 'lake.txt'), '白鹭湖概况\n\n白鹭湖是一个咸水湖。湖中盛产青虾。\n');
    const changed = await loadKnowledgeBase(dir);
    expect(changed.cache).toBe('stale');
    expect(changed.kb.sentences.some((s) => s.text.includes('青虾'))).toBe(true);
    expect((await loadKnowledgeBase(dir)).cache).toBe('loaded');
    writeFileSync(join(dir, 'new.txt'), '新文档\n\n星火计划于1986年启动。\n');
    expect((await loadKnowledgeBase(dir)).cache).toBe('stale');
    rmSync(join(dir, 'new.txt'));
    const removed = await loadKnowledgeBase(dir);
    expect(removed.cache).toBe('stale');
    expect(removed.kb.documents).toHaveLength(2);
  });

  it('rebuilds from a corrupt or truncated cache file', async () => {
    const dir = corpus();
    await loadKnowledgeBase(dir);
    const file = defaultCacheFile(dir);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(file, bytes);
    expect(loadCache(file, corpusFingerprint(dir))).toBe('corrupt');
    const rebuilt = await loadKnowledgeBase(dir);
    expect(rebuilt.cache).toBe('corrupt');
    expect(rebuilt.kb.sentences.length).toBeGreaterThan(0);
    expect((await loadKnowledgeBase(dir)).cache).toBe('loaded');
    writeFileSync(file, bytes.subarray(0, 100));
    expect((await loadKnowledgeBase(dir)).cache).toBe('corrupt');
    writeFileSync(file, 'not a cache');
    expect((await loadKnowledgeBase(dir)).cache).toBe('corrupt');
  });

  it('keeps answering when the cache cannot be written, and can be turned off', async () => {
    const dir = corpus();
    const errors: unknown[] = [];
    const loaded = await loadKnowledgeBase(dir, { cacheFile: join(dir, 'lake.txt', 'cannot', 'x.bin'), onCacheError: (e) => errors.push(e) });
    expect(loaded.kb.sentences.length).toBeGreaterThan(0);
    expect(errors).toHaveLength(1);
    const off = await loadKnowledgeBase(dir, { cacheFile: false });
    expect(off.cache).toBe('off');
  });

  it('loads and restores in slices that let the event loop run in between, with the same result', async () => {
    const dir = corpus();
    const built = await loadKnowledgeBase(dir);
    const file = defaultCacheFile(dir);
    const fingerprint = corpusFingerprint(dir);
    // A chain of macrotasks counts the event-loop turns taken while a promise is pending.
    const turnsDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> => {
      let turns = 0;
      let done = false;
      const spin = () => {
        if (done) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      const result = await work();
      done = true;
      return { result, turns };
    };
    const whole = loadCache(file, fingerprint);
    if (typeof whole === 'string') throw new Error(whole);
    const sliced = await turnsDuring(() => loadCacheAsync(file, fingerprint, 0));
    expect(sliced.turns).toBeGreaterThan(1);
    if (typeof sliced.result === 'string') throw new Error(sliced.result);
    expect(sliced.result.sentences).toEqual(whole.sentences);
    expect(sliced.result.documents).toEqual(whole.documents);
    expect(sliced.result.facts).toEqual(whole.facts);
    expect(sliced.result.index.toData()).toEqual(whole.index.toData());
    // Restoring: in slices when asked to, in one block when the slice is longer than the work.
    const stepped = await turnsDuring(() => runStepsAsync(restoreKnowledgeBaseSteps(whole.documents, whole.sentences, whole.facts, whole.index), 0));
    expect(stepped.turns).toBeGreaterThan(0);
    const once = await turnsDuring(() => runStepsAsync(restoreKnowledgeBaseSteps(whole.documents, whole.sentences, whole.facts, whole.index), Number.POSITIVE_INFINITY));
    expect(once.turns).toBe(0);
    const direct = restoreKnowledgeBase(whole.documents, whole.sentences, whole.facts, whole.index);
    expect(stepped.result.corpusText).toBe(built.kb.corpusText);
    expect(direct.corpusText).toBe(built.kb.corpusText);
    expect([...stepped.result.sentencesByDoc]).toEqual([...built.kb.sentencesByDoc]);
  });
});

describe('corpusBytes', () => {
  it('sums the regular files the reader would read: subfolders yes, dot-entries no', () => {
    const dir = join(root, 'bytes');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    mkdirSync(join(dir, '.cache'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), '一二三'); // 9 bytes
    writeFileSync(join(dir, 'sub', 'b.md'), 'abcd');
    writeFileSync(join(dir, '.hidden.txt'), 'not counted');
    writeFileSync(join(dir, '.cache', 'kb.bin'), 'not counted either');
    expect(corpusBytes(dir)).toBe(13);
    expect(corpusBytes(join(root, 'no-such-folder'))).toBe(0);
  });
});
