/**
 * The bot answering from the PostgreSQL store (TEST_DATABASE_URL; .ci/run starts a server): two bot
 * instances on one database, each with its own corpus folder and store connection, driven with
 * `bot.handleUpdate` against the fake Bot API — a document uploaded through one is answered by the
 * other within the 5 s the issue sets (its version poll). Then the store going away (a TCP proxy in
 * front of it is cut): the user gets one clear line, the log one line, /healthz's store says
 * unreachable; when it is back the same bot answers again. Skipped with a message when no server is
 * given. Runs in a database of its own: the store tests empty theirs while this file runs.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Update } from 'grammy/types';
import { testDatabaseUrl } from '../../src/config/settings.js';
import { ingestDocuments } from '../../src/knowledge/postgres/ingest.js';
import { dropStore } from '../../src/knowledge/postgres/schema.js';
import { documentFromText } from '../../src/documents/read.js';
import { createLogger } from '../../src/logger.js';
import { openStoreCorpus, StoreOpenError, type StoreCorpus } from '../../src/bot/postgres.js';
import { runBot } from '../../src/bot/run.js';
import { FakeTelegram } from '../support/fake-api.js';
import { libraryOf } from '../../src/bot/library.js';
import { ADMIN, harness, testConfig, TOKEN, updates, USER, type Harness } from './helpers.js';
import { visibleText } from './html-check.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const url = testDatabaseUrl();
if (!url) console.warn('TEST_DATABASE_URL is not set: the bot-over-PostgreSQL tests are skipped');

/** The deadline the issue sets for another instance to answer an upload. */
const OTHER_INSTANCE_DEADLINE_MS = 5000;

const BRIDGE = '青港湾大桥通车\n\n青港湾大桥全长12.6公里，于2023年5月1日正式通车。大桥由市交通局负责建设。\n';
const PARK = '滨江公园扩建完成\n\n滨江公园占地48公顷，扩建工程于2022年完工。\n';
const UPLOAD = '蓝湾市举行防汛演练\n来源：蓝湾日报 | 发布时间：2021-09-01 10:00\n\n  本报讯 9月1日，蓝湾市防汛应急演练在滨江公园举行。演练由副市长欧阳明主持。\n\n  共有三百名队员参加演练。\n';

/** Poll `check` every 100 ms until it holds or `ms` passed; its last value. */
async function eventually<T>(check: () => Promise<T>, holds: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await check();
  while (!holds(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await check();
  }
  return value;
}

/** This file's own database next to the test database (created once, emptied here). */
async function ownDatabase(base: string): Promise<string> {
  const target = new URL(base);
  const name = `${target.pathname.slice(1)}_bot`;
  const admin = new pg.Pool({ connectionString: base });
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // 42P04: it exists already
  } finally {
    await admin.end();
  }
  target.pathname = `/${name}`;
  const own = new pg.Pool({ connectionString: target.toString() });
  await dropStore(own);
  await own.end();
  return target.toString();
}

/** A TCP proxy in front of the database (taken down to simulate an outage), and the URL through it. */
async function proxied(database: string): Promise<{ proxy: TcpProxy; through: URL }> {
  const target = new URL(database);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.up();
  const through = new URL(database);
  through.host = `127.0.0.1:${proxy.port}`;
  return { proxy, through };
}

function uploadUpdate(): Omit<Update, 'update_id'> {
  const upload = updates.text(ADMIN, 'x') as any;
  delete upload.message.text;
  upload.message.document = { file_id: 'F', file_unique_id: 'U', file_name: '演练.txt', file_size: 300 };
  return upload;
}

describe.skipIf(!url)('the bot over the PostgreSQL store (TEST_DATABASE_URL)', () => {
  let database: string;
  const opened: StoreCorpus[] = [];

  /** One bot instance: its own folder, store connection (polling as in production) and log. */
  async function instance(storeUrl: string, files: Record<string, string> = {}): Promise<Harness & { store: StoreCorpus; dir: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'bot-pg-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void logs.push(s) } });
    const store = await openStoreCorpus(storeUrl, { logger, dir, attempts: 1 });
    opened.push(store);
    const h = harness({
      config: { corpusDir: dir },
      deps: { corpus: store.corpus, loadCorpus: store.loadCorpus, addDocument: store.addDocument, logger, download: async () => new TextEncoder().encode(UPLOAD) },
    });
    return Object.assign(h, { store, dir, logs });
  }

  /** The text of the reply to one question. */
  async function ask(h: Harness, question: string): Promise<string> {
    h.clear();
    await h.send(updates.text(USER, question));
    return visibleText(h.replies()[0]?.text ?? '');
  }

  beforeAll(async () => {
    database = await ownDatabase(url!);
  });
  afterAll(async () => {
    for (const s of opened) await s.close().catch(() => undefined);
  });

  it('answers a document uploaded through one instance from another within 5 s', async () => {
    // The store as `npm run store -- sync` leaves it (written here, on this thread: one small document).
    const pool = new pg.Pool({ connectionString: database });
    await ingestDocuments(pool, [documentFromText(BRIDGE, 'bridge')], 'sync');
    await pool.end();
    const a = await instance(database, { 'bridge.md': BRIDGE });
    const b = await instance(database);
    expect(
      libraryOf(b.bot.services.corpus.current)
        .documents()
        .map((d) => d.title),
    ).toEqual(['青港湾大桥通车']);
    expect(await ask(b, '青港湾大桥全长多少？')).toContain('12.6公里');

    await a.send(uploadUpdate());
    expect(a.calls('editMessageText').at(-1)!.text).toMatch(/^已重新加载：2 篇文档，\d+ 个句子，\d+ 条事实，用时 [\d.]+ 秒。$/);
    expect(visibleText(a.replies().at(-1)!.text)).toContain('现在共有 2 篇文档');
    expect(readdirSync(a.dir).filter((f) => f.startsWith('upload-'))).toHaveLength(1);
    expect(await ask(a, '蓝湾市防汛应急演练由谁主持？')).toContain('欧阳明');

    // The other instance: polled until it answers, never past the deadline.
    const deadline = Date.now() + OTHER_INSTANCE_DEADLINE_MS;
    let reply = await ask(b, '蓝湾市防汛应急演练由谁主持？');
    while (!reply.includes('欧阳明') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      reply = await ask(b, '蓝湾市防汛应急演练由谁主持？');
    }
    expect(reply).toContain('欧阳明');
    expect(reply).toContain('《蓝湾市举行防汛演练》');
    expect(libraryOf(b.bot.services.corpus.current).documents()).toHaveLength(2);

    // The same upload again is refused by its text, from the store.
    a.clear();
    await a.send(uploadUpdate());
    expect(a.replies()[0].text).toMatch(/^添加文档失败：与已有文档相同：《蓝湾市举行防汛演练》/);

    // /reload writes the folder (now with one more file) into the store; the other instance sees it.
    writeFileSync(join(a.dir, 'park.md'), PARK);
    a.clear();
    await a.send(updates.text(ADMIN, '/reload'));
    expect(a.calls('editMessageText').at(-1)!.text).toMatch(/^已重新加载：3 篇文档，/);
    const after = await eventually(
      async () => libraryOf(b.bot.services.corpus.current).documents().length,
      (n) => n === 3,
      OTHER_INSTANCE_DEADLINE_MS,
    );
    expect(after).toBe(3);
    expect(await ask(b, '滨江公园占地多少？')).toContain('48公顷');
  }, 30_000);

  it('tells the user in one line while PostgreSQL is unreachable, and answers again when it is back', async () => {
    const { proxy, through } = await proxied(database);
    const c = await instance(through.toString());
    try {
      expect(await ask(c, '青港湾大桥全长多少？')).toContain('12.6公里');

      await proxy.down();
      // A question with words this instance has not fetched yet: it needs the server.
      c.logs.length = 0;
      expect(await ask(c, '大桥由哪个部门负责建设？')).toBe('抱歉，知识库暂时无法访问，请稍后再试。');
      const lines = c.logs.filter((l) => l.includes('knowledge store unavailable'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).reason).toMatch(/^PostgreSQL store at 127\.0\.0\.1:\d+\/\S+ is unavailable: [^\n]+$/);
      expect(c.logs.join('')).not.toContain('update failed');
      expect(libraryOf(c.bot.services.corpus.current).status()).toMatchObject({ kind: 'postgres', reachable: false });

      await proxy.up();
      const deadline = Date.now() + 10_000;
      let reply = await ask(c, '大桥由哪个部门负责建设？');
      while (!reply.includes('交通局') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        reply = await ask(c, '大桥由哪个部门负责建设？');
      }
      expect(reply).toContain('交通局');
      expect(libraryOf(c.bot.services.corpus.current).status()).toMatchObject({ kind: 'postgres', reachable: true });
      expect(c.logs.some((l) => l.includes('is reachable again'))).toBe(true);
    } finally {
      await proxy.down();
    }
  }, 30_000);

  it('runs with STORE=postgres: /healthz reports the store, degraded while it is away and ok when back', async () => {
    const { proxy, through } = await proxied(database);
    const api = new FakeTelegram();
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void logs.push(s) } });
    const webhook = { url: 'https://bot.example.org/tg/hook', path: '/tg/hook', secret: 'webhook_secret-123' };
    const abort = new AbortController();
    let port = 0;
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const config = testConfig({ webhook, port: 0, store: { kind: 'postgres', url: through.toString() } });
    const running = runBot(config, {
      signal: abort.signal,
      deps: { botInfo: api.botInfo, transport: api.transport, logger },
      onReady: (info) => {
        port = info.port!;
        ready();
      },
    });
    try {
      await Promise.race([isReady, running]);
      const health = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
      expect(await health()).toMatchObject({ status: 'ok', documents: 3, store: { kind: 'postgres', reachable: true } });
      expect(logs.join('')).toContain('"store":"postgres"');
      expect(logs.join('')).not.toContain('still answers');

      const post = await fetch(`http://127.0.0.1:${port}${webhook.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret },
        body: JSON.stringify({ update_id: 1, ...updates.text(USER, '蓝湾市防汛应急演练由谁主持？') }),
      });
      expect(post.status).toBe(200);
      expect(visibleText(api.sent('sendMessage')[0].text)).toContain('欧阳明');

      await proxy.down();
      // The poll (once a second) finds it away.
      const down = await eventually(health, (h) => h.status === 'degraded', 5000);
      expect(down).toMatchObject({ status: 'degraded', store: { kind: 'postgres', reachable: false, error: expect.stringMatching(/^PostgreSQL store at .* is unavailable: /) } });
      await proxy.up();
      expect(await eventually(health, (h) => h.status === 'ok', 5000)).toMatchObject({ status: 'ok', store: { reachable: true } });
    } finally {
      abort.abort();
      await running.catch(() => undefined);
      await proxy.down();
    }
  }, 30_000);

  it('gives up opening an unreachable store at start with one line naming DATABASE_URL', async () => {
    const proxy = new TcpProxy('127.0.0.1', 9);
    await proxy.up();
    await proxy.down(); // a port nothing listens on
    const through = new URL(database);
    through.host = `127.0.0.1:${proxy.port}`;
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void logs.push(s) } });
    const failure = await openStoreCorpus(through.toString(), { logger, dir: tmpdir(), attempts: 2, firstPauseMs: 10 }).catch((error) => error);
    expect(failure).toBeInstanceOf(StoreOpenError);
    expect(failure.message).toMatch(/^DATABASE_URL: PostgreSQL store at 127\.0\.0\.1:\d+\/\S+ is unavailable: .+ \(after 2 attempts\); start PostgreSQL or correct DATABASE_URL$/);
    expect(logs.filter((l) => l.includes('retrying'))).toHaveLength(1);
  });
});
