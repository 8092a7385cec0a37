/**
 * Settings, read from the environment once and validated with zod. Every wrong or missing setting
 * gives one clear line naming the variable; secrets (BOT_TOKEN, WEBHOOK_SECRET) never appear in a message.
 * Empty values count as unset, so a copied .env.example with blank lines works.
 */
import { z } from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export interface WebhookConfig {
  /** Public URL Telegram posts updates to. */
  url: string;
  /** The URL's path: the only path the local server accepts updates on. */
  path: string;
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
}

export interface RateLimitConfig {
  /** Messages (questions, button presses, inline queries) one user may send per window; 0 = no limit. */
  limit: number;
  windowSeconds: number;
}

export interface Config {
  /** Absent: no bot (the CLI opens a terminal chat instead). runBot requires it. */
  botToken?: string;
  /** Bot API server root without trailing slash (grammY `client.apiRoot`). */
  telegramApiRoot: string;
  corpusDir: string;
  /** Telegram user ids allowed to /reload and upload documents. */
  adminIds: number[];
  /** Present: webhook mode; absent: long polling. */
  webhook?: WebhookConfig;
  /** Port of the webhook / health server. */
  port: number;
  redisUrl?: string;
  logLevel: LogLevel;
  /** JSON-lines file the 👍/👎 buttons append to. */
  feedbackLog: string;
  rateLimit: RateLimitConfig;
  /** Largest document an admin may upload, in bytes. */
  maxUploadBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee README "Settings".`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

const BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

function httpUrl(name: string, value: string, problems: string[]): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name}: "${value}" is not a URL (expected e.g. https://example.org/path)`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`${name}: must start with https:// or http:// (got "${url.protocol}")`);
    return undefined;
  }
  return url;
}

/** Parse one integer setting with bounds; pushes a message and returns undefined when wrong. */
function intSetting(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const parsed = z.coerce.number().int().min(min).max(max).safeParse(/^-?\d+$/.test(raw) ? raw : Number.NaN);
  if (!parsed.success) {
    problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return parsed.data;
}

const envSchema = z.object({
  BOT_TOKEN: z.preprocess(blankToUndefined, z.string().optional()),
  TELEGRAM_API_ROOT: z.preprocess(blankToUndefined, z.string().optional()),
  CORPUS_DIR: z.preprocess(blankToUndefined, z.string().optional()),
  ADMIN_IDS: z.preprocess(blankToUndefined, z.string().optional()),
  WEBHOOK_URL: z.preprocess(blankToUndefined, z.string().optional()),
  WEBHOOK_SECRET: z.preprocess(blankToUndefined, z.string().optional()),
  PORT: z.preprocess(blankToUndefined, z.string().optional()),
  REDIS_URL: z.preprocess(blankToUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.string().optional()),
  FEEDBACK_LOG: z.preprocess(blankToUndefined, z.string().optional()),
  RATE_LIMIT_PER_MINUTE: z.preprocess(blankToUndefined, z.string().optional()),
  MAX_UPLOAD_MB: z.preprocess(blankToUndefined, z.string().optional()),
});

/** Read and validate the settings. Throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;

  let logLevel: LogLevel = 'info';
  if (e.LOG_LEVEL !== undefined) {
    const level = z.enum(LOG_LEVELS).safeParse(e.LOG_LEVEL.toLowerCase());
    if (level.success) logLevel = level.data;
    else problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')} (got "${e.LOG_LEVEL}")`);
  }

  // Telegram's own tokens have a fixed shape; a local Bot API server or an emulator may use any
  // token without spaces or slashes (it is part of the request path).
  const customApi = e.TELEGRAM_API_ROOT !== undefined && /^https?:\/\//.test(e.TELEGRAM_API_ROOT) && e.TELEGRAM_API_ROOT.replace(/\/+$/, '') !== DEFAULT_API_ROOT;
  if (e.BOT_TOKEN !== undefined && !(BOT_TOKEN.test(e.BOT_TOKEN) || (customApi && /^[^\s/?#]{1,200}$/.test(e.BOT_TOKEN)))) {
    // Never echo the value: it may be a real token with a typo.
    problems.push('BOT_TOKEN: does not look like a bot token (expected <digits>:<secret>, as @BotFather gives it)');
  }

  let telegramApiRoot = DEFAULT_API_ROOT;
  if (e.TELEGRAM_API_ROOT !== undefined) {
    const url = httpUrl('TELEGRAM_API_ROOT', e.TELEGRAM_API_ROOT, problems);
    if (url) {
      if (url.search || url.hash) problems.push('TELEGRAM_API_ROOT: must not have a query or fragment');
      telegramApiRoot = e.TELEGRAM_API_ROOT.replace(/\/+$/, '');
    }
  }

  const adminIds: number[] = [];
  if (e.ADMIN_IDS !== undefined) {
    for (const item of e.ADMIN_IDS.split(/[,\s]+/).filter(Boolean)) {
      if (/^\d{1,16}$/.test(item) && Number(item) > 0) adminIds.push(Number(item));
      else problems.push(`ADMIN_IDS: "${item}" is not a Telegram user id (expected comma-separated positive whole numbers, e.g. 12345,67890)`);
    }
  }

  let webhook: WebhookConfig | undefined;
  if (e.WEBHOOK_URL !== undefined) {
    const url = httpUrl('WEBHOOK_URL', e.WEBHOOK_URL, problems);
    if (url && url.protocol !== 'https:' && telegramApiRoot === DEFAULT_API_ROOT) {
      problems.push('WEBHOOK_URL: must be an https:// URL (Telegram only delivers webhooks over HTTPS)');
    }
    if (e.WEBHOOK_SECRET === undefined) {
      problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set (1-256 characters: A-Z a-z 0-9 _ -; the same on every instance)');
    }
    if (url && e.WEBHOOK_SECRET !== undefined) webhook = { url: url.toString(), path: url.pathname || '/', secret: e.WEBHOOK_SECRET };
  }
  if (e.WEBHOOK_SECRET !== undefined && !SECRET_TOKEN.test(e.WEBHOOK_SECRET)) {
    problems.push('WEBHOOK_SECRET: must be 1-256 characters from A-Z a-z 0-9 _ - (Telegram rejects others)');
    webhook = undefined;
  }

  const port = intSetting('PORT', e.PORT, 8080, 1, 65535, problems);

  if (e.REDIS_URL !== undefined && !/^rediss?:\/\/[^\s]+$/.test(e.REDIS_URL)) {
    problems.push('REDIS_URL: must look like redis://host:6379 or rediss://user:password@host:6380/0');
  }

  const perMinute = intSetting('RATE_LIMIT_PER_MINUTE', e.RATE_LIMIT_PER_MINUTE, 20, 0, 100_000, problems);
  const maxUploadMb = intSetting('MAX_UPLOAD_MB', e.MAX_UPLOAD_MB, 2, 1, 20, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot,
    corpusDir: e.CORPUS_DIR ?? 'corpus',
    adminIds,
    webhook,
    port,
    redisUrl: e.REDIS_URL,
    logLevel,
    feedbackLog: e.FEEDBACK_LOG ?? 'var/feedback.jsonl',
    rateLimit: { limit: perMinute, windowSeconds: 60 },
    maxUploadBytes: maxUploadMb * 1024 * 1024,
  };
}

/** The values of settings that must never be logged or shown (for the logger's scrubber). */
export function secretsOf(config: Config): string[] {
  return [config.botToken, config.webhook?.secret].filter((s): s is string => !!s);
}
