import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDocument } from '../../src/documents/frontmatter.js';
import { readCorpus, readDocumentFile } from '../../src/documents/read.js';

const seedPath = (name: string) => new URL(`../../seeds/${name}.txt`, import.meta.url);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCorpus', () => {
  it('reads raw and reviewed files recursively, sorted by path, ids relative without extension', async () => {
    await copyFile(seedPath('000_547094a859bc4222'), join(dir, '000_547094a859bc4222.txt'));
    await mkdir(join(dir, 'reports', '2021'), { recursive: true });
    await writeFile(
      join(dir, 'reports', '2021', 'meeting.md'),
      formatDocument({ meta: { id: 'ignored', title: '会议召开', source: '某报', script: 'hans' }, paragraphs: ['第一段。', '第二段。'] }),
    );
    await writeFile(join(dir, 'a-plain.txt'), '今天开会。\n大家都来了。');
    // Not documents: hidden files and folders, README, other extensions.
    await writeFile(join(dir, '.hidden.txt'), '隐藏文件。');
    await mkdir(join(dir, '.cache'));
    await writeFile(join(dir, '.cache', 'x.txt'), '缓存。');
    await writeFile(join(dir, 'README.md'), '# 说明');
    await writeFile(join(dir, 'notes.json'), '{}');

    const { documents, problems } = await readCorpus(dir);
    expect(problems).toEqual([]);
    expect(documents.map((d) => d.meta.id)).toEqual(['000_547094a859bc4222', 'a-plain', 'reports/2021/meeting']);
    expect(documents.map((d) => d.meta.path)).toEqual(['000_547094a859bc4222.txt', 'a-plain.txt', 'reports/2021/meeting.md']);

    const [seed, plain, reviewed] = documents;
    // Raw file: cleaned.
    expect(seed.meta.source).toBe('遼寧法制報');
    expect(seed.paragraphs.join('')).not.toContain('(zh');
    expect(plain.meta.title).toBe('今天开会。');
    // Reviewed file: taken as written, metadata from the header, id from the path.
    expect(reviewed.meta).toEqual({ id: 'reports/2021/meeting', path: 'reports/2021/meeting.md', title: '会议召开', source: '某报', script: 'hans' });
    expect(reviewed.paragraphs).toEqual(['第一段。', '第二段。']);
  });

  it('reports empty, binary, non-UTF-8 and broken files and still reads the rest', async () => {
    await writeFile(join(dir, 'good.txt'), '标题\n正文。');
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'blank.md'), '  \n\n\u3000\n');
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    // "辽宁日报" in GBK: not UTF-8.
    await writeFile(join(dir, 'gbk.txt'), Buffer.from([0xc1, 0xc9, 0xc4, 0xfe, 0xc8, 0xd5, 0xb1, 0xa8]));
    await writeFile(join(dir, 'header-only.md'), '---\ntitle: "只有标题"\n---\n');
    await writeFile(join(dir, 'bad-yaml.md'), '---\ntitle: "unclosed\n---\n正文');

    const { documents, problems } = await readCorpus(dir);
    expect(documents.map((d) => d.meta.id)).toEqual(['good']);
    const reasons = Object.fromEntries(problems.map((p) => [p.path, p.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['bad-yaml.md', 'binary.txt', 'blank.md', 'empty.txt', 'gbk.txt', 'header-only.md']);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['blank.md']).toMatch(/empty/);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['gbk.txt']).toMatch(/UTF-8/);
    expect(reasons['header-only.md']).toMatch(/no article text/);
    expect(reasons['bad-yaml.md']).toMatch(/YAML/);
  });

  it('reports two files with the same id', async () => {
    await writeFile(join(dir, 'same.md'), '标题\n正文。');
    await writeFile(join(dir, 'same.txt'), '标题\n正文。');
    const { documents, problems } = await readCorpus(dir);
    expect(documents.map((d) => d.meta.path)).toEqual(['same.md']);
    expect(problems).toEqual([{ path: 'same.txt', reason: expect.stringContaining('same id "same"') }]);
  });

  it('throws a clear error for a missing folder', async () => {
    const missing = join(dir, 'no-such-folder');
    await expect(readCorpus(missing)).rejects.toThrow(`Corpus folder "${missing}" does not exist`);
  });

  it('throws when the path is a file', async () => {
    await writeFile(join(dir, 'file.txt'), '正文。');
    await expect(readCorpus(join(dir, 'file.txt'))).rejects.toThrow(/is not a folder/);
  });
});

describe('readDocumentFile', () => {
  it('reads one raw file through the cleaner', async () => {
    const doc = await readDocumentFile(seedPath('003_72b0ff2129dbfce8').pathname, 'seed-3');
    expect(doc.meta.id).toBe('seed-3');
    expect(doc.meta.editor).toBe('王巍');
    expect(doc.paragraphs).toHaveLength(8);
  });

  it('rejects a missing file with the reason', async () => {
    await expect(readDocumentFile(join(dir, 'nope.txt'), 'nope')).rejects.toThrow(/cannot read file \(ENOENT\)/);
  });
});
