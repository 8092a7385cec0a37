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
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { webhookCallback, type Transformer } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Redis } from 'ioredis';
import { ConfigError, secretsOf, type Config } from '../config/settings.js';
import { createLogger, scrubError, type Logger } from '../logger.js';
import { loadCorpus } from '../answer/load.js';
import { createBot, registerCommands, type BotDeps, type QaBot } from './create-bot.js';
import type { SessionData } from './context.js';

/** Update types the bot handles (explicit, so a previous allowed_updates setting never lingers). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'inline_query', 'my_chat_member'] as const;
/** Long-polling timeout (seconds) asked of the Bot API. */
export const POLL_TIMEOUT_SECONDS = 30;
/** Session keys expire after this many seconds without activity (Redis). */
export const SESSION_TTL_SECONDS = 30 * 24 * 3600;
/** Longest wait for running updates on shutdown. */
export const SHUTDOWN_GRACE_MS = 15_000;
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

/**
 * Some Bot API servers (emulators) answer an empty getUpdates at once instead of holding it for
 * `timeout` seconds; without a pause the runner would spin. An empty answer that came back well
 * before its timeout is held for `pauseMs`. Against the real Bot API this never triggers.
 */
export function paceEarlyEmptyPolls(pauseMs = 250): Transformer {
  return (async (prev: any, method: string, payload: any, signal?: AbortSignal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (method === 'getUpdates' && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      const timeoutMs = (payload?.timeout ?? 0) * 1000;
      if (timeoutMs > 0 && Date.now() - started < timeoutMs / 2) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pauseMs);
          signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
    return result;
  }) as Transformer;
}

/** Resolves with the reason when SIGINT/SIGTERM arrives or the signal aborts. */
function stopRequested(signal?: AbortSignal): { promise: Promise<string>; dispose: () => void } {
  let dispose = () => {};
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
  return { promise, dispose };
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
  bot.api.config.use((async (prev: any, method: string, payload: any, signal?: AbortSignal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates' && result.ok && result.result.length) lastUpdateId = result.result[result.result.length - 1].update_id;
      return result;
    } catch (error) {
      if (method === 'getUpdates' && !signal?.aborted) logger.warn({ err: error }, 'getUpdates failed; retrying');
      throw error;
    }
  }) as Transformer);

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
  const reason = await Promise.race([stop, crashed.catch((error) => ((failure = error), 'runner failed'))]);
  logger.info({ reason }, 'stopping (polling)');
  if (runner.isRunning()) await runner.stop();
  await drain(bot, runner, logger);
  if (lastUpdateId !== undefined) {
    // Confirm the last fetched updates, as bot.stop() does for plain polling.
    await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch(() => undefined);
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
const MAX_WEBHOOK_BODY = 1024 * 1024;

/** The webhook + health HTTP handler (exported for tests). */
export function webhookHandler(bot: QaBot, config: Config & { webhook: NonNullable<Config['webhook']> }, state: { stopping: boolean; startedAt: number }) {
  const { logger } = bot.services;
  const handleUpdate = webhookCallback(bot, 'http', { secretToken: config.webhook.secret, onTimeout: 'return', timeoutMilliseconds: 55_000 });
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return json(res, state.stopping ? 503 : 200, {
        status: state.stopping ? 'stopping' : 'ok',
        mode: 'webhook',
        bot: bot.botInfo.username,
        documents: bot.services.corpus.current.kb.documents.length,
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
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY) return json(res, 413, { error: 'too large' });
    try {
      await handleUpdate(req, res);
    } catch (error) {
      logger.error({ err: error }, 'webhook update failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
    }
  };
}

/** Webhook mode until `stop` resolves. */
export async function runWebhook(bot: QaBot, config: Config & { webhook: NonNullable<Config['webhook']> }, stop: Promise<string>, onReady?: (port: number) => void): Promise<void> {
  const { logger } = bot.services;
  const state = { stopping: false, startedAt: Date.now() };
  const server = createServer(webhookHandler(bot, config, state));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, path: config.webhook.path }, 'webhook server listening');
  try {
    await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
    onReady?.(port);
    const reason = await stop;
    logger.info({ reason }, 'stopping (webhook)');
  } finally {
    state.stopping = true;
    // Stop accepting connections; running requests (updates) finish, idle keep-alive sockets close.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await drain(bot, undefined, logger);
    server.closeAllConnections();
    await closed;
  }
}

/**
 * Run the Telegram bot with these settings until SIGINT/SIGTERM (or options.signal). Loads the
 * corpus, connects Redis when configured, and picks polling or webhook mode. Errors are rethrown
 * with secrets scrubbed from their messages.
 */
export async function runBot(config: Config, options: RunBotOptions = {}): Promise<void> {
  if (!config.botToken) throw new ConfigError(['BOT_TOKEN: required to run the Telegram bot (create a bot with @BotFather)']);
  const secrets = secretsOf(config);
  const logger = options.deps?.logger ?? createLogger({ level: config.logLevel, secrets });
  const stop = stopRequested(options.signal);
  const closers: (() => Promise<unknown> | void)[] = [];
  try {
    const corpus = options.deps?.corpus ?? (await loadCorpus(config.corpusDir));
    for (const p of corpus.problems ?? []) logger.warn({ path: p.path, reason: p.reason }, 'document skipped');
    logger.info({ documents: corpus.kb.documents.length, facts: corpus.kb.facts.length, dir: config.corpusDir }, 'corpus loaded');

    let redis: Redis | undefined;
    if (config.redisUrl) {
      redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      redis.on('error', (error) => logger.warn({ err: error }, 'redis error'));
      closers.push(() => redis?.disconnect());
      await redis.connect();
      logger.info('sessions and rate limits in Redis');
    }

    const bot = createBot(config, {
      corpus,
      logger,
      storage: redis ? new RedisAdapter<SessionData>({ instance: redis, ttl: SESSION_TTL_SECONDS }) : undefined,
      rateLimitStore: redis,
      transport: paceEarlyEmptyPolls(),
      ...options.deps,
    });

    if (redis) {
      // A reload on any instance reloads all of them (they share CORPUS_DIR, e.g. a mounted volume).
      const instance = randomUUID();
      const subscriber = redis.duplicate();
      subscriber.on('error', (error) => logger.warn({ err: error }, 'redis subscriber error'));
      closers.push(() => subscriber.disconnect());
      await subscriber.subscribe(RELOAD_CHANNEL);
      subscriber.on('message', (_channel, from) => {
        if (from === instance) return;
        bot.services.corpus.reload(false).then(
          (c) => logger.info({ documents: c.documents, sentences: c.sentences, facts: c.facts, ms: c.ms, from }, 'corpus reloaded (announced by another instance)'),
          (error) => logger.error({ err: error }, 'announced corpus reload failed'),
        );
      });
      bot.services.corpus.onReload = () => void redis?.publish(RELOAD_CHANNEL, instance).catch((error) => logger.warn({ err: error }, 'reload announcement failed'));
    }

    logger.info({ apiRoot: config.telegramApiRoot }, 'connecting to the Bot API (getMe)');
    await bot.init();
    logger.info({ username: bot.botInfo.username, mode: config.webhook ? 'webhook' : 'polling' }, 'bot starting');
    await registerCommands(bot);

    if (config.webhook) {
      const webhookConfig = { ...config, webhook: config.webhook };
      await runWebhook(bot, webhookConfig, stop.promise, (port) => options.onReady?.({ mode: 'webhook', port, username: bot.botInfo.username }));
    } else {
      await runPolling(bot, stop.promise, { concurrency: options.concurrency, onReady: () => options.onReady?.({ mode: 'polling', username: bot.botInfo.username }) });
    }
    logger.info('bot stopped');
  } catch (error) {
    const clean = scrubError(error, secrets);
    logger.error({ err: clean }, 'bot failed');
    throw clean;
  } finally {
    stop.dispose();
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
  }
}
