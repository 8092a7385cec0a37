/**
 * Session storage that never holds the bot hostage:
 * - MemorySessions: in-process sessions with the same sliding TTL as Redis and a cap on the number
 *   of chats (least recently used dropped first), so memory stays flat however many chats write.
 * - ResilientSessions: Redis when it answers, the in-memory store when it does not (stalled, killed,
 *   absent at start). Every write also goes to memory, so a chat keeps its follow-ups and buttons
 *   through an outage; once Redis answers again it is used again and its sessions come back.
 */
import type { StorageAdapter } from 'grammy';
import type { RedisGuard } from './redis.js';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

export class MemorySessions<T> implements StorageAdapter<T> {
  // A Map iterates in insertion order; every access re-inserts, so the first entry is the least recently used.
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    readonly ttlSeconds: number,
    readonly maxChats: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  read(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  write(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlSeconds * 1000 });
    this.evict();
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drop the expired entries at the least-recently-used end, then whatever exceeds the cap. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size > this.maxChats || entry.expiresAt <= now) this.entries.delete(key);
      else break;
    }
  }
}

export class ResilientSessions<T> implements StorageAdapter<T> {
  constructor(
    private readonly redis: StorageAdapter<T>,
    private readonly memory: MemorySessions<T>,
    private readonly guard: RedisGuard,
  ) {}

  async read(key: string): Promise<T | undefined> {
    const fromRedis = await this.guard.attempt(() => Promise.resolve(this.redis.read(key)));
    if (fromRedis.ok && fromRedis.value !== undefined) return fromRedis.value;
    // Redis down, or it has nothing (a session begun during an outage): the copy kept here.
    return this.memory.read(key);
  }

  async write(key: string, value: T): Promise<void> {
    this.memory.write(key, value);
    await this.guard.attempt(() => Promise.resolve(this.redis.write(key, value)));
  }

  async delete(key: string): Promise<void> {
    this.memory.delete(key);
    await this.guard.attempt(() => Promise.resolve(this.redis.delete(key)));
  }
}
