/**
 * The benchmark CLI end to end on a tiny SQuAD file written here (not the shared data): the --json contract.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const PARAGRAPHS: { title: string; context: string; qas: [string, string][] }[] = [
  {
    title: '青石港',
    context: '青石港位于东海之滨，始建于1898年。港口由青石港务局管理，现任局长是韩立。港区共有泊位42个，年吞吐量约为3亿吨。',
    qas: [
      ['青石港始建于哪一年？', '1898年'],
      ['青石港由哪个机构管理？', '青石港务局'],
      ['青石港务局的现任局长是谁？', '韩立'],
      ['青石港港区共有多少个泊位？', '42个'],
      ['青石港的年吞吐量约为多少？', '3亿吨'],
    ],
  },
  {
    title: '白鹭湖',
    context: '白鹭湖是一个淡水湖，面积约为58平方公里。湖中盛产银鱼和莲藕。每年春季，数千只白鹭在湖边栖息。',
    qas: [
      ['白鹭湖是什么类型的湖？', '淡水湖'],
      ['白鹭湖的面积约为多少？', '58平方公里'],
      ['白鹭湖中盛产什么？', '银鱼和莲藕'],
      ['每年什么季节白鹭在湖边栖息？', '春季'],
    ],
  },
  {
    title: '松山书院',
    context: '松山书院由学者周敦颐于宋代创办。书院藏书超过两万卷，以理学研究闻名。清朝末年，书院改为新式学堂。',
    qas: [
      ['松山书院由谁创办？', '周敦颐'],
      ['松山书院创办于哪个朝代？', '宋代'],
      ['松山书院藏书超过多少卷？', '两万卷'],
      ['松山书院以什么研究闻名？', '理学'],
      ['清朝末年书院改为了什么？', '新式学堂'],
    ],
  },
  {
    title: '星火计划',
    context: '星火计划于1986年启动，目的是推动农村科技进步。计划由国家科学技术委员会组织实施。到1995年，计划共支持项目八万余项。',
    qas: [
      ['星火计划于哪一年启动？', '1986年'],
      ['星火计划的目的是什么？', '推动农村科技进步'],
      ['星火计划由哪个机构组织实施？', '国家科学技术委员会'],
      ['到1995年星火计划共支持了多少项目？', '八万余项'],
    ],
  },
  {
    title: '雲頂山',
    context: '雲頂山海拔2,310公尺，是該地區的最高峰。山頂終年雲霧繚繞，因而得名。登山步道全長約12公里。',
    qas: [
      ['雲頂山海拔多少？', '2,310公尺'],
      ['雲頂山為什麼得名？', '山頂終年雲霧繚繞'],
      ['雲頂山登山步道全長約多少？', '12公里'],
      ['雲頂山是該地區的什麼？', '最高峰'],
    ],
  },
];

const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeSquad(): string {
  const data = PARAGRAPHS.map((p, i) => ({
    title: p.title,
    id: String(i),
    paragraphs: [{ context: p.context, qas: p.qas.map(([question, text], j) => ({ id: `${i}-${j}`, question, answers: [{ text, answer_start: p.context.indexOf(text) }] })) }],
  }));
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify({ version: 'test', data }));
  return file;
}

function bench(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/bench.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('npm run bench -- --json FILE --limit N', () => {
  it('prints exactly one JSON object with the contract keys', () => {
    const out = bench(['--json', writeSquad(), '--limit', '20']).trim().split('\n');
    expect(out).toHaveLength(1);
    const r = JSON.parse(out[0]);
    for (const key of ['questions', 'em', 'f1', 'cite1', 'cite3', 'abstained', 'right', 'wrong', 'declined', 'passage1', 'buildMs', 'p50Ms', 'p99Ms', 'heapMB'])
      expect(typeof r[key], key).toBe('number');
    expect(r.right + r.wrong + r.declined).toBeCloseTo(1, 3);
    expect(r.questions).toBe(20);
    expect(r.system).toBe('engine');
    for (const key of ['em', 'f1']) {
      expect(r[key]).toBeGreaterThanOrEqual(0);
      expect(r[key]).toBeLessThanOrEqual(100);
    }
    for (const key of ['cite1', 'cite3', 'abstained']) {
      expect(r[key]).toBeGreaterThanOrEqual(0);
      expect(r[key]).toBeLessThanOrEqual(1);
    }
    expect(r.cite3).toBeGreaterThanOrEqual(r.cite1);
  });

  it('adds one line per baseline with --baselines, ours first', () => {
    const lines = bench(['--json', '--baselines', writeSquad(), '--limit', '5'])
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.system)).toEqual(['engine', 'minisearch-default', 'minisearch-jieba']);
    expect(lines[2].cite3).toBeGreaterThan(0);
  });
});
