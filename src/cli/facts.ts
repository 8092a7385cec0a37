/**
 * npm run facts -- [--json] [--corpus DIR]
 * Reads the corpus (default: $CORPUS_DIR or corpus/), extracts facts and prints them: a table grouped by
 * type, or with --json one JSON array of all facts.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Fact, FactType } from '../types.js';
import { readCorpus } from '../documents/read.js';
import { toSentences } from '../knowledge/knowledge-base.js';
import { FACT_TYPE_LABELS, describeFact, extractFacts, type ExtractedFact } from '../facts/index.js';
import { loadToolSettings } from '../config/settings.js';

const FIELD_ORDER = ['type', 'value', 'titles', 'roles', 'org', 'holder', 'subject', 'by', 'date', 'event', 'detail', 'items', 'docId', 'sentenceId', 'sentence', 'origin'] as const;
const TYPE_ORDER: FactType[] = ['person', 'position', 'date', 'event', 'place', 'organization', 'percentage', 'score', 'grade', 'ordinal', 'duration', 'count', 'list'];

/** A fact with its fields in a stable, readable order (absent fields left out). */
export function orderedFact(fact: Fact): Record<string, unknown> {
  const f = fact as ExtractedFact & Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of FIELD_ORDER) if (f[k] !== undefined) out[k] = f[k];
  for (const [k, v] of Object.entries(f)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

/** The readable table: one block per fact type, one line per fact with its document and sentence. */
export function factsTable(facts: Fact[]): string {
  const lines: string[] = [];
  for (const type of TYPE_ORDER) {
    const group = facts.filter((f) => f.type === type);
    if (!group.length) continue;
    lines.push(`${FACT_TYPE_LABELS[type]} ${type} (${group.length})`);
    for (const f of group) lines.push(`  ${describeFact(f)}  [${f.docId}#${f.sentenceId}]`);
    lines.push('');
  }
  return lines.join('\n');
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Run the CLI; returns the exit code. */
export async function runFactsCli(argv: string[], io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t), env: process.env }): Promise<number> {
  let values: { json?: boolean; corpus?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\nusage: npm run facts -- [--json] [--corpus DIR]`);
    return 2;
  }
  if (values.help) {
    io.out('usage: npm run facts -- [--json] [--corpus DIR]   (default corpus: $CORPUS_DIR or corpus/)');
    return 0;
  }
  const dir = values.corpus ?? loadToolSettings(io.env).corpusDir;
  let corpus: Awaited<ReturnType<typeof readCorpus>>;
  try {
    corpus = await readCorpus(dir);
  } catch (e) {
    io.err(`cannot read corpus ${dir}: ${(e as Error).message}`);
    return 1;
  }
  for (const p of corpus.problems) io.err(`${p.kept ? 'warning' : 'skipped'} ${p.path}: ${p.reason}`);
  const sentences = toSentences(corpus.documents);
  const facts = extractFacts(corpus.documents, sentences);
  if (values.json) io.out(JSON.stringify(facts.map(orderedFact), null, 2));
  else {
    io.out(`${corpus.documents.length} documents, ${sentences.length} sentences, ${facts.length} facts (${dir})\n`);
    io.out(factsTable(facts));
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFactsCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
