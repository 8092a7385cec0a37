/**
 * `npm run bench -- [FILE…] [--json] [--limit N] [--baselines] [--systems a,b] [--bench-dir DIR] [--dump FILE]`
 * `npm run bench -- --scale [--bench-dir DIR] [--json]`
 * `npm run bench -- --facts [--bench-dir DIR] [--corpus DIR] [--json]`: precision and recall of the facts
 *   per kind on CLUENER 2020 dev (report only) and on the seeds' gold (definitions in src/bench/facts.ts).
 * `npm run bench -- --startup [QUESTIONS] [--corpus DIR] [--json]`: cold start to first answer and the
 *   wall time of a question file (default ../shared/eval/seed-qa-dev.jsonl) piped into `ask --json` at once.
 *
 * Open-corpus QA benchmark on SQuAD-style files (CMRC 2018, DRCD): every paragraph is one document,
 * the knowledge base is built once, every question goes through AnswerEngine.ask (the bot's core).
 * Without FILE: the four splits in ../shared/bench (or --bench-dir / BENCH_DIR).
 *
 * Contract: `npm run --silent bench -- --json FILE [--limit N]` prints exactly ONE JSON line with
 * questions, em, f1 (percent), cite1, cite3, abstained, right, wrong, declined, passage1 (shares), buildMs,
 * p50Ms, p99Ms, heapMB (plus system, split, dictMs, rssMB, documents, sentences, and riskCoverage: precision
 * of direct answers by confidence decile, for systems that give a confidence). With --baselines, one more line per baseline
 * follows it. Progress goes to stderr.
 */
import { existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadSegmenter } from '../text/segment.js';
import { loadSquad } from '../bench/squad.js';
import { runBench, type RunResult } from '../bench/run.js';
import { SYSTEMS } from '../bench/systems.js';
import { runScale, formatScaleTable, formatStoreTable, memoryRow, SCALE_CORPORA, LARGE_SCALE_CORPORA } from '../bench/scale.js';
import { runPostgresScale } from '../bench/scale-postgres.js';
import { measureStartup, readQuestions } from '../bench/startup.js';
import { toolSettings } from './args.js';
import { DEFAULT_SEED_CORPUS, scoreCluener, scoreSeeds, type ClueScores } from '../bench/facts.js';
import { loadCluener } from '../bench/cluener.js';
import { loadTagger } from '../facts/index.js';

const USAGE = `usage:
  npm run bench -- [FILE...] [--json] [--limit N] [--baselines | --no-baselines] [--systems LIST] [--bench-dir DIR] [--dump FILE]
  npm run bench -- --scale [--bench-dir DIR] [--json] [--postgres URL] [--scale-sizes 'zh-hans 100k,…'] (also 'zh-hans 300k', 'zh-hans 1M')
  npm run bench -- --facts [--bench-dir DIR] [--corpus DIR] [--json]
  npm run bench -- --startup [QUESTIONS.jsonl|.txt] [--corpus DIR] [--json]
systems: ${Object.keys(SYSTEMS).join(', ')} (default: engine, plus minisearch-default and minisearch-jieba as baselines)
`;

export const DEFAULT_SPLITS = ['cmrc2018/cmrc2018_trial.json', 'drcd/DRCD_test.json', 'cail2019/cail2019_test.json', 'cmrc2018/cmrc2018_dev.json', 'drcd/DRCD_dev.json'];
const SPLIT_LABELS: Record<string, string> = {
  cmrc2018_trial: 'CMRC 2018 trial (tuning)',
  DRCD_test: 'DRCD test (tuning)',
  cail2019_test: 'CAIL 2019 test (tuning)',
  cmrc2018_dev: 'CMRC 2018 dev (report only)',
  DRCD_dev: 'DRCD dev (report only)',
};

const { values, positionals } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    limit: { type: 'string' },
    baselines: { type: 'boolean' },
    'no-baselines': { type: 'boolean' },
    systems: { type: 'string' },
    'bench-dir': { type: 'string' },
    dump: { type: 'string' },
    scale: { type: 'boolean', default: false },
    postgres: { type: 'string' },
    'scale-sizes': { type: 'string' },
    startup: { type: 'boolean', default: false },
    facts: { type: 'boolean', default: false },
    corpus: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = resolve(values['bench-dir'] ?? toolSettings().benchDir ?? join(repoRoot, '..', 'shared', 'bench'));
const fail = (message: string): never => {
  process.stderr.write(`error: ${message}\n${USAGE}`);
  process.exit(2);
};

if (values.startup) {
  const file = positionals[0] ?? join(repoRoot, '..', 'shared', 'eval', 'seed-qa-dev.jsonl');
  if (!existsSync(file)) fail(`no question file ${file}`);
  const questions = readQuestions(file);
  const runs = [];
  // The first run may build the persisted index; the later ones load it, as a restarted bot does.
  for (let i = 0; i < 3; i++) runs.push(await measureStartup(questions, values.corpus));
  const report = {
    questions: questions.length,
    answered: runs[0].answered,
    firstColdStartMs: Math.round(runs[0].coldStartMs),
    coldStartMs: Math.round(Math.min(...runs.slice(1).map((r) => r.coldStartMs))),
    batchWallMs: Math.round(Math.min(...runs.slice(1).map((r) => r.batchWallMs))),
  };
  process.stdout.write(
    values.json
      ? JSON.stringify(report) + '\n'
      : `questions ${report.questions} (answered ${report.answered}); cold start to first answer ${report.coldStartMs} ms (first run, building the index cache: ${report.firstColdStartMs} ms); whole batch ${report.batchWallMs} ms\n`,
  );
  process.exit(0);
}

const dictMs = loadSegmenter();

if (values.facts) {
  const taggerLoadMs = Math.round(loadTagger());
  const devFile = join(benchDir, 'cluener', 'cluener_dev.json');
  let cluenerDev: ClueScores | null = null;
  if (existsSync(devFile)) cluenerDev = scoreCluener(loadCluener(devFile));
  else process.stderr.write(`skipping CLUENER dev: no ${devFile} (set --bench-dir or BENCH_DIR)\n`);
  const seeds = await scoreSeeds(resolve(values.corpus ?? DEFAULT_SEED_CORPUS(repoRoot)));
  const report = { cluenerDev, seeds, taggerLoadMs, dictMs: Math.round(dictMs) };
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n');
  else {
    const pr = (x: { precision: number; recall: number }) => `${x.precision.toFixed(3)} / ${x.recall.toFixed(3)}`;
    const lines = ['| set | kind | precision / recall | predicted | gold |', '| --- | --- | --- | ---: | ---: |'];
    if (cluenerDev) {
      lines.push(`| CLUENER dev (report only, ${cluenerDev.sentences} sentences) | names (facts) | ${pr(cluenerDev.names)} | ${cluenerDev.names.predicted} | ${cluenerDev.names.gold} |`);
      lines.push(`| | positions (position facts and people's titles) | ${pr(cluenerDev.positions)} | ${cluenerDev.positions.predicted} | ${cluenerDev.positions.gold} |`);
      lines.push(`| | positions (people's titles only) | ${pr(cluenerDev.personTitles)} | ${cluenerDev.personTitles.predicted} | ${cluenerDev.personTitles.gold} |`);
      lines.push(`| | names (recogniser spans) | ${pr(cluenerDev.recogniser.names)} | ${cluenerDev.recogniser.names.predicted} | ${cluenerDev.recogniser.names.gold} |`);
      lines.push(`| | positions (recogniser spans) | ${pr(cluenerDev.recogniser.positions)} | ${cluenerDev.recogniser.positions.predicted} | ${cluenerDev.recogniser.positions.gold} |`);
    }
    lines.push(`| seeds (${seeds.documents} documents) | people | ${pr(seeds.people)} | ${seeds.people.predicted} | ${seeds.people.gold} |`);
    lines.push(`| | titles (exact chain) | - / ${seeds.titles.recall.toFixed(3)} | | ${seeds.titles.gold} |`);
    lines.push(`| | dates | - / ${seeds.dates.recall.toFixed(3)} | | ${seeds.dates.gold} |`);
    lines.push(`| | figures | - / ${seeds.figures.recall.toFixed(3)} | | ${seeds.figures.gold} |`);
    if (seeds.missing.length) lines.push('', `Seeds missing: ${seeds.missing.join('; ')}`);
    lines.push('', `Tagger model load ${taggerLoadMs} ms; CLUENER dev facts ${cluenerDev?.ms ?? '-'} ms.`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  process.exit(0);
}

if (values.scale) {
  const log = (line: string) => process.stderr.write(line + '\n');
  const corpora = values['scale-sizes'] ? [...SCALE_CORPORA, ...LARGE_SCALE_CORPORA].filter((c) => values['scale-sizes']!.split(',').includes(c.name)) : SCALE_CORPORA;
  const results = runScale(join(benchDir, 'scale'), { log, corpora });
  // --postgres URL: the same corpora through the PostgreSQL store (a database the bench may empty).
  const postgres = values.postgres ? await runPostgresScale(join(benchDir, 'scale'), values.postgres, { log, corpora }) : [];
  if (values.json) {
    for (const r of results) process.stdout.write(JSON.stringify({ ...memoryRow(r), ...r, dictMs: Math.round(dictMs) }) + '\n');
    for (const r of postgres) process.stdout.write(JSON.stringify({ ...r, dictMs: Math.round(dictMs) }) + '\n');
  } else {
    process.stdout.write(formatScaleTable(results, dictMs) + '\n');
    if (postgres.length) process.stdout.write('\n' + formatStoreTable([...results.map(memoryRow), ...postgres]) + '\n');
  }
  process.exit(0);
}

const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) fail(`--limit must be a positive integer, got "${values.limit}"`);
const withBaselines = values['no-baselines'] ? false : (values.baselines ?? !values.json);
const systemNames = values.systems
  ? values.systems
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : ['engine', ...(withBaselines ? ['minisearch-default', 'minisearch-jieba'] : [])];
for (const s of systemNames) if (!SYSTEMS[s]) fail(`unknown system "${s}"`);

const files = positionals.length ? positionals.map((f) => resolve(f)) : DEFAULT_SPLITS.map((f) => join(benchDir, f));
for (const f of files) if (!existsSync(f)) fail(`no such benchmark file: ${f}${positionals.length ? '' : ' (set --bench-dir or BENCH_DIR)'}`);

const dump = values.dump ? openSync(values.dump, 'w') : null;
const results: RunResult[] = [];
for (const file of files) {
  const set = loadSquad(file);
  const questions = limit ? set.questions.slice(0, limit) : set.questions;
  for (const name of systemNames) {
    const bar = new cliProgress.SingleBar(
      { format: `${set.name} ${name.padEnd(18)} [{bar}] {value}/{total} | {duration}s`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(questions.length, 0);
    const result = runBench(set, SYSTEMS[name], questions, {
      dictMs,
      onProgress: (done) => {
        if (done % 25 === 0 || done === questions.length) bar.update(done);
      },
      onQuestion: dump ? (r) => writeSync(dump, JSON.stringify({ split: set.name, system: name, ...r }) + '\n') : undefined,
    });
    bar.stop();
    results.push(result);
    if (values.json) process.stdout.write(JSON.stringify(result) + '\n');
    else process.stderr.write(`${set.name} ${name}: F1 ${result.f1} cite@1 ${result.cite1} build ${result.buildMs} ms\n`);
  }
}
if (dump !== null) closeSync(dump);

if (!values.json) process.stdout.write(formatTable(results, dictMs) + '\n');

function formatTable(rows: RunResult[], dict: number): string {
  const head = '| split | system | questions | right | wrong | declined | passage1 | EM | F1 | cite@1 | cite@3 | abstained | build s | p50 ms | p99 ms | heap MB |';
  const sep = '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const lines = rows.map(
    (r) =>
      `| ${SPLIT_LABELS[r.split] ?? r.split} | ${r.system} | ${r.questions} | ${r.right.toFixed(3)} | ${r.wrong.toFixed(3)} | ${r.declined.toFixed(3)} | ${r.passage1.toFixed(3)} | ${r.em.toFixed(1)} | ${r.f1.toFixed(1)} | ${r.cite1.toFixed(3)} | ${r.cite3.toFixed(3)} | ${r.abstained.toFixed(3)} | ${(r.buildMs / 1000).toFixed(2)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.heapMB.toFixed(0)} |`,
  );
  const risk = rows.filter((r) => r.riskCoverage?.length).map(formatRiskCoverage);
  return [head, sep, ...lines, '', `Segmenter dictionary load (once per process, not in build): ${(dict / 1000).toFixed(2)} s.`, ...risk].join('\n');
}

/** Precision of direct answers by confidence decile, highest confidence first. */
function formatRiskCoverage(r: RunResult): string {
  const head = `\nRisk-coverage, ${SPLIT_LABELS[r.split] ?? r.split}, ${r.system}: direct answers by confidence decile\n\n| confidence | answers | right | precision | coverage (this and above) | precision (this and above) |\n| --- | ---: | ---: | ---: | ---: | ---: |`;
  const lines = (r.riskCoverage ?? []).map(
    (b) => `| ${b.from.toFixed(3)}–${b.to.toFixed(3)} | ${b.answered} | ${b.right} | ${b.precision.toFixed(3)} | ${b.coverage.toFixed(3)} | ${b.precisionAbove.toFixed(3)} |`,
  );
  return [head, ...lines].join('\n');
}
