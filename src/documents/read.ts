/**
 * Reading a corpus folder. PROVISIONAL: raw files only, no cleaning yet (the cleaner replaces this).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, extname, basename } from 'node:path';
import type { CorpusDocument } from '../types.js';
import { splitParagraphs } from '../text/sentences.js';

export interface CorpusProblem {
  path: string;
  reason: string;
}

export async function readCorpus(dir: string): Promise<{ documents: CorpusDocument[]; problems: CorpusProblem[] }> {
  const documents: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!['.txt', '.md'].includes(extname(name))) continue;
    const text = await readFile(join(dir, name), 'utf8');
    const paragraphs = splitParagraphs(text);
    if (!paragraphs.length) {
      problems.push({ path: name, reason: 'empty' });
      continue;
    }
    documents.push({ meta: { id: basename(name, extname(name)), title: paragraphs[0] }, paragraphs });
  }
  return { documents, problems };
}
