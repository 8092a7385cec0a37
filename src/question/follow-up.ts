/**
 * Follow-up questions in one chat: 他/她 refer to the last answer's person, 该会议/那次会议 to its
 * event, 那篇文章/这篇报道 to its document. The state is plain data (it lives in a grammY session).
 */
import type { Citation, Fact } from '../types.js';
import type { AnalyzedQuestion } from './analyze.js';
import { toSimplified } from '../text/script.js';

export interface ChatState {
  lastPerson?: string;
  lastEvent?: string;
  lastDocId?: string;
}

/**
 * What follow-up resolution needs to know about the documents: whether a remembered document is still
 * there (after a /reload it may not be). Declared here and satisfied by the knowledge base, so `question`
 * depends on nothing above it.
 */
export interface KnownDocuments {
  docById: { has(docId: string): boolean };
}

export interface ResolvedQuestion {
  question: string;
  /** The document a 那篇文章-style reference points at. */
  preferDocId?: string;
}

// 他/她 as a pronoun, not inside 其他/他们/她们/他人.
const PERSON_PRONOUN = /(?<![其])(他|她)(?![们人])/g;
const EVENT_REFERENCE = /(该|这次|那次|这个|那个|此次|本次)(会议|会|活动|发布会)/g;
const DOC_REFERENCE = /(那篇|这篇|该|此|上一篇|刚才那篇)(文章|报道|新闻|稿件|文档|文)/;

export function resolveFollowUp(question: string, state: ChatState, documents: KnownDocuments): ResolvedQuestion {
  // References are resolved in the Simplified matching form; the asker's script is read from the
  // original question by the caller.
  const simplified = toSimplified(question);
  let q = simplified;
  if (state.lastPerson) q = q.replace(PERSON_PRONOUN, state.lastPerson);
  if (state.lastEvent) q = q.replace(EVENT_REFERENCE, state.lastEvent);
  const preferDocId = state.lastDocId && documents.docById.has(state.lastDocId) && DOC_REFERENCE.test(simplified) ? state.lastDocId : undefined;
  return { question: q === simplified ? question : q, preferDocId };
}

/** Remember what the answer was about, for the next question in the chat. */
export function rememberAnswer(state: ChatState, q: AnalyzedQuestion, facts: Fact[], citations: Citation[]): void {
  const person = facts.find((f) => f.type === 'person')?.value ?? q.terms.find((t) => t.tag === 'nr' && t.inCorpus)?.text;
  if (person) state.lastPerson = person;
  const event = facts.find((f) => f.event && f.event !== '发布')?.event ?? q.terms.find((t) => /会议?$/.test(t.text) && t.inCorpus)?.text;
  if (event) state.lastEvent = event;
  if (citations[0]) state.lastDocId = citations[0].docId;
}
