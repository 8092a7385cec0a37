/**
 * Reading and cleaning speed of a corpus folder (readCorpus alone: no segmenting, facts or index).
 *
 *   npx tsx scripts/read-speed.ts DIR
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpus } from '../src/documents/read.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx scripts/read-speed.ts DIR');
  process.exit(2);
}
const bytes = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? bytes(join(d, e.name)) : e.isFile() ? statSync(join(d, e.name)).size : 0), 0);
const size = bytes(dir);
const start = performance.now();
const cpuStart = process.cpuUsage();
const { documents, problems } = await readCorpus(dir);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time too: on a machine shared with other work, wall time measures the neighbours as well.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const mb = size / 1e6;
console.log(
  `${documents.length} documents, ${problems.length} problems, ${mb.toFixed(1)} MB: wall ${seconds.toFixed(2)} s (${(mb / seconds).toFixed(1)} MB/s), ` +
    `CPU ${cpuSeconds.toFixed(2)} s (${(mb / cpuSeconds).toFixed(1)} MB/s)`,
);
