/**
 * Operations faults other than Redis: the Bot API unreachable at start, start errors (one line, exit
 * 1, no stack trace), webhook edges (short secrets, chunked bodies, /healthz while stopping).
 * Outcomes are asserted; durations appear only as generous timeouts.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBot, StartError } from '../../src/bot/run.js';
import { FakeTelegram, updates } from '../support/fake-api.js';
import { createLogger } from '../../src/logger.js';
import { fakeCorpus, testConfig, TOKEN, USER } from './helpers.js';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [TOKEN, ...secrets], destination: { write: (s: string) => void lines.push(s) } });
  return { lines, logger, parsed: () => lines.map((l) => JSON.parse(l)) };
}

/** Run `npm start` (src/cli/main.ts) with this environment; optionally send SIGTERM once stdout shows `killAfter`. */
function start(env: Record<string, string>, killAfter?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (killAfter && !killed && killAfter.test(stdout)) {
        killed = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const BOT_ENV = { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9', LOG_LEVEL: 'info', QUESTION_LOG: 'off', KB_CACHE: 'off' };

describe('Bot API unreachable at start', () => {
  it('getMe is retried with a log line per attempt, and a stop request ends the start', async () => {
    const { logger, parsed } = capture();
    const abort = new AbortController();
    // Port 9 (discard) refuses connections: every getMe fails with a network error.
    const running = runBot(testConfig(), { signal: abort.signal, deps: { corpus: fakeCorpus(), logger } });
    const attempts = () => parsed().filter((l) => l.msg === 'getMe failed; retrying');
    for (let i = 0; i < 1000 && attempts().length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(attempts().map((l) => l.attempt)).toEqual([1, 2]);
    expect(attempts()[1].retryInSeconds).toBeGreaterThan(attempts()[0].retryInSeconds); // backoff
    abort.abort();
    await expect(running).resolves.toBeUndefined();
    expect(parsed().some((l) => l.msg === 'stopped before the bot was running')).toBe(true);
    expect(JSON.stringify(parsed())).not.toContain(TOKEN);
  }, 20_000);

  it('npm start: SIGTERM while getMe is being retried stops the process cleanly', async () => {
    const result = await start({ ...BOT_ENV, CORPUS_DIR: 'corpus' }, /getMe failed; retrying/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('stopped before the bot was running');
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  }, 30_000);
});

describe('start errors: one line naming what to fix, exit 1, no stack trace', () => {
  it('missing corpus, empty corpus and bad settings', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-corpus-'));
    const [missing, none, bad] = await Promise.all([
      start({ ...BOT_ENV, CORPUS_DIR: '/nonexistent/corpus' }),
      start({ ...BOT_ENV, CORPUS_DIR: empty }),
      start({ ...BOT_ENV, PORT: 'eighty', MAX_UPLOAD_MB: '0' }),
    ]);
    for (const r of [missing, none, bad]) {
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr + r.stdout).not.toContain(TOKEN);
    }
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: CORPUS_DIR: Corpus folder "\/nonexistent\/corpus" does not exist/)]);
    expect(none.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: CORPUS_DIR: No readable documents in corpus folder/)]);
    expect(bad.stderr).toMatch(/^Invalid settings:\n {2}- PORT: must be a whole number from 1 to 65535 \(got "eighty"\)\n {2}- MAX_UPLOAD_MB: .*\nSee README "Settings"\.\n$/);
  }, 60_000);

  it('setWebhook refused: a StartError naming WEBHOOK_URL; a 2-character secret never reaches the log', async () => {
    const secret = 'q7';
    const { lines, logger } = capture([secret]); // as runBot's own logger: secretsOf(config)
    const refuse = (async (_prev: unknown, method: string, payload: Record<string, unknown>) => {
      if (method === 'setWebhook') return { ok: false, error_code: 400, description: `Bad Request: bad webhook: secret_token ${String(payload.secret_token)} rejected` };
      return { ok: true, result: true };
    }) as never;
    const config = testConfig({ webhook: { url: 'https://bot.example.org/hook', path: '/hook', secret }, port: 0 });
    const error = await runBot({ ...config, botToken: TOKEN }, { deps: { corpus: fakeCorpus(), botInfo: new FakeTelegram().botInfo, transport: refuse, logger } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toMatch(/^WEBHOOK_URL: Telegram refused setWebhook for https:\/\/bot\.example\.org\/hook \(400 Bad Request: bad webhook: secret_token \[redacted\] rejected\)/);
    expect((error as Error).message).not.toContain('\n');
    const log = lines.join('');
    expect(log).toContain('bot could not start');
    expect(log).not.toMatch(/[^A-Za-z0-9_-]q7[^A-Za-z0-9_-]/);
  });
});

describe('webhook edges', () => {
  const webhook = { url: 'https://bot.example.org/tg/hook', path: '/tg/hook', secret: 'webhook_secret-123' };

  async function serve() {
    const api = new FakeTelegram();
    const { logger } = capture();
    const abort = new AbortController();
    let port = 0;
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const running = runBot(testConfig({ webhook, port: 0 }), {
      signal: abort.signal,
      deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger },
      onReady: (info) => {
        port = info.port!;
        ready();
      },
    });
    await Promise.race([isReady, running]);
    return { api, abort, running, port };
  }

  it('a chunked body over the limit is refused with 413 without being buffered; the server goes on', async () => {
    const { api, abort, running, port } = await serve();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: webhook.path,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).catch(() => 413); // the server may close the connection right after its answer
    expect(status).toBe(413);
    const ok = await fetch(`http://127.0.0.1:${port}${webhook.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret },
      body: JSON.stringify({ update_id: 1, ...updates.text(USER, '满意度？') }),
    });
    expect(ok.status).toBe(200);
    expect(api.sent()).toHaveLength(1);
    abort.abort();
    await running;
  });

  it('/healthz answers 503 while stopping (the server still listens while updates drain)', async () => {
    const { api, abort, running, port } = await serve();
    api.setLatency(() => 1500);
    const inFlight = fetch(`http://127.0.0.1:${port}${webhook.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret },
      body: JSON.stringify({ update_id: 2, ...updates.text(USER, '满意度？') }),
    });
    await api.waitFor(() => api.attempts.some((a) => a.method === 'sendMessage'));
    abort.abort();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'stopping' });
    expect((await inFlight).status).toBe(200);
    await running;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
