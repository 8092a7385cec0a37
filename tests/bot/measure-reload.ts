/**
 * Measurement, not a test (timings belong outside `npm test`): while an admin /reload rebuilds a
 * large corpus (default 50 MB, made from copies of ../shared/bench/scale/zh-hans-107k.txt), a
 * separate client process sends another user's question and GET /healthz every 250 ms through the
 * webhook server (a POST returns once the update is handled, reply sent); prints the slowest answer
 * and health check during the rebuild, and the rebuild's worker and load times.
 *
 *   npx tsx tests/bot/measure-reload.ts [MB]      (BENCH_DIR overrides ../shared/bench)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { updates } from '../support/fake-api.js';

const SECRET = 'measure';

async function client(port: number): Promise<void> {
  const post = (update: object) =>
    fetch(`http://127.0.0.1:${port}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, connection: 'close' },
      body: JSON.stringify(update),
    });
  const started = performance.now();
  let id = 1;
  // Not awaited: the webhook answers the /reload request once it is handled (the whole rebuild, or grammY's 55 s).
  const reload = post({ update_id: id++, ...updates.text(777, '/reload') }).catch(() => undefined);
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } });
    if (((await res.json()) as { rebuilding: boolean }).rebuilding) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  let rebuilding = true;
  const answers: number[] = [];
  const health: number[] = [];
  while (rebuilding) {
    const h0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } });
    rebuilding = ((await res.json()) as { rebuilding: boolean }).rebuilding;
    health.push(performance.now() - h0);
    const a0 = performance.now();
    await post({ update_id: id++, ...updates.text(555, '群众满意度是多少？') });
    answers.push(performance.now() - a0);
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s  health ${health.at(-1)!.toFixed(0)} ms  answer ${answers.at(-1)!.toFixed(0)} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await reload;
  console.log(`CLIENT ${answers.length} questions during the rebuild, slowest answer ${Math.max(...answers).toFixed(0)} ms; ${health.length} /healthz, slowest ${Math.max(...health).toFixed(0)} ms`);
}

async function server(megabytes: number): Promise<void> {
  const { runBot } = await import('../../src/bot/run.js');
  const { FakeTelegram } = await import('../support/fake-api.js');
  const { createLogger } = await import('../../src/logger.js');
  const { loadToolSettings } = await import('../../src/config/settings.js');
  const { fakeCorpus, testConfig } = await import('./helpers.js');
  const { loadSegmenter } = await import('../../src/text/segment.js');
  // A running bot has its segmenter loaded (its own knowledge base and questions use it).
  loadSegmenter();
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
  const api = new FakeTelegram();
  const abort = new AbortController();
  const lines: string[] = [];
  const running = runBot(testConfig({ webhook: { url: 'https://bot.example.org/hook', path: '/hook', secret: SECRET }, port: 0, corpusDir: dir, kbCache: false }), {
    signal: abort.signal,
    deps: { corpus: fakeCorpus(), botInfo: api.botInfo, transport: api.transport, logger: createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } }) },
    onReady: (info) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'client', String(info.port)], { stdio: 'inherit' });
      child.on('exit', () => {
        const reloaded = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'corpus reloaded');
        console.log(`SERVER ${api.sent('editMessageText').at(-1)?.text}`);
        console.log(`SERVER timings ${JSON.stringify(reloaded?.timings)} total ${reloaded?.ms} ms`);
        abort.abort();
      });
    },
  });
  await running;
  process.exit(0);
}

if (process.argv[2] === 'client') await client(Number(process.argv[3]));
else await server(Number(process.argv[2] ?? 50));
