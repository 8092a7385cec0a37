/**
 * An in-process stand-in for the Bot API, installed as the innermost API transformer (BotDeps.transport):
 * records every call, answers with plausible results, serves getUpdates from a queue (honouring offset,
 * limit and the abort signal), and can inject latency and faults (429 with retry_after, 500, a thrown
 * network error). A test double: imported only by the tests (tests/bot/helpers.ts, run, redis and
 * inline tests, tests/support/load-test.ts); nothing under src/ uses it. Never talks to the network.
 */
import { HttpError, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** 1 for the first attempt of this payload object, 2 for its first retry… */
  attempt: number;
}

export type Fault = { kind: '429'; retryAfter: number } | { kind: '500' } | { kind: 'network' };

export interface FakeTelegramOptions {
  botInfo?: UserFromGetMe;
  /** Milliseconds to wait before answering each call (jitter makes ordering bugs visible). */
  latencyMs?: () => number;
  /** Decide a fault for a call attempt (1-based). getUpdates is never faulted. */
  fault?: (call: RecordedCall) => Fault | undefined;
  /** Longest an empty getUpdates waits for an update (ms). */
  pollWaitMs?: number;
  /** Custom results per method. */
  results?: Record<string, (payload: Record<string, any>) => unknown>;
}

export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: '文档问答',
  username: 'DocsQaTestBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class FakeTelegram {
  /** Calls that succeeded, in the order they completed. */
  readonly calls: RecordedCall[] = [];
  /** Every attempt, including faulted ones, in the order they were made. */
  readonly attempts: RecordedCall[] = [];
  readonly faults: (RecordedCall & { fault: Fault })[] = [];
  readonly botInfo: UserFromGetMe;
  private queue: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 100_000;
  private wake: (() => void)[] = [];
  private attemptsByPayload = new WeakMap<object, number>();

  constructor(private options: FakeTelegramOptions = {}) {
    this.botInfo = options.botInfo ?? FAKE_BOT_INFO;
  }

  /** Queue an update for getUpdates; returns it with its update_id. */
  push(update: Omit<Update, 'update_id'>): Update {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    this.queue.push(full);
    for (const w of this.wake.splice(0)) w();
    return full;
  }

  /** Change the artificial latency from now on. */
  setLatency(latencyMs: (() => number) | undefined): void {
    this.options.latencyMs = latencyMs;
  }

  /** Updates not yet confirmed by an offset. */
  get pending(): number {
    return this.queue.length;
  }

  /** Payloads of successful calls of one method. */
  sent(method = 'sendMessage'): Record<string, any>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  /** Wait until `predicate` holds (checked every few ms) or throw after timeoutMs. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`FakeTelegram.waitFor: condition not met in ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  private async getUpdates(payload: Record<string, any>, signal?: AbortSignal): Promise<Update[]> {
    const offset: number = payload.offset ?? 0;
    this.queue = this.queue.filter((u) => u.update_id >= offset);
    if (!this.queue.length && (payload.timeout ?? 0) > 0) {
      await Promise.race([new Promise<void>((resolve) => this.wake.push(resolve)), sleep(Math.min((payload.timeout ?? 0) * 1000, this.options.pollWaitMs ?? 50), signal)]);
    }
    return this.queue.slice(0, Math.max(1, Math.min(100, payload.limit ?? 100)));
  }

  private result(method: string, payload: Record<string, any>): unknown {
    const custom = this.options.results?.[method];
    if (custom) return custom(payload);
    switch (method) {
      case 'getMe':
        return this.botInfo;
      case 'sendMessage':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: payload.chat_id, type: Number(payload.chat_id) < 0 ? 'group' : 'private' },
          from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username },
          text: payload.text,
        };
      case 'editMessageText':
        return { message_id: payload.message_id, date: 0, chat: { id: payload.chat_id, type: 'private' }, text: payload.text };
      case 'getFile':
        return { file_id: payload.file_id, file_unique_id: `u${payload.file_id}`, file_path: `documents/${payload.file_id}.txt` };
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: 0 };
      default:
        return true;
    }
  }

  /** The transformer to pass as BotDeps.transport. */
  readonly transport: Transformer = (async (_prev: unknown, method: string, payload: Record<string, any>, signal?: AbortSignal) => {
    const p = payload ?? {};
    if (method === 'getUpdates') {
      const updates = await this.getUpdates(p, signal);
      this.calls.push({ method, payload: p, attempt: 1 });
      return { ok: true, result: updates };
    }
    const attempt = (this.attemptsByPayload.get(p) ?? 0) + 1;
    this.attemptsByPayload.set(p, attempt);
    const call: RecordedCall = { method, payload: p, attempt };
    this.attempts.push(call);
    const latency = this.options.latencyMs?.() ?? 0;
    if (latency > 0) await sleep(latency);
    const fault = this.options.fault?.(call);
    if (fault) {
      this.faults.push({ ...call, fault });
      if (fault.kind === 'network') throw new HttpError(`Network request for '${method}' failed!`, new Error('socket hang up (fake)'));
      if (fault.kind === '429') {
        return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter}`, parameters: { retry_after: fault.retryAfter } };
      }
      return { ok: false, error_code: 500, description: 'Internal Server Error' };
    }
    this.calls.push(call);
    return { ok: true, result: this.result(method, p) };
  }) as unknown as Transformer;
}

/** Builders for incoming updates. */
let messageIds = 1;
export const updates = {
  text(
    chatId: number,
    text: string,
    options: { userId?: number; messageId?: number; chatType?: 'private' | 'group' | 'supergroup'; languageCode?: string; replyTo?: any; entities?: any[] } = {},
  ): Omit<Update, 'update_id'> {
    const userId = options.userId ?? chatId;
    const chatType = options.chatType ?? (chatId < 0 ? 'supergroup' : 'private');
    const entities = options.entities ?? commandEntities(text);
    return {
      message: {
        message_id: options.messageId ?? messageIds++,
        date: Math.floor(Date.now() / 1000),
        chat: chatType === 'private' ? { id: chatId, type: 'private', first_name: 'U' } : ({ id: chatId, type: chatType, title: 'G' } as any),
        from: { id: userId, is_bot: false, first_name: 'U', language_code: options.languageCode ?? 'zh-hans' },
        text,
        ...(entities.length ? { entities } : {}),
        ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
      },
    } as Omit<Update, 'update_id'>;
  },
  callback(chatId: number, data: string, options: { userId?: number; messageId?: number } = {}): Omit<Update, 'update_id'> {
    return {
      callback_query: {
        id: String(messageIds++),
        from: { id: options.userId ?? chatId, is_bot: false, first_name: 'U' },
        chat_instance: 'ci',
        data,
        message: { message_id: options.messageId ?? 1, date: 0, chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private', first_name: 'U' } as any, text: 'x' },
      },
    } as Omit<Update, 'update_id'>;
  },
  inline(userId: number, query: string): Omit<Update, 'update_id'> {
    return { inline_query: { id: String(messageIds++), from: { id: userId, is_bot: false, first_name: 'U' }, query, offset: '' } } as Omit<Update, 'update_id'>;
  },
};

/** bot_command entity for a leading /command. */
export function commandEntities(text: string): any[] {
  const m = text.match(/^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}
