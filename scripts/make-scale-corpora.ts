/**
 * Corpus folders for the first-start figures in notes/docs.md, made from ../shared/bench/scale/*.txt
 * (one sentence a line):
 *   <out>/small-5000/  5,000 files of 20 lines each (about 5 MB)
 *   <out>/folder-50mb/ 50 MB of files of 800+ lines; each pass over the text cuts it at another file
 *                      size, so no two files have the same text (duplicates would be read once)
 *
 *   npx tsx scripts/make-scale-corpora.ts --out /tmp/scale [--bench-dir DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SMALL_FILES = 5000;
const SMALL_LINES = 20;
const FOLDER_BYTES = 50_000_000;
const FIRST_FILE_LINES = 800;
/** Lines added to the file size on each pass, so that passes cut the text differently. */
const PASS_LINE_STEP = 137;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, 'bench-dir': { type: 'string' } } });
if (!values.out) {
  console.error('usage: npx tsx scripts/make-scale-corpora.ts --out DIR [--bench-dir DIR]');
  process.exit(2);
}
const benchDir = resolve(values['bench-dir'] ?? process.env.BENCH_DIR ?? join(repoRoot, '..', 'shared', 'bench'));
const lines = ['zh-hans-107k.txt', 'zh-hant-36k.txt'].flatMap((f) => readFileSync(join(benchDir, 'scale', f), 'utf8').split('\n')).filter((l) => l.trim());

const small = join(values.out, 'small-5000');
mkdirSync(small, { recursive: true });
for (let i = 0; i < SMALL_FILES; i++) {
  writeFileSync(join(small, `f${String(i).padStart(4, '0')}.txt`), lines.slice(i * SMALL_LINES, (i + 1) * SMALL_LINES).join('\n') + '\n');
}

const big = join(values.out, 'folder-50mb');
mkdirSync(big, { recursive: true });
let total = 0;
let files = 0;
for (let pass = 0; total < FOLDER_BYTES; pass++) {
  const size = FIRST_FILE_LINES + pass * PASS_LINE_STEP;
  for (let i = 0; i < lines.length && total < FOLDER_BYTES; i += size) {
    const text = lines.slice(i, i + size).join('\n') + '\n';
    writeFileSync(join(big, `c${pass}-${String(files++).padStart(5, '0')}.txt`), text);
    total += Buffer.byteLength(text);
  }
}
console.log(`${small}: ${SMALL_FILES} files; ${big}: ${files} files, ${total} bytes`);
