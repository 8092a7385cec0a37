/**
 * Answering over any knowledge store, in-process or in a server. The in-process store answers at once
 * (AnswerEngine.ask). A server store answers in rounds: the engine runs over a view that answers from
 * what it has fetched and records what it lacked; the view fetches all of that in one batch and the
 * engine runs again, until a run lacked nothing. The last run saw only real data, so its answer is the
 * one the same engine gives in process over the same corpus.
 */
import type { Answer } from '../types.js';
import { readThrough, type KnowledgeStore, type QuestionScopedStore } from '../knowledge/store.js';
import { AnswerEngine, type ChatState } from './engine.js';
import { loadPolicy, type FittedPolicy } from './policy.js';

export class Answerer {
  private readonly engine: AnswerEngine | null;
  private readonly policy: FittedPolicy;

  constructor(
    readonly store: KnowledgeStore | QuestionScopedStore,
    options: { policy?: FittedPolicy } = {},
  ) {
    this.policy = options.policy ?? loadPolicy();
    this.engine = 'view' in store ? null : new AnswerEngine(store, { policy: this.policy });
  }

  /** Answer one question; `state` is read for follow-ups and updated as AnswerEngine.ask does. Rejects when the store cannot be read. */
  async ask(question: string, state: ChatState = {}): Promise<Answer> {
    if (this.engine) return this.engine.ask(question, state);
    // A run over a view that lacks data must leave the chat state alone: each run works on a copy.
    const { answer, attempt } = await readThrough(this.store, (view) => {
      const attempt: ChatState = { ...state };
      return { answer: new AnswerEngine(view, { policy: this.policy }).ask(question, attempt), attempt };
    });
    Object.assign(state, attempt);
    for (const key of Object.keys(state) as (keyof ChatState)[]) if (!(key in attempt)) delete state[key];
    return answer;
  }
}
