import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, DOCS, fakeCorpus, harness, updates, USER } from './helpers.js';
import { htmlProblems, visibleText } from './html-check.js';
import { decodeUpload, generatedDocumentId, pathInside, refuseDuplicate, uploadExtension, UploadError } from '../../src/bot/upload.js';
import type { BotCorpus, MemoryCorpus } from '../../src/bot/corpus.js';
import type { Update } from 'grammy/types';

function documentUpdate(from: number, fileName: string, fileSize: number | undefined, chatType: 'private' | 'supergroup' = 'private', mimeType = 'text/plain'): Omit<Update, 'update_id'> {
  const u = updates.text(chatType === 'private' ? from : -100, 'x', { userId: from, chatType }) as any;
  delete u.message.text;
  u.message.document = { file_id: 'F1', file_unique_id: 'U1', file_name: fileName, mime_type: mimeType, ...(fileSize !== undefined ? { file_size: fileSize } : {}) };
  return u;
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url)));
/** A harness whose loader reads what the upload saved (front matter), so the engine reflects real files. */
function savingHarness(bytes: Uint8Array) {
  return harness({
    deps: {
      download: async () => bytes,
      loadCorpus: async (dir) => fakeCorpus([...DOCS, ...readdirSync(dir).map((f) => ({ meta: { id: f, title: f }, paragraphs: ['x。'] }))]),
    },
  });
}
/** The text the progress message was last edited to. */
const outcome = (h: ReturnType<typeof harness>) => h.calls('editMessageText').at(-1)?.text;

const RAW = '测试新闻标题\n来源：测试日报 | 作者：记者 王五 | 发布时间：2021-09-01 10:00\n\n  本报讯 9月1日，测试会议<召开>。会议由张三主持。与会人员认真学习。\n\n  会议强调，要抓好落实。\n';

describe('/reload', () => {
  it('refuses non-admins', async () => {
    const h = harness();
    await h.send(updates.text(USER, '/reload'));
    expect(h.replies()[0].text).toBe('只有管理员可以使用这个功能。');
  });

  it('re-reads the corpus folder and swaps the engine atomically for admins', async () => {
    let loads = 0;
    const next = fakeCorpus([...DOCS, { meta: { id: 'c', title: '新文档' }, paragraphs: ['新的一句。'] }]);
    const h = harness({
      deps: {
        loadCorpus: async () => {
          loads++;
          return next;
        },
      },
    });
    const old = h.bot.services.corpus.current;
    await h.send(updates.text(ADMIN, '/reload'));
    expect(loads).toBe(1);
    expect(h.bot.services.corpus.current).toBe(next);
    expect(h.bot.services.corpus.current).not.toBe(old);
    // One message shows progress and is edited into the outcome.
    expect(h.replies().map((r) => r.text)).toEqual(['正在重新读取文档……（旧文档在此期间照常回答）']);
    expect(outcome(h)).toMatch(/^已重新加载：3 篇文档，\d+ 个句子，5 条事实，用时 \d+\.\d 秒。$/);
    await h.send(updates.text(USER, '满意度？'));
    expect(next.engine.calls).toHaveLength(1);
    expect(h.corpus.engine.calls).toHaveLength(0);
  });

  it('keeps the old corpus when reloading fails, and tells the admin why', async () => {
    const h = harness({
      deps: {
        loadCorpus: async () => {
          throw new Error('No readable documents in corpus folder "x"');
        },
      },
    });
    const old = h.bot.services.corpus.current;
    await h.send(updates.text(ADMIN, '/reload'));
    expect(h.bot.services.corpus.current).toBe(old);
    expect(outcome(h)).toBe('重新加载失败，仍在使用原来的文档：No readable documents in corpus folder "x"');
  });

  it('lists skipped files', async () => {
    const next: BotCorpus = { ...fakeCorpus(), problems: [{ path: 'bad.txt', reason: 'empty file' }] };
    const h = harness({ deps: { loadCorpus: async () => next } });
    await h.send(updates.text(ADMIN, '/reload'));
    expect(outcome(h)).toContain('跳过的文件：\n· bad.txt: empty file');
  });
});

describe('document upload', () => {
  it('refuses non-admins, groups, other file types and files over the limit', async () => {
    const h = harness();
    await h.send(documentUpdate(USER, 'a.txt', 10));
    await h.send(documentUpdate(ADMIN, 'a.txt', 10, 'supergroup'));
    await h.send(documentUpdate(ADMIN, 'a.exe', 10));
    await h.send(documentUpdate(ADMIN, 'a.txt', 3 * 1024 * 1024));
    // No size given by Telegram: the download itself is checked.
    const big = harness({ deps: { download: async (_p, max) => new Uint8Array(max + 1).fill(65) } });
    await big.send(documentUpdate(ADMIN, 'b.md', undefined));
    // Groups: the group rules keep the bot quiet about non-text messages entirely.
    expect(h.replies().map((r) => r.text)).toEqual(['只有管理员可以上传文档。', '只支持文本（.txt、.md，任何编码）、网页（.html）、PDF 和 Word（.docx）文件。', '文件太大：最大 2.0 MB。']);
    expect(big.replies().map((r) => r.text)).toEqual(['文件太大：最大 2.0 MB。']);
    expect(readdirSync(h.config.corpusDir)).toEqual([]);
    expect(h.calls('getFile')).toEqual([]);
  });

  it('downloads, cleans, shows back, saves under a generated name and rebuilds the engine', async () => {
    const downloads: string[] = [];
    const h = harness({
      deps: {
        download: async (path) => {
          downloads.push(path);
          return new TextEncoder().encode(RAW);
        },
        loadCorpus: async (dir) => {
          const files = readdirSync(dir);
          return fakeCorpus([...DOCS, ...files.map((f) => ({ meta: { id: f, title: f }, paragraphs: ['x。'] }))]);
        },
      },
    });
    await h.send(documentUpdate(ADMIN, '../../etc/passwd<script>.txt', RAW.length));
    expect(h.calls('getFile')).toEqual([{ file_id: 'F1' }]);
    expect(downloads).toEqual(['documents/F1.txt']);
    const files = readdirSync(h.config.corpusDir);
    expect(files).toEqual(['upload-20260102-030405-' + files[0].slice(-9, -3) + '.md']);
    expect(files[0]).toMatch(/^upload-20260102-030405-[0-9a-f]{6}\.md$/);
    const saved = readFileSync(join(h.config.corpusDir, files[0]), 'utf8');
    expect(saved.startsWith('---\ntitle: "测试新闻标题"\n')).toBe(true);
    expect(saved).toContain('source: "测试日报"');
    expect(saved).toContain('测试会议<召开>。');
    expect((h.bot.services.corpus.current as MemoryCorpus).kb.documents).toHaveLength(3);

    const [progress, reply] = h.replies();
    expect(progress.text).toMatch(/^正在重新读取文档/);
    expect(outcome(h)).toMatch(/^已重新加载：3 篇文档/);
    expect(htmlProblems(reply.text)).toEqual([]);
    const text = visibleText(reply.text);
    expect(text).toContain('已添加文档，现在共有 3 篇文档：');
    expect(text).toContain('标题：测试新闻标题');
    expect(text).toContain('日期：2021-09-01 10:00');
    expect(text).toContain(`大小：${new TextEncoder().encode(RAW).length} B`);
    expect(text).toContain('../../etc/passwd<script>.txt'); // shown back, escaped, never used as a path
    expect(text).toContain('9月1日，测试会议<召开>。');
  });

  it('removes the saved file when rebuilding fails', async () => {
    const h = harness({
      deps: {
        download: async () => new TextEncoder().encode(RAW),
        loadCorpus: async () => {
          throw new Error('index failed');
        },
      },
    });
    await h.send(documentUpdate(ADMIN, 'a.md', 100));
    expect(readdirSync(h.config.corpusDir)).toEqual([]);
    expect(h.replies()[1].text).toBe('添加文档失败：index failed');
  });

  it('reads a Big5 upload as Traditional text, not as GB18030 mojibake', async () => {
    const h = savingHarness(fixture('hant-big5.txt'));
    await h.send(documentUpdate(ADMIN, '鐵嶺.txt', 2074));
    const [file] = readdirSync(h.config.corpusDir);
    const saved = readFileSync(join(h.config.corpusDir, file), 'utf8');
    expect(saved).toContain('title: "鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果"');
    expect(saved).toContain('經測評,政法隊伍教育整頓群眾滿意度為97.18%');
    expect(saved).not.toContain('\uFFFD');
    expect(visibleText(h.replies().at(-1)!.text)).toContain('标题：鐵嶺抓緊抓實六個');
  });

  it('reads a PDF upload (by MIME type when the name has no extension)', async () => {
    const h = savingHarness(fixture('mixed-scripts.pdf'));
    await h.send(documentUpdate(ADMIN, 'scan', 134773, 'private', 'application/pdf'));
    const [file] = readdirSync(h.config.corpusDir);
    const saved = readFileSync(join(h.config.corpusDir, file), 'utf8');
    expect(saved).toContain('title: "辽宁省委书记张国清:高标准高起点推动第二批政法队伍教育整顿取得实效"');
    expect(saved).toContain('会议以电视电话会议形式召开,各市设分会场。');
    expect(saved).not.toMatch(/电子版|第 1 页|%PDF/);
  });

  it('refuses an upload that duplicates a document the corpus has, naming it', async () => {
    const existing = { meta: { id: 'old', title: '测试新闻标题', path: 'old.md' }, paragraphs: ['本报讯 9月1日，测试会议<召开>。会议由张三主持。与会人员认真学习。', '会议强调，要抓好落实。'] };
    const h = harness({ deps: { corpus: fakeCorpus([...DOCS, existing]), download: async () => new TextEncoder().encode(RAW) } });
    await h.send(documentUpdate(ADMIN, 'again.txt', RAW.length));
    expect(readdirSync(h.config.corpusDir)).toEqual([]);
    expect(h.replies()[0].text).toBe('添加文档失败：与已有文档相同：《测试新闻标题》（old.md）');
  });

  it('reports unreadable files', async () => {
    const h = harness({ deps: { download: async () => new Uint8Array([0x41, 0x00, 0x42]) } });
    await h.send(documentUpdate(ADMIN, 'a.txt', 3));
    expect(h.replies()[0].text).toBe('无法读取这个文件：这不是文本文件');
  });
});

describe('upload helpers', () => {
  it('accepts text, web pages, PDF and Word by name, else by MIME type', () => {
    expect(uploadExtension('a.TXT')).toBe('.txt');
    expect(uploadExtension('a.md')).toBe('.md');
    expect(uploadExtension('a.html')).toBe('.html');
    expect(uploadExtension('a.pdf', 'text/plain')).toBe('.pdf');
    expect(uploadExtension('a.docx')).toBe('.docx');
    expect(uploadExtension('a.txt.exe')).toBeUndefined();
    expect(uploadExtension('a.doc')).toBeUndefined();
    expect(uploadExtension(undefined, 'text/plain')).toBe('.txt');
    expect(uploadExtension(undefined, 'application/pdf')).toBe('.pdf');
    expect(uploadExtension(undefined, 'image/png')).toBeUndefined();
  });

  it('generates names that stay inside the corpus folder', () => {
    expect(generatedDocumentId(new Date('2021-08-10T09:46:00Z'), 'abc123')).toBe('upload-20210810-094600-abc123');
    expect(generatedDocumentId(new Date('2021-08-10T09:46:00Z'), '../x')).toBe('upload-20210810-094600-0');
    expect(pathInside('/srv/corpus', 'upload-1.md')).toBe('/srv/corpus/upload-1.md');
    for (const bad of ['../x.md', '..', '/etc/passwd', 'a/b.md', '.hidden', '']) expect(() => pathInside('/srv/corpus', bad)).toThrow(UploadError);
  });

  it('decodes UTF-8 (with BOM), GB18030, Big5 and UTF-16, refuses empty and binary files', async () => {
    expect(await decodeUpload(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('中文')]))).toBe('中文');
    expect(await decodeUpload(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe('中文'); // GBK bytes
    expect(await decodeUpload(new Uint8Array([0xff, 0xfe, 0x2d, 0x4e]))).toBe('中'); // UTF-16LE with a BOM
    expect(await decodeUpload(fixture('hant-big5.txt'))).toBe(readFileSync(new URL('../fixtures/formats/hant-utf8.txt', import.meta.url), 'utf8'));
    await expect(decodeUpload(new Uint8Array([]))).rejects.toThrow('空');
    await expect(decodeUpload(new TextEncoder().encode('  \n '))).rejects.toThrow('空白');
    await expect(decodeUpload(new Uint8Array([0x41, 0x00, 0x42]))).rejects.toThrow('这不是文本文件');
  });

  it('refuses a document whose cleaned text the corpus already has', () => {
    const doc = { meta: { id: 'new', title: 'x' }, paragraphs: ['同一段话。'] };
    expect(() => refuseDuplicate(doc, [{ meta: { id: 'old', title: '旧文档', path: 'a/old.txt' }, paragraphs: ['同一段话。'] }])).toThrow('与已有文档相同：《旧文档》（a/old.txt）');
    expect(() => refuseDuplicate(doc, [{ meta: { id: 'old', title: '旧文档' }, paragraphs: ['另一段话。'] }])).not.toThrow();
  });
});
