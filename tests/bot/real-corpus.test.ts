/**
 * The bot over the real answering core: the corpus/ folder copied to a temporary folder, the real
 * loader, an admin upload that becomes answerable at once.
 */
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { buildCorpusInWorker } from '../../src/bot/rebuild.js';
import type { MemoryCorpus } from '../../src/bot/corpus.js';
import { loadCorpus } from '../../src/answer/corpus.js';
import { ADMIN, harness, updates, USER } from './helpers.js';
import { htmlProblems, visibleText } from './html-check.js';

const UPLOAD = '蓝湾市举行防汛演练\n来源：蓝湾日报 | 发布时间：2021-09-01 10:00\n\n  本报讯 9月1日，蓝湾市防汛应急演练在滨江公园举行。演练由副市长欧阳明主持。\n\n  共有三百名队员参加演练。\n';

describe('bot over the real corpus', () => {
  it('answers with citations, and an uploaded document is answerable right away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'real-corpus-'));
    cpSync('corpus', dir, { recursive: true });
    const h = harness({
      config: { corpusDir: dir },
      // The bot's own loader: rebuilds in a worker thread, then loads the persisted result here.
      deps: { corpus: await loadCorpus(dir), loadCorpus: (d, onProgress) => buildCorpusInWorker(d, { onProgress }), download: async () => new TextEncoder().encode(UPLOAD) },
    });
    const before = (h.bot.services.corpus.current as MemoryCorpus).kb.documents.length;

    await h.send(updates.text(USER, '铁岭的群众满意度是多少？'));
    const [answer] = h.replies();
    expect(htmlProblems(answer.text)).toEqual([]);
    expect(answer.text).toMatch(/<b>\[1\]<\/b> 《[^》]+》[^\n]*\n<blockquote>/);

    const upload = updates.text(ADMIN, 'x') as any;
    delete upload.message.text;
    upload.message.document = { file_id: 'F', file_unique_id: 'U', file_name: '演练.txt', file_size: 300 };
    await h.send(upload as Omit<Update, 'update_id'>);
    // One progress message, edited to the outcome, then the upload summary.
    expect(h.replies()[1].text).toMatch(/^正在重新读取文档/);
    expect(h.calls('editMessageText').at(-1)!.text).toMatch(/^已重新加载：\d+ 篇文档，\d+ 个句子，\d+ 条事实，用时 [\d.]+ 秒。$/);
    expect(visibleText(h.replies()[2].text)).toContain(`现在共有 ${before + 1} 篇文档`);
    expect(readdirSync(dir).filter((f) => f.startsWith('upload-'))).toHaveLength(1);

    await h.send(updates.text(USER, '蓝湾市防汛应急演练由谁主持？'));
    const reply = h.replies()[3];
    expect(htmlProblems(reply.text)).toEqual([]);
    expect(visibleText(reply.text)).toContain('《蓝湾市举行防汛演练》');
  }, 20_000);
});
