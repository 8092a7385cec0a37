/**
 * `npm start`: the Telegram bot when BOT_TOKEN is set, otherwise a terminal chat over the same core.
 */
import { corpusDir, loadCorpusOrExit, loadEnvFile } from './args.js';
import { runTerminalChat } from './chat.js';

loadEnvFile();
if (process.env.BOT_TOKEN) {
  const { loadConfig } = await import('../config/settings.js');
  const { runBot } = await import('../bot/run.js');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // Settings are validated once, here at the edge: print what is wrong, no stack trace.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  await runBot(config);
} else {
  const corpus = await loadCorpusOrExit(corpusDir());
  if (process.stdin.isTTY) process.stderr.write('BOT_TOKEN is not set: starting the terminal chat (see README to run the Telegram bot).\n');
  await runTerminalChat(corpus);
}
