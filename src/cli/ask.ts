/**
 * `npm run ask -- [--json] [--corpus DIR] [QUESTION...]`
 * With a question argument: answers it. Without: answers each line of standard input, in order,
 * one output per line (--json: one JSON object a line), with the index built once.
 */
import { parseArgs } from 'node:util';
import { corpusDir, loadEnvFile, openAsker, stdinLines } from './args.js';
import { renderAnswerText } from '../render/text.js';
import type { ChatState } from '../answer/engine.js';

loadEnvFile();
const { values, positionals } = parseArgs({
  options: { json: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false }, corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help) {
  process.stdout.write('usage: npm run ask -- [--json] [--explain] [--corpus DIR] ["问题"]   (no question: one question a line on stdin; --explain: the candidates considered, on stderr)\n');
  process.exit(0);
}

// STORE=postgres: answered from the PostgreSQL store (README "Settings"), else from the corpus folder.
const asker = await openAsker(corpusDir(values.corpus));
// Questions piped in one batch are independent: no follow-up state carries between them.
const answerLine = async (question: string) => {
  const state: ChatState = {};
  try {
    const answer = await asker.ask(question, state);
    if (values.explain) process.stderr.write(JSON.stringify(asker.explain?.(question) ?? null, null, 1) + '\n');
    return values.json ? JSON.stringify(answer) : renderAnswerText(answer) + '\n';
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    await asker.close().catch(() => undefined);
    process.exit(2);
  }
};

if (positionals.length) {
  process.stdout.write((await answerLine(positionals.join(' '))) + '\n');
} else {
  for await (const line of stdinLines()) process.stdout.write((await answerLine(line)) + '\n');
}
await asker.close();
