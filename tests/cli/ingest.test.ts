import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/documents/clean.js';
import { readCorpus } from '../../src/documents/read.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const seed000 = join(repo, 'seeds/000_547094a859bc4222.txt');
const seed003 = join(repo, 'seeds/003_72b0ff2129dbfce8.txt');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function ingest(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'src/cli/ingest.ts', ...args], { cwd: repo, env: { ...process.env, CORPUS_DIR: '', ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ingest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest CLI', () => {
  it('cleans both seeds into front-matter documents and reports what it extracted', async () => {
    const out = join(dir, 'out');
    const run = await ingest([seed000, seed003, '--out', out]);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['000_547094a859bc4222.md', '003_72b0ff2129dbfce8.md']);

    expect(run.stdout).toMatch(/title:\s+鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果/);
    expect(run.stdout).toMatch(/author:\s+江海峰/);
    expect(run.stdout).toMatch(/published:\s+2021-08-10T09:46/);
    expect(run.stdout).toContain('pinyin 167 readings');
    expect(run.stdout).toMatch(/responsible editor:\s+李胜兰/);
    expect(run.stdout).toContain('footer 8 lines');
    expect(run.stdout).toMatch(/paragraphs:\s+8 /);

    // What was written reads back as the cleaned documents.
    const { documents, problems } = await readCorpus(out);
    expect(problems).toEqual([]);
    for (const [path, id] of [
      [seed000, '000_547094a859bc4222'],
      [seed003, '003_72b0ff2129dbfce8'],
    ]) {
      const expected = cleanDocument(await readFile(path, 'utf8'), id);
      const written = documents.find((d) => d.meta.id === id)!;
      expect({ ...written.meta, path: undefined }).toEqual({ ...expected.meta, path: undefined });
      expect(written.paragraphs).toEqual(expected.paragraphs);
    }
    const text = await readFile(join(out, '000_547094a859bc4222.md'), 'utf8');
    expect(text.startsWith('---\ntitle: "鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果"\n')).toBe(true);
    expect(text).not.toMatch(/\(zh/);
  }, 60_000);

  it('writes the good files, reports the bad ones, and exits 1', async () => {
    const empty = join(dir, 'empty.txt');
    const binary = join(dir, 'image.txt');
    await writeFile(empty, '');
    await writeFile(binary, Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const out = join(dir, 'out');
    const run = await ingest([empty, seed003, join(dir, 'missing.txt'), binary, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: .*empty\.txt: empty file/);
    expect(run.stderr).toMatch(/error: .*missing\.txt: cannot read file \(ENOENT\)/);
    expect(run.stderr).toMatch(/error: .*image\.txt: binary file/);
    expect(run.stderr).toContain('3 of 4 file(s) failed');
    expect(await readdir(out)).toEqual(['003_72b0ff2129dbfce8.md']);
  }, 60_000);

  it('turns a PDF, a Word file, a web page and a Big5 text into reviewed documents, saying how each was read', async () => {
    const fixture = (name: string) => join(repo, 'tests/fixtures/formats', name);
    const out = join(dir, 'out');
    const run = await ingest([fixture('mixed-scripts.pdf'), fixture('news-page.html'), fixture('hant-big5.txt'), fixture('bad-bytes.txt'), '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/mixed-scripts\.pdf -> .*mixed-scripts\.md\n\s+read as:\s+pdf\n/);
    expect(run.stdout).toMatch(/read as:\s+html \(utf-8\)/);
    expect(run.stdout).toMatch(/read as:\s+text \(big5hkscs\)/);
    expect(run.stdout).toMatch(/warning:\s+3 undecodable byte\(s\) dropped \(read as utf-8\)/);
    expect((await readdir(out)).sort()).toEqual(['bad-bytes.md', 'hant-big5.md', 'mixed-scripts.md', 'news-page.md']);
    const pdf = await readFile(join(out, 'mixed-scripts.md'), 'utf8');
    expect(pdf.startsWith('---\ntitle: "辽宁省委书记张国清:高标准高起点推动第二批政法队伍教育整顿取得实效"\n')).toBe(true);
    expect(pdf).toContain('本報訊8月6日,鐵嶺全市政法隊伍教育整頓');
    const page = await readFile(join(out, 'news-page.md'), 'utf8');
    expect(page).not.toMatch(/[<>]|相关阅读|版权所有/);
  }, 60_000);

  it('writes to CORPUS_DIR when --out is not given', async () => {
    const run = await ingest([seed003], { CORPUS_DIR: dir });
    expect(run.code).toBe(0);
    expect(await readdir(dir)).toEqual(['003_72b0ff2129dbfce8.md']);
  }, 60_000);

  it('prints usage and exits 2 without files or with an unknown option', async () => {
    const none = await ingest([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run ingest -- FILE... [--out DIR]');
    const unknown = await ingest(['--bogus', seed003]);
    expect(unknown.code).toBe(2);
  }, 60_000);
});
