/**
 * The operator's view of what users ask: a local question log (JSON lines) and the statistics
 * /stats and `npm run stats` print from it. Store-agnostic: nothing here knows about Telegram or
 * Redis (bot/stats.ts adds shared counters in Redis for several instances).
 *
 * One line per question: {"ts","chat","question","outcome","reason","topDocument"}; no user names
 * or ids. Lines older than the retention period are dropped at start and once a day.
 * Outcomes: "answered"; "no-direct-answer" (answered:false with reason no-direct-answer: the
 * documents have passages about it, but no short answer was certain enough); "not-in-documents"
 * (every other reason: the documents do not say, or the question could not be used).
 */
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const OUTCOMES = ['answered', 'no-direct-answer', 'not-in-documents'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type ChatKind = 'private' | 'group' | 'supergroup' | 'channel' | 'inline' | 'terminal';

export interface QuestionLogEntry {
  /** ISO 8601, UTC. */
  ts: string;
  chat: ChatKind;
  question: string;
  outcome: Outcome;
  /** The answer's reason when not answered (see README "ask --json contract"). */
  reason?: string;
  /** Id of the first cited (or nearest) document. */
  topDocument?: string;
}

export function outcomeOf(answer: { answered: boolean; reason?: string }): Outcome {
  if (answer.answered) return 'answered';
  return answer.reason === 'no-direct-answer' ? 'no-direct-answer' : 'not-in-documents';
}

const DAY_MS = 24 * 3600 * 1000;

/** A question as counted among the most frequent: spacing, width and case do not make two questions. */
export function questionKey(question: string): string {
  return question.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Appends lines in order (queued), and drops lines past the retention period. */
export class QuestionLog {
  private queue: Promise<void> = Promise.resolve();
  private lastPrune = 0;

  constructor(
    readonly path: string,
    readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(entry: QuestionLogEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    return this.enqueue(async () => {
      if (this.now().getTime() - this.lastPrune > DAY_MS) await this.pruneNow();
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, line, 'utf8');
    });
  }

  /** Drop lines older than the retention period (rewrites the file atomically). */
  prune(): Promise<void> {
    return this.enqueue(() => this.pruneNow());
  }

  private async pruneNow(): Promise<void> {
    this.lastPrune = this.now().getTime();
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return;
    }
    const cutoff = this.lastPrune - this.retentionDays * DAY_MS;
    const lines = text.split('\n').filter(Boolean);
    const kept = lines.filter((l) => {
      const e = parseLine(l);
      return e !== undefined && Date.parse(e.ts) >= cutoff;
    });
    if (kept.length === lines.length) return;
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, kept.length ? kept.join('\n') + '\n' : '', 'utf8');
    await rename(temp, this.path);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parseLine(line: string): QuestionLogEntry | undefined {
  try {
    const e = JSON.parse(line) as QuestionLogEntry;
    return typeof e.ts === 'string' && typeof e.question === 'string' && (OUTCOMES as readonly string[]).includes(e.outcome) ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Every well-formed entry of a log file (none when it does not exist). */
export function readQuestionLog(path: string): QuestionLogEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map(parseLine)
    .filter((e): e is QuestionLogEntry => e !== undefined);
}

export interface PeriodStats {
  questions: number;
  byOutcome: Record<Outcome, number>;
}

export interface QuestionStats {
  today: PeriodStats;
  week: PeriodStats;
  /** Most frequent not-answered questions of the last 7 days (both unanswered outcomes), most first. */
  unanswered: { question: string; count: number; outcome: Outcome }[];
  /** Engine errors in the last 7 days (reason "error"). */
  errors: number;
}

/** How many frequent unanswered questions /stats lists. */
export const TOP_UNANSWERED = 10;

/** UTC day of a time, "2026-01-02". */
export function dayOf(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The last 7 UTC days, today first. */
export function lastDays(now: Date, n = 7): string[] {
  return Array.from({ length: n }, (_, i) => dayOf(now.getTime() - i * DAY_MS));
}

const emptyPeriod = (): PeriodStats => ({ questions: 0, byOutcome: { answered: 0, 'no-direct-answer': 0, 'not-in-documents': 0 } });

/** Statistics of today and the last 7 days (UTC days) from log entries. */
export function summarize(entries: Iterable<QuestionLogEntry>, now: Date, top = TOP_UNANSWERED): QuestionStats {
  const days = new Set(lastDays(now));
  const today = dayOf(now);
  const stats: QuestionStats = { today: emptyPeriod(), week: emptyPeriod(), unanswered: [], errors: 0 };
  const counts = new Map<string, { question: string; count: number; outcome: Outcome }>();
  for (const e of entries) {
    const day = e.ts.slice(0, 10);
    if (!days.has(day)) continue;
    stats.week.questions++;
    stats.week.byOutcome[e.outcome]++;
    if (day === today) {
      stats.today.questions++;
      stats.today.byOutcome[e.outcome]++;
    }
    if (e.reason === 'error') stats.errors++;
    if (e.outcome !== 'answered') {
      const key = questionKey(e.question);
      const c = counts.get(key) ?? { question: e.question.trim(), count: 0, outcome: e.outcome };
      c.count++;
      c.outcome = e.outcome;
      counts.set(key, c);
    }
  }
  stats.unanswered = [...counts.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question)).slice(0, top);
  return stats;
}

const percent = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '—');

/** Statistics as plain text (Chinese labels, as the bot speaks), for /stats and `npm run stats`. */
export function formatStats(stats: QuestionStats): string {
  const period = (label: string, p: PeriodStats) =>
    `${label}：${p.questions} 个问题；已回答 ${percent(p.byOutcome.answered, p.questions)}，无直接答案 ${percent(p.byOutcome['no-direct-answer'], p.questions)}，文档中没有 ${percent(p.byOutcome['not-in-documents'], p.questions)}`;
  const lines = ['问题统计（UTC 日期）', period('今天', stats.today), period('最近 7 天', stats.week)];
  if (stats.errors) lines.push(`处理出错：${stats.errors} 次（见日志）`);
  lines.push('', stats.unanswered.length ? '最常见的未回答问题（最近 7 天）：' : '最近 7 天没有未回答的问题。');
  stats.unanswered.forEach((u, i) => {
    lines.push(`${i + 1}. ${u.question}（${u.count} 次，${u.outcome === 'no-direct-answer' ? '无直接答案' : '文档中没有'}）`);
  });
  return lines.join('\n');
}
