/**
 * Running the bot: `runBot(config)` resolves when the bot has stopped (SIGINT/SIGTERM, or the
 * optional abort signal), after in-flight updates finished.
 *
 * - Long polling (default): @grammyjs/runner `run()`; `sequentialize` (in createBot) keeps order
 *   within a chat while chats run in parallel. On stop the runner stops fetching, running updates
 *   finish, and the last fetched offset is confirmed so a restart does not handle them again.
 * - Webhook (WEBHOOK_URL set): a node:http server on PORT serves the URL's path through grammY's
 *   `webhookCallback(bot, 'http', { secretToken })`; requests without the right
 *   X-Telegram-Bot-Api-Secret-Token get 401; `GET /healthz` answers 200 JSON. `setWebhook` is called
 *   with the secret on start; on stop the server closes after running requests finished.
 * - REDIS_URL: sessions (RedisAdapter) and rate-limit counters live in Redis, and a /reload or upload
 *   on one instance is announced to the others (pub/sub), so several instances can serve one bot.
 *   Redis is optional at every moment (redis.ts): stalled, killed or absent at start, the bot goes on
 *   with in-memory sessions and one warning, and uses Redis again when it answers.
 * - STORE=postgres (DATABASE_URL): the bot answers from the PostgreSQL store (postgres.ts), opened with
 *   retries at start; /reload and uploads write into it; every instance reads the same data and sees
 *   another's writes within a poll, so the Redis reload announcement is not used then. /healthz reports
 *   the store (kind, reachable); a store that is down is 'degraded', not a crash.
 * - Faults: getMe at start is retried with backoff and a log line per attempt; Bot API calls are
 *   retried a bounded number of times, each failed attempt logged; SIGINT/SIGTERM stop every state
 *   (starting, retrying, polling, serving) within SHUTDOWN_GRACE_MS plus a few seconds (main.ts also
 *   exits hard at HARD_STOP_MS). A start error is a StartError: one line naming what to fix.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { GrammyError, HttpError, webhookCallback, type RawApi, type Transformer } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { RedisAdapter } from '@grammyjs/storage-redis';
import type { Update, UserFromGetMe } from 'grammy/types';
import { ConfigError, DEFAULT_SESSION_MAX_CHATS, secretsOf, type Config } from '../config/settings.js';
import { pause } from './pause.js';
import { createLogger, scrubError, scrubText, type Logger } from '../logger.js';
import { loadOrBuildCorpus } from './rebuild.js';
import { createBot, registerCommands, type BotDeps, type QaBot } from './create-bot.js';
import { libraryOf } from './library.js';
import { openStoreCorpus } from './postgres.js';
import type { SessionData } from './context.js';
import { createRedis, RedisGuard, ResilientRateLimitStore } from './redis.js';
import { MemorySessions, ResilientSessions } from './sessions.js';

/** Update types the bot handles (explicit, so a previous allowed_updates setting never lingers). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'inline_query', 'my_chat_member'] as const;
/** Long-polling timeout (seconds) asked of the Bot API. */
export const POLL_TIMEOUT_SECONDS = 30;
/** Session keys expire after this many seconds without activity (Redis). */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
/** Longest wait for running updates on shutdown (SIGTERM must end the process within 15 s in every state). */
export const SHUTDOWN_GRACE_MS = 10_000;
/** Longest wait for the final offset confirmation when stopping. */
export const CONFIRM_TIMEOUT_MS = 2000;
/** getMe at start: attempts, first pause and longest pause between them (then a StartError). */
export const GETME_ATTEMPTS = 8;
export const GETME_FIRST_PAUSE_MS = 1000;
export const GETME_MAX_PAUSE_MS = 30_000;
/** One getMe / setWebhook call may take this long before it counts as failed. */
export const START_CALL_TIMEOUT_MS = 10_000;

/** A start that cannot go on: the message is one line naming what to fix (printed without a stack trace). */
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartError';
  }
}
/** Pub/sub channel announcing corpus reloads between instances. */
export const RELOAD_CHANNEL = 'zh-docs-qa:reload';

export interface RunBotOptions {
  /** Stop when aborted (tests, embedding). SIGINT and SIGTERM always stop the bot. */
  signal?: AbortSignal;
  /** Overrides of the dependencies runBot builds (tests). */
  deps?: Partial<BotDeps>;
  /** Called once the bot is receiving updates. */
  onReady?: (info: { mode: 'polling' | 'webhook'; port?: number; username: string }) => void;
  /** Runner sink concurrency (updates handled at once across chats). */
  concurrency?: number;
}

/** The (optional) payload of a getUpdates call. */
type GetUpdatesArgs = Parameters<RawApi['getUpdates']>[0];

/**
 * Some Bot API servers (emulators) answer an empty getUpdates at once instead of holding it for
 * `timeout` seconds; without a pause the runner would spin. An empty answer that came back well
 * before its timeout is held for `pauseMs`. Against the real Bot API this never triggers.
 */
export function paceEarlyEmptyPolls(pauseMs = 250): Transformer {
  return async (prev, method, payload, signal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (method === 'getUpdates' && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      const getUpdatesArgs = payload as GetUpdatesArgs;
      const timeoutMs = (getUpdatesArgs?.timeout ?? 0) * 1000;
      if (timeoutMs > 0 && Date.now() - started < timeoutMs / 2) {
        await pause(pauseMs, signal);
      }
    }
    return result;
  };
}

/** Resolves with the reason when SIGINT/SIGTERM arrives or the signal aborts; `signal` aborts then too. */
function stopRequested(signal?: AbortSignal): { promise: Promise<string>; signal: AbortSignal; dispose: () => void } {
  let dispose = () => {};
  const controller = new AbortController();
  const promise = new Promise<string>((resolve) => {
    const onSignal = (name: NodeJS.Signals) => resolve(name);
    const onAbort = () => resolve('abort');
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (signal?.aborted) resolve('abort');
    signal?.addEventListener('abort', onAbort, { once: true });
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      signal?.removeEventListener('abort', onAbort);
    };
  });
  void promise.then(() => controller.abort());
  return { promise, signal: controller.signal, dispose };
}

/** Thrown inside start steps when a stop was requested: runBot then ends quietly. */
class Stopped extends Error {}

/** What a failed Bot API call says, in one line (no token: grammY's HttpError message may hold the URL). */
function describeApiError(error: unknown, secrets: string[]): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  const message = error instanceof HttpError ? String((error.error as Error)?.message ?? error.message) : error instanceof Error ? error.message : String(error);
  return scrubText(message.split('\n')[0], secrets);
}

/**
 * getMe with a timeout per attempt and backoff between attempts, a log line for each; a refused token
 * (401/404) is not retried. Ends early (Stopped) when a stop is requested.
 */
export async function getMeWithRetry(bot: QaBot, stop: AbortSignal, secrets: string[], attempts = GETME_ATTEMPTS, firstPauseMs = GETME_FIRST_PAUSE_MS): Promise<UserFromGetMe> {
  const { logger, config } = bot.services;
  let pauseMs = firstPauseMs;
  for (let attempt = 1; ; attempt++) {
    if (stop.aborted) throw new Stopped();
    try {
      return await bot.api.getMe(AbortSignal.any([stop, AbortSignal.timeout(START_CALL_TIMEOUT_MS)]) as Parameters<typeof bot.api.getMe>[0]);
    } catch (error) {
      if (stop.aborted) throw new Stopped();
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new StartError(`BOT_TOKEN: the Bot API at ${config.telegramApiRoot} refused the token (${error.error_code} ${error.description}); copy it again from @BotFather`);
      }
      const reason = describeApiError(error, secrets);
      if (attempt >= attempts) {
        throw new StartError(`TELEGRAM_API_ROOT: the Bot API at ${config.telegramApiRoot} did not answer getMe after ${attempts} attempts (${reason}); check the network or TELEGRAM_API_ROOT`);
      }
      logger.warn({ attempt, of: attempts, retryInSeconds: pauseMs / 1000, reason }, 'getMe failed; retrying');
      await pause(pauseMs, stop);
      pauseMs = Math.min(pauseMs * 2, GETME_MAX_PAUSE_MS);
    }
  }
}

/** Wait until neither the runner nor the bot has an update in hand (or the grace period ends). */
async function drain(bot: QaBot, runner: RunnerHandle | undefined, logger: Logger): Promise<void> {
  const until = Date.now() + SHUTDOWN_GRACE_MS;
  while ((runner?.size() ?? 0) > 0 || bot.inFlight.size > 0) {
    if (Date.now() > until) {
      logger.warn({ pending: runner?.size() ?? 0, inFlight: bot.inFlight.size }, 'shutdown grace period over; stopping with updates still running');
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Long polling through the runner until `stop` resolves. */
export async function runPolling(bot: QaBot, stop: Promise<string>, options: { concurrency?: number; onReady?: () => void } = {}): Promise<void> {
  const { logger } = bot.services;
  let lastUpdateId: number | undefined;
  // Observe what getUpdates returned (for the final offset confirmation) and log fetch errors ourselves:
  // the runner's own logging prints raw errors, which may carry the request URL.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates' && result.ok) {
        const updates = result.result as Update[];
        if (updates.length) lastUpdateId = updates[updates.length - 1].update_id;
      }
      return result;
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) logger.warn({ err: error }, 'getUpdates failed; retrying');
      throw error;
    }
  });

  await bot.api.deleteWebhook().catch((error) => logger.warn({ err: error }, 'deleteWebhook failed'));
  const runner = run(bot, {
    runner: { fetch: { timeout: POLL_TIMEOUT_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
    sink: { concurrency: options.concurrency ?? 200 },
  });
  options.onReady?.();
  const crashed = (async () => {
    await new Promise((r) => setTimeout(r, 0));
    await runner.task();
    return 'runner ended';
  })();
  let failure: unknown;
  const reason = await Promise.race([
    stop,
    crashed.catch((error) => {
      failure = error;
      return 'runner failed';
    }),
  ]);
  logger.info({ reason }, 'stopping (polling)');
  if (runner.isRunning()) await runner.stop();
  await drain(bot, runner, logger);
  if (lastUpdateId !== undefined) {
    // Confirm the last fetched updates, as bot.stop() does for plain polling.
    // Bounded: a stalled Bot API must not hold the stop (the next start would see these updates again, no worse).
    await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }, AbortSignal.timeout(CONFIRM_TIMEOUT_MS) as Parameters<typeof bot.api.getMe>[0]).catch(() => undefined);
  }
  if (failure) throw failure;
}

function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Largest webhook body accepted (Telegram updates are far smaller). */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

class BodyTooLarge extends Error {}

/** The request body, at most `max` bytes whatever the framing (Content-Length or chunked); BodyTooLarge past it. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > max) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        req.resume(); // discard the rest without buffering it
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export interface WebhookState {
  stopping: boolean;
  startedAt: number;
}

/** The webhook + health HTTP handler (exported for tests). */
export function webhookHandler(bot: QaBot, config: Config & { webhook: NonNullable<Config['webhook']> }, state: WebhookState) {
  const { logger } = bot.services;
  // The body is read (size-limited) before grammY sees the request; this adapter hands it the parsed update.
  const handleUpdate = webhookCallback(
    bot,
    // grammY accepts any adapter function; its typings only list the built-in framework names.
    ((req: IncomingMessage, res: ServerResponse, update: unknown) => ({
      update: Promise.resolve(update),
      header: typeof req.headers['x-telegram-bot-api-secret-token'] === 'string' ? req.headers['x-telegram-bot-api-secret-token'] : undefined,
      end: () => res.end(),
      respond: (body: string) => res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      unauthorized: () => res.writeHead(401).end('secret token is wrong'),
    })) as unknown as 'http',
    { secretToken: config.webhook.secret, onTimeout: 'return', timeoutMilliseconds: 55_000 },
  );
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const library = libraryOf(bot.services.corpus.current);
      // The knowledge store answering: kind, and reachable as its last poll or query found it (no round
      // trip here). Unreachable is 'degraded' with 200: the process is fine and answers each question
      // with a one-line "try again"; restarting it would not bring PostgreSQL back.
      const store = library.status();
      return json(res, state.stopping ? 503 : 200, {
        status: state.stopping ? 'stopping' : store.reachable ? 'ok' : 'degraded',
        mode: 'webhook',
        bot: bot.botInfo.username,
        documents: library.documents().length,
        store,
        rebuilding: bot.services.corpus.busy,
        inFlight: bot.inFlight.size,
        uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      });
    }
    if (path !== config.webhook.path) return json(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
    if (!secretMatches(req.headers['x-telegram-bot-api-secret-token'], config.webhook.secret)) {
      logger.warn({ remote: req.socket.remoteAddress }, 'webhook request without the right secret token');
      return json(res, 401, { error: 'unauthorized' });
    }
    if (state.stopping) return json(res, 503, { error: 'shutting down' }); // Telegram retries later, maybe on another instance
    let update: unknown;
    try {
      update = JSON.parse((await readBody(req, MAX_WEBHOOK_BODY)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        logger.warn({ remote: req.socket.remoteAddress, limit: MAX_WEBHOOK_BODY }, 'webhook body too large; refused');
        res.setHeader('connection', 'close');
        return json(res, 413, { error: 'too large' });
      }
      return json(res, 400, { error: 'bad request' });
    }
    try {
      await (handleUpdate as unknown as (req: IncomingMessage, res: ServerResponse, update: unknown) => Promise<void>)(req, res, update);
    } catch (error) {
      logger.error({ err: error }, 'webhook update failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
    }
  };
}

/** Webhook mode until `stop` resolves. */
export async function runWebhook(
  bot: QaBot,
  config: Config & { webhook: NonNullable<Config['webhook']> },
  stop: Promise<string>,
  onReady?: (port: number) => void,
  stopSignal?: AbortSignal,
): Promise<void> {
  const { logger } = bot.services;
  const secrets = secretsOf(config);
  const state: WebhookState = { stopping: false, startedAt: Date.now() };
  const server = createServer(webhookHandler(bot, config, state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new StartError(`PORT: cannot listen on port ${config.port} (${error.code ?? error.message}); choose a free port`, { cause: error })));
    server.listen(config.port, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, path: config.webhook.path }, 'webhook server listening');
  try {
    try {
      const signal = stopSignal ? AbortSignal.any([stopSignal, AbortSignal.timeout(START_CALL_TIMEOUT_MS)]) : AbortSignal.timeout(START_CALL_TIMEOUT_MS);
      await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] }, signal as Parameters<typeof bot.api.getMe>[0]);
    } catch (error) {
      if (stopSignal?.aborted) throw new Stopped();
      throw new StartError(`WEBHOOK_URL: Telegram refused setWebhook for ${config.webhook.url} (${describeApiError(error, secrets)}); check the URL is public HTTPS and reaches this server`, {
        cause: error,
      });
    }
    onReady?.(port);
    const reason = await stop;
    logger.info({ reason }, 'stopping (webhook)');
  } finally {
    // Still listening while running updates finish: /healthz says 503 and new updates are refused
    // with 503 (Telegram retries them, maybe on another instance). Then the server closes.
    state.stopping = true;
    server.closeIdleConnections();
    await drain(bot, undefined, logger);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/** Releases one resource at shutdown; may return a promise (awaited) or nothing. */
type Closer = () => unknown;

/** Connect Redis when configured; never fails the start (the bot runs degraded with a warning). */
async function connectRedis(config: Config, logger: Logger, closers: Closer[]) {
  if (!config.redisUrl) return undefined;
  const redis = createRedis(config.redisUrl);
  // Connection errors repeat while Redis is away: the guard warns once per outage instead.
  redis.on('error', (error) => logger.debug({ err: error }, 'redis error'));
  closers.push(() => redis.disconnect());
  const guard = new RedisGuard(redis, logger);
  try {
    await redis.connect();
    logger.info('sessions and rate limits in Redis');
  } catch (error) {
    logger.warn({ reason: describeApiError(error, []) }, 'REDIS_URL: Redis is unreachable at start; starting with in-memory sessions and rate limits, Redis is used as soon as it answers');
    guard.failed(error, true);
  }
  return guard;
}

/**
 * Run the Telegram bot with these settings until SIGINT/SIGTERM (or options.signal). Loads the
 * corpus, connects Redis when configured, and picks polling or webhook mode. Start errors are
 * StartErrors (one line naming what to fix); every error is rethrown with secrets scrubbed.
 */
export async function runBot(config: Config, options: RunBotOptions = {}): Promise<void> {
  if (!config.botToken) throw new ConfigError(['BOT_TOKEN: required to run the Telegram bot (create a bot with @BotFather)']);
  const secrets = secretsOf(config);
  const logger = options.deps?.logger ?? createLogger({ level: config.logLevel, secrets });
  const stop = stopRequested(options.signal);
  const closers: Closer[] = [];
  try {
    let corpus = options.deps?.corpus;
    let storeDeps: Partial<BotDeps> = {};
    if (!corpus && config.store?.kind === 'postgres') {
      try {
        const opened = await openStoreCorpus(config.store.url, { logger, dir: config.corpusDir, signal: stop.signal });
        closers.push(() => opened.close());
        corpus = opened.corpus;
        storeDeps = { loadCorpus: opened.loadCorpus, addDocument: opened.addDocument };
      } catch (error) {
        if (stop.signal.aborted) throw new Stopped();
        throw new StartError(error instanceof Error ? error.message : String(error), { cause: error });
      }
    }
    if (!corpus) {
      try {
        // A first build runs in a worker: a stop during it ends the start (main.ts then exits).
        const stopped = stop.promise.then(() => Promise.reject(new Stopped()));
        stopped.catch(() => undefined);
        corpus = await Promise.race([loadOrBuildCorpus(config.corpusDir, { persist: config.kbCache !== false }), stopped]);
      } catch (error) {
        throw new StartError(`CORPUS_DIR: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    for (const p of corpus.problems ?? []) logger.warn({ path: p.path, reason: p.reason }, 'document skipped');
    const library = libraryOf(corpus);
    logger.info({ store: library.kind, documents: library.documents().length, facts: library.factCount, dir: config.corpusDir }, 'corpus loaded');

    const guard = await connectRedis(config, logger, closers);
    const ttl = SESSION_TTL_SECONDS;
    const memory = new MemorySessions<SessionData>(ttl, config.sessionMaxChats ?? DEFAULT_SESSION_MAX_CHATS);
    const bot = createBot(config, {
      corpus,
      logger,
      storage: guard ? new ResilientSessions(new RedisAdapter<SessionData>({ instance: guard.redis, ttl }), memory, guard) : memory,
      rateLimitStore: guard ? new ResilientRateLimitStore(guard, config.rateLimit.windowSeconds * 1000) : undefined,
      redis: guard,
      transport: paceEarlyEmptyPolls(),
      ...storeDeps,
      ...options.deps,
    });

    if (guard && library.kind === 'memory') {
      // A reload on any instance reloads all of them (they share CORPUS_DIR, e.g. a mounted volume).
      const instance = randomUUID();
      const subscriber = guard.redis.duplicate();
      subscriber.on('error', (error) => logger.debug({ err: error }, 'redis subscriber error'));
      closers.push(() => subscriber.disconnect());
      // (Re)subscribe whenever the connection is (re)established: Redis may come up after the bot.
      subscriber.on('ready', () => void subscriber.subscribe(RELOAD_CHANNEL).catch((error) => logger.debug({ err: error }, 'reload channel subscribe failed')));
      // Subscribed before updates are taken (when Redis is up), so no announcement is missed.
      await subscriber
        .connect()
        .then(() => subscriber.subscribe(RELOAD_CHANNEL))
        .catch(() => undefined);
      subscriber.on('message', (_channel, from) => {
        if (from === instance) return;
        bot.services.corpus.reload(false).then(
          (c) => logger.info({ documents: c.documents, sentences: c.sentences, facts: c.facts, ms: c.ms, from }, 'corpus reloaded (announced by another instance)'),
          (error) => logger.error({ err: error }, 'announced corpus reload failed'),
        );
      });
      bot.services.corpus.onReload = () => void guard.attempt(() => guard.redis.publish(RELOAD_CHANNEL, instance));
    }

    if (!options.deps?.botInfo) {
      logger.info({ apiRoot: config.telegramApiRoot }, 'connecting to the Bot API (getMe)');
      bot.botInfo = await getMeWithRetry(bot, stop.signal, secrets);
    }
    await bot.init();
    logger.info({ username: bot.botInfo.username, mode: config.webhook ? 'webhook' : 'polling' }, 'bot starting');
    await registerCommands(bot, stop.signal);
    if (stop.signal.aborted) throw new Stopped();

    if (config.webhook) {
      const webhookConfig = { ...config, webhook: config.webhook };
      await runWebhook(bot, webhookConfig, stop.promise, (port) => options.onReady?.({ mode: 'webhook', port, username: bot.botInfo.username }), stop.signal);
    } else {
      await runPolling(bot, stop.promise, { concurrency: options.concurrency, onReady: () => options.onReady?.({ mode: 'polling', username: bot.botInfo.username }) });
    }
    logger.info('bot stopped');
  } catch (error) {
    if (error instanceof Stopped) {
      logger.info('stopped before the bot was running');
      return;
    }
    const clean = scrubError(error, secrets);
    if (clean instanceof StartError) logger.error({ reason: clean.message }, 'bot could not start');
    else logger.error({ err: clean }, 'bot failed');
    throw clean;
  } finally {
    stop.dispose();
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  }
}
