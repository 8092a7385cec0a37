import { describe, expect, it } from 'vitest';
import { runLoadTest } from '../support/load-test.js';

describe('load through the runner', () => {
  it('1,000 chats x 5 questions: 5,000 replies, none lost or doubled, order kept within each chat', async () => {
    const report = await runLoadTest({ chats: 1000, questionsPerChat: 5, latencyMs: 5 });
    expect(report).toMatchObject({ chats: 1000, questions: 5000, replies: 5000, lost: 0, duplicates: 0, outOfOrderChats: 0 });
  });

  it('the order check can fail: without sequentialize, replies overtake each other', async () => {
    const report = await runLoadTest({ chats: 200, questionsPerChat: 5, latencyMs: 5, sequentialize: false });
    expect(report.lost).toBe(0);
    expect(report.outOfOrderChats).toBeGreaterThan(0);
  });
});

describe('faults', () => {
  it('429 (retry_after 1), 500 and network errors: every reply delivered exactly once, in order', async () => {
    const report = await runLoadTest({
      chats: 200,
      questionsPerChat: 5,
      latencyMs: 2,
      autoRetry: { maxDelaySeconds: 2, maxRetryAttempts: 3 },
      fault: (call) => {
        if (call.method !== 'sendMessage' || call.attempt > 1) return undefined;
        const chat = Number(call.payload.chat_id) % 20;
        const q = call.payload.reply_parameters?.message_id;
        if (chat === 1 && q === 2) return { kind: '429', retryAfter: 1 };
        if (chat === 2 && q === 3) return { kind: '500' };
        if (chat === 3 && q === 4) return { kind: 'network' };
        return undefined;
      },
    });
    expect(report.faults).toBe(30); // 10 chats of each kind
    expect(report).toMatchObject({ questions: 1000, replies: 1000, lost: 0, duplicates: 0, outOfOrderChats: 0 });
  });
});
