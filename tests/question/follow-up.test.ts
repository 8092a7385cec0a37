import { describe, expect, it } from 'vitest';
import { resolveFollowUp, type ChatState, type KnownDocuments } from '../../src/question/follow-up.js';

// Only what follow-up resolution needs of the documents: the question layer does not know the knowledge base.
const known = (...ids: string[]): KnownDocuments => ({ docById: new Set(ids) });

describe('resolveFollowUp', () => {
  it('puts the last person for 他/她, not inside 其他/他们', () => {
    const state: ChatState = { lastPerson: '李友' };
    expect(resolveFollowUp('他担任什么职务？', state, known()).question).toBe('李友担任什么职务？');
    expect(resolveFollowUp('其他人呢？', state, known()).question).toBe('其他人呢？');
    expect(resolveFollowUp('他们在哪里？', state, known()).question).toBe('他们在哪里？');
  });

  it('puts the last event for 该会议/那次会议', () => {
    const state: ChatState = { lastEvent: '新闻发布会' };
    expect(resolveFollowUp('那次会议在哪里召开？', state, known()).question).toBe('新闻发布会在哪里召开？');
  });

  it('keeps the question as asked (script included) when nothing is resolved', () => {
    expect(resolveFollowUp('這篇報導的作者是誰？', {}, known('a')).question).toBe('這篇報導的作者是誰？');
  });

  it('prefers the last document for 那篇文章 only while that document still exists', () => {
    const state: ChatState = { lastDocId: 'a' };
    expect(resolveFollowUp('那篇文章的作者是谁？', state, known('a', 'b')).preferDocId).toBe('a');
    expect(resolveFollowUp('那篇文章的作者是谁？', state, known('b')).preferDocId).toBeUndefined();
    expect(resolveFollowUp('作者是谁？', state, known('a')).preferDocId).toBeUndefined();
  });
});
