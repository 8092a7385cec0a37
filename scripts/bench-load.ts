/**
 * `npm run bench:load [-- --chats N --questions N --latency MS]`: throughput of the bot as deployed for
 * polling (runner + full middleware stack, replies to the in-process fake Bot API), with the instant
 * one-document corpus so the figure is the bot's own overhead. The same load test backs
 * tests/bot/load.test.ts, which asserts only what must hold on any machine (no reply lost, doubled or out
 * of order); the timing is reported here instead.
 */
import { parseArgs } from 'node:util';
import { runLoadTest } from '../tests/support/load-test.js';

const { values } = parseArgs({
  options: {
    chats: { type: 'string', default: '1000' },
    questions: { type: 'string', default: '5' },
    latency: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});

const report = await runLoadTest({ chats: Number(values.chats), questionsPerChat: Number(values.questions), latencyMs: Number(values.latency) });
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(
    `${report.chats} chats x ${report.questions / report.chats} questions (API latency 0..${values.latency} ms): ` +
      `${report.replies} replies, lost ${report.lost}, doubled ${report.duplicates}, chats out of order ${report.outOfOrderChats}; ` +
      `${report.seconds.toFixed(2)} s, ${Math.round(report.updatesPerSecond)} updates/s`,
  );
}
if (report.lost || report.duplicates || report.outOfOrderChats) process.exitCode = 1;
