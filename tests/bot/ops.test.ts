/**
 * Bounded memory (in-memory sessions expire and are capped), no reply floods (/docs with thousands
 * of documents is one message), errors seen (an engine's attached error is logged and counted), and
 * the operator's view (question log, retention, /stats, outcomes).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySessions } from '../../src/bot/sessions.js';
import { formatStats, outcomeOf, QuestionLog, readQuestionLog, summarize, type QuestionLogEntry } from '../../src/ops/question-log.js';
import type { Asker } from '../../src/bot/corpus.js';
import type { CorpusDocument } from '../../src/types.js';
import { ADMIN, buttons, DOCS, fakeCorpus, harness, TOKEN, updates, USER } from './helpers.js';
import { htmlProblems } from './html-check.js';
import { MAX_MESSAGE_LENGTH } from '../../src/render/html.js';

describe('in-memory sessions', () => {
  it('expire after the TTL without activity (sliding, as in Redis)', () => {
    let now = 0;
    const store = new MemorySessions<string>(60, 100, () => now);
    store.write('a', 'A');
    now = 59_000;
    expect(store.read('a')).toBe('A');
    store.write('a', 'A2'); // activity renews the TTL
    now = 59_000 + 59_000;
    expect(store.read('a')).toBe('A2');
    now += 61_000;
    expect(store.read('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('stay under the cap over 100,000 questions from 10,000 chats, dropping the least recently used', () => {
    const store = new MemorySessions<{ n: number }>(3600, 1000);
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      store.write(`session:${i % 10_000}`, { n: i });
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(1000);
    expect(store.read('session:9999')).toEqual({ n: 99_999 }); // recent: kept
    expect(store.read('session:0')).toBeUndefined(); // least recently used: dropped
    store.read('session:9001'); // touching moves a chat to the recent end
    for (let i = 0; i < 999; i++) store.write(`other:${i}`, { n: i });
    expect(store.read('session:9001')).toBeDefined();
  });
});

describe('no reply floods', () => {
  it('/docs with 5,002 documents sends one page with buttons; pages are edited in place', async () => {
    const many: CorpusDocument[] = Array.from({ length: 5002 }, (_, i) => ({ meta: { id: `d${i}`, title: `文档${i}<&>`.repeat(20), source: '来源'.repeat(50) }, paragraphs: ['一句。'] }));
    const h = harness({ deps: { corpus: fakeCorpus([...DOCS, ...many]) } });
    await h.send(updates.text(USER, '/docs'));
    const replies = h.replies();
    expect(replies).toHaveLength(1);
    expect(replies[0].text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(htmlProblems(replies[0].text)).toEqual([]);
    expect(replies[0].text).toContain('共 5004 篇，第 1/501 页');
    const next = buttons(replies[0].reply_markup).find((b) => b.text === '下一页 ▶')!;
    expect(next.data).toBe('docs:1');
    await h.send(updates.callback(USER, 'docs:500'));
    const last = h.calls('editMessageText').at(-1)!;
    expect(last.text).toContain('第 501/501 页');
    expect(last.text).toContain('/source 5004');
    expect(buttons(last.reply_markup).map((b) => b.text)).toEqual(['◀ 上一页']);
    expect(h.replies()).toHaveLength(1);
  });
});

describe('errors are seen', () => {
  it('an engine error attached to the answer (reason "error") is logged with the question, counted and recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qlog-'));
    const engine: Asker = {
      ask: (question) => {
        const answer = { question, script: 'hans' as const, type: 'unknown' as const, answered: false, answer: null, facts: [], citations: [], nearest: [], reason: 'error' };
        Object.defineProperty(answer, 'error', { value: new Error(`index broke for bot${TOKEN}`), enumerable: false });
        return answer;
      },
    };
    const h = harness({ config: { questionLog: { path: join(dir, 'q.jsonl'), retentionDays: 30 } }, deps: { corpus: { ...fakeCorpus(), engine } } });
    await h.send(updates.text(USER, '会议在哪里召开？'));
    expect(h.replies()[0].text).toBe('抱歉，处理您的消息时出了点问题，请稍后再试。');
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'the engine failed on a question');
    expect(line).toMatchObject({ question: '会议在哪里召开？', err: { message: 'index broke for bot[redacted]' } });
    expect(h.logs.join('')).not.toContain(TOKEN);
    expect(h.bot.services.questions.errors).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(readQuestionLog(join(dir, 'q.jsonl'))).toEqual([expect.objectContaining({ question: '会议在哪里召开？', outcome: 'not-in-documents', reason: 'error' })]);
  });
});

describe('question log and /stats', () => {
  const entry = (ts: string, question: string, outcome: QuestionLogEntry['outcome'], reason?: string): QuestionLogEntry => ({ ts, chat: 'private', question, outcome, ...(reason ? { reason } : {}) });

  it('classifies outcomes into answered, no direct answer and not in the documents', () => {
    expect(outcomeOf({ answered: true })).toBe('answered');
    expect(outcomeOf({ answered: false, reason: 'no-direct-answer' })).toBe('no-direct-answer');
    for (const reason of ['weak-match', 'unknown-terms', 'no-fact', 'empty', 'not-chinese', 'too-long', 'error']) expect(outcomeOf({ answered: false, reason })).toBe('not-in-documents');
  });

  it('summarizes today and the last 7 days, the most frequent unanswered questions first', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    const stats = summarize(
      [
        entry('2026-01-10T01:00:00Z', '满意度？', 'answered'),
        entry('2026-01-10T02:00:00Z', '火星 有多远？', 'not-in-documents', 'unknown-terms'),
        entry('2026-01-09T02:00:00Z', '火星有多远？', 'not-in-documents', 'unknown-terms'),
        entry('2026-01-08T02:00:00Z', '火星  有多远？', 'not-in-documents', 'weak-match'),
        entry('2026-01-07T02:00:00Z', '会议开了多久？', 'no-direct-answer', 'no-direct-answer'),
        entry('2026-01-01T02:00:00Z', '太久以前？', 'not-in-documents', 'weak-match'), // outside the 7 days
      ],
      now,
    );
    expect(stats.today).toEqual({ questions: 2, byOutcome: { answered: 1, 'no-direct-answer': 0, 'not-in-documents': 1 } });
    expect(stats.week.questions).toBe(5);
    expect(stats.unanswered.map((u) => [u.count, u.outcome])).toEqual([
      [3, 'not-in-documents'], // spacing does not make another question
      [1, 'no-direct-answer'],
    ]);
    const text = formatStats(stats);
    expect(text).toContain('今天：2 个问题；已回答 50%，无直接答案 0%，文档中没有 50%');
    expect(text.indexOf('火星')).toBeLessThan(text.indexOf('会议开了多久'));
  });

  it('drops lines past the retention period', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qlog-'));
    const path = join(dir, 'q.jsonl');
    writeFileSync(path, [entry('2025-01-01T00:00:00Z', '旧问题？', 'answered'), entry('2026-01-09T00:00:00Z', '新问题？', 'answered')].map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n');
    const log = new QuestionLog(path, 30, () => new Date('2026-01-10T00:00:00Z'));
    await log.append(entry('2026-01-10T00:00:00Z', '今天？', 'answered'));
    expect(readQuestionLog(path).map((e) => e.question)).toEqual(['新问题？', '今天？']);
  });

  it('records every chat question without user names or ids, and shows /stats to admins only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qlog-'));
    const path = join(dir, 'q.jsonl');
    const h = harness({ config: { questionLog: { path, retentionDays: 30 } } });
    await h.send(updates.text(USER, '满意度？'));
    await h.send(updates.text(USER, '火星有多远？'));
    await h.send(updates.text(USER + 1, '火星有多远？'));
    await new Promise((r) => setTimeout(r, 50));
    const raw = readFileSync(path, 'utf8');
    expect(raw).not.toContain(String(USER));
    const lines = readQuestionLog(path);
    expect(lines.map((l) => [l.question, l.outcome, l.chat])).toEqual([
      ['满意度？', 'answered', 'private'],
      ['火星有多远？', 'not-in-documents', 'private'],
      ['火星有多远？', 'not-in-documents', 'private'],
    ]);
    expect(lines[0].topDocument).toBe('a');
    expect(lines[1].reason).toBe('weak-match');

    await h.send(updates.text(USER, '/stats'));
    expect(h.replies().at(-1)!.text).toBe('只有管理员可以使用这个功能。');
    await h.send(updates.text(ADMIN, '/stats'));
    const stats = h.replies().at(-1)!.text as string;
    expect(stats).toContain('今天：3 个问题；已回答 33%');
    expect(stats).toContain('1. 火星有多远？（2 次，文档中没有）');
  });
});
