/**
 * Settings: every environment variable the project reads goes through the one zod schema below
 * (no other module reads process.env). The schema's shape states the rules: polling and webhook are
 * two variants of a discriminated union (a webhook needs its secret), numbers have ranges, URLs and
 * ids have formats. Every wrong or missing setting gives one line naming the variable; secrets
 * (BOT_TOKEN, WEBHOOK_SECRET) never appear in a message. Empty values count as unset, so a copied
 * .env.example with blank lines works.
 */
import { z } from 'zod';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** In-memory sessions kept at most (about 1 KB each: 10 MB). */
export const DEFAULT_SESSION_MAX_CHATS = 10_000;

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

export interface QuestionLogConfig {
  /** JSON-lines file of the questions asked (no user names or ids). */
  path: string;
  /** Lines older than this many days are dropped (at start and once a day). */
  retentionDays: number;
}

export interface Config {
  /** Absent: no bot (the CLI opens a terminal chat instead). runBot requires it. */
  botToken?: string;
  /** Bot API server root without trailing slash (grammY `client.apiRoot`). */
  telegramApiRoot: string;
  corpusDir: string;
  /** Telegram user ids allowed to /reload, upload documents and see /stats. */
  adminIds: number[];
  /** Present: webhook mode; absent: long polling. */
  webhook?: WebhookConfig;
  /** Port of the webhook / health server. */
  port: number;
  redisUrl?: string;
  /**
   * Where the knowledge base lives: in this process (memory, the default) or in PostgreSQL (STORE, or
   * DATABASE_URL alone). loadConfig always sets it; absent = memory.
   */
  store?: StoreConfig;
  logLevel: LogLevel;
  /** JSON-lines file the 👍/👎 buttons append to. */
  feedbackLog: string;
  rateLimit: RateLimitConfig;
  /** Largest document an admin may upload, in bytes. */
  maxUploadBytes: number;
  /** Persist the built knowledge base under <corpus>/.cache/ (KB_CACHE; loadConfig always sets it; absent = on). */
  kbCache?: boolean;
  /** Where `npm run bench` finds its files (BENCH_DIR); absent: ../shared/bench from the repo root. */
  benchDir?: string;
  /** The operator's question log; absent when QUESTION_LOG=off. */
  questionLog?: QuestionLogConfig;
  /** Chats whose sessions are kept in memory (without Redis, or while it is down); least recently used go first. loadConfig always sets it; absent = DEFAULT_SESSION_MAX_CHATS. */
  sessionMaxChats?: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee README "Settings".`);
    this.name = 'ConfigError';
  }
}

// ---- formats ---------------------------------------------------------------------------------

const BOT_TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{20,}$/;
/** A local Bot API server or an emulator may use any token without spaces or slashes (it is part of the request path). */
const PATH_SAFE_TOKEN = /^[^\s/?#]{1,200}$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const REDIS_URL = /^rediss?:\/\/[^\s]+$/;
const DATABASE_URL = /^postgres(?:ql)?:\/\/[^\s]+$/;
export const STORE_KINDS = ['memory', 'postgres'] as const;

export type StoreConfig = { kind: 'memory' } | { kind: 'postgres'; url: string };
const WHOLE_NUMBER = /^-?\d+$/;
const USER_ID = /^\d{1,16}$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);
/** An optional variable: blank is unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** An http(s) URL, as a URL object. */
const httpUrl = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL (expected e.g. https://example.org/path)` });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: `must start with https:// or http:// (got "${url.protocol}")` });
    return z.NEVER;
  }
  return url;
});

/** A whole number in [min, max]; the message names the range and repeats what was given. */
const wholeNumber = (min: number, max: number, fallback: number) => {
  const message = (input: unknown) => `must be a whole number from ${min} to ${max} (got "${String(input)}")`;
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(WHOLE_NUMBER, { error: (iss) => message(iss.input) })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: (iss) => message(iss.input) })
          .max(max, { error: (iss) => message(iss.input) }),
      )
      .default(fallback),
  );
};

const ON = ['on', 'true', '1', 'yes'] as const;
const OFF = ['off', 'false', '0', 'no'] as const;
const onOff = (fallback: boolean) =>
  z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.toLowerCase() : v),
    z
      .enum([...ON, ...OFF], { error: (iss) => `must be on or off (got "${String(iss.input)}")` })
      .transform((v) => (ON as readonly string[]).includes(v))
      .default(fallback),
  );

// ---- the variables ---------------------------------------------------------------------------

const common = {
  BOT_TOKEN: optional(z.string()), // shape checked below: it depends on TELEGRAM_API_ROOT
  TELEGRAM_API_ROOT: optional(httpUrl.refine((url) => !url.search && !url.hash, { error: 'must not have a query or fragment' }).transform((url) => url.toString().replace(/\/+$/, ''))),
  CORPUS_DIR: optional(z.string()),
  ADMIN_IDS: optional(
    z.string().transform((value, ctx) => {
      const items = value.split(/[,\s]+/).filter(Boolean);
      const bad = items.filter((item) => !USER_ID.test(item) || Number(item) <= 0);
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not a Telegram user id' : 'are not Telegram user ids'} (expected comma-separated positive whole numbers, e.g. 12345,67890)`,
        });
        return z.NEVER;
      }
      return items.map(Number);
    }),
  ),
  PORT: wholeNumber(1, 65535, 8080),
  REDIS_URL: optional(z.string().regex(REDIS_URL, { error: 'must look like redis://host:6379 or rediss://user:password@host:6380/0' })),
  STORE: z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(STORE_KINDS, { error: (iss) => `must be one of ${STORE_KINDS.join(', ')} (got "${String(iss.input)}")` }).optional(),
  ),
  DATABASE_URL: optional(z.string().regex(DATABASE_URL, { error: 'must look like postgres://user:password@host:5432/database' })),
  LOG_LEVEL: z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(LOG_LEVELS, { error: (iss) => `must be one of ${LOG_LEVELS.join(', ')} (got "${String(iss.input)}")` }).default('info'),
  ),
  FEEDBACK_LOG: optional(z.string()),
  RATE_LIMIT_PER_MINUTE: wholeNumber(0, 100_000, 20),
  MAX_UPLOAD_MB: wholeNumber(1, 20, 2),
  KB_CACHE: onOff(true),
  BENCH_DIR: optional(z.string()),
  /** A file, or "off". */
  QUESTION_LOG: optional(z.string()),
  QUESTION_LOG_DAYS: wholeNumber(1, 3650, 90),
  SESSION_MAX_CHATS: wholeNumber(100, 10_000_000, DEFAULT_SESSION_MAX_CHATS),
  // Never read, only refused: without WEBHOOK_URL a secret is allowed (a disabled webhook keeps its .env line).
  WEBHOOK_SECRET: optional(z.string().regex(SECRET_TOKEN, { error: 'must be 1-256 characters from A-Z a-z 0-9 _ - (Telegram rejects others)' })),
};

const polling = z.object({ ...common, MODE: z.literal('polling') });
const webhook = z.object({
  ...common,
  MODE: z.literal('webhook'),
  WEBHOOK_URL: httpUrl,
  WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'required when WEBHOOK_URL is set (1-256 characters: A-Z a-z 0-9 _ -; the same on every instance)' })
      .regex(SECRET_TOKEN, { error: 'must be 1-256 characters from A-Z a-z 0-9 _ - (Telegram rejects others)' }),
  ),
});

/** The whole environment: polling or webhook (chosen by WEBHOOK_URL), then the rules that span variables. */
const envSchema = z
  .preprocess(
    (env) => {
      const e = (env ?? {}) as Record<string, unknown>;
      return { ...e, MODE: blankToUndefined(e.WEBHOOK_URL) === undefined ? 'polling' : 'webhook' };
    },
    z.discriminatedUnion('MODE', [polling, webhook]),
  )
  .superRefine(
    (e, ctx) => {
      // Runs even when other variables failed (so all problems show at once): values may be raw here.
      const root = typeof e.TELEGRAM_API_ROOT === 'string' ? e.TELEGRAM_API_ROOT.replace(/\/+$/, '') : undefined;
      const customApi = root !== undefined && /^https?:\/\//.test(root) && root !== DEFAULT_API_ROOT;
      if (e.BOT_TOKEN !== undefined && !(BOT_TOKEN.test(e.BOT_TOKEN) || (customApi && PATH_SAFE_TOKEN.test(e.BOT_TOKEN)))) {
        // Never echo the value: it may be a real token with a typo.
        ctx.addIssue({ code: 'custom', path: ['BOT_TOKEN'], message: 'does not look like a bot token (expected <digits>:<secret>, as @BotFather gives it)' });
      }
      if (e.STORE === 'postgres' && blankToUndefined(e.DATABASE_URL) === undefined) {
        ctx.addIssue({ code: 'custom', path: ['STORE'], message: 'postgres needs DATABASE_URL (postgres://user:password@host:5432/database)' });
      }
      if (e.MODE === 'webhook' && e.WEBHOOK_URL instanceof URL && e.WEBHOOK_URL.protocol !== 'https:' && !customApi) {
        ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'must be an https:// URL (Telegram only delivers webhooks over HTTPS)' });
      }
    },
    { when: () => true },
  );

/** Variables in the order the schema lists them (problems are reported in this order). */
const ORDER = ['BOT_TOKEN', 'TELEGRAM_API_ROOT', 'CORPUS_DIR', 'ADMIN_IDS', 'WEBHOOK_URL', 'WEBHOOK_SECRET', ...Object.keys(common)];

/** One line per variable: its first problem. */
function problemsOf(error: z.ZodError): string[] {
  const byVariable = new Map<string, string>();
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'settings');
    if (!byVariable.has(name)) byVariable.set(name, `${name}: ${issue.message}`);
  }
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return [...byVariable.entries()].sort((a, b) => rank(a[0]) - rank(b[0])).map(([, line]) => line);
}

type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

/** Read and validate the settings. Throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  const e = parsed.data;
  const webhookUrl = e.MODE === 'webhook' ? e.WEBHOOK_URL : undefined;
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT,
    corpusDir: e.CORPUS_DIR ?? 'corpus',
    adminIds: e.ADMIN_IDS ?? [],
    webhook: webhookUrl && e.WEBHOOK_SECRET ? { url: webhookUrl.toString(), path: webhookUrl.pathname || '/', secret: e.WEBHOOK_SECRET } : undefined,
    port: e.PORT,
    redisUrl: e.REDIS_URL,
    store: storeOf(e.STORE, e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    feedbackLog: e.FEEDBACK_LOG ?? 'var/feedback.jsonl',
    rateLimit: { limit: e.RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    kbCache: e.KB_CACHE,
    benchDir: e.BENCH_DIR,
    questionLog: e.QUESTION_LOG?.toLowerCase() === 'off' ? undefined : { path: e.QUESTION_LOG ?? 'var/questions.jsonl', retentionDays: e.QUESTION_LOG_DAYS },
    sessionMaxChats: e.SESSION_MAX_CHATS,
  };
}

/**
 * The settings the command-line tools need (corpus folder, cache, bench folder, question log), from
 * the same schema; the bot-only variables are not required to be valid for them.
 */
export function loadToolSettings(env: Env = process.env): Pick<Config, 'corpusDir' | 'kbCache' | 'benchDir' | 'questionLog' | 'logLevel' | 'store'> {
  const only = ['CORPUS_DIR', 'KB_CACHE', 'BENCH_DIR', 'QUESTION_LOG', 'QUESTION_LOG_DAYS', 'LOG_LEVEL', 'STORE', 'DATABASE_URL'];
  const picked = Object.fromEntries(only.map((k) => [k, (env as Record<string, string | undefined>)[k]]));
  const { corpusDir, kbCache, benchDir, questionLog, logLevel, store } = loadConfig(picked);
  return { corpusDir, kbCache, benchDir, questionLog, logLevel, store };
}

/** STORE, or postgres when only DATABASE_URL is set; memory otherwise. STORE=memory keeps a set DATABASE_URL unused. */
function storeOf(kind: (typeof STORE_KINDS)[number] | undefined, url: string | undefined): StoreConfig {
  if (kind === 'memory' || (kind === undefined && url === undefined)) return { kind: 'memory' };
  return { kind: 'postgres', url: url! };
}

/**
 * The PostgreSQL server the store tests use (TEST_DATABASE_URL; a database they may empty), or
 * undefined: those tests skip. Read here like every variable.
 */
export function testDatabaseUrl(env: Env = process.env): string | undefined {
  const url = blankToUndefined(env.TEST_DATABASE_URL);
  return typeof url === 'string' && DATABASE_URL.test(url) ? url : undefined;
}

/** LOG_LEVEL asks for stack traces (debug or trace), read even when other settings are invalid. */
export function wantsStackTraces(env: Env = process.env): boolean {
  const level = LOG_LEVEL_ONLY.safeParse(env.LOG_LEVEL);
  return level.success && (level.data === 'debug' || level.data === 'trace');
}
const LOG_LEVEL_ONLY = common.LOG_LEVEL;

/** The values of settings that must never be logged or shown (for the logger's scrubber). */
export function secretsOf(config: Config): string[] {
  return [config.botToken, config.webhook?.secret].filter((s): s is string => !!s);
}
