/**
 * SQuAD-style data (CMRC 2018, DRCD, CAIL 2019) as an open corpus: every paragraph is one document, every
 * question is asked against all of them.
 */
import { readFileSync } from 'node:fs';
import type { CorpusDocument } from '../types.js';

interface SquadFile {
  data: {
    title?: string;
    paragraphs: { context: string; casename?: string; qas: { id?: string; question: string; is_impossible?: string | boolean; answers: { text: string }[] }[] }[];
  }[];
}

export interface BenchQuestion {
  id: string;
  question: string;
  /** Gold answers, de-duplicated, in file order. */
  answers: string[];
  /** The document (paragraph) the question was written for. */
  docId: string;
  /** CAIL 2019: the context does not answer it (`is_impossible`); `answers` is then empty and declining is right. */
  impossible?: boolean;
  /** CAIL 2019: a yes/no question (gold `YES` / `NO`), right when answered 是 / 否. */
  yesno?: 'yes' | 'no';
}

export interface BenchSet {
  name: string;
  documents: CorpusDocument[];
  questions: BenchQuestion[];
}

/** Parse SQuAD-style JSON text. Paragraph ids are p0001, p0002, … in file order. */
export function parseSquad(json: string, name = 'squad'): BenchSet {
  const file = JSON.parse(json) as SquadFile;
  const documents: CorpusDocument[] = [];
  const questions: BenchQuestion[] = [];
  const width = 4;
  for (const article of file.data ?? []) {
    for (const para of article.paragraphs ?? []) {
      const id = 'p' + String(documents.length + 1).padStart(width, '0');
      const title = (article.title ?? para.casename ?? '').trim() || id;
      documents.push({ meta: { id, title }, paragraphs: [para.context] });
      for (const qa of para.qas ?? []) {
        if (!qa.question?.trim()) continue;
        const qid = qa.id ?? `${id}-q${questions.length}`;
        if (qa.is_impossible === true || qa.is_impossible === 'true') {
          questions.push({ id: qid, question: qa.question.trim(), answers: [], docId: id, impossible: true });
          continue;
        }
        const answers = [...new Set((qa.answers ?? []).map((a) => a.text.trim()).filter(Boolean))];
        if (!answers.length) continue;
        const yesno = answers.length === 1 && /^(YES|NO)$/.test(answers[0]) ? (answers[0] === 'YES' ? 'yes' : 'no') : undefined;
        questions.push({ id: qid, question: qa.question.trim(), answers, docId: id, ...(yesno ? { yesno } : {}) });
      }
    }
  }
  return { name, documents, questions };
}

export function loadSquad(path: string, name?: string): BenchSet {
  return parseSquad(readFileSync(path, 'utf8'), name ?? path.replace(/^.*\//, '').replace(/\.json$/, ''));
}
