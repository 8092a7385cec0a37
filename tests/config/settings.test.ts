import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadToolSettings, secretsOf, testDatabaseUrl } from '../../src/config/settings.js';

const TOKEN = '123456789:AAHfakeTokenForTests_abcdefghijklmnop';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives every default when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      botToken: undefined,
      telegramApiRoot: 'https://api.telegram.org',
      corpusDir: 'corpus',
      adminIds: [],
      webhook: undefined,
      port: 8080,
      redisUrl: undefined,
      store: { kind: 'memory' },
      logLevel: 'info',
      feedbackLog: 'var/feedback.jsonl',
      rateLimit: { limit: 20, windowSeconds: 60 },
      maxUploadBytes: 2 * 1024 * 1024,
      kbCache: true,
      benchDir: undefined,
      questionLog: { path: 'var/questions.jsonl', retentionDays: 90 },
      sessionMaxChats: 10_000,
    });
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    const c = loadConfig({ BOT_TOKEN: '', TELEGRAM_API_ROOT: ' ', ADMIN_IDS: '', WEBHOOK_URL: '', PORT: '', LOG_LEVEL: '' });
    expect(c.botToken).toBeUndefined();
    expect(c.webhook).toBeUndefined();
    expect(c.port).toBe(8080);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      CORPUS_DIR: 'docs',
      ADMIN_IDS: '12, 34 ,56',
      WEBHOOK_URL: 'https://bot.example.org/tg/hook',
      WEBHOOK_SECRET: 's3cret_-X',
      PORT: '3000',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      LOG_LEVEL: 'DEBUG',
      FEEDBACK_LOG: '/tmp/fb.jsonl',
      RATE_LIMIT_PER_MINUTE: '0',
      MAX_UPLOAD_MB: '5',
    });
    expect(c.botToken).toBe(TOKEN);
    expect(c.telegramApiRoot).toBe('http://127.0.0.1:8081');
    expect(c.corpusDir).toBe('docs');
    expect(c.adminIds).toEqual([12, 34, 56]);
    expect(c.webhook).toEqual({ url: 'https://bot.example.org/tg/hook', path: '/tg/hook', secret: 's3cret_-X' });
    expect(c.port).toBe(3000);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(c.logLevel).toBe('debug');
    expect(c.feedbackLog).toBe('/tmp/fb.jsonl');
    expect(c.rateLimit.limit).toBe(0);
    expect(c.maxUploadBytes).toBe(5 * 1024 * 1024);
    expect(secretsOf(c)).toEqual([TOKEN, 's3cret_-X']);
  });

  it('accepts any path-safe token for a local Bot API server or an emulator, not for Telegram', () => {
    expect(loadConfig({ BOT_TOKEN: 'emulator-token', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000' }).botToken).toBe('emulator-token');
    expect(problems({ BOT_TOKEN: 'emulator-token' })).toEqual([expect.stringMatching(/^BOT_TOKEN: /)]);
    expect(problems({ BOT_TOKEN: 'has space', TELEGRAM_API_ROOT: 'http://127.0.0.1:9000' })).toEqual([expect.stringMatching(/^BOT_TOKEN: /)]);
  });

  it('names each wrong setting in one line, all at once', () => {
    const list = problems({
      BOT_TOKEN: 'not-a-token',
      TELEGRAM_API_ROOT: 'ftp://x',
      ADMIN_IDS: '12,abc,-3',
      PORT: '70000',
      REDIS_URL: 'localhost:6379',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_PER_MINUTE: 'many',
      MAX_UPLOAD_MB: '0',
    });
    expect(list).toEqual([
      expect.stringMatching(/^BOT_TOKEN: does not look like a bot token/),
      expect.stringMatching(/^TELEGRAM_API_ROOT: must start with https:\/\/ or http:\/\//),
      expect.stringMatching(/^ADMIN_IDS: "abc", "-3" are not Telegram user ids/),
      expect.stringMatching(/^PORT: must be a whole number from 1 to 65535 \(got "70000"\)$/),
      expect.stringMatching(/^REDIS_URL: must look like redis:\/\//),
      expect.stringMatching(/^LOG_LEVEL: must be one of trace, debug, info, warn, error, fatal, silent \(got "loud"\)$/),
      expect.stringMatching(/^RATE_LIMIT_PER_MINUTE: must be a whole number/),
      expect.stringMatching(/^MAX_UPLOAD_MB: must be a whole number from 1 to 20/),
    ]);
  });

  it('never repeats a token or secret in its messages', () => {
    const almost = '123456789:AAH-short';
    const error = (() => {
      try {
        loadConfig({ BOT_TOKEN: almost, WEBHOOK_URL: 'https://x.org/h', WEBHOOK_SECRET: 'has spaces and ünïcode' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).not.toContain(almost);
    expect(error!.message).not.toContain('has spaces');
    expect(error!.problems).toContainEqual(expect.stringMatching(/^WEBHOOK_SECRET: must be 1-256 characters/));
  });

  it('requires a secret with a webhook, and HTTPS for Telegram itself', () => {
    expect(problems({ WEBHOOK_URL: 'https://x.org/hook' })).toEqual([expect.stringMatching(/^WEBHOOK_SECRET: required when WEBHOOK_URL is set/)]);
    expect(problems({ WEBHOOK_URL: 'http://x.org/hook', WEBHOOK_SECRET: 'abc' })).toEqual([expect.stringMatching(/^WEBHOOK_URL: must be an https:\/\/ URL/)]);
    expect(problems({ WEBHOOK_URL: 'not a url', WEBHOOK_SECRET: 'abc' })).toEqual([expect.stringMatching(/^WEBHOOK_URL: "not a url" is not a URL/)]);
    // A local Bot API server may post to plain HTTP.
    const local = loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081', WEBHOOK_URL: 'http://127.0.0.1:8080/hook', WEBHOOK_SECRET: 'abc' });
    expect(local.webhook?.path).toBe('/hook');
  });

  it('explains where to look', () => {
    expect(() => loadConfig({ PORT: 'x' })).toThrow(/Invalid settings:\n {2}- PORT: .*\nSee README "Settings"\./);
  });
});

describe('the one schema', () => {
  it("reads the tools' and operations' variables too", () => {
    const c = loadConfig({ KB_CACHE: 'OFF', BENCH_DIR: '/data/bench', QUESTION_LOG: '/var/log/q.jsonl', QUESTION_LOG_DAYS: '7', SESSION_MAX_CHATS: '500' });
    expect(c).toMatchObject({ kbCache: false, benchDir: '/data/bench', questionLog: { path: '/var/log/q.jsonl', retentionDays: 7 }, sessionMaxChats: 500 });
    expect(loadConfig({ QUESTION_LOG: 'off' }).questionLog).toBeUndefined();
    expect(loadConfig({ KB_CACHE: 'on' }).kbCache).toBe(true);
    expect(problems({ KB_CACHE: 'maybe', QUESTION_LOG_DAYS: '0', SESSION_MAX_CHATS: '5' })).toEqual([
      'KB_CACHE: must be on or off (got "maybe")',
      expect.stringMatching(/^QUESTION_LOG_DAYS: must be a whole number from 1 to 3650 \(got "0"\)$/),
      expect.stringMatching(/^SESSION_MAX_CHATS: must be a whole number from 100 to 10000000/),
    ]);
  });

  it('chooses the knowledge store: memory by default, postgres by STORE or DATABASE_URL alone', () => {
    const url = 'postgres://qa:secret@db.internal:5432/qa';
    expect(loadConfig({}).store).toEqual({ kind: 'memory' });
    expect(loadConfig({ DATABASE_URL: url }).store).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ STORE: 'Postgres', DATABASE_URL: url }).store).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ STORE: 'memory', DATABASE_URL: url }).store).toEqual({ kind: 'memory' });
    expect(loadToolSettings({ DATABASE_URL: url }).store).toEqual({ kind: 'postgres', url });
    expect(problems({ STORE: 'postgres' })).toEqual(['STORE: postgres needs DATABASE_URL (postgres://user:password@host:5432/database)']);
    expect(problems({ STORE: 'redis', DATABASE_URL: 'mysql://x' })).toEqual([
      'STORE: must be one of memory, postgres (got "redis")',
      'DATABASE_URL: must look like postgres://user:password@host:5432/database',
    ]);
    expect(testDatabaseUrl({ TEST_DATABASE_URL: url })).toBe(url);
    expect(testDatabaseUrl({})).toBeUndefined();
  });

  it('polling and webhook are variants: a secret alone is allowed, but must still be well-formed', () => {
    expect(loadConfig({ WEBHOOK_SECRET: 'kept_from_an_old_setup' }).webhook).toBeUndefined();
    expect(problems({ WEBHOOK_SECRET: 'bad secret' })).toEqual([expect.stringMatching(/^WEBHOOK_SECRET: must be 1-256 characters/)]);
  });

  it('gives one line per variable, however many rules it breaks', () => {
    const list = problems({ ADMIN_IDS: 'x,y,z', WEBHOOK_URL: 'ftp://a b' });
    expect(list.filter((l) => l.startsWith('ADMIN_IDS:'))).toHaveLength(1);
    expect(list.filter((l) => l.startsWith('WEBHOOK_'))).toHaveLength(2); // URL and the missing secret
  });

  it('is the only module that reads process.env', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk('src');
    const readers = files.filter((f) => /process\.env\.[A-Z_]+|process\.env\[/.test(readFileSync(f, 'utf8')));
    expect(readers.filter((f) => f !== join('src', 'config', 'settings.ts'))).toEqual([]);
  });
});
