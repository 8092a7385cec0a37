/**
 * Shared command-line plumbing: corpus location, environment file, loading with problems reported.
 */
import { existsSync } from 'node:fs';
import { loadCorpus, type LoadedCorpus } from '../answer/corpus.js';
import { EmptyCorpusError } from '../knowledge/load.js';

/** Read .env when present (Node's own loader; no dependency). */
export function loadEnvFile(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

export function corpusDir(flag?: string): string {
  return flag || process.env.CORPUS_DIR || 'corpus';
}

/** Load the corpus or exit with a clear message (never a stack trace for an operator's mistake). */
export async function loadCorpusOrExit(dir: string): Promise<LoadedCorpus> {
  try {
    const loaded = await loadCorpus(dir);
    for (const p of loaded.problems) process.stderr.write(`${p.kept ? 'warning' : 'skipped'} ${p.path}: ${p.reason}\n`);
    return loaded;
  } catch (error) {
    const message = error instanceof EmptyCorpusError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(2);
  }
}

/** Lines of standard input, as they arrive. */
export async function* stdinLines(): AsyncGenerator<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}
