/**
 * npm run ingest -- FILE... [--out DIR]
 *
 * Turns documents in any supported format (text in any encoding, web pages, PDF, Word) into reviewed
 * corpus documents: `<out>/<id>.md` with a front-matter header, id = file name without extension.
 * Prints what was extracted from each file (format, encoding, metadata, what cleaning removed) so the
 * result can be checked before committing it. Files that already have front matter are copied through
 * (re-formatted). A bad file is reported and skipped; the exit code is 1 if any file failed. On many
 * files a progress bar runs on the terminal (standard error) and the reports follow it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { cleanDocumentWithReport, type CleanReport } from '../documents/clean.js';
import { formatDocument, parseFrontMatter } from '../documents/frontmatter.js';
import { documentFromText, readDocumentText } from '../documents/read.js';
import type { ExtractedText } from '../documents/formats/index.js';
import type { CorpusDocument } from '../types.js';
import { loadToolSettings } from '../config/settings.js';

const USAGE = `Usage: npm run ingest -- FILE... [--out DIR]

Reads documents (.txt/.md in any encoding, .html, .pdf, .docx), cleans them and writes each as
DIR/<name>.md with a front-matter header, for review.
  -o, --out DIR   output folder (default: $CORPUS_DIR or corpus)
  -h, --help      show this help`;

interface Output {
  log(line: string): void;
  error(line: string): void;
}

const codePoints = (s: string) => [...s].length;

/** Files from which on a progress bar is shown (on a terminal). */
const PROGRESS_MIN_FILES = 10;

function describe(file: string, outPath: string, doc: CorpusDocument, report: CleanReport | null, read: ExtractedText): string[] {
  const { meta, paragraphs } = doc;
  const field = (label: string, value: string | undefined) => `  ${label.padEnd(21)}${value ?? '—'}`;
  const lines = [
    `${file} -> ${outPath}`,
    field('read as:', read.encoding ? `${read.format} (${read.encoding})` : read.format),
    ...read.warnings.map((w) => field('warning:', w)),
    field('title:', meta.title),
    ...(meta.originalTitle ? [field('original title:', meta.originalTitle)] : []),
    field('source:', meta.source),
    field('author:', meta.author),
    field('editor:', meta.editor),
    field('responsible editor:', meta.responsibleEditor),
    field('published:', meta.published),
    field('script:', meta.script),
    field('paragraphs:', `${paragraphs.length} (${paragraphs.reduce((n, p) => n + codePoints(p), 0)} chars)`),
  ];
  if (report) {
    lines.push(
      field(
        'removed:',
        `pinyin ${report.pinyinReadings} readings (${report.pinyinChars} chars), ` +
          `chrome ${report.chromeLines.length} lines (${report.chromeChars} chars), ` +
          `footer ${report.footerLines.length} lines (${report.footerChars} chars), ` +
          `metadata ${report.metadataLines.length} lines`,
      ),
    );
  } else {
    lines.push(field('removed:', 'nothing (already reviewed: has front matter)'));
  }
  return lines;
}

/** The ingest command line: files, and the corpus folder to write to. Throws on unknown options. */
function parseIngestArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
  });
}

/** Ingest files; returns the process exit code (0 ok, 1 some file failed, 2 usage error). */
export async function runIngest(args: string[], env: NodeJS.ProcessEnv = process.env, out: Output = console): Promise<number> {
  let parsed: ReturnType<typeof parseIngestArgs>;
  try {
    parsed = parseIngestArgs(args);
  } catch (error) {
    out.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    out.log(USAGE);
    return 0;
  }
  const files = parsed.positionals;
  if (!files.length) {
    out.error(`No input files.\n\n${USAGE}`);
    return 2;
  }
  const outDir = parsed.values.out ?? loadToolSettings(env).corpusDir;
  await mkdir(outDir, { recursive: true });

  let failed = 0;
  const written = new Map<string, string>();
  const bar =
    files.length >= PROGRESS_MIN_FILES && process.stderr.isTTY
      ? new cliProgress.SingleBar({ stream: process.stderr, format: 'ingest [{bar}] {value}/{total} {file}', hideCursor: true }, cliProgress.Presets.shades_classic)
      : undefined;
  // While the bar runs, reports wait (they would break it) and are printed after it.
  const held: { error: boolean; line: string }[] = [];
  const log = (line: string) => (bar ? held.push({ error: false, line }) : out.log(line));
  const error = (line: string) => (bar ? held.push({ error: true, line }) : out.error(line));
  bar?.start(files.length, 0, { file: '' });
  for (const file of files) {
    bar?.increment(0, { file: basename(file) });
    const id = basename(file, extname(file));
    const outPath = join(outDir, `${id}.md`);
    try {
      // Two inputs with the same name would overwrite each other's output.
      const earlier = written.get(id);
      if (earlier) throw new Error(`same output ${outPath} as ${earlier}; rename one of them`);
      const read = await readDocumentText(file);
      const { text } = read;
      const reviewed = parseFrontMatter(text) !== null;
      const { document, report } = reviewed ? { document: documentFromText(text, id), report: null } : cleanDocumentWithReport(text, id);
      if (!document.paragraphs.length) throw new Error('no article text left after cleaning');
      await writeFile(outPath, formatDocument(document), 'utf8');
      written.set(id, file);
      for (const line of describe(file, outPath, document, report, read)) log(line);
    } catch (err) {
      failed++;
      error(`error: ${file}: ${(err as Error).message}`);
    }
    bar?.increment(1);
  }
  bar?.stop();
  for (const { error: isError, line } of held) {
    if (isError) out.error(line);
    else out.log(line);
  }
  if (failed) out.error(`${failed} of ${files.length} file(s) failed; the others were written to ${outDir}`);
  return failed ? 1 : 0;
}

// Run when executed directly (npm run ingest / tsx src/cli/ingest.ts), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runIngest(process.argv.slice(2));
}
