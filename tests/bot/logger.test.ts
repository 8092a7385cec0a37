import { describe, expect, it } from 'vitest';
import { GrammyError, HttpError } from 'grammy';
import { createLogger, REDACTED, scrubError, scrubSecrets } from '../../src/logger.js';

const TOKEN = '123456789:AAHsecretTokenValue_0123456789abcdef';

/** A pino destination that keeps the lines. */
function memoryDestination() {
  const lines: string[] = [];
  return { lines, write: (s: string) => void lines.push(s), text: () => lines.join('') };
}

describe('logger', () => {
  it('scrubs the token from messages, nested error objects, stacks and URL-encoded forms', () => {
    const dest = memoryDestination();
    const log = createLogger({ level: 'debug', secrets: [TOKEN], destination: dest });
    const inner = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: ECONNRESET`);
    const http = new HttpError("Network request for 'getMe' failed!", inner);
    log.error({ err: http }, 'network failure');
    log.warn(`plain message with ${TOKEN} inside`);
    log.info({ url: `https://api.telegram.org/bot${encodeURIComponent(TOKEN)}/x`, nested: { deeper: [TOKEN] } }, 'objects');
    log.child({ component: 'x' }).info({ token: 'some-other-secret-field' }, 'child');
    const grammy = new GrammyError(`Call to 'sendMessage' failed! ${TOKEN}`, { ok: false, error_code: 400, description: `bad ${TOKEN}` }, 'sendMessage', {});
    log.error({ err: grammy }, 'api error');

    const out = dest.text();
    expect(dest.lines).toHaveLength(5);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain(encodeURIComponent(TOKEN));
    expect(out).not.toContain('AAHsecretTokenValue');
    expect(out).not.toContain('some-other-secret-field');
    const first = JSON.parse(dest.lines[0]);
    expect(first.err.type).toBe('HttpError');
    expect(first.err.error.message).toBe(`request to https://api.telegram.org/bot${REDACTED}/getMe failed, reason: ECONNRESET`);
    expect(JSON.parse(dest.lines[3]).token).toBe(REDACTED);
    expect(JSON.parse(dest.lines[4]).err.description).toBe(`bad ${REDACTED}`);
  });

  it('scrubError keeps the class and drops the secret from message and stack', () => {
    const e = scrubError(new HttpError(`failed ${TOKEN}`, new Error(TOKEN)), [TOKEN]);
    expect(e).toBeInstanceOf(HttpError);
    expect(e.message).toBe(`failed ${REDACTED}`);
    expect(e.stack).not.toContain(TOKEN);
    expect((e as HttpError).error).toBeInstanceOf(Error);
    expect(((e as HttpError).error as Error).message).toBe(REDACTED);
    expect(scrubSecrets({ a: [1, { b: TOKEN }] }, [TOKEN])).toEqual({ a: [1, { b: REDACTED }] });
  });

  it('logs nothing secret even without a secrets list thanks to path redaction', () => {
    const dest = memoryDestination();
    createLogger({ destination: dest }).info({ config: { botToken: TOKEN }, headers: { 'x-telegram-bot-api-secret-token': 'hdr' } }, 'x');
    expect(dest.text()).not.toContain(TOKEN);
    expect(dest.text()).not.toContain('hdr');
  });
});
