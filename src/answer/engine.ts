/**
 * The answering core: question in, Answer out. The bot, the terminal chat, the JSON CLI and the
 * benchmark all call this and nothing else.
 */
import type { Answer } from '../types.js';
import type { KnowledgeBase } from './knowledge-base.js';

/** Per-chat memory for follow-ups (他/她/该会议/那篇文章). Plain data so it can live in a grammY session. */
export interface ChatState {
  lastPerson?: string;
  lastEvent?: string;
  lastDocId?: string;
}

export class AnswerEngine {
  constructor(readonly kb: KnowledgeBase) {}

  /** Answer one question. `state` is read for follow-ups and updated in place. Never throws on any input. */
  ask(question: string, state: ChatState = {}): Answer {
    void state;
    return { question, answered: false, answer: null, type: 'unknown', script: 'hans', facts: [], citations: [], nearest: [], reason: 'weak-match' };
  }
}
