/**
 * Measurement, not a test (timings belong outside `npm test`): while an admin /reload rebuilds a
 * large corpus (default 50 MB, made from copies of ../shared/bench/scale/zh-hans-107k.txt), another
 * user's question and GET /healthz are sent every 250 ms through the webhook server; prints the
 * slowest answer and health check during the rebuild, and the rebuild's stages and time.
 *
 *   npx tsx tests/bot/measure-reload.ts [MB]      (BENCH_DIR overrides ../shared/bench)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runBot } from '../../src/bot/run.js';
import { FakeTelegram, updates } from '../../src/bot/fake-api.js';
import { createLogger } from '../../src/logger.js';
import { loadToolSettings } from '../../src/config/settings.js';
import { ADMIN, fakeCorpus, testConfig, USER } from './helpers.js';

const megabytes = Number(process.argv[2] ?? 50);
const bench = resolve(loadToolSettings().benchDir ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'bench'));
const source = readFileSync(join(bench, 'scale', 'zh-hans-107k.txt'), 'utf8').split('\n');
const dir = join(tmpdir(), `reload-${megabytes}mb`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
let bytes = 0;
for (let copy = 0; bytes < megabytes * 1024 * 1024; copy++) {
  for (let i = 0; i < source.length && bytes < megabytes * 1024 * 1024; i += 2000) {
    const text = `第${copy}份 ${source[i]}\n\n` + source.slice(i, i + 2000).join('\n');
    writeFileSync(join(dir, `c${copy}-${i}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
}
console.log(`corpus: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${dir}`);

const webhook = { url: 'https://bot.example.org/hook', path: '/hook', secret: 'measure' };
const api = new FakeTelegram();
const abort = new AbortController();
let port = 0;
let ready!: () => void;
const isReady = new Promise<void>((r) => (ready = r));
const running = runBot(testConfig({ webhook, port: 0, corpusDir: dir, kbCache: false }), {
  signal: abort.signal,
  deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger: createLogger({ level: 'warn' }) },
  onReady: (info) => ((port = info.port!), ready()),
});
await isReady;
const post = (update: object) =>
  fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret }, body: JSON.stringify(update) });

let id = 1;
const started = performance.now();
const reload = post({ update_id: id++, ...updates.text(ADMIN, '/reload') });
const answerMs: number[] = [];
const healthMs: number[] = [];
let done = false;
const isDone = () => api.sent('editMessageText').some((m) => /^(已重新加载|重新加载失败)/.test(m.text));
while (!done) {
  const t0 = performance.now();
  const before = api.sent().filter((m) => m.chat_id === USER).length;
  const h0 = performance.now();
  await fetch(`http://127.0.0.1:${port}/healthz`);
  healthMs.push(performance.now() - h0);
  await post({ update_id: id++, ...updates.text(USER, '群众满意度是多少？') });
  await api.waitFor(() => api.sent().filter((m) => m.chat_id === USER).length > before, 120_000);
  answerMs.push(performance.now() - t0);
  done = isDone();
  await new Promise((r) => setTimeout(r, 250));
}
await reload;
const total = (performance.now() - started) / 1000;
const max = (xs: number[]) => Math.max(...xs).toFixed(0);
console.log(`rebuild: ${total.toFixed(1)} s; outcome: ${api.sent('editMessageText').at(-1)?.text}`);
console.log(`during it: ${answerMs.length} questions, slowest answer ${max(answerMs)} ms; ${healthMs.length} /healthz, slowest ${max(healthMs)} ms`);
abort.abort();
await running;
process.exit(0);
