/**
 * Answering over any knowledge store, in-process or in a server. The in-process store answers at once
 * (AnswerEngine.ask). A server store answers in rounds: the engine runs over a view that answers from
 * what it has fetched and records what it lacked; the view fetches all of that in one batch and the
 * engine runs again, until a run lacked nothing. The last run saw only real data, so its answer is the
 * one the same engine gives in process over the same corpus.
 */
import type { Answer } from '../types.js';
import type { KnowledgeStore, QuestionScopedStore } from '../knowledge/store.js';
import { AnswerEngine, type ChatState } from './engine.js';
import { loadPolicy, type FittedPolicy } from './policy.js';

/**
 * Most rounds one question may take. Each round after the first is one batch of queries; measured on
 * the seed dev set and DRCD test, questions take 2-4 (the search, its documents, a picker's lookups).
 */
export const MAX_FETCH_ROUNDS = 8;

export class StoreRoundsError extends Error {
  constructor(readonly rounds: number) {
    super(`the knowledge store still lacked data after ${rounds} rounds`);
    this.name = 'StoreRoundsError';
  }
}

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
    const store = this.store as QuestionScopedStore;
    let view = store.view();
    for (let round = 1; round <= MAX_FETCH_ROUNDS; round++, view = view.next()) {
      // A run over a view that lacks data must leave the chat state alone: it works on a copy.
      const attempt: ChatState = { ...state };
      const answer = new AnswerEngine(view, { policy: this.policy }).ask(question, attempt);
      if (!view.incomplete) {
        Object.assign(state, attempt);
        for (const key of Object.keys(state) as (keyof ChatState)[]) if (!(key in attempt)) delete state[key];
        return answer;
      }
      await view.fetchMissing();
    }
    throw new StoreRoundsError(MAX_FETCH_ROUNDS);
  }
}
