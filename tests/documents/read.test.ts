import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDocument } from '../../src/documents/frontmatter.js';
import { readCorpus, readDocumentFile } from '../../src/documents/read.js';

const seedPath = (name: string) => new URL(`../../seeds/${name}.txt`, import.meta.url);
const fixturePath = (name: string) => new URL(`../fixtures/formats/${name}`, import.meta.url);

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
    await writeFile(join(dir, 'reports', '2021', 'meeting.md'), formatDocument({ meta: { id: 'ignored', title: '会议召开', source: '某报', script: 'hans' }, paragraphs: ['第一段。', '第二段。'] }));
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
    // "辽宁日报" in GBK, and nothing else: decoded, but a title alone is no article.
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
    expect(reasons['gbk.txt']).toMatch(/no article text/);
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

  it('reads documents in every format and encoding, and reports dropped bytes as a warning on a kept file', async () => {
    for (const name of ['news-page.html', 'mixed-scripts.docx', 'hant-big5.txt', 'hans-gbk.txt', 'bad-bytes.txt']) {
      await copyFile(fixturePath(name), join(dir, name));
    }
    await copyFile(fixturePath('mixed-scripts.pdf'), join(dir, 'printed.pdf'));
    const { documents, problems } = await readCorpus(dir);
    // The GBK text and the web page hold the same article as bad-bytes.txt, the PDF the same as the
    // Word file: the same document in another format is still the same document, kept once.
    expect(documents.map((d) => d.meta.path)).toEqual(['bad-bytes.txt', 'hant-big5.txt', 'mixed-scripts.docx']);
    expect(problems).toEqual([
      { path: 'bad-bytes.txt', reason: '3 undecodable byte(s) dropped (read as utf-8)', kept: true },
      { path: 'hans-gbk.txt', reason: 'duplicate: same text as bad-bytes.txt; kept once' },
      { path: 'news-page.html', reason: 'duplicate: same text as bad-bytes.txt; kept once' },
      { path: 'printed.pdf', reason: 'duplicate: same text as mixed-scripts.docx; kept once' },
    ]);
    for (const doc of documents) expect(doc.paragraphs.join('')).not.toMatch(/\uFFFD|<\/?[a-z]/);
  });

  it('reports the same text in two files once, naming the file it kept', async () => {
    await writeFile(join(dir, 'a.txt'), '标题\n正文第一句。');
    await mkdir(join(dir, 'copy'));
    await writeFile(join(dir, 'copy', 'b.txt'), '标题\n正文第一句。');
    const { documents, problems } = await readCorpus(dir);
    expect(documents.map((d) => d.meta.path)).toEqual(['a.txt']);
    expect(problems).toEqual([{ path: 'copy/b.txt', reason: 'duplicate: same text as a.txt; kept once' }]);
  });

  it('skips FIFOs, devices and links to them without opening them, and reports dangling links by name', async () => {
    await writeFile(join(dir, 'good.txt'), '标题\n正文。');
    const fifo = join(dir, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.warn('mkfifo not available: FIFO case not tested');
    }
    await symlink(fifo, join(dir, 'link-to-pipe.txt'));
    await symlink('/dev/zero', join(dir, 'zero.txt'));
    await symlink(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    const { documents, problems } = await readCorpus(dir);
    expect(documents.map((d) => d.meta.path)).toEqual(['good.txt']);
    const reasons = Object.fromEntries(problems.map((p) => [p.path, p.reason]));
    expect(reasons['zero.txt']).toMatch(/a device, not a regular file/);
    expect(reasons['dangling.txt']).toMatch(/cannot read file \(ENOENT\)/);
    if (existsSync(fifo)) {
      expect(reasons['pipe.txt']).toMatch(/a FIFO/);
      expect(reasons['link-to-pipe.txt']).toMatch(/a FIFO/);
    }
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable subfolder by name and reads the rest', async () => {
    await writeFile(join(dir, 'good.txt'), '标题\n正文。');
    await mkdir(join(dir, 'locked'));
    await writeFile(join(dir, 'locked', 'x.txt'), '标题\n正文。');
    await chmod(join(dir, 'locked'), 0o000);
    try {
      const { documents, problems } = await readCorpus(dir);
      expect(documents.map((d) => d.meta.path)).toEqual(['good.txt']);
      expect(problems).toEqual([{ path: 'locked/', reason: expect.stringMatching(/cannot read folder \(EACCES\)/) }]);
    } finally {
      await chmod(join(dir, 'locked'), 0o755);
    }
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
