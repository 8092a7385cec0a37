/**
 * createBot(config, deps): the whole bot as one grammY Bot, with every outside thing injected so
 * tests can run it with `bot.handleUpdate` against a recording API and a fake engine.
 *
 * Middleware, in order:
 *   in-flight counter (graceful shutdown waits for it) -> error boundary (logs, answers politely)
 *   -> sequentialize per chat -> group rules (quiet unless addressed) -> per-user rate limit
 *   -> session -> features (start, help, docs, facts, source, admin, buttons, inline, question, other).
 */
import { Bot, type BotError, GrammyError, HttpError, session, type StorageAdapter, type Transformer } from 'grammy';
import type { UserFromGetMe, BotCommand } from 'grammy/types';
import { sequentialize } from '@grammyjs/runner';
import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { secretsOf, type Config } from '../config/settings.js';
import { createLogger, scrubSecrets, type Logger } from '../logger.js';
import { buildCorpusInWorker } from './rebuild.js';
import type { RedisGuard } from './redis.js';
import { QuestionRecorder } from './stats.js';
import { QuestionLog } from '../ops/question-log.js';
import { initialSession, type BotContext, type BotServices, type FileDownloader, type SessionData } from './context.js';
import { CorpusHolder, type BotCorpus, type CorpusLoader, type DocumentAdder } from './corpus.js';
import { StoreUnavailableError } from '../knowledge/postgres/store.js';
import { FeedbackLog } from './feedback.js';
import { ackCallback, sendText } from './send.js';
import { scriptOf, t } from './texts.js';
import { groupRules } from './features/groups.js';
import { startFeature } from './features/start.js';
import { helpFeature } from './features/help.js';
import { docsFeature } from './features/docs.js';
import { factsFeature } from './features/facts.js';
import { sourceFeature } from './features/source.js';
import { adminFeature } from './features/admin.js';
import { buttonsFeature } from './features/buttons.js';
import { inlineFeature } from './features/inline.js';
import { questionFeature } from './features/question.js';
import { otherUpdatesFeature } from './features/other-updates.js';
import { pause } from './pause.js';

/** What @grammyjs/ratelimiter needs from Redis (an ioredis instance has it). */
export interface RateLimitStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}

export interface BotDeps {
  /** The corpus to start with (loadCorpus(config.corpusDir), or a fake). */
  corpus: BotCorpus;
  /** Builds a corpus from a folder, for /reload and uploads. Default: built in a worker thread (rebuild.ts). */
  loadCorpus?: CorpusLoader;
  /** Adds one uploaded document (the PostgreSQL store: postgres.ts). Default: uploads reload the folder. */
  addDocument?: DocumentAdder;
  /** Default: pino at config.logLevel on standard output, secrets scrubbed. */
  logger?: Logger;
  /** Session storage. Default: in memory. run.ts passes a RedisAdapter when REDIS_URL is set. */
  storage?: StorageAdapter<SessionData>;
  /** Shared rate-limit counters (ioredis) for several instances. Default: in memory. */
  rateLimitStore?: RateLimitStore;
  /** Clock (feedback timestamps, upload names). */
  now?: () => Date;
  /** Skip getMe (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** Innermost API transformer, closest to the network: a recording fake in tests. */
  transport?: Transformer;
  /** @grammyjs/auto-retry options. Default: 429s (waits up to API_MAX_DELAY_SECONDS) and 5xx, API_RETRY_ATTEMPTS retries. */
  autoRetry?: Partial<AutoRetryOptions>;
  /** First pause before retrying a network error (doubles each time). Tests shorten it. */
  networkRetryPauseMs?: number;
  /** File download for uploads. Default: the Bot API file endpoint. */
  download?: FileDownloader;
  /** Redis, when REDIS_URL is set (shared question counters for /stats). */
  redis?: RedisGuard;
  /** Keep update order within a chat (default true). Off only to show what it prevents. */
  sequentialize?: boolean;
}

/** Bot API calls: retries after a 429 or 5xx, and the longest retry_after honoured (a longer one fails the call). */
export const API_RETRY_ATTEMPTS = 3;
export const API_MAX_DELAY_SECONDS = 30;
/** Network errors (no answer at all): retries, first pause (doubling). getUpdates is left to the runner, which retries it itself. */
export const NETWORK_RETRY_ATTEMPTS = 3;
export const NETWORK_RETRY_FIRST_PAUSE_MS = 1000;

/** One log line per failed Bot API attempt (method, code, retry_after), so retries are never silent. */
function logFailedCalls(logger: Logger, secrets: string[]): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && method !== 'getUpdates') {
        logger.warn({ method, error_code: result.error_code, description: result.description, retry_after: result.parameters?.retry_after }, 'Bot API call failed');
      }
      return result;
    } catch (error) {
      if (method !== 'getUpdates' && !signal?.aborted) {
        const reason = error instanceof HttpError ? String((error.error as Error)?.message ?? error.message) : String((error as Error)?.message ?? error);
        logger.warn({ method, network: true, reason: scrubSecrets(reason.split('\n')[0], secrets) }, 'Bot API call failed (network)');
      }
      throw error;
    }
  };
}

/** Retry network errors a bounded number of times with backoff (auto-retry would retry them forever). */
function retryNetworkErrors(logger: Logger, firstPauseMs: number): Transformer {
  return async (prev, method, payload, signal) => {
    let pauseMs = firstPauseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || method === 'getUpdates' || method === 'getMe' || signal?.aborted || attempt > NETWORK_RETRY_ATTEMPTS) throw error;
        logger.info({ method, attempt, of: NETWORK_RETRY_ATTEMPTS, retryInSeconds: pauseMs / 1000 }, 'retrying Bot API call');
        await pause(pauseMs, signal);
        pauseMs *= 2;
      }
    }
  };
}

/** Counts updates being handled, so shutdown can wait for them. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
      if (this.count === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  /** Resolves true when nothing is in flight, false if `timeoutMs` passed first. */
  idle(timeoutMs = 10_000): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

export class QaBot extends Bot<BotContext> {
  readonly inFlight = new InFlight();
  constructor(
    token: string,
    config: ConstructorParameters<typeof Bot<BotContext>>[1],
    readonly services: BotServices,
  ) {
    super(token, config);
  }
}

/** Public commands for setMyCommands (Chinese descriptions). */
export const BOT_COMMANDS: BotCommand[] = [
  { command: 'start', description: '简介、文档和示例问题' },
  { command: 'help', description: '使用帮助' },
  { command: 'docs', description: '文档列表（标题、来源、日期）' },
  { command: 'facts', description: '从文档中抽取的事实' },
  { command: 'source', description: '查看文档全文：/source 编号' },
  { command: 'ask', description: '提问（群组中使用）：/ask 问题' },
];
export const ADMIN_COMMANDS: BotCommand[] = [...BOT_COMMANDS, { command: 'reload', description: '重新读取文档文件夹（管理员）' }, { command: 'stats', description: '问题统计（管理员）' }];

/** Register the command menu; failures (e.g. an API server without setMyCommands) are only logged. */
export async function registerCommands(bot: QaBot, stop?: AbortSignal): Promise<void> {
  const { logger, config } = bot.services;
  const signal = stop as Parameters<typeof bot.api.getMe>[0];
  try {
    await bot.api.setMyCommands(BOT_COMMANDS, undefined, signal);
    for (const id of config.adminIds) {
      if (stop?.aborted) return;
      await bot.api.setMyCommands(ADMIN_COMMANDS, { scope: { type: 'chat', chat_id: id } }, signal).catch((error) => {
        logger.debug({ err: error, admin: id }, 'admin command menu not set (has the admin started a chat with the bot?)');
      });
    }
  } catch (error) {
    logger.warn({ err: error }, 'setMyCommands failed; the command menu is not registered');
  }
}

/** Default file download: GET {apiRoot}/file/bot{token}/{file_path}, reading at most maxBytes + 1. */
export function telegramFileDownloader(apiRoot: string, token: string): FileDownloader {
  return async (filePath, maxBytes) => {
    const res = await fetch(`${apiRoot}/file/bot${token}/${filePath.split('/').map(encodeURIComponent).join('/')}`);
    if (!res.ok || !res.body) throw new Error(`file download failed: HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) break;
    }
    return Buffer.concat(chunks);
  };
}

function describeUpdate(ctx: BotContext) {
  const type = Object.keys(ctx.update).find((k) => k !== 'update_id');
  return { update_id: ctx.update.update_id, type, chat: ctx.chat?.id, user: ctx.from?.id };
}

export function createBot(config: Config, deps: BotDeps): QaBot {
  const token = config.botToken;
  if (!token) throw new Error('createBot: config.botToken is required');
  const secrets = secretsOf(config);
  const logger = deps.logger ?? createLogger({ level: config.logLevel, secrets });
  const services: BotServices = {
    config,
    corpus: new CorpusHolder(deps.corpus, deps.loadCorpus ?? ((dir, onProgress) => buildCorpusInWorker(dir, { persist: config.kbCache !== false, onProgress })), config.corpusDir, deps.addDocument),
    logger,
    feedback: new FeedbackLog(config.feedbackLog),
    questions: new QuestionRecorder(config.questionLog ? new QuestionLog(config.questionLog.path, config.questionLog.retentionDays) : undefined, logger, deps.redis, deps.now),
    now: deps.now ?? (() => new Date()),
    download: deps.download ?? telegramFileDownloader(config.telegramApiRoot, token),
  };
  const bot = new QaBot(token, { botInfo: deps.botInfo, client: { apiRoot: config.telegramApiRoot } }, services);

  if (deps.transport) bot.api.config.use(deps.transport);
  bot.api.config.use(logFailedCalls(logger, secrets));
  bot.api.config.use(retryNetworkErrors(logger, deps.networkRetryPauseMs ?? NETWORK_RETRY_FIRST_PAUSE_MS));
  bot.api.config.use(autoRetry({ maxRetryAttempts: API_RETRY_ATTEMPTS, maxDelaySeconds: API_MAX_DELAY_SECONDS, rethrowHttpErrors: true, ...deps.autoRetry }));

  /** Tell the user an update failed (a button press: its toast; a message: a reply). */
  const tellFailure = async (ctx: BotContext, key: 'error' | 'storeUnavailable') => {
    try {
      const script = scriptOf(ctx);
      if (ctx.callbackQuery) await ackCallback(ctx, t(key, script));
      else if (ctx.message && (ctx.chat?.type === 'private' || ctx.message.text)) await sendText(ctx, t(key, script), ctx.message.message_id);
    } catch (replyError) {
      logger.warn({ err: replyError, ...describeUpdate(ctx) }, 'could not tell the user about the failure');
    }
  };
  const onError = async (err: BotError<BotContext>) => {
    const { ctx } = err;
    const error = err.error;
    if (error instanceof StoreUnavailableError) {
      // PostgreSQL is down or unreachable: one line (what and why), no stack; the user is told to retry.
      // The pool reconnects on the next query, so the first update after it is back is answered.
      logger.warn({ reason: error.message, ...describeUpdate(ctx) }, 'knowledge store unavailable');
      return tellFailure(ctx, 'storeUnavailable');
    }
    logger.error(
      {
        err: scrubSecrets(error, secrets),
        ...describeUpdate(ctx),
        ...(error instanceof GrammyError ? { method: error.method, description: error.description } : {}),
        ...(error instanceof HttpError ? { network: true } : {}),
      },
      'update failed',
    );
    await tellFailure(ctx, 'error');
  };
  bot.catch(onError);

  bot.use((_ctx, next) => bot.inFlight.track(next));
  const app = bot.errorBoundary(onError);
  if (deps.sequentialize !== false) app.use(sequentialize<BotContext>((ctx) => (ctx.chat ?? ctx.from)?.id.toString()));
  // A button on an inline-mode message has no chat (and so no session): nothing of ours to do.
  app.on('callback_query', (ctx, next) => (ctx.chat ? next() : ackCallback(ctx)));
  app.use(groupRules());
  if (config.rateLimit.limit > 0) {
    app.use(
      limit<BotContext, RateLimitStore>({
        timeFrame: config.rateLimit.windowSeconds * 1000,
        limit: config.rateLimit.limit,
        storageClient: deps.rateLimitStore ?? 'MEMORY_STORE',
        keyPrefix: 'ratelimit:',
        // Inline queries arrive per keystroke and are cached by Telegram: not counted.
        keyGenerator: (ctx) => (ctx.inlineQuery || ctx.channelPost || ctx.editedChannelPost ? undefined : ctx.from?.id.toString()),
        onLimitExceeded: async (ctx) => {
          logger.info({ ...describeUpdate(ctx) }, 'rate limited');
          try {
            if (ctx.callbackQuery) await ackCallback(ctx, t('rateLimited', scriptOf(ctx)));
            else if (ctx.message) await sendText(ctx, t('rateLimited', scriptOf(ctx)), ctx.message.message_id);
          } catch (error) {
            logger.warn({ err: error }, 'could not send the rate-limit notice');
          }
        },
      }),
    );
  }
  app.use(session({ initial: initialSession, storage: deps.storage, prefix: 'session:' }));

  app.use(startFeature(services));
  app.use(helpFeature(services));
  app.use(docsFeature(services));
  app.use(factsFeature(services));
  app.use(sourceFeature(services));
  app.use(adminFeature(services));
  app.use(buttonsFeature(services));
  app.use(inlineFeature(services));
  app.use(questionFeature(services));
  app.use(otherUpdatesFeature());
  return bot;
}
