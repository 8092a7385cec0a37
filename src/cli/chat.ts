/**
 * The terminal chat: the same conversation the bot offers, over standard input/output.
 * Interactive on a terminal (prompt, /help, /docs, /facts, /quit); piped, it answers each line and
 * exits at end of input. One chat, so follow-ups (他/该会议/那篇文章) work across lines.
 */
import { createInterface } from 'node:readline';
import type { LoadedCorpus } from '../answer/corpus.js';
import type { ChatState } from '../answer/engine.js';
import { renderAnswerText, describeFactLine } from '../render/text.js';

const HELP = ['直接输入问题，例如：文档里提到了哪些人？ / 直接輸入問題（繁體亦可）。', '命令：/docs 文档列表  /facts 提取的事实  /help 帮助  /quit 退出'].join('\n');

export function chatCommand(line: string, corpus: LoadedCorpus): string | null {
  const cmd = line.trim().split(/\s+/)[0];
  switch (cmd) {
    case '/help':
    case '/start':
      return `${corpus.kb.documents.length} 篇文档，${corpus.kb.sentences.length} 个句子。\n${HELP}`;
    case '/docs':
      return corpus.kb.documents.map((d, i) => `${i + 1}. ${d.meta.title}  ${[d.meta.source, d.meta.published?.replace('T', ' ')].filter(Boolean).join('  ')}`).join('\n');
    case '/facts':
      return corpus.kb.facts.map((f) => `· ${describeFactLine(f, 'hans')}`).join('\n') || '没有提取到事实。';
    default:
      return null;
  }
}

/** The answer as text; an engine failure (reason "error", the exception attached to the answer) is said so and shown on stderr. */
function answerText(corpus: LoadedCorpus, question: string, state: ChatState): string {
  const answer = corpus.engine.ask(question, state);
  if (answer.reason !== 'error') return renderAnswerText(answer);
  const error = (answer as { error?: unknown }).error;
  process.stderr.write(`error: the engine failed on this question: ${error instanceof Error ? error.message : String(error)}\n`);
  return '抱歉，处理这个问题时出错了。';
}

export async function runTerminalChat(corpus: LoadedCorpus, input = process.stdin, output = process.stdout): Promise<void> {
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, crlfDelay: Infinity });
  const state: ChatState = {};
  if (interactive) {
    output.write(`${chatCommand('/help', corpus)}\n`);
    rl.setPrompt('问> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) output.write((chatCommand(text, corpus) ?? answerText(corpus, text, state)) + '\n\n');
    if (interactive) rl.prompt();
  }
  rl.close();
}
