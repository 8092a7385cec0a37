/**
 * Rebuilds src/documents/formats/common-han.txt: the Han characters that make up COVERAGE of all Han
 * characters in the contexts of two tuning splits, one per script (CMRC 2018 trial: Simplified,
 * DRCD test: Traditional). The encoding detector uses the list to tell a right decoding (text made of
 * common characters) from mojibake (rare characters picked at random), e.g. Big5 bytes read as GB18030.
 *
 *   npx tsx scripts/build-common-han.ts [--bench-dir DIR]   (default: BENCH_DIR or ../shared/bench)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Share of Han character occurrences the list must cover in each split (the rest is the rare tail). */
const COVERAGE = 0.995;
const SPLITS = ['cmrc2018/cmrc2018_trial.json', 'drcd/DRCD_test.json'];

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'bench-dir': { type: 'string' } } });
const benchDir = resolve(values['bench-dir'] ?? process.env.BENCH_DIR ?? join(repoRoot, '..', 'shared', 'bench'));

const chosen = new Set<string>();
for (const split of SPLITS) {
  const data = JSON.parse(readFileSync(join(benchDir, split), 'utf8')) as { data: { paragraphs: { context: string }[] }[] };
  const counts = new Map<string, number>();
  let total = 0;
  for (const article of data.data)
    for (const { context } of article.paragraphs)
      for (const ch of context.match(/\p{Script=Han}/gu) ?? []) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        total++;
      }
  let covered = 0;
  for (const [ch, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (covered / total >= COVERAGE) break;
    chosen.add(ch);
    covered += n;
  }
  console.log(`${split}: ${counts.size} distinct Han characters, ${total} occurrences`);
}
const list = [...chosen].sort().join('');
const out = join(repoRoot, 'src/documents/formats/common-han.txt');
writeFileSync(out, list + '\n', 'utf8');
console.log(`${chosen.size} characters -> ${out}`);
