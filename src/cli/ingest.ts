/**
 * npm run ingest -- FILE... [--out DIR]
 *
 * Cleans raw text files (pages saved as text) into reviewed corpus documents: `<out>/<id>.md` with a
 * front-matter header, id = file name without extension. Prints what was extracted from each file so
 * the result can be checked before committing it. Files that already have front matter are copied
 * through (re-formatted). A bad file is reported and skipped; the exit code is 1 if any file failed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanDocumentWithReport, type CleanReport } from '../documents/clean.js';
import { formatDocument, parseFrontMatter } from '../documents/frontmatter.js';
import { documentFromText, readTextFile } from '../documents/read.js';
import type { CorpusDocument } from '../types.js';
import { loadToolSettings } from '../config/settings.js';

const USAGE = `Usage: npm run ingest -- FILE... [--out DIR]

Cleans raw .txt/.md files and writes each as DIR/<name>.md with a front-matter header.
  -o, --out DIR   output folder (default: $CORPUS_DIR or corpus)
  -h, --help      show this help`;

interface Output {
  log(line: string): void;
  error(line: string): void;
}

const codePoints = (s: string) => [...s].length;

function describe(file: string, outPath: string, doc: CorpusDocument, report: CleanReport | null): string[] {
  const { meta, paragraphs } = doc;
  const field = (label: string, value: string | undefined) => `  ${label.padEnd(21)}${value ?? '—'}`;
  const lines = [
    `${file} -> ${outPath}`,
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

/** Ingest files; returns the process exit code (0 ok, 1 some file failed, 2 usage error). */
export async function runIngest(args: string[], env: NodeJS.ProcessEnv = process.env, out: Output = console): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
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
  for (const file of files) {
    const id = basename(file, extname(file));
    const outPath = join(outDir, `${id}.md`);
    try {
      // Two inputs with the same name would overwrite each other's output.
      const earlier = written.get(id);
      if (earlier) throw new Error(`same output ${outPath} as ${earlier}; rename one of them`);
      const text = await readTextFile(file);
      const reviewed = parseFrontMatter(text) !== null;
      const { document, report } = reviewed
        ? { document: documentFromText(text, id), report: null }
        : cleanDocumentWithReport(text, id);
      if (!document.paragraphs.length) throw new Error('no article text left after cleaning');
      await writeFile(outPath, formatDocument(document), 'utf8');
      written.set(id, file);
      for (const line of describe(file, outPath, document, report)) out.log(line);
    } catch (error) {
      failed++;
      out.error(`error: ${file}: ${(error as Error).message}`);
    }
  }
  if (failed) out.error(`${failed} of ${files.length} file(s) failed; the others were written to ${outDir}`);
  return failed ? 1 : 0;
}

// Run when executed directly (npm run ingest / tsx src/cli/ingest.ts), not when imported.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runIngest(process.argv.slice(2));
}
