/**
 * Redis as an optional helper, never a single point of failure.
 * - The client has bounded waits: connect and command timeouts, one retry per request, no offline
 *   queue (a command while disconnected fails at once instead of piling up), reconnection in the
 *   background for as long as the bot runs.
 * - RedisGuard: every use goes through `attempt`; a failure (error, timeout) marks Redis unavailable
 *   for RETRY_AFTER_MS, during which callers skip it at once and use their in-memory fallback. One
 *   warning per outage, one line when it is back.
 * - Start with Redis down: the bot starts degraded (in-memory sessions and rate limits, a clear
 *   warning) and uses Redis as soon as it connects; answering never needs Redis.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RateLimitStore } from './create-bot.js';

/** Longest wait for a TCP connection to Redis. */
export const REDIS_CONNECT_TIMEOUT_MS = 2000;
/** Longest wait for one command (a stalled server fails here, not in the user's update). */
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** After a failure, Redis is skipped this long before being tried again. */
export const REDIS_RETRY_AFTER_MS = 5000;
/** Reconnection backoff cap. */
export const REDIS_RECONNECT_MAX_MS = 5000;

export function redisOptions(): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(200 * times, REDIS_RECONNECT_MAX_MS),
  };
}

export function createRedis(url: string): Redis {
  return new Redis(url, redisOptions());
}

export type Attempt<T> = { ok: true; value: T } | { ok: false };

export class RedisGuard {
  private skipUntil = 0;
  private down = false;

  constructor(
    readonly redis: Redis,
    private readonly logger: Logger,
    private readonly retryAfterMs = REDIS_RETRY_AFTER_MS,
  ) {
    redis.on('ready', () => this.recovered());
  }

  /** Redis may be tried now (connected, and not within the pause after a failure). */
  get usable(): boolean {
    return this.redis.status === 'ready' && Date.now() >= this.skipUntil;
  }

  get degraded(): boolean {
    return this.down;
  }

  async attempt<T>(operation: () => Promise<T>): Promise<Attempt<T>> {
    if (!this.usable) {
      if (this.redis.status !== 'ready') this.failed(new Error(`Redis is ${this.redis.status}`));
      return { ok: false };
    }
    try {
      const value = await operation();
      this.recovered();
      return { ok: true, value };
    } catch (error) {
      this.failed(error);
      return { ok: false };
    }
  }

  /** Mark Redis unavailable (from a failed command, or a failed connect at start). */
  failed(error: unknown, alreadyReported = false): void {
    this.skipUntil = Date.now() + this.retryAfterMs;
    if (this.down) return;
    this.down = true;
    if (!alreadyReported) this.logger.warn({ err: error }, 'Redis unavailable: answering goes on with in-memory sessions and rate limits; Redis is used again when it answers');
  }

  private recovered(): void {
    this.skipUntil = 0;
    if (!this.down) return;
    this.down = false;
    this.logger.info('Redis reachable again: sessions and rate limits back in Redis');
  }
}

/**
 * Rate-limit counters in Redis with an in-memory fallback. incr sets the window's expiry in the same
 * transaction (SET NX PX, then INCR keeps it), so a failure between two commands can never leave a
 * counter without expiry (a user limited forever).
 */
export class ResilientRateLimitStore implements RateLimitStore {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly guard: RedisGuard,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  async incr(key: string): Promise<number> {
    const result = await this.guard.attempt(async () => {
      const replies = await this.guard.redis.multi().set(key, 0, 'PX', this.windowMs, 'NX').incr(key).exec();
      const counter = replies?.[1]?.[1];
      if (typeof counter !== 'number') throw new Error('unexpected reply to INCR');
      return counter;
    });
    if (result.ok) return result.value;
    return this.incrInMemory(key);
  }

  /** Expiry is already set by incr. */
  async pexpire(): Promise<number> {
    return 1;
  }

  private incrInMemory(key: string): number {
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      this.memory.delete(key);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.memory.set(key, entry);
      for (const [k, e] of this.memory) {
        if (this.memory.size <= this.maxKeys && e.resetAt > now) break;
        this.memory.delete(k);
      }
    }
    return ++entry.count;
  }
}
