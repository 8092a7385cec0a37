/**
 * Cold start and batch wall time of the answering CLI, measured from outside as a user meets them:
 * a fresh `ask --json` process (tsx, dictionary load, corpus read, index build or cache load), the
 * time to its first answer line, and the wall time of a whole question file piped in one batch.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface StartupResult {
  /** Process start to the first answer line, ms. */
  coldStartMs: number;
  /** Process start to exit with all answers, ms. */
  batchWallMs: number;
  questions: number;
  answered: number;
}

/** Questions of a JSONL eval file (`q` field) or a plain text file (one a line). */
export function readQuestions(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.startsWith('{') ? String(JSON.parse(l).q ?? '') : l))
    .filter(Boolean);
}

export function measureStartup(questions: string[], corpusDir?: string): Promise<StartupResult> {
  const args = ['--import', 'tsx', 'src/cli/ask.ts', '--json', ...(corpusDir ? ['--corpus', corpusDir] : [])];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let first = 0;
    let buffer = '';
    const lines: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (!first) first = performance.now() - t0;
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        lines.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`ask exited with ${code}`));
      const answers = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { answered: boolean });
      resolve({ coldStartMs: first, batchWallMs: performance.now() - t0, questions: questions.length, answered: answers.filter((a) => a.answered).length });
    });
    child.stdin.end(questions.join('\n') + '\n');
  });
}
