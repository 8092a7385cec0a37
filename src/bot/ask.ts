/**
 * Asking the engine from the bot: an engine exception (AnswerEngine.ask attaches it to the Answer as
 * a non-enumerable `error` and returns reason "error"; a fake engine may throw) is logged with the
 * question — never a token: the logger scrubs it — and counted; every question from a chat is
 * recorded for the operator (question log, /stats). A knowledge store that cannot be reached
 * (StoreUnavailableError) is not the engine's fault: it is rethrown, and the error boundary
 * (create-bot.ts) tells the user so in one line.
 */
import type { Answer } from '../types.js';
import type { ChatState } from '../answer/engine.js';
import { answerPassages } from '../render/html.js';
import { outcomeOf, type ChatKind } from '../ops/question-log.js';
import type { BotServices } from './context.js';
import { libraryOf } from './library.js';
import { StoreUnavailableError } from '../knowledge/postgres/store.js';

export async function askEngine(s: BotServices, question: string, state: ChatState, chat: ChatKind, record = true): Promise<Answer> {
  let answer: Answer;
  let error: unknown;
  try {
    answer = await libraryOf(s.corpus.current).ask(question, state);
    error = (answer as Answer & { error?: unknown }).error;
  } catch (thrown) {
    if (thrown instanceof StoreUnavailableError) throw thrown;
    error = thrown;
    answer = { question, answered: false, answer: null, type: 'unknown', script: 'hans', facts: [], citations: [], nearest: [], reason: 'error' };
  }
  if (answer.reason === 'error' || error !== undefined) {
    s.logger.error({ err: error, question, chat }, 'the engine failed on a question');
    if (record) s.questions.record({ ts: s.now().toISOString(), chat, question, outcome: 'not-in-documents', reason: 'error' });
    else s.questions.errors++;
    return answer;
  }
  if (record) {
    s.questions.record({
      ts: s.now().toISOString(),
      chat,
      question,
      outcome: outcomeOf(answer),
      ...(answer.reason ? { reason: answer.reason } : {}),
      ...(answerPassages(answer)[0] ? { topDocument: answerPassages(answer)[0].docId } : {}),
    });
  }
  return answer;
}
