/**
 * Load test of the bot as deployed for polling: updates go through @grammyjs/runner `run()` (fed by
 * FakeTelegram's getUpdates) into the full middleware stack, replies are recorded by FakeTelegram.
 * Reports whether every question got exactly one reply, in order within each chat (and, for information
 * only, the throughput). Imported by tests/bot/load.test.ts (behaviour) and scripts/bench-load.ts
 * (`npm run bench:load`, the throughput); nothing under src/ uses it.
 */
import { run } from '@grammyjs/runner';
import pino from 'pino';
import type { AutoRetryOptions } from '@grammyjs/auto-retry';
import type { Answer } from '../../src/types.js';
import type { Config } from '../../src/config/settings.js';
import type { BotCorpus } from '../../src/bot/corpus.js';
import { createBot } from '../../src/bot/create-bot.js';
import { FakeTelegram, updates, type Fault, type RecordedCall } from './fake-api.js';

export interface LoadTestOptions {
  chats?: number;
  questionsPerChat?: number;
  /** Corpus to answer from. Default: a one-document fake whose engine answers instantly. */
  corpus?: BotCorpus;
  /** Questions asked, in turn. Default: three generic questions. */
  questions?: string[];
  /** Each API call waits a random 0..latencyMs ms (default 2): makes ordering bugs show. */
  latencyMs?: number;
  fault?: (call: RecordedCall) => Fault | undefined;
  /** Runner sink concurrency (default 500). */
  concurrency?: number;
  /** Give up waiting for replies after this long (default 60 s). */
  timeoutMs?: number;
  /** Keep per-chat order (default true). false shows what sequentialize prevents. */
  sequentialize?: boolean;
  autoRetry?: Partial<AutoRetryOptions>;
}

export interface LoadTestReport {
  chats: number;
  questions: number;
  /** Replies recorded (one per question expected). */
  replies: number;
  /** Questions without a reply. */
  lost: number;
  /** Questions answered more than once. */
  duplicates: number;
  /** Chats whose replies came in a different order than their questions. */
  outOfOrderChats: number;
  /** Faults injected (429/500/network). */
  faults: number;
  seconds: number;
  updatesPerSecond: number;
}

/** A corpus whose engine answers every question at once with one citation. */
export function instantCorpus(): BotCorpus {
  const doc = { meta: { id: 'doc', title: '测试文档', source: '测试', published: '2021-08-10' }, paragraphs: ['这是一句测试。'] };
  const sentence = { id: 0, docId: 'doc', paragraph: 0, position: 0, text: '这是一句测试。', simplified: '这是一句测试。' };
  return {
    kb: { documents: [doc], docById: new Map([['doc', doc]]), sentences: [sentence], sentencesByDoc: new Map([['doc', [0]]]), facts: [] },
    engine: {
      ask: (question: string): Answer => ({
        question,
        answered: true,
        answer: `答：${question}`,
        type: 'open',
        script: 'hans',
        facts: [],
        citations: [{ docId: 'doc', sentenceId: 0, title: doc.meta.title, sentence: sentence.text }],
        nearest: [],
      }),
    },
  };
}

const LOAD_CONFIG: Config = {
  botToken: '1000:LOADTESTLOADTESTLOADTESTLOADTEST',
  telegramApiRoot: 'http://127.0.0.1:9',
  corpusDir: 'corpus',
  adminIds: [],
  port: 0,
  logLevel: 'silent',
  feedbackLog: 'var/load-test-feedback.jsonl',
  rateLimit: { limit: 0, windowSeconds: 60 },
  maxUploadBytes: 2 * 1024 * 1024,
};

export async function runLoadTest(options: LoadTestOptions = {}): Promise<LoadTestReport> {
  const chats = options.chats ?? 1000;
  const perChat = options.questionsPerChat ?? 5;
  const questions = options.questions ?? ['文档里提到了哪些人？', '会议是什么时候召开的？', '满意度是多少？'];
  const latency = options.latencyMs ?? 2;
  const fake = new FakeTelegram({ latencyMs: latency > 0 ? () => Math.random() * latency : undefined, fault: options.fault, pollWaitMs: 20 });
  const bot = createBot(LOAD_CONFIG, {
    corpus: options.corpus ?? instantCorpus(),
    botInfo: fake.botInfo,
    transport: fake.transport,
    logger: pino({ level: 'silent' }),
    sequentialize: options.sequentialize,
    autoRetry: options.autoRetry,
  });

  // Chats in groups of 20 send their questions interleaved (q1 of each, then q2…), so a chat's
  // questions arrive close together, in one getUpdates batch, as when a user types quickly.
  const chatIds = Array.from({ length: chats }, (_, i) => 1_000_000 + i);
  for (let g = 0; g < chats; g += 20) {
    const group = chatIds.slice(g, g + 20);
    for (let q = 0; q < perChat; q++) {
      for (const [i, chatId] of group.entries()) fake.push(updates.text(chatId, questions[(g + i + q) % questions.length], { messageId: q + 1 }));
    }
  }
  const total = chats * perChat;
  const replies = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.payload.reply_parameters).length;

  const started = performance.now();
  const runner = run(bot, { runner: { fetch: { timeout: 1 }, silent: true }, sink: { concurrency: options.concurrency ?? 500 } });
  let finished = performance.now();
  try {
    await fake.waitFor(() => replies() >= total, options.timeoutMs ?? 60_000).catch(() => undefined);
    finished = performance.now();
    // A moment for any duplicate to show up.
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    await runner.stop();
    await bot.inFlight.idle(5_000);
  }

  const seen = new Map<string, number>();
  const order = new Map<number, number[]>();
  for (const c of fake.calls) {
    if (c.method !== 'sendMessage' || !c.payload.reply_parameters) continue;
    const chatId = Number(c.payload.chat_id);
    const messageId = Number(c.payload.reply_parameters.message_id);
    const key = `${chatId}:${messageId}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    order.set(chatId, [...(order.get(chatId) ?? []), messageId]);
  }
  let lost = 0;
  for (const chatId of chatIds) for (let q = 1; q <= perChat; q++) if (!seen.has(`${chatId}:${q}`)) lost++;
  const duplicates = [...seen.values()].filter((n) => n > 1).length;
  const outOfOrderChats = [...order.values()].filter((ids) => ids.some((id, i) => i > 0 && id < ids[i - 1])).length;
  const seconds = (finished - started) / 1000;
  return {
    chats,
    questions: total,
    replies: replies(),
    lost,
    duplicates,
    outOfOrderChats,
    faults: fake.faults.length,
    seconds,
    updatesPerSecond: total / Math.max(seconds, 1e-6),
  };
}
