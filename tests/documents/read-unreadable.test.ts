/**
 * An unreadable subfolder, as a non-root user meets it. Tests run as root in CI, where chmod 000 does not
 * stop readdir, so readdir itself is made to fail the way the kernel does (EACCES) for one folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (async (path: string, options?: unknown) => {
    if (basename(String(path)) === 'locked') {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
    }
    return (actual.readdir as (p: string, o?: unknown) => Promise<unknown>)(path, options);
  }) as typeof actual.readdir;
  return { ...actual, readdir, default: { ...actual, readdir } };
});

const { readCorpus } = await import('../../src/documents/read.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readCorpus with an unreadable subfolder', () => {
  it('reports the folder by name and reads everything else', async () => {
    await writeFile(join(dir, 'good.txt'), '标题\n正文第一句。');
    await mkdir(join(dir, 'locked'));
    await writeFile(join(dir, 'locked', 'x.txt'), '标题\n另一篇正文。');
    await mkdir(join(dir, 'open'));
    await writeFile(join(dir, 'open', 'y.txt'), '标题\n第三篇正文。');
    const { documents, problems } = await readCorpus(dir);
    expect(documents.map((d) => d.meta.path)).toEqual(['good.txt', 'open/y.txt']);
    expect(problems).toEqual([{ path: 'locked/', reason: 'cannot read folder (EACCES); its files were skipped' }]);
  });
});
