import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { runBot } from '../../src/bot/run.js';
import type { SessionData } from '../../src/bot/context.js';
import { FakeTelegram, updates } from '../support/fake-api.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN, fakeCorpus, harness, testConfig } from './helpers.js';

const url = process.env.TEST_REDIS_URL;
const silent = () => createLogger({ level: process.env.DEBUG_LOG ? 'debug' : 'silent' });

describe.skipIf(!url)('Redis sessions (TEST_REDIS_URL)', () => {
  const redis = url ? new Redis(url, { lazyConnect: true }) : undefined;
  const chat = 900_000_000 + Math.floor(Math.random() * 1_000_000);
  afterAll(async () => {
    await redis?.del(`session:${chat}`, `session:${chat + 1}`);
    redis?.disconnect();
  });

  it('two instances share a chat: follow-up state and answer buttons work on either', async () => {
    await redis!.connect();
    const storage = () => new RedisAdapter<SessionData>({ instance: redis!, ttl: 60 });
    const a = harness({ deps: { storage: storage() } });
    const b = harness({ deps: { storage: storage() } });
    await a.send(updates.text(chat, '李友是什么职务？'));
    await b.send(updates.text(chat, '他出席了什么会议？'));
    expect(b.corpus.engine.calls[0].state.lastPerson).toBe('李友');

    await a.send(updates.text(chat, '火星？'));
    await b.send(updates.callback(chat, 'more:3'));
    expect(b.replies().at(-1)!.text).toContain('<b>[3]</b>');
    const stored = JSON.parse((await redis!.get(`session:${chat}`))!);
    expect(stored.answers.map((r: { id: string }) => r.id)).toEqual(['1', '2', '3']);
    expect(stored.answers[2].shown).toBe(4);
    expect(await redis!.ttl(`session:${chat}`)).toBeGreaterThan(0);
  });

  it('runBot with REDIS_URL: sessions in Redis, and a /reload on one instance reloads the others', async () => {
    const apiA = new FakeTelegram({ pollWaitMs: 20 });
    const apiB = new FakeTelegram({ pollWaitMs: 20 });
    const loads = { a: 0, b: 0 };
    const abort = new AbortController();
    const config = testConfig({ redisUrl: url });
    const ready: Promise<void>[] = [];
    const running = (['a', 'b'] as const).map((name, i) => {
      const api = [apiA, apiB][i];
      let resolve!: () => void;
      ready.push(new Promise<void>((r) => (resolve = r)));
      return runBot(config, {
        signal: abort.signal,
        onReady: () => resolve(),
        deps: {
          corpus: fakeCorpus(),
          botInfo: api.botInfo,
          transport: api.transport,
          logger: silent(),
          loadCorpus: async () => {
            loads[name]++;
            return fakeCorpus();
          },
        },
      });
    });
    await Promise.all(ready);
    apiA.push(updates.text(chat + 1, '满意度？'));
    await apiA.waitFor(() => apiA.sent().length === 1);
    // The session is written right after the reply.
    let stored: string | null = null;
    for (let i = 0; i < 100 && !stored; i++) {
      stored = await redis!.get(`session:${chat + 1}`);
      if (!stored) await new Promise((r) => setTimeout(r, 10));
    }
    expect(JSON.parse(stored ?? '{}').answers).toHaveLength(1);

    apiA.push(updates.text(ADMIN, '/reload'));
    await apiA.waitFor(() => apiA.sent('editMessageText').some((m) => String(m.text).startsWith('已重新加载')));
    await apiB.waitFor(() => loads.b === 1, 3000);
    expect(loads).toEqual({ a: 1, b: 1 });
    abort.abort();
    await Promise.all(running);
  });
});
