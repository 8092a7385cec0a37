/**
 * Admin-only (ADMIN_IDS): /reload re-reads the corpus folder and swaps the engine without a restart;
 * a .txt/.md document sent in a private chat is downloaded (size-limited), cleaned, shown back, saved
 * into the corpus folder under a generated name, and the engine rebuilt. Everyone else is refused.
 */
import { Composer } from 'grammy';
import { unlink, writeFile, mkdir } from 'node:fs/promises';
import type { BotContext, BotServices } from '../context.js';
import type { BotCorpus } from '../corpus.js';
import type { CorpusDocument } from '../../types.js';
import { documentFromText } from '../../documents/read.js';
import { formatDocument } from '../../documents/frontmatter.js';
import { splitSentences } from '../../text/sentences.js';
import { escapeHtml, formatPublished, packBlocks, truncate, type Block } from '../../render/html.js';
import { scrubText } from '../../logger.js';
import { sendHtml, sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { decodeUpload, formatSize, generatedDocumentId, pathInside, refuseDuplicate, uploadExtension, UploadError } from '../upload.js';

export function isAdmin(s: BotServices, ctx: BotContext): boolean {
  return !!ctx.from && s.config.adminIds.includes(ctx.from.id);
}

/** An error as a short reason for an admin: first line, no secrets, bounded. */
function reason(s: BotServices, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return truncate(scrubText(message.split('\n')[0], [s.config.botToken ?? '', s.config.webhook?.secret ?? '']), 300);
}

export function adminFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command('reload', async (ctx) => {
    const script = scriptOf(ctx);
    if (!isAdmin(s, ctx)) return sendText(ctx, t('adminOnly', script), ctx.msg.message_id);
    await ctx.replyWithChatAction('typing').catch(() => undefined);
    try {
      const loaded = await s.corpus.reload();
      s.logger.info({ documents: loaded.kb.documents.length, facts: loaded.kb.facts.length, by: ctx.from?.id }, 'corpus reloaded');
      let text = t('reloaded', script, { docs: loaded.kb.documents.length, facts: loaded.kb.facts.length });
      if (loaded.problems?.length) text += `\n${t('reloadProblems', script)}\n` + loaded.problems.map((p) => `· ${p.path}: ${p.reason}`).join('\n');
      await sendHtml(ctx, packBlocks([{ text }]), { replyTo: ctx.msg.message_id });
    } catch (error) {
      s.logger.error({ err: error }, 'corpus reload failed');
      await sendText(ctx, t('reloadFailed', script, { reason: reason(s, error) }), ctx.msg.message_id);
    }
  });

  c.on('message:document', async (ctx) => {
    const script = scriptOf(ctx);
    const doc = ctx.message.document;
    if (!isAdmin(s, ctx)) return sendText(ctx, t('uploadAdminOnly', script), ctx.msg.message_id);
    if (ctx.chat.type !== 'private') return sendText(ctx, t('uploadPrivateOnly', script), ctx.msg.message_id);
    const ext = uploadExtension(doc.file_name, doc.mime_type);
    if (!ext) return sendText(ctx, t('uploadType', script), ctx.msg.message_id);
    const max = s.config.maxUploadBytes;
    if (doc.file_size !== undefined && doc.file_size > max) return sendText(ctx, t('uploadTooBig', script, { max: formatSize(max) }), ctx.msg.message_id);

    await ctx.replyWithChatAction('typing').catch(() => undefined);
    let text: string;
    let size: number;
    try {
      const file = await ctx.getFile();
      if (!file.file_path) throw new UploadError('Telegram did not return a file path');
      const bytes = await s.download(file.file_path, max);
      size = bytes.length;
      if (size > max) return sendText(ctx, t('uploadTooBig', script, { max: formatSize(max) }), ctx.msg.message_id);
      text = await decodeUpload(bytes, doc.file_name ?? `upload${ext}`);
    } catch (error) {
      if (error instanceof UploadError) return sendText(ctx, t('uploadBadText', script, { reason: error.message }), ctx.msg.message_id);
      s.logger.error({ err: error }, 'upload download failed');
      return sendText(ctx, t('uploadFailed', script, { reason: reason(s, error) }), ctx.msg.message_id);
    }

    const id = generatedDocumentId(s.now());
    let written: string | undefined;
    let cleaned: CorpusDocument;
    let loaded: BotCorpus;
    try {
      cleaned = documentFromText(text, id);
      refuseDuplicate(cleaned, s.corpus.current.kb.documents);
      const path = pathInside(s.corpus.dir, `${id}.md`);
      await mkdir(s.corpus.dir, { recursive: true });
      await writeFile(path, formatDocument(cleaned), { encoding: 'utf8', flag: 'wx' });
      written = path;
      loaded = await s.corpus.reload();
    } catch (error) {
      // Do not leave a file behind that the running engine does not reflect.
      if (written) await unlink(written).catch(() => undefined);
      s.logger.error({ err: error, id }, 'upload failed');
      return sendText(ctx, t('uploadFailed', script, { reason: reason(s, error) }), ctx.msg.message_id);
    }
    s.logger.info({ id, bytes: size, by: ctx.from.id, documents: loaded.kb.documents.length }, 'document uploaded');

    const first = cleaned.paragraphs.flatMap((p) => splitSentences(p)).slice(0, 3).join('');
    const rows = [
      `${t('labelTitle', script)}：${truncate(cleaned.meta.title, 200)}`,
      `${t('labelDate', script)}：${formatPublished(cleaned.meta.published) ?? '—'}`,
      `${t('labelSize', script)}：${formatSize(size)}`,
      `${t('labelFile', script)}：${id}.md（${truncate(doc.file_name ?? '', 80)}）`,
    ];
    const blocks: Block[] = [
      { open: '<b>', text: t('uploadDone', script, { n: loaded.kb.documents.length }), close: '</b>' },
      { text: rows.join('\n') },
      { head: `<b>${escapeHtml(t('labelBeginning', script))}</b>\n`, open: '<blockquote>', text: truncate(first, 600), close: '</blockquote>' },
    ];
    await sendHtml(ctx, packBlocks(blocks), { replyTo: ctx.msg.message_id });
  });

  return c;
}
