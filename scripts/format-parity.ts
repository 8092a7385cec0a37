/**
 * Same questions, same documents, other formats: scores each folder made by make-format-fixtures.ts
 * with the team's evaluator, and checks every citation, title and fact the bot gives for markup,
 * U+FFFD and mojibake (text that does not read as Chinese: see chineseLikeness).
 *
 *   npx tsx scripts/make-format-fixtures.ts --out /tmp/formats corpus/*.md
 *   npx tsx scripts/format-parity.ts /tmp/formats [--qa ../shared/eval/seed-qa-dev.jsonl]
 *
 * Exit code 1 when a format gets more than one right answer fewer than utf8/ or shows bad text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chineseLikeness } from '../src/documents/formats/encoding.js';

/** Right answers a format may lose against the UTF-8 text (the issue's done-when). */
const MAX_FEWER_RIGHT = 1;
/** Below this Chinese-likeness a shown text is mojibake (real text scores above 0.95; see encoding.ts). */
const MIN_LIKENESS = 0.8;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { qa: { type: 'string' } } });
const root = positionals[0];
const qa = resolve(values.qa ?? join(repoRoot, '..', 'shared', 'eval', 'seed-qa-dev.jsonl'));
const scorer = join(dirname(qa), 'score-qa.cjs');
if (!root || !existsSync(qa) || !existsSync(scorer)) {
  console.error('usage: npx tsx scripts/format-parity.ts FORMATS_DIR [--qa QA.jsonl]   (needs ../shared/eval)');
  process.exit(2);
}
const env = { ...process.env, KB_CACHE: 'off' };
const questions = readFileSync(qa, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { q: string }).q);

interface Shown {
  citations?: { title?: string; sentence?: string; source?: string }[];
  facts?: { value?: string }[];
  answer?: string | null;
}

function badTexts(line: Shown): string[] {
  const texts = [line.answer ?? '', ...(line.citations ?? []).flatMap((c) => [c.title ?? '', c.sentence ?? '', c.source ?? '']), ...(line.facts ?? []).map((f) => String(f.value ?? ''))].filter(
    Boolean,
  );
  return texts.filter((t) => /<\/?[a-z][^>]*>|&[a-z]+;|\uFFFD/i.test(t) || (/\p{Script=Han}/u.test(t) && chineseLikeness(t) < MIN_LIKENESS));
}

const formats = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort((a, b) => (a === 'utf8' ? -1 : b === 'utf8' ? 1 : a < b ? -1 : 1));
const rows: { format: string; right: number; total: number; bad: string[] }[] = [];
for (const format of formats) {
  const dir = join(root, format);
  const score = spawnSync('node', [scorer, qa, '--corpus', dir], { cwd: repoRoot, env, encoding: 'utf8' });
  const m = score.stdout.match(/right (\d+), .* of (\d+)/);
  const ask = spawnSync('npm', ['run', '--silent', 'ask', '--', '--json', '--corpus', dir], { cwd: repoRoot, env, encoding: 'utf8', input: questions.join('\n') + '\n', maxBuffer: 1 << 26 });
  const bad = ask.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .flatMap((l) => badTexts(JSON.parse(l) as Shown));
  rows.push({ format, right: m ? Number(m[1]) : -1, total: m ? Number(m[2]) : questions.length, bad });
}

const baseline = rows.find((r) => r.format === 'utf8')?.right ?? Math.max(...rows.map((r) => r.right));
let failed = false;
console.log('| format | right | bad texts shown |');
console.log('| --- | --- | --- |');
for (const r of rows) {
  const ok = r.right >= baseline - MAX_FEWER_RIGHT && r.bad.length === 0;
  if (!ok) failed = true;
  console.log(
    `| ${r.format} | ${r.right}/${r.total} | ${
      r.bad.length
        ? r.bad
            .slice(0, 3)
            .map((t) => t.slice(0, 40))
            .join(' / ')
        : 'none'
    } |${ok ? '' : ' FAIL'}`,
  );
}
process.exit(failed ? 1 : 0);
