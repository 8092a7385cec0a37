/**
 * Recording questions for the operator: every answered or declined question goes to the local
 * question log (ops/question-log.ts) and, with REDIS_URL, to counters shared by all instances
 * (per UTC day: a hash of outcomes and errors, a sorted set of unanswered questions; kept 8 days).
 * /stats reads the shared counters when Redis answers, else the local log.
 */
import { dayOf, lastDays, OUTCOMES, questionKey, readQuestionLog, summarize, TOP_UNANSWERED, type Outcome, type QuestionLog, type QuestionLogEntry, type QuestionStats } from '../ops/question-log.js';
import type { Logger } from '../logger.js';
import type { RedisGuard } from './redis.js';

/** Shared counters live this long (the 7 days /stats shows, plus one). */
const COUNTER_TTL_SECONDS = 8 * 24 * 3600;
/** Unanswered questions read per day from Redis before merging the top ones. */
const UNANSWERED_PER_DAY = 100;

const countsKey = (day: string) => `qa:stats:${day}`;
const unansweredKey = (day: string) => `qa:unanswered:${day}`;
const outcomeKey = (day: string) => `qa:unanswered-outcome:${day}`;

export class QuestionRecorder {
  private warned = false;
  /** Engine errors since start (also in the log and the shared counters). */
  errors = 0;

  constructor(
    private readonly log: QuestionLog | undefined,
    private readonly logger: Logger,
    private readonly guard?: RedisGuard,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Record one question; never throws (the answer is already on its way). */
  record(entry: QuestionLogEntry): void {
    if (entry.reason === 'error') this.errors++;
    this.log?.append(entry).catch((error) => {
      if (this.warned) return;
      this.warned = true;
      this.logger.warn({ err: error, path: this.log?.path }, 'question log not writable; questions are not logged locally');
    });
    const guard = this.guard;
    if (!guard) return;
    const day = entry.ts.slice(0, 10);
    void guard.attempt(async () => {
      const m = guard.redis.multi().hincrby(countsKey(day), entry.outcome, 1);
      if (entry.reason === 'error') m.hincrby(countsKey(day), 'error', 1);
      if (entry.outcome !== 'answered') {
        const key = questionKey(entry.question);
        m.zincrby(unansweredKey(day), 1, key).hset(outcomeKey(day), key, entry.outcome).expire(unansweredKey(day), COUNTER_TTL_SECONDS).expire(outcomeKey(day), COUNTER_TTL_SECONDS);
      }
      await m.expire(countsKey(day), COUNTER_TTL_SECONDS).exec();
    });
  }

  /** Statistics: shared ones from Redis when it answers, else from the local log. */
  async stats(): Promise<QuestionStats & { source: 'redis' | 'log' | 'none' }> {
    const now = this.now();
    if (this.guard?.usable) {
      const shared = await this.guard.attempt(() => this.fromRedis(now));
      if (shared.ok) return { ...shared.value, source: 'redis' };
    }
    if (!this.log) return { ...summarize([], now), source: 'none' };
    return { ...summarize(readQuestionLog(this.log.path), now), source: 'log' };
  }

  private async fromRedis(now: Date): Promise<QuestionStats> {
    const redis = this.guard!.redis;
    const days = lastDays(now);
    const m = redis.multi();
    for (const day of days)
      m.hgetall(countsKey(day))
        .zrevrange(unansweredKey(day), 0, UNANSWERED_PER_DAY - 1, 'WITHSCORES')
        .hgetall(outcomeKey(day));
    const replies = (await m.exec()) ?? [];
    const stats = summarize([], now);
    const merged = new Map<string, { question: string; count: number; outcome: Outcome }>();
    days.forEach((day, i) => {
      const [counts, top, outcomes] = [replies[i * 3]?.[1], replies[i * 3 + 1]?.[1], replies[i * 3 + 2]?.[1]] as [Record<string, string>, string[], Record<string, string>];
      for (const outcome of OUTCOMES) {
        const n = Number(counts?.[outcome] ?? 0);
        stats.week.questions += n;
        stats.week.byOutcome[outcome] += n;
        if (day === dayOf(now)) {
          stats.today.questions += n;
          stats.today.byOutcome[outcome] += n;
        }
      }
      stats.errors += Number(counts?.error ?? 0);
      for (let j = 0; j + 1 < (top ?? []).length; j += 2) {
        const question = top[j];
        const c = merged.get(question) ?? { question, count: 0, outcome: (outcomes?.[question] as Outcome) ?? 'not-in-documents' };
        c.count += Number(top[j + 1]);
        merged.set(question, c);
      }
    });
    stats.unanswered = [...merged.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question)).slice(0, TOP_UNANSWERED);
    return stats;
  }
}
