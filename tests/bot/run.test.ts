import { describe, expect, it, vi } from 'vitest';
import { runBot, paceEarlyEmptyPolls } from '../../src/bot/run.js';
import { ConfigError } from '../../src/config/settings.js';
import { createLogger } from '../../src/logger.js';
import { FakeTelegram, updates } from '../support/fake-api.js';
import { fakeCorpus, testConfig, TOKEN, USER } from './helpers.js';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void lines.push(s) } }) };
}

describe('runBot: long polling', () => {
  it('answers through the runner and stops gracefully: the update in flight finishes, the offset is confirmed', async () => {
    const api = new FakeTelegram({ pollWaitMs: 20 });
    const { lines, logger } = capture();
    const abort = new AbortController();
    let ready = false;
    const running = runBot(testConfig(), { signal: abort.signal, deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger }, onReady: () => (ready = true) });

    api.push(updates.text(USER, '满意度？', { messageId: 1 }));
    await api.waitFor(() => api.sent().length === 1);
    expect(ready).toBe(true);
    expect(api.sent('deleteWebhook')).toHaveLength(1);
    expect(api.sent('setMyCommands').length).toBeGreaterThan(0);

    // The next reply is slow: stop while it is in flight.
    api.setLatency(() => 300);
    api.push(updates.text(USER, '满意度？', { messageId: 2 }));
    await api.waitFor(() => api.attempts.filter((a) => a.method === 'sendMessage').length === 2);
    abort.abort();
    await running;
    expect(api.sent().map((m) => m.reply_parameters.message_id)).toEqual([1, 2]); // finished before runBot resolved
    const polls = api.sent('getUpdates');
    expect(polls.at(-1)).toMatchObject({ offset: 3, timeout: 0 });
    expect(polls[0].allowed_updates).toContain('callback_query');
    expect(lines.join('')).not.toContain(TOKEN);
    expect(lines.some((l) => l.includes('"bot stopped"'))).toBe(true);
  });

  it('requires a token, and never shows it when the Bot API refuses it', async () => {
    await expect(runBot(testConfig({ botToken: undefined }))).rejects.toBeInstanceOf(ConfigError);
    const { lines, logger } = capture();
    const refuse = (async (_prev: any, method: string) => {
      if (method === 'getMe') return { ok: false, error_code: 401, description: `Unauthorized: bot${TOKEN}` };
      return { ok: true, result: true };
    }) as any;
    const error = await runBot(testConfig(), { deps: { corpus: fakeCorpus(), transport: refuse, logger } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('401');
    expect((error as Error).message).not.toContain(TOKEN);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('paces an API server that answers empty long polls at once (emulators)', async () => {
    // Fake timers: the pause is observed on the clock the transformer reads, not on a busy machine's wall clock.
    vi.useFakeTimers();
    try {
      const pace = paceEarlyEmptyPolls(100);
      const prev = async () => ({ ok: true, result: [] });
      const settled = (promise: Promise<unknown>) => {
        const state = { done: false };
        promise.then(() => (state.done = true));
        return state;
      };
      const early = settled((pace as any)(prev, 'getUpdates', { timeout: 30 }));
      await vi.advanceTimersByTimeAsync(99);
      expect(early.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(early.done).toBe(true);
      // No pause for a short poll (timeout 0) nor for a poll that brought updates.
      const short = settled((pace as any)(prev, 'getUpdates', { timeout: 0 }));
      const full = settled((pace as any)(async () => ({ ok: true, result: [{ update_id: 1 }] }), 'getUpdates', { timeout: 30 }));
      await vi.advanceTimersByTimeAsync(0);
      expect(short.done).toBe(true);
      expect(full.done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('runBot: webhook', () => {
  const webhook = { url: 'https://bot.example.org/tg/hook', path: '/tg/hook', secret: 'webhook_secret-123' };

  async function start() {
    const api = new FakeTelegram();
    const { lines, logger } = capture();
    const abort = new AbortController();
    let port = 0;
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const running = runBot(testConfig({ webhook, port: 0 }), {
      signal: abort.signal,
      deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger },
      onReady: (info) => {
        port = info.port!;
        ready();
      },
    });
    await Promise.race([isReady, running]);
    const url = (path: string) => `http://127.0.0.1:${port}${path}`;
    return { api, lines, abort, running, url };
  }

  const update = (id: number, text: string) => JSON.stringify({ update_id: id, ...updates.text(USER, text, { messageId: id }) });

  it('serves the webhook path with the secret, 401 without it, /healthz, and stops cleanly', async () => {
    const { api, lines, abort, running, url } = await start();
    expect(api.sent('setWebhook')).toEqual([expect.objectContaining({ url: webhook.url, secret_token: webhook.secret })]);

    const health = await fetch(url('/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'webhook', bot: api.botInfo.username, documents: 2 });

    const post = (headers: Record<string, string>, body = update(1, '满意度？'), path = webhook.path) =>
      fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': webhook.secret }, update(2, 'x'), '/other')).status).toBe(404);
    expect(api.sent()).toEqual([]);

    const ok = await post({ 'x-telegram-bot-api-secret-token': webhook.secret });
    expect(ok.status).toBe(200);
    expect(api.sent()).toEqual([expect.objectContaining({ chat_id: USER, text: expect.stringContaining('97.18%') })]);

    abort.abort();
    await running;
    await expect(fetch(url('/healthz'))).rejects.toThrow();
    expect(lines.join('')).not.toContain(webhook.secret);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('lets an update in flight finish when stopping', async () => {
    const { api, abort, running, url } = await start();
    api.setLatency(() => 300);
    const request = fetch(url(webhook.path), { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret }, body: update(5, '满意度？') });
    await api.waitFor(() => api.attempts.some((a) => a.method === 'sendMessage'));
    abort.abort();
    expect((await request).status).toBe(200);
    await running;
    expect(api.sent()).toHaveLength(1);
  });
});
