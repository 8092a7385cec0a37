/**
 * `npm run stats [-- --json] [--log FILE]`: what users asked, from the question log (QUESTION_LOG,
 * default var/questions.jsonl): questions today and in the last 7 days (UTC), the share answered /
 * without a direct answer / not in the documents, and the most frequent unanswered questions first.
 * The same figures as the bot's /stats (which, with REDIS_URL, sums all instances).
 */
import { parseArgs } from 'node:util';
import { loadEnvFile, toolSettings } from './args.js';
import { formatStats, readQuestionLog, summarize } from '../ops/question-log.js';

loadEnvFile();
const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, log: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write('usage: npm run stats -- [--json] [--log FILE]   (default: QUESTION_LOG, var/questions.jsonl)\n');
  process.exit(0);
}
const path = values.log ?? toolSettings().questionLog?.path;
if (!path) {
  process.stderr.write('error: the question log is off (QUESTION_LOG=off); pass --log FILE to read one\n');
  process.exit(2);
}
const entries = readQuestionLog(path);
const stats = summarize(entries, new Date());
if (values.json) process.stdout.write(JSON.stringify({ log: path, ...stats }) + '\n');
else process.stdout.write(`${entries.length ? '' : `(no questions in ${path})\n`}${formatStats(stats)}\n`);
