/**
 * The in-process knowledge store answers the interface from the knowledge base it wraps: what the
 * answer layer used to read off the knowledge base directly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { MemoryStore, paragraphAround } from '../../src/knowledge/store.js';

let kb: KnowledgeBase;
let store: MemoryStore;
beforeAll(async () => {
  kb = (await loadKnowledgeBase('tests/fixtures/news', { cacheFile: false })).kb;
  store = new MemoryStore(kb);
});

describe('MemoryStore', () => {
  it('gives sentences, documents and paragraphs of the knowledge base', () => {
    expect(store.sentenceCount).toBe(kb.sentences.length);
    expect(store.sentence(3)).toBe(kb.sentences[3]);
    expect(store.sentence(kb.sentences.length)).toBeUndefined();
    const doc = kb.documents[0];
    expect(store.document(doc.meta.id)).toBe(doc.meta);
    expect(store.documents().map((m) => m.id)).toEqual(kb.documents.map((d) => d.meta.id));
    expect(store.sentenceIdsOf(doc.meta.id)).toEqual(kb.sentences.filter((s) => s.docId === doc.meta.id).map((s) => s.id));
    const s = kb.sentences[1];
    const paragraph = kb.sentences.filter((o) => o.docId === s.docId && o.paragraph === s.paragraph);
    expect(store.paragraphText(s)).toBe(paragraph.map((o) => o.simplified).join(''));
  });

  it('counts and finds text in the corpus text', () => {
    const word = kb.sentences[0].simplified.slice(0, 2);
    expect(store.includes(word)).toBe(true);
    expect(store.includes('火星殖民地')).toBe(false);
    const occurrences = kb.corpusText.split(word).length - 1;
    expect(store.countInCorpus(word, 1e9)).toBe(occurrences);
    expect(store.countInCorpus(word, 1)).toBe(1);
    expect(store.sentencesContaining(word).every((x) => x.simplified.includes(word))).toBe(true);
    expect(store.test(/铁岭/)).toBe(kb.corpusText.includes('铁岭'));
  });

  it('gives facts by sentence, document, type and value', () => {
    const f = kb.facts.find((x) => x.type === 'person')!;
    expect(store.factsOfSentence(f.sentenceId)).toContain(f);
    expect(store.factsOfDocument(f.docId)).toContain(f);
    expect(store.factsNamedIn('person', `请问${f.value}是谁`)).toContain(f);
    expect(store.factsNamedIn('person', '无名氏')).toEqual([]);
    expect(store.isFactValue(['person'], f.value)).toBe(true);
    expect(store.isFactValue(['place'], f.value)).toBe(kb.facts.some((x) => x.type === 'place' && x.value === f.value));
    expect(store.factsOfType('person').length).toBe(kb.facts.filter((x) => x.type === 'person').length);
  });

  it('walks a paragraph out from any of its sentences, and stops at a gap', () => {
    const sentences = [0, 1, 2].map((id) => ({ id, docId: 'd', paragraph: id === 2 ? 1 : 0, position: id, text: `句${id}`, simplified: `句${id}` }));
    expect(paragraphAround(sentences[1], (id) => sentences[id])).toBe('句0句1');
    expect(paragraphAround(sentences[2], (id) => sentences[id])).toBe('句2');
    expect(paragraphAround(sentences[0], (id) => (id === 0 ? sentences[0] : undefined))).toBe('句0');
  });
});
