/**
 * End to end: the real bot, started the way `npm start` does (npx tsx src/cli/main.ts with BOT_TOKEN),
 * against telegram-test-api (a local Bot API emulator) on 127.0.0.1, over the real corpus/ folder.
 * A user sends /start and a question; the answer arrives with citation markup; a button works;
 * SIGTERM stops the bot cleanly. No call ever leaves 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

const TOKEN = '987654321:AAE2eEmulatorTokenNotReal_0123456789';
const CHAT = 31337;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bot against the Telegram emulator', () => {
  let server: TelegramServer;
  let bot: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  const feedbackLog = join(mkdtempSync(join(tmpdir(), 'e2e-fb-')), 'feedback.jsonl');

  beforeAll(async () => {
    const port = await freePort();
    server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 120 });
    await server.start();
    bot = spawn('npx', ['tsx', 'src/cli/main.ts'], {
      cwd: process.cwd(),
      detached: true, // own process group: the test stops exactly what it started
      env: {
        ...process.env,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        CORPUS_DIR: 'corpus',
        FEEDBACK_LOG: feedbackLog,
        LOG_LEVEL: 'info',
        WEBHOOK_URL: '',
        REDIS_URL: '',
        ADMIN_IDS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (d) => (output += d));
    bot.stderr!.on('data', (d) => (output += d));
    // 'close': every process of the group that held the output pipes (npx, tsx, node) has ended.
    exited = new Promise((resolve) => bot.once('close', (code) => resolve(code)));
  });

  afterAll(async () => {
    if (bot.exitCode === null && bot.pid) {
      try {
        process.kill(-bot.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await server?.stop();
  });

  const botMessages = () => server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(CHAT)).map((m) => m.message as any);

  it('answers /start and a question with a cited answer, buttons work, SIGTERM stops it', async () => {
    const client = server.getClient(TOKEN, { chatId: CHAT, userId: CHAT, firstName: '测试', userName: 'tester', type: 'private' });
    await client.sendCommand(client.makeCommand('/start'));
    const start = await until(() => botMessages()[0], 15_000, `the /start reply (bot output so far:\n${output})`);
    expect(start.parse_mode).toBe('HTML');
    expect(start.text).toMatch(/我读过 \d+ 篇文档/);
    expect(start.reply_markup?.inline_keyboard?.length).toBeGreaterThan(0); // example questions

    await client.sendMessage(client.makeMessage('铁岭的群众满意度是多少？'));
    const answer = await until(() => botMessages()[1], 10_000, 'the answer');
    expect(answer.parse_mode).toBe('HTML');
    expect(answer.link_preview_options).toEqual({ is_disabled: true });
    expect(answer.text).toMatch(/<b>\[1\]<\/b> 《[^》]+》/); // numbered citation with the title
    expect(answer.text).toMatch(/<blockquote>[^<]+<\/blockquote>/); // the verbatim sentence
    const keys = (answer.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
    for (const k of keys) expect(Buffer.byteLength(k.callback_data)).toBeLessThan(64);

    const context = keys.find((k) => k.callback_data.startsWith('ctx:'))!;
    await client.sendCallback(client.makeCallbackQuery(context.callback_data));
    const contextReply = await until(() => botMessages()[2], 10_000, 'the context reply');
    // The context of citation [1]: the 上下文 heading (the Simplified label: the question was Simplified)
    // over the same title · source · date as the answer's [1], and the cited sentence in bold among its neighbours.
    const citedMeta = /<b>\[1\]<\/b> ([^\n]+)\n<blockquote>([^<]+)<\/blockquote>/.exec(answer.text)!;
    expect(contextReply.text.startsWith(`<b>上下文 [1]</b> ${citedMeta[1]}\n`)).toBe(true);
    expect(contextReply.text).toContain(`<b>${citedMeta[2]}</b>`);
    const up = keys.find((k) => k.text === '👍')!;
    await client.sendCallback(client.makeCallbackQuery(up.callback_data));
    await until(() => (existsSync(feedbackLog) ? readFileSync(feedbackLog, 'utf8') || undefined : undefined), 10_000, 'the feedback line');
    expect(JSON.parse(readFileSync(feedbackLog, 'utf8').trim())).toMatchObject({ chatId: CHAT, rating: 'up', question: '铁岭的群众满意度是多少？' });

    // SIGTERM to the group, as a process manager would: npx itself dies of the signal, the bot
    // (node under tsx) finishes what it is doing, logs "bot stopped" and exits.
    process.kill(-bot.pid!, 'SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
    expect(code).not.toBe('hung');
    expect(output).toMatch(/"msg":"stopping \(polling\)"[^\n]*\n(.*\n)*.*"msg":"bot stopped"/);
    expect(output).not.toContain(TOKEN);
    if (process.env.E2E_DEBUG) process.stderr.write(output);
  }, 30_000);
});
