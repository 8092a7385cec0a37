/**
 * Redis faults with a real redis-server this test starts on its own port: paused (SIGSTOP), killed
 * (SIGKILL) and absent at start. Answering goes on with in-memory sessions and one warning; Redis is
 * used again when it returns. Skipped with a message when redis-server is not installed
 * (apt-get install redis-server; .ci/run installs it). Waits are bounded by generous timeouts only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { runBot } from '../../src/bot/run.js';
import { FakeTelegram, updates } from '../support/fake-api.js';
import { createLogger } from '../../src/logger.js';
import { fakeCorpus, testConfig, TOKEN } from './helpers.js';
import { createRedis, RedisGuard } from '../../src/bot/redis.js';
import { QuestionRecorder } from '../../src/bot/stats.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedis) console.warn('redis-server is not installed: skipping the Redis fault tests (apt-get install redis-server)');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  for (let i = 0; i < 200; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return proc;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  throw new Error('redis-server did not start');
}

/** A test's own client (reconnects quietly while the server is away). */
function client(port: number): Redis {
  const r = new Redis(port, '127.0.0.1');
  r.on('error', () => undefined);
  return r;
}

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void lines.push(s) } });
  const messages = () => lines.map((l) => JSON.parse(l).msg as string);
  return { lines, logger, messages };
}

const until = async (predicate: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!hasRedis)('Redis faults (real redis-server)', () => {
  const procs: ChildProcess[] = [];
  afterAll(() => {
    for (const p of procs) {
      p.kill('SIGCONT');
      p.kill('SIGKILL');
    }
  });

  async function startBot(port: number, overrides: Parameters<typeof testConfig>[0] = {}) {
    const api = new FakeTelegram({ pollWaitMs: 20 });
    const { lines, logger, messages } = capture();
    const abort = new AbortController();
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const running = runBot(testConfig({ redisUrl: `redis://127.0.0.1:${port}`, ...overrides }), {
      signal: abort.signal,
      deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger },
      onReady: () => ready(),
    });
    await Promise.race([isReady, running]);
    let chat = 700_000_000 + Math.floor(Math.random() * 1_000_000);
    /** Ask in a new chat; resolves when the bot has answered. */
    const ask = async (question = '满意度？') => {
      const c = chat++;
      const before = api.sent().length;
      api.push(updates.text(c, question));
      await api.waitFor(() => api.sent().length > before, 15_000);
      return c;
    };
    return { api, lines, messages, abort, running, ask };
  }

  it('paused (SIGSTOP): questions are answered from memory with one warning; Redis is used again after SIGCONT', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    procs.push(redis);
    const bot = await startBot(port);
    const check = client(port);
    const first = await bot.ask();
    await until(async () => (await check.exists(`session:${first}`)) === 1);

    redis.kill('SIGSTOP');
    for (let i = 0; i < 3; i++) await bot.ask(); // each answered (the waits are bounded by timeouts only)
    // Follow-ups keep working through the outage: the session lives in memory.
    const c = await bot.ask('李友是什么职务？');
    const before = bot.api.sent().length;
    bot.api.push(updates.text(c, '他出席了什么会议？'));
    await bot.api.waitFor(() => bot.api.sent().length > before, 15_000);
    expect(bot.messages().filter((m) => m.startsWith('Redis unavailable'))).toHaveLength(1);

    redis.kill('SIGCONT');
    // After the pause the guard tries Redis again: a new chat's session lands there.
    let again = 0;
    await until(async () => {
      again = await bot.ask();
      return (await check.exists(`session:${again}`)) === 1;
    }, 30_000);
    expect(bot.messages()).toContain('Redis reachable again: sessions and rate limits back in Redis');
    check.disconnect();
    bot.abort.abort();
    await bot.running;
  }, 60_000);

  it('killed while running: answering goes on; when Redis is back, sessions are stored there again', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    procs.push(redis);
    // Rate limits on: their counters are in Redis too, with an expiry set atomically.
    const bot = await startBot(port, { rateLimit: { limit: 100, windowSeconds: 60 } });
    await bot.ask();
    const probe = client(port);
    const keys = await probe.keys('ratelimit:*');
    expect(keys.length).toBeGreaterThan(0);
    expect(await probe.pttl(keys[0])).toBeGreaterThan(0);
    probe.disconnect();
    redis.kill('SIGKILL');
    for (let i = 0; i < 3; i++) await bot.ask();
    expect(bot.messages().filter((m) => m.startsWith('Redis unavailable'))).toHaveLength(1);

    redis = await startRedis(port);
    procs.push(redis);
    const check = client(port);
    await until(async () => {
      const c = await bot.ask();
      return (await check.exists(`session:${c}`)) === 1;
    }, 30_000);
    check.disconnect();
    bot.abort.abort();
    await bot.running;
  }, 60_000);

  it('absent at start: the bot starts degraded with one clear warning, answers, and uses Redis once it appears', async () => {
    const port = await freePort();
    const bot = await startBot(port);
    expect(bot.messages()).toContain('REDIS_URL: Redis is unreachable at start; starting with in-memory sessions and rate limits, Redis is used as soon as it answers');
    await bot.ask();
    const redis = await startRedis(port);
    procs.push(redis);
    const check = client(port);
    await until(async () => {
      const c = await bot.ask();
      return (await check.exists(`session:${c}`)) === 1;
    }, 30_000);
    check.disconnect();
    bot.abort.abort();
    await bot.running;
  }, 60_000);

  it('with REDIS_URL, the /stats counters are shared between instances (and the log is the fallback)', async () => {
    const port = await freePort();
    const redis = await startRedis(port);
    procs.push(redis);
    const { logger } = capture();
    const guards = [new RedisGuard(createRedis(`redis://127.0.0.1:${port}`), logger), new RedisGuard(createRedis(`redis://127.0.0.1:${port}`), logger)];
    await Promise.all(guards.map((g) => g.redis.connect()));
    const [a, b] = guards.map((g) => new QuestionRecorder(undefined, logger, g));
    const ts = new Date().toISOString();
    a.record({ ts, chat: 'private', question: '满意度？', outcome: 'answered', topDocument: 'a' });
    b.record({ ts, chat: 'group', question: '火星有多远？', outcome: 'not-in-documents', reason: 'unknown-terms' });
    b.record({ ts, chat: 'private', question: '火星 有多远？', outcome: 'not-in-documents', reason: 'weak-match' });
    a.record({ ts, chat: 'private', question: '开了多久？', outcome: 'no-direct-answer', reason: 'no-direct-answer' });
    let stats = await a.stats();
    await until(async () => {
      stats = await a.stats();
      return stats.week.questions === 4;
    });
    expect(stats.source).toBe('redis');
    expect(stats.today.byOutcome).toEqual({ answered: 1, 'no-direct-answer': 1, 'not-in-documents': 2 });
    expect(stats.unanswered[0]).toMatchObject({ count: 2, outcome: 'not-in-documents' });
    expect(stats.unanswered[1]).toMatchObject({ count: 1, outcome: 'no-direct-answer' });
    for (const g of guards) g.redis.disconnect();
  }, 30_000);
});
