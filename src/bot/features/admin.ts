/**
 * Admin-only (ADMIN_IDS): /reload re-reads the corpus folder and swaps the engine without a restart;
 * a .txt/.md document sent in a private chat is downloaded (size-limited), cleaned, shown back, saved
 * into the corpus folder under a generated name, and the engine rebuilt. Everyone else is refused.
 * Under STORE=postgres /reload writes the folder into the store and an upload is appended to it
 * (corpus.ts); the saved file keeps the folder the source a later /reload writes from.
 */
import { Composer } from 'grammy';
import { unlink, writeFile, mkdir } from 'node:fs/promises';
import type { BotContext, BotServices } from '../context.js';
import type { BotCorpus, ReloadOutcome, ReloadProgress, SavedUpload } from '../corpus.js';
import { libraryOf } from '../library.js';
import type { Script } from '../../types.js';
import type { CorpusDocument } from '../../types.js';
import { documentFromText } from '../../documents/read.js';
import { formatDocument } from '../../documents/frontmatter.js';
import { splitSentences } from '../../text/sentences.js';
import { escapeHtml, formatPublished, packBlocks, truncate, type Block } from '../../render/html.js';
import { scrubText } from '../../logger.js';
import { formatStats } from '../../ops/question-log.js';
import { toScript } from '../../text/script.js';
import { MAX_MESSAGE_LENGTH } from '../../render/html.js';
import { sendHtml, sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';
import { decodeUpload, duplicateOf, formatSize, generatedDocumentId, pathInside, uploadExtension, UploadError } from '../upload.js';

export function isAdmin(s: BotServices, ctx: BotContext): boolean {
  return !!ctx.from && s.config.adminIds.includes(ctx.from.id);
}

/** An error as a short reason for an admin: first line, no secrets, bounded. */
function reason(s: BotServices, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return truncate(scrubText(message.split('\n')[0], [s.config.botToken ?? '', s.config.webhook?.secret ?? '']), 300);
}

/** Least time between two edits of the progress message (Telegram limits edits per chat). */
export const PROGRESS_EDIT_INTERVAL_MS = 1500;

/**
 * Rebuild the knowledge base (off-thread, coalesced with other requests) while one message shows its
 * progress, edited as it goes, and ends with the outcome: documents, sentences, facts, time, skipped
 * files. Rethrows a failure after showing it (the old documents keep answering).
 */
export async function rebuildWithProgress(s: BotServices, ctx: BotContext, script: Script, replyTo: number, upload?: SavedUpload): Promise<ReloadOutcome> {
  const status = await ctx.reply(t(s.corpus.busy ? 'reloadQueued' : 'reloading', script), { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }).catch(() => undefined);
  let lastEdit = 0;
  let lastText = '';
  let editing: Promise<unknown> = Promise.resolve();
  const show = (text: string, force = false) => {
    if (!status || text === lastText) return;
    const now = Date.now();
    if (!force && now - lastEdit < PROGRESS_EDIT_INTERVAL_MS) return;
    lastEdit = now;
    lastText = text;
    editing = editing.then(() => ctx.api.editMessageText(status.chat.id, status.message_id, text).catch(() => undefined));
  };
  const started = Date.now();
  try {
    const outcome = await s.corpus.reload(
      true,
      (p: ReloadProgress) => show(t(`reloadStage_${p.stage}`, script, { docs: p.documents ?? '?', sentences: p.sentences ?? '?', facts: p.facts ?? '?' })),
      upload,
    );
    s.logger.info(
      {
        documents: outcome.documents,
        sentences: outcome.sentences,
        facts: outcome.facts,
        ms: outcome.ms,
        skipped: outcome.corpus.problems?.length ?? 0,
        timings: outcome.corpus.timings,
        by: ctx.from?.id,
      },
      'corpus reloaded',
    );
    let text = t('reloaded', script, { docs: outcome.documents, sentences: outcome.sentences, facts: outcome.facts, seconds: (outcome.ms / 1000).toFixed(1) });
    const problems = outcome.corpus.problems ?? [];
    if (problems.length)
      text +=
        `\n${t('reloadProblems', script)}\n` +
        problems
          .slice(0, MAX_LISTED_PROBLEMS)
          .map((p) => `· ${truncate(p.path, 100)}: ${truncate(p.reason, 100)}`)
          .join('\n') +
        (problems.length > MAX_LISTED_PROBLEMS ? `\n…（${problems.length}）` : '');
    text = truncate(text, MAX_MESSAGE_LENGTH - 96);
    await editing;
    if (status) show(text, true);
    else await sendText(ctx, text, replyTo);
    await editing;
    return outcome;
  } catch (error) {
    s.logger.error({ err: error, ms: Date.now() - started }, 'corpus reload failed');
    const text = t('reloadFailed', script, { reason: reason(s, error) });
    await editing;
    if (status) show(text, true);
    else await sendText(ctx, text, replyTo).catch(() => undefined);
    await editing;
    throw error;
  }
}

/** Skipped files listed in the outcome message (the log has them all). */
const MAX_LISTED_PROBLEMS = 20;

export function adminFeature(s: BotServices): Composer<BotContext> {
  const c = new Composer<BotContext>();

  c.command('reload', async (ctx) => {
    const script = scriptOf(ctx);
    if (!isAdmin(s, ctx)) return sendText(ctx, t('adminOnly', script), ctx.msg.message_id);
    try {
      await rebuildWithProgress(s, ctx, script, ctx.msg.message_id);
    } catch {
      // Already logged and shown in the progress message.
    }
  });

  c.command('stats', async (ctx) => {
    const script = scriptOf(ctx);
    if (!isAdmin(s, ctx)) return sendText(ctx, t('adminOnly', script), ctx.msg.message_id);
    const stats = await s.questions.stats();
    const text = stats.source === 'none' ? t('statsOff', script) : formatStats(stats) + (stats.source === 'redis' ? `\n\n${t('statsShared', script)}` : '');
    // Plain text, cut to one message: questions are user text.
    await sendText(ctx, toScript(truncate(text, MAX_MESSAGE_LENGTH - 100), script), ctx.msg.message_id);
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
      const same = await libraryOf(s.corpus.current).sameText(cleaned);
      if (same) throw duplicateOf(same);
      const path = pathInside(s.corpus.dir, `${id}.md`);
      await mkdir(s.corpus.dir, { recursive: true });
      await writeFile(path, formatDocument(cleaned), { encoding: 'utf8', flag: 'wx' });
      written = path;
      loaded = (await rebuildWithProgress(s, ctx, script, ctx.msg.message_id, { path, id })).corpus;
    } catch (error) {
      // Do not leave a file behind that the running engine does not reflect.
      if (written) await unlink(written).catch(() => undefined);
      s.logger.error({ err: error, id }, 'upload failed');
      return sendText(ctx, t('uploadFailed', script, { reason: reason(s, error) }), ctx.msg.message_id);
    }
    s.logger.info({ id, bytes: size, by: ctx.from.id, documents: libraryOf(loaded).documents().length }, 'document uploaded');

    const first = cleaned.paragraphs
      .flatMap((p) => splitSentences(p))
      .slice(0, 3)
      .join('');
    const rows = [
      `${t('labelTitle', script)}：${truncate(cleaned.meta.title, 200)}`,
      `${t('labelDate', script)}：${formatPublished(cleaned.meta.published) ?? '—'}`,
      `${t('labelSize', script)}：${formatSize(size)}`,
      `${t('labelFile', script)}：${id}.md（${truncate(doc.file_name ?? '', 80)}）`,
    ];
    const blocks: Block[] = [
      { open: '<b>', text: t('uploadDone', script, { n: libraryOf(loaded).documents().length }), close: '</b>' },
      { text: rows.join('\n') },
      { head: `<b>${escapeHtml(t('labelBeginning', script))}</b>\n`, open: '<blockquote>', text: truncate(first, 600), close: '</blockquote>' },
    ];
    await sendHtml(ctx, packBlocks(blocks), { replyTo: ctx.msg.message_id });
  });

  return c;
}
