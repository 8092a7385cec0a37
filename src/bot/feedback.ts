/**
 * 👍/👎 feedback: one JSON object per line, appended to a file an operator can read with any tool
 * (`tail -f var/feedback.jsonl | jq .`). Appends are queued so lines never interleave.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackEntry {
  /** ISO 8601 time of the button press. */
  ts: string;
  chatId?: number;
  userId?: number;
  rating: 'up' | 'down';
  question: string;
  answer: string | null;
  answered: boolean;
  citations: { docId: string; title: string; sentence: string }[];
}

export class FeedbackLog {
  private queue: Promise<void> = Promise.resolve();
  private ready?: Promise<unknown>;

  constructor(readonly path: string) {}

  append(entry: FeedbackEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    const next = this.queue.then(async () => {
      this.ready ??= mkdir(dirname(this.path), { recursive: true }).catch((error) => {
        this.ready = undefined;
        throw error;
      });
      await this.ready;
      await appendFile(this.path, line, 'utf8');
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
