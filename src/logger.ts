/**
 * Structured logs with pino. Secrets (the bot token, the webhook secret) never reach the output:
 * known fields are redacted by path, and every string in every log call (messages, error messages,
 * stacks, nested `error` objects such as the fetch error inside grammY's HttpError, whose message can
 * hold the request URL /bot<token>/method) is scrubbed by value before pino sees it.
 */
import pino, { type DestinationStream, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

export type Logger = PinoLogger;

export const REDACTED = '[redacted]';

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Values to scrub wherever they appear (bot token, webhook secret). */
  secrets?: string[];
  /** Defaults to standard output. Tests pass a stream to read the lines. */
  destination?: DestinationStream;
  name?: string;
}

/**
 * Secrets at least this long are scrubbed wherever they occur; shorter ones (a 1-3 character
 * WEBHOOK_SECRET) only where they stand as a whole token, so "ab" is caught in "secret_token":"ab"
 * without mangling every word that contains the letters ab.
 */
const SUBSTRING_SCRUB_MIN = 4;

/** Every spelling of a secret that may end up in text: raw and URL-encoded (":" -> "%3A"). */
function variants(secrets: string[]): string[] {
  const all = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    all.add(s);
    all.add(encodeURIComponent(s));
  }
  return [...all].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace every occurrence of the secrets in one string. */
export function scrubText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of variants(secrets)) {
    if (!out.includes(s)) continue;
    if (s.length >= SUBSTRING_SCRUB_MIN) out = out.split(s).join(REDACTED);
    else out = out.replace(new RegExp(`(?<![A-Za-z0-9_%-])${escapeRegExp(s)}(?![A-Za-z0-9_-])`, 'g'), REDACTED);
  }
  return out;
}

/**
 * A deep copy of `value` with every string scrubbed. Errors stay errors (same prototype, so pino's
 * error serializer still names their class) with scrubbed message, stack and own properties.
 */
export function scrubSecrets<T>(value: T, secrets: string[], depth = 0, seen = new WeakMap<object, unknown>()): T {
  if (!secrets.length) return value;
  if (typeof value === 'string') return scrubText(value, secrets) as T;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (value instanceof Error) {
    const copy = Object.create(Object.getPrototypeOf(value)) as Error & Record<string, unknown>;
    seen.set(value, copy);
    Object.defineProperty(copy, 'message', { value: scrubText(value.message, secrets), enumerable: false, writable: true, configurable: true });
    Object.defineProperty(copy, 'name', { value: value.name, enumerable: false, writable: true, configurable: true });
    if (value.stack) Object.defineProperty(copy, 'stack', { value: scrubText(value.stack, secrets), enumerable: false, writable: true, configurable: true });
    for (const key of Object.keys(value)) copy[key] = scrubSecrets((value as unknown as Record<string, unknown>)[key], secrets, depth + 1, seen);
    if ('cause' in value && !Object.keys(value).includes('cause')) copy.cause = scrubSecrets(value.cause, secrets, depth + 1, seen);
    return copy as T;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(scrubSecrets(item, secrets, depth + 1, seen));
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // Class instances (URL, Buffer, Map…): log their string form, scrubbed.
    return scrubText(String(value), secrets) as T;
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [k, v] of Object.entries(value)) copy[k] = scrubSecrets(v, secrets, depth + 1, seen);
  return copy as T;
}

/** An Error safe to show or rethrow: same class, no secrets in message or stack. */
export function scrubError(error: unknown, secrets: string[]): Error {
  if (error instanceof Error) return scrubSecrets(error, secrets);
  return new Error(scrubText(String(error), secrets));
}

const REDACT_PATHS = [
  'token',
  'botToken',
  'secret',
  'secretToken',
  'secret_token',
  '*.secret_token',
  '*.*.secret_token',
  '*.token',
  '*.botToken',
  '*.secret',
  '*.secretToken',
  'config.botToken',
  'config.webhook.secret',
  'headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  return pino(
    {
      name: options.name ?? 'zh-docs-qa-bot',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => scrubSecrets(a, secrets)) as Parameters<typeof method>;
          return method.apply(this, clean);
        },
      },
    },
    options.destination ?? pino.destination(1),
  );
}
