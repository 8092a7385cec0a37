/**
 * The bot's context and session shapes, and the services every feature is built with.
 */
import type { Context, SessionFlavor } from 'grammy';
import type { ChatState } from '../answer/engine.js';
import type { Citation, Script } from '../types.js';
import type { Config } from '../config/settings.js';
import type { Logger } from '../logger.js';
import type { CorpusHolder } from './corpus.js';
import type { FeedbackLog } from './feedback.js';
import type { QuestionRecorder } from './stats.js';

/** A passage as kept in the session: enough to show it again and to log it, even after a reload. */
export type StoredPassage = Pick<Citation, 'docId' | 'sentenceId' | 'title' | 'source' | 'published' | 'sentence'>;

/** The key data of one answer, for its buttons (callback data only carries the short id). */
export interface AnswerRecord {
  /** Short id, unique within the chat (base 36 counter). */
  id: string;
  question: string;
  answer: string | null;
  answered: boolean;
  script: Script;
  /** Citations then nearest passages, in order. */
  passages: StoredPassage[];
  /** How many passages have been shown so far. */
  shown: number;
  rated?: 'up' | 'down';
}

export interface SessionData {
  /** Follow-up memory of the answering core (他/她/该会议/那篇文章). */
  state: ChatState;
  /** The last answers of the chat, newest last, at most MAX_STORED_ANSWERS. */
  answers: AnswerRecord[];
  /** Counter behind AnswerRecord ids. */
  seq: number;
  /** Script of the chat's last question: commands answer in it. */
  script?: Script;
}

/** How many answers per chat keep working buttons. Bounded so a session stays small (Redis). */
export const MAX_STORED_ANSWERS = 8;
/** Passages kept per answer (citations + nearest). */
export const MAX_STORED_PASSAGES = 10;

export function initialSession(): SessionData {
  return { state: {}, answers: [], seq: 0 };
}

export type BotContext = Context & SessionFlavor<SessionData>;

/** Downloads a file Telegram stored (getFile's file_path); at most maxBytes, else throws. */
export type FileDownloader = (filePath: string, maxBytes: number) => Promise<Uint8Array>;

export interface BotServices {
  config: Config;
  corpus: CorpusHolder;
  logger: Logger;
  feedback: FeedbackLog;
  /** Question log and counters (/stats). */
  questions: QuestionRecorder;
  now: () => Date;
  download: FileDownloader;
}
