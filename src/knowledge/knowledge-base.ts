/**
 * The knowledge base: everything answering needs, built once from cleaned documents.
 * documents -> sentences (verbatim + Simplified) -> facts (and their names taught to the segmenter)
 * -> sentence index + term statistics.
 */
import type { CorpusDocument, DocumentMeta, Fact, Sentence } from '../types.js';
import { matchingForm } from '../text/script.js';
import { splitSentences } from '../text/sentences.js';
import { SentenceIndex } from '../index/sentence-index.js';
import { extractFacts } from '../facts/index.js';
import { addUserWord } from '../text/segment.js';

export interface KnowledgeBase {
  documents: CorpusDocument[];
  docById: Map<string, CorpusDocument>;
  sentences: Sentence[];
  /** Sentence ids of each document, in order (for context/neighbours). */
  sentencesByDoc: Map<string, number[]>;
  facts: Fact[];
  index: SentenceIndex;
  /** The whole corpus in matching form (titles + sentences), for "is this term anywhere?" checks. */
  corpusText: string;
}

export function toSentences(documents: CorpusDocument[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const doc of documents) {
    let position = 0;
    doc.paragraphs.forEach((para, paragraph) => {
      for (const text of splitSentences(para)) {
        sentences.push({ id: sentences.length, docId: doc.meta.id, paragraph, position: position++, text, simplified: matchingForm(text) });
      }
    });
  }
  return sentences;
}

export interface BuildOptions {
  /** Skip fact extraction (benchmarks of pure retrieval). */
  facts?: boolean;
  /** Skip the sentence index (tune:spans reads sentences, never searches them). */
  index?: boolean;
}

export function buildKnowledgeBase(documents: CorpusDocument[], options: BuildOptions = {}): KnowledgeBase {
  const sentences = toSentences(documents);
  const facts = options.facts === false ? [] : extractFacts(documents, sentences);
  // Names found by extraction go into the segmenter before indexing, so they stay whole in the index.
  teachNames(facts);
  const titles = new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
  // The title field also carries the byline (source, author, editors), so questions about who wrote
  // or published a document find its sentences.
  const headings = new Map(documents.map((d) => [d.meta.id, headingOf(d)]));
  const index = SentenceIndex.build(options.index === false ? [] : sentences, (id) => headings.get(id) ?? '');
  return assembleKnowledgeBase(documents, sentences, facts, index, titles);
}

/** The text of a document's `title` field in the index: its title and byline, matching form. */
export function headingOf(d: { meta: DocumentMeta }): string {
  return matchingForm([d.meta.title, d.meta.source, d.meta.author, d.meta.editor, d.meta.responsibleEditor].filter(Boolean).join(' '));
}

/** Names found by extraction, taught to the segmenter (stores that read facts from elsewhere call it too). */
export function teachNames(facts: readonly Fact[]): void {
  for (const f of facts) if (f.type === 'person') addUserWord(f.value, 'nr');
}

/** A knowledge base from a persisted one's parts (see persist.ts): the segmenter learns the names again. */
export function restoreKnowledgeBase(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex): KnowledgeBase {
  teachNames(facts);
  return assembleKnowledgeBase(documents, sentences, facts, index);
}

/**
 * A document's byline as searchable text, with the words people use to ask about it (作者, 编辑, 发布),
 * so 那篇报道的作者是谁 is not declined for naming a word only the metadata answers.
 */
export function metadataText(d: { meta: DocumentMeta }): string {
  const m = d.meta;
  const parts: string[] = [];
  if (m.originalTitle) parts.push('原标题', m.originalTitle);
  if (m.source) parts.push('来源 出处 媒体', m.source);
  if (m.author) parts.push('作者 记者 撰稿', m.author);
  if (m.editor) parts.push('编辑', m.editor);
  if (m.responsibleEditor) parts.push('责编 责任编辑', m.responsibleEditor);
  if (m.published) parts.push('发布 发表 刊发 刊登', m.published);
  return matchingForm(parts.join(' '));
}

/** The derived lookups (by id, by document, corpus text) around the built or loaded parts. */
function assembleKnowledgeBase(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex, titles?: Map<string, string>): KnowledgeBase {
  const docById = new Map(documents.map((d) => [d.meta.id, d]));
  const sentencesByDoc = new Map<string, number[]>();
  for (const s of sentences) {
    const list = sentencesByDoc.get(s.docId) ?? [];
    list.push(s.id);
    sentencesByDoc.set(s.docId, list);
  }
  const titleText = titles ?? new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
  const corpusText = [...titleText.values(), ...documents.map(metadataText), ...sentences.map((s) => s.simplified)].join('\n');
  return { documents, docById, sentences, sentencesByDoc, facts, index, corpusText };
}
