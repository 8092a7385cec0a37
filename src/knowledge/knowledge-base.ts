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
  const index = SentenceIndex.build(options.index === false ? [] : sentences, headingsOf(documents));
  return assembleKnowledgeBase(documents, sentences, facts, index, titles);
}

/**
 * What the index's title field holds for each document: the title and the byline (source, author,
 * editors), so questions about who wrote or published a document find its sentences.
 */
export function headingsOf(documents: readonly CorpusDocument[]): (docId: string) => string {
  const headings = new Map(documents.map((d) => [d.meta.id, headingOf(d)]));
  return (id) => headings.get(id) ?? '';
}

/** The text of a document's `title` field in the index: its title and byline, matching form. */
export function headingOf(d: { meta: DocumentMeta }): string {
  return matchingForm([d.meta.title, d.meta.source, d.meta.author, d.meta.editor, d.meta.responsibleEditor].filter(Boolean).join(' '));
}

/**
 * Names found by extraction, taught to the segmenter in order (before indexing, on every thread that
 * segments; stores that read facts from elsewhere call it too).
 */
export function teachNames(facts: readonly Fact[]): void {
  for (const f of facts) if (f.type === 'person') addUserWord(f.value, 'nr');
}

/** The derived lookups around built parts (the parallel build's last step; see parallel-build.ts). */
export function assembleBuiltKnowledgeBase(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex): KnowledgeBase {
  return assembleKnowledgeBase(documents, sentences, facts, index, new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)])));
}

/** Work done between two pauses of restoreKnowledgeBaseSteps (names taught, sentences grouped or joined). */
const RESTORE_SLICE = 20_000;

/** A knowledge base from a persisted one's parts (see persist.ts): the segmenter learns the names again. */
export function restoreKnowledgeBase(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex): KnowledgeBase {
  const steps = restoreKnowledgeBaseSteps(documents, sentences, facts, index);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * restoreKnowledgeBase as steps: each `yield` is a point where the caller may give the event loop back
 * (the bot swaps a rebuilt knowledge base in while it answers; see bot/rebuild.ts).
 */
export function* restoreKnowledgeBaseSteps(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex): Generator<void, KnowledgeBase> {
  for (let from = 0; from < facts.length; from += RESTORE_SLICE) {
    teachNames(facts.slice(from, from + RESTORE_SLICE));
    yield;
  }
  return yield* assembleSteps(documents, sentences, facts, index);
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
  const steps = assembleSteps(documents, sentences, facts, index, titles);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function* assembleSteps(documents: CorpusDocument[], sentences: Sentence[], facts: Fact[], index: SentenceIndex, titles?: Map<string, string>): Generator<void, KnowledgeBase> {
  const docById = new Map(documents.map((d) => [d.meta.id, d]));
  const sentencesByDoc = new Map<string, number[]>();
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const list = sentencesByDoc.get(s.docId) ?? [];
    list.push(s.id);
    sentencesByDoc.set(s.docId, list);
    if (i % RESTORE_SLICE === RESTORE_SLICE - 1) yield;
  }
  const titleText = titles ?? new Map(documents.map((d) => [d.meta.id, matchingForm(d.meta.title)]));
  // Titles, metadata, then every sentence, one a line; joined in slices (a slice's lines joined, then the slices).
  const slices: string[] = [];
  const head = [...titleText.values(), ...documents.map(metadataText)];
  if (head.length) slices.push(head.join('\n'));
  yield;
  for (let from = 0; from < sentences.length; from += RESTORE_SLICE) {
    const to = Math.min(sentences.length, from + RESTORE_SLICE);
    const lines: string[] = new Array(to - from);
    for (let i = from; i < to; i++) lines[i - from] = sentences[i].simplified;
    slices.push(lines.join('\n'));
    yield;
  }
  const corpusText = slices.join('\n');
  return { documents, docById, sentences, sentencesByDoc, facts, index, corpusText };
}
