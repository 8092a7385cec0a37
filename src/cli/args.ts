/**
 * Shared command-line plumbing: corpus location, environment file, loading with problems reported.
 */
import { existsSync } from 'node:fs';
import { loadCorpus, type LoadedCorpus } from '../answer/corpus.js';
import { EmptyCorpusError } from '../knowledge/load.js';
import { ConfigError, loadToolSettings, type Config } from '../config/settings.js';
import { PostgresStore } from '../knowledge/postgres/store.js';
import { Answerer } from '../answer/answerer.js';
import type { ChatState, Explanation } from '../answer/engine.js';
import type { Answer } from '../types.js';

/** Read .env when present (Node's own loader; no dependency). */
export function loadEnvFile(): void {
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** The tools' settings (CORPUS_DIR, KB_CACHE, BENCH_DIR…) from the one schema, or exit with its one-line messages. */
export function toolSettings(env: NodeJS.ProcessEnv = process.env): ReturnType<typeof loadToolSettings> {
  try {
    return loadToolSettings(env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

export function corpusDir(flag?: string): string {
  return flag || toolSettings().corpusDir;
}

/** loadCorpus options from the settings (KB_CACHE=off: no persisted knowledge base). */
export function cacheOptions(settings: Pick<Config, 'kbCache'> = toolSettings()): { cacheFile?: false } {
  return settings.kbCache === false ? { cacheFile: false } : {};
}

/** Load the corpus or exit with a clear message (never a stack trace for an operator's mistake). */
export async function loadCorpusOrExit(dir: string): Promise<LoadedCorpus> {
  try {
    const loaded = await loadCorpus(dir, cacheOptions());
    for (const p of loaded.problems) process.stderr.write(`${p.kept ? 'warning' : 'skipped'} ${p.path}: ${p.reason}\n`);
    return loaded;
  } catch (error) {
    const message = error instanceof EmptyCorpusError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(2);
  }
}

/** What the question tools ask: the engine over the corpus folder, or the PostgreSQL store (STORE). */
export interface ToolAsker {
  ask(question: string, state: ChatState): Promise<Answer>;
  /** ask --explain: the candidates considered (the in-process store only). */
  explain?(question: string): Explanation | null;
  close(): Promise<void>;
}

/**
 * The asker the settings choose: memory (the corpus folder, built or loaded from its cache) or the
 * PostgreSQL store (filled by `npm run store -- sync`). Exits with one line when it cannot be opened.
 */
export async function openAsker(dir: string): Promise<ToolAsker> {
  const store = toolSettings().store ?? { kind: 'memory' };
  if (store.kind === 'memory') {
    const { engine } = await loadCorpusOrExit(dir);
    return { ask: async (q, state) => engine.ask(q, state), explain: (q) => engine.explain(q), close: async () => undefined };
  }
  try {
    const pgStore = await PostgresStore.open(store.url);
    if (!pgStore.sentenceCount) process.stderr.write(`warning: the PostgreSQL store at ${pgStore.where} is empty (fill it with npm run store -- sync)\n`);
    const answerer = new Answerer(pgStore);
    return { ask: (q, state) => answerer.ask(q, state), close: () => pgStore.close() };
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

/** Lines of standard input, as they arrive. */
export async function* stdinLines(): AsyncGenerator<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) yield line;
}
