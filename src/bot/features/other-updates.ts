/**
 * Everything no other feature took: stickers, photos, voice… in a private chat get a short hint;
 * edited messages a hint (private) or nothing; channel posts, membership changes and the rest
 * nothing. Stale or unknown buttons are acknowledged so the client stops its spinner.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { ackCallback, sendText } from '../send.js';
import { scriptOf, t } from '../texts.js';

export function otherUpdatesFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on('edited_message', async (ctx) => {
    if (ctx.chat.type === 'private') await sendText(ctx, t('editedHint', scriptOf(ctx)), ctx.editedMessage.message_id);
  });
  c.on(['channel_post', 'edited_channel_post'], () => undefined);
  c.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const m = ctx.message;
    if (m.sticker || m.photo || m.voice || m.audio || m.video || m.video_note || m.animation || m.location || m.contact || m.poll || m.dice || m.venue) {
      await sendText(ctx, t('onlyText', scriptOf(ctx)), m.message_id);
    }
  });
  c.on('callback_query', (ctx) => ackCallback(ctx));
  return c;
}
