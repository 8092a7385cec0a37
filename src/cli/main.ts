/**
 * `npm start`: the Telegram bot when BOT_TOKEN is set, otherwise a terminal chat over the same core.
 *
 * Every start error is one line naming what to fix (bad settings: one line per variable), exit code 1,
 * no stack trace unless LOG_LEVEL=debug or trace. SIGINT/SIGTERM stop the bot gracefully; should a
 * stop ever take longer than HARD_STOP_MS, the process exits anyway.
 */
import { loadEnvFile } from './args.js';
import { ConfigError, loadConfig, wantsStackTraces, type Config } from '../config/settings.js';

/** The process ends within this long after SIGINT/SIGTERM, whatever it was doing. */
export const HARD_STOP_MS = 14_000;

function fail(error: unknown, config?: Pick<Config, 'logLevel'>): never {
  const verbose = config ? config.logLevel === 'debug' || config.logLevel === 'trace' : wantsStackTraces(process.env);
  const message = error instanceof Error ? error.message : String(error);
  // A ConfigError lists one line per variable; anything else is kept to its first line.
  const text = error instanceof ConfigError ? message : `error: ${message.split('\n')[0]}`;
  process.stderr.write(`${text}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

try {
  loadEnvFile();
} catch (error) {
  fail(new Error(`.env could not be read (${error instanceof Error ? error.message : String(error)})`));
}

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(error);
}

if (config.botToken) {
  const { runBot } = await import('../bot/run.js');
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => {
      setTimeout(() => {
        process.stderr.write(`error: did not stop within ${HARD_STOP_MS / 1000} s of ${name}; exiting\n`);
        process.exit(1);
      }, HARD_STOP_MS).unref();
    });
  }
  try {
    await runBot(config);
  } catch (error) {
    fail(error, config);
  }
  // Nothing may keep a stopped bot alive (a build worker, a reconnecting socket).
  process.exit(0);
} else {
  const { loadCorpusOrExit } = await import('./args.js');
  const { runTerminalChat } = await import('./chat.js');
  const corpus = await loadCorpusOrExit(config.corpusDir);
  if (process.stdin.isTTY) process.stderr.write('BOT_TOKEN is not set: starting the terminal chat (see README to run the Telegram bot).\n');
  await runTerminalChat(corpus);
}
