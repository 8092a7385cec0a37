/**
 * Writing documents into the PostgreSQL store, idempotently by content hash, in one transaction that
 * holds the corpus_stats row (so writers from any number of instances queue, and none loses another's
 * documents).
 *
 * - `sync` (npm run ingest, a reload): the store is to hold exactly these documents, in this order. When
 *   they are what it holds, nothing is written; otherwise everything is rewritten from them, so facts and
 *   tokens are those an in-process build of the same corpus has (extraction and the segmenter learn
 *   names across the whole corpus).
 * - `add` (an admin upload): documents whose content is new are appended (one with the id of a stored
 *   one replaces it, which rewrites the store); the stored ones are not extracted again.
 *
 * What a sentence stores is what SentenceIndex.build indexes: its index tokens (indexTokens, after the
 * extracted names were taught to the segmenter), the heading (title + byline) tokens on the document,
 * the paragraph's tokens; plus MiniSearch's running average field lengths, continued in sentence order;
 * then the new rows' postings, packed per term (schema.ts, fillPostings), tagged with the new version.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CorpusDocument, Fact, Sentence } from '../../types.js';
import { matchingForm } from '../../text/script.js';
import { documentFingerprint } from '../../documents/read.js';
import { indexTokens } from '../../text/segment.js';
import { extractFacts } from '../../facts/index.js';
import { headingOf, metadataText, teachNames, toSentences } from '../knowledge-base.js';
import { fillPostings, inTransaction, migrate, tsvectorLiteral } from './schema.js';

export type IngestMode = 'sync' | 'add';

export interface IngestResult {
  /** Documents written, and those already stored unchanged. */
  written: number;
  unchanged: number;
  /** The store was rewritten from scratch. */
  rewritten: boolean;
  sentences: number;
  facts: number;
  /** corpus_stats.version after the write. */
  version: number;
}

/** Rows per INSERT (a few MB of parameters at most). */
const BATCH_ROWS = 2000;

interface Stats {
  documents: number;
  sentences: number;
  paragraphs: number;
  facts: number;
  avg_text: number;
  avg_title: number;
  avg_paragraph: number;
  version: number;
}

export function contentHash(doc: CorpusDocument): string {
  return createHash('sha256')
    .update(JSON.stringify({ meta: doc.meta, paragraphs: doc.paragraphs }))
    .digest('hex');
}

/** Sentences and facts already extracted from exactly the documents given (a knowledge base built in this process). */
export interface Extracted {
  sentences: Sentence[];
  facts: Fact[];
}

/**
 * Write documents (migrating the database first when it lacks tables). `built`: their sentences and
 * facts, when this process has built them already (used when the store is rewritten from them).
 */
export async function ingestDocuments(pool: Pool, documents: CorpusDocument[], mode: IngestMode, built?: Extracted): Promise<IngestResult> {
  await migrate(pool);
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      const stats = await readStats(client, true);
      const stored = (await client.query<{ id: string; content_hash: string }>('SELECT id, content_hash FROM documents ORDER BY doc_no')).rows;
      const hashes = documents.map(contentHash);
      const storedHashes = new Set(stored.map((r) => r.content_hash));
      if (mode === 'sync') {
        const same = stored.length === documents.length && stored.every((r, i) => r.content_hash === hashes[i]);
        if (same) return { written: 0, unchanged: documents.length, rewritten: false, sentences: stats.sentences, facts: stats.facts, version: stats.version };
        await clear(client);
        return await append(client, emptyStats(stats.version), documents, documents.length, 0, true, built);
      }
      const fresh = documents.filter((_, i) => !storedHashes.has(hashes[i]));
      const unchanged = documents.length - fresh.length;
      if (!fresh.length) return { written: 0, unchanged, rewritten: false, sentences: stats.sentences, facts: stats.facts, version: stats.version };
      const storedIds = new Set(stored.map((r) => r.id));
      if (!fresh.some((d) => storedIds.has(d.meta.id))) return await append(client, stats, fresh, fresh.length, unchanged, false);
      // A new version of a stored document: the store is rewritten with it in the old one's place.
      const replacing = new Map(fresh.map((d) => [d.meta.id, d]));
      const kept = await storedDocuments(client);
      const all = kept.map((d) => replacing.get(d.meta.id) ?? d);
      for (const d of fresh) if (!kept.some((k) => k.meta.id === d.meta.id)) all.push(d);
      await clear(client);
      return await append(client, emptyStats(stats.version), all, fresh.length, unchanged, true);
    });
  } finally {
    client.release();
  }
}

export async function readStats(client: PoolClient | Pool, forUpdate = false): Promise<Stats> {
  const row = (await client.query(`SELECT documents, sentences, paragraphs, facts, avg_text, avg_title, avg_paragraph, version FROM corpus_stats WHERE id = 1${forUpdate ? ' FOR UPDATE' : ''}`))
    .rows[0];
  return {
    documents: row.documents,
    sentences: row.sentences,
    paragraphs: row.paragraphs,
    facts: Number(row.facts),
    avg_text: row.avg_text,
    avg_title: row.avg_title,
    avg_paragraph: row.avg_paragraph,
    version: Number(row.version),
  };
}

function emptyStats(version: number): Stats {
  return { documents: 0, sentences: 0, paragraphs: 0, facts: 0, avg_text: 0, avg_title: 0, avg_paragraph: 0, version };
}

async function clear(client: PoolClient): Promise<void> {
  await client.query('TRUNCATE postings, facts, paragraphs, sentences, documents, terms, corpus_grams');
}

async function storedDocuments(client: PoolClient): Promise<CorpusDocument[]> {
  const rows = (await client.query<{ meta: CorpusDocument['meta']; paragraphs: string[] }>('SELECT meta, paragraphs FROM documents ORDER BY doc_no')).rows;
  return rows.map((r) => ({ meta: r.meta, paragraphs: r.paragraphs }));
}

/** Append documents after what `stats` describes: sentences, facts, tokens, statistics; bump the version. */
async function append(client: PoolClient, stats: Stats, documents: CorpusDocument[], written: number, unchanged: number, rewritten: boolean, built?: Extracted): Promise<IngestResult> {
  const local = built?.sentences ?? toSentences(documents);
  const localFacts = built?.facts ?? extractFacts(documents, local);
  // The segmenter learns the extracted names before tokenising, as buildKnowledgeBase does.
  teachNames(localFacts);
  const base = stats.sentences;
  const sentences = local.map((s) => ({ ...s, id: s.id + base }));
  const facts: Fact[] = localFacts.map((f) => (f.sentenceId >= 0 ? { ...f, sentenceId: f.sentenceId + base } : f));
  const byDoc = new Map<string, typeof sentences>();
  for (const s of sentences) {
    const list = byDoc.get(s.docId) ?? [];
    list.push(s);
    byDoc.set(s.docId, list);
  }

  const docRows: unknown[][] = [];
  const sentenceRows: unknown[][] = [];
  const paragraphRows: unknown[][] = [];
  const df = new Map<string, number>();
  const grams = new Map<string, number>();
  const docNo = new Map<string, number>();
  let { avg_text: avgText, avg_title: avgTitle, avg_paragraph: avgParagraph } = stats;
  let count = stats.sentences;
  let paragraphNo = stats.paragraphs;
  documents.forEach((doc, i) => {
    const no = stats.documents + i;
    docNo.set(doc.meta.id, no);
    const list = byDoc.get(doc.meta.id) ?? [];
    const heading = indexTokens(headingOf(doc));
    const headingLength = new Set(heading).size;
    const titleText = matchingForm(doc.meta.title);
    const metaText = metadataText(doc);
    addGrams(grams, titleText);
    addGrams(grams, metaText);
    const sizes: number[] = [];
    let j = 0;
    while (j < list.length) {
      let end = j + 1;
      while (end < list.length && list[end].paragraph === list[j].paragraph) end++;
      const tokens = list.slice(j, end).map((s) => indexTokens(s.simplified));
      const paragraphTokens = tokens.flat();
      const paragraphLength = new Set(paragraphTokens).size;
      paragraphRows.push([paragraphNo, no, tsvectorLiteral(paragraphTokens), paragraphLength]);
      tokens.forEach((t, k) => {
        const s = list[j + k];
        const unique = new Set(t);
        for (const term of unique) df.set(term, (df.get(term) ?? 0) + 1);
        addGrams(grams, s.simplified);
        sentenceRows.push([s.id, no, s.paragraph, s.position, s.text, s.simplified, tsvectorLiteral(t), unique.size]);
        // MiniSearch's running averages (addFieldLength), in the order it adds sentences.
        avgText = (avgText * count + unique.size) / (count + 1);
        avgTitle = (avgTitle * count + (j + k === 0 ? headingLength : 0)) / (count + 1);
        avgParagraph = (avgParagraph * count + (k === 0 ? paragraphLength : 0)) / (count + 1);
        count++;
      });
      sizes.push(end - j);
      paragraphNo++;
      j = end;
    }
    docRows.push([
      no,
      doc.meta.id,
      contentHash(doc),
      JSON.stringify(doc.meta),
      JSON.stringify(doc.paragraphs),
      list[0]?.id ?? count,
      list.length,
      `{${sizes.join(',')}}`,
      titleText,
      metaText,
      tsvectorLiteral(heading),
      headingLength,
      documentFingerprint(doc),
    ]);
  });

  await insertRows(
    client,
    'documents (doc_no, id, content_hash, meta, paragraphs, first_sentence, sentence_count, paragraph_sizes, title_text, metadata_text, heading_tsv, heading_length, text_fingerprint)',
    ['integer', 'text', 'text', 'json', 'json', 'integer', 'integer', 'integer[]', 'text', 'text', 'tsvector', 'integer', 'text'],
    docRows,
  );
  await insertRows(
    client,
    'sentences (id, doc_no, paragraph, position, text, simplified, tsv, text_length)',
    ['integer', 'integer', 'integer', 'integer', 'text', 'text', 'tsvector', 'integer'],
    sentenceRows,
  );
  await insertRows(client, 'paragraphs (para_no, doc_no, tsv, length)', ['integer', 'integer', 'tsvector', 'integer'], paragraphRows);
  await insertRows(
    client,
    'facts (ord, doc_no, sentence_id, type, value, event, fact)',
    ['bigint', 'integer', 'integer', 'text', 'text', 'text', 'json'],
    facts.map((f, i) => [stats.facts + i, docNo.get(f.docId) ?? -1, f.sentenceId, f.type, f.value, f.event ?? null, JSON.stringify(f)]),
  );
  await insertRows(client, 'terms (term, df)', ['text', 'integer'], [...df], 'ON CONFLICT (term) DO UPDATE SET df = terms.df + EXCLUDED.df');
  await insertRows(client, 'corpus_grams (gram, count)', ['text', 'bigint'], [...grams], 'ON CONFLICT (gram) DO UPDATE SET count = corpus_grams.count + EXCLUDED.count');
  const version = stats.version + 1;
  await fillPostings(client, version, { sentence: base, document: stats.documents, paragraph: stats.paragraphs });
  await client.query('UPDATE corpus_stats SET documents = $1, sentences = $2, paragraphs = $3, facts = $4, avg_text = $5, avg_title = $6, avg_paragraph = $7, version = $8 WHERE id = 1', [
    stats.documents + documents.length,
    count,
    paragraphNo,
    stats.facts + facts.length,
    avgText,
    avgTitle,
    avgParagraph,
    version,
  ]);
  return { written, unchanged, rewritten, sentences: count, facts: stats.facts + facts.length, version };
}

/**
 * Count every 1- and 2-character piece (code points) of a text, as the in-process store counts a
 * string in its corpus text: occurrences that do not overlap (a run of five 哈 holds two 哈哈).
 */
function addGrams(grams: Map<string, number>, text: string): void {
  const chars = Array.from(text);
  let doubledAt = -2;
  for (let i = 0; i < chars.length; i++) {
    grams.set(chars[i], (grams.get(chars[i]) ?? 0) + 1);
    if (i + 1 >= chars.length) continue;
    if (chars[i] === chars[i + 1]) {
      // A doubled character overlapping the one counted just before (the middle of 哈哈哈) is not another.
      if (doubledAt === i - 1) continue;
      doubledAt = i;
    }
    const pair = chars[i] + chars[i + 1];
    grams.set(pair, (grams.get(pair) ?? 0) + 1);
  }
}

/** INSERT rows in batches, each column passed as one array and unnested (one round trip per batch). */
async function insertRows(client: PoolClient, target: string, types: string[], rows: unknown[][], suffix = ''): Promise<void> {
  for (let at = 0; at < rows.length; at += BATCH_ROWS) {
    const batch = rows.slice(at, at + BATCH_ROWS);
    const columns = types.map((_, c) => batch.map((r) => r[c]));
    // Array columns (paragraph_sizes) travel as their text form: unnest of a 2-D array would flatten them.
    const casts = types.map((t, c) => (t.endsWith('[]') ? `unnest($${c + 1}::text[])::${t}` : `unnest($${c + 1}::${t}[])`));
    await client.query(`INSERT INTO ${target} SELECT ${casts.join(', ')} ${suffix}`, columns);
  }
}
