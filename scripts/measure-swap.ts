/**
 * Measurement, not a test: how long the bot's swap-in of a rebuilt knowledge base holds the event loop
 * (issue 11: during a /reload another user's question answered within 2 s, /healthz within 1 s). The
 * worker's build is not measured here (it runs off the event loop, see tests/bot/measure-reload.ts);
 * this is the part on the bot's own thread: load the persisted file, restore, make the engine.
 *
 *   npx tsx scripts/measure-swap.ts build DIR FILE   # read, build and persist DIR's knowledge base once
 *   npx tsx scripts/measure-swap.ts swap FILE        # load it as the bot does while a client polls /healthz
 *
 * FILE may also be a cache an `ask` or the bot wrote (<corpus>/.cache/knowledge-base.bin): its own
 * fingerprint is used.
 *
 * `swap` serves /healthz on a local port; a child process requests it every 100 ms and reports the
 * slowest answer; the event loop's delay is read by perf_hooks' monitorEventLoopDelay. Then the same
 * file is loaded in one synchronous block (loadCache) for comparison.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readCorpus } from '../src/documents/read.js';
import { restoreKnowledgeBase, restoreKnowledgeBaseSteps } from '../src/knowledge/knowledge-base.js';
import { buildKnowledgeBaseInParallel } from '../src/knowledge/parallel-build.js';
import { loadCache, loadCacheAsync, runStepsAsync, saveCache } from '../src/knowledge/persist.js';
import { AnswerEngine } from '../src/answer/engine.js';
import { loadSegmenter } from '../src/text/segment.js';

const [mode, a, b] = process.argv.slice(2);
const FINGERPRINT = 'measure-swap';

if (mode === 'build') {
  const { documents, problems } = await readCorpus(a);
  const kb = await buildKnowledgeBaseInParallel(documents);
  saveCache(b, FINGERPRINT, { documents: kb.documents, sentences: kb.sentences, facts: kb.facts, problems, index: kb.index });
  console.log(`${documents.length} documents, ${kb.sentences.length} sentences, ${kb.facts.length} facts -> ${b}`);
} else if (mode === 'probe') {
  // The client: GET /healthz every 100 ms until told to stop (stdin closes), then print the slowest.
  const port = Number(a);
  let slowest = 0;
  let count = 0;
  let stop = false;
  process.stdin.on('end', () => (stop = true)).resume();
  while (!stop) {
    const t0 = performance.now();
    await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } }).then((r) => r.text());
    slowest = Math.max(slowest, performance.now() - t0);
    count++;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify({ count, slowestMs: Math.round(slowest) }));
} else if (mode === 'swap') {
  loadSegmenter(); // a running bot has it loaded
  const bytes = readFileSync(a);
  const headerLength = bytes.readUInt32LE(28);
  const fingerprint = (JSON.parse(bytes.toString('utf8', 32, 32 + headerLength)) as { fingerprint: string }).fingerprint;
  const server = createServer((_, res) => res.end('{"ok":true}'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, 'probe', String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let report = '';
  child.stdout.on('data', (d) => (report += d));
  // Wait for the probe's first request (its process takes a few seconds to start).
  let served = 0;
  server.on('request', () => served++);
  while (served < 3) await new Promise((r) => setTimeout(r, 50));
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cached = await loadCacheAsync(a, fingerprint);
  if (typeof cached === 'string') throw new Error(cached);
  const t1 = performance.now();
  const kb = await runStepsAsync(restoreKnowledgeBaseSteps(cached.documents, cached.sentences, cached.facts, cached.index));
  const t2 = performance.now();
  const engine = new AnswerEngine(kb);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  lag.disable();
  await new Promise((r) => setTimeout(r, 500));
  child.stdin.end();
  await new Promise((r) => child.on('close', r));
  const first = performance.now();
  const answer = engine.ask('群众满意度是多少？');
  const firstMs = performance.now() - first;
  console.log(
    JSON.stringify({
      sentences: kb.sentences.length,
      facts: kb.facts.length,
      sliced: { loadMs: Math.round(t1 - t0), restoreMs: Math.round(t2 - t1), engineMs: Math.round(t3 - t2), cpuMs: Math.round((cpu.user + cpu.system) / 1000) },
      eventLoopDelayMaxMs: Math.round(lag.max / 1e6),
      healthz: JSON.parse(report),
      firstAnswerMs: Math.round(firstMs),
      answered: answer.answered,
    }),
  );
  // For comparison: the same work in one synchronous block.
  const s0 = performance.now();
  const whole = loadCache(a, fingerprint);
  if (typeof whole === 'string') throw new Error(whole);
  const s1 = performance.now();
  restoreKnowledgeBase(whole.documents, whole.sentences, whole.facts, whole.index);
  console.log(JSON.stringify({ oneBlock: { loadMs: Math.round(s1 - s0), restoreMs: Math.round(performance.now() - s1) } }));
  server.close();
} else {
  console.error('usage: measure-swap.ts build DIR FILE | swap FILE');
  process.exit(2);
}
