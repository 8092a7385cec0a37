#!/usr/bin/env node
// Per-item view of a QA run, stricter than score-qa: flags passes whose `answer` field itself is wrong or long.
// Usage (from the project root): node eval/probe/detail.cjs eval/probe/qa-a.jsonl eval/probe/corpus-a
'use strict';
const fs = require('fs');
const { spawnSync } = require('child_process');
const [file, corpus] = process.argv.slice(2);
const OpenCC = require(require.resolve('opencc-js', { paths: [process.cwd()] }));
const conv = OpenCC.Converter({ from: 't', to: 'cn' });
const norm = (s) => conv(String(s ?? '')).replace(/[\s\u3000]/g, '').replace(/[「」『』"']/g, '“');
const hit = (hay, gold) => gold.split('|').some((g) => hay.includes(norm(g)));
const items = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const run = spawnSync('npm', ['run', '--silent', 'ask', '--', '--json', '--corpus', corpus], { input: items.map((x) => x.q).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
const outs = run.stdout.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
for (const [i, it] of items.entries()) {
  const o = outs[i];
  let verdict;
  if (it.none) verdict = o.answered === false ? 'OK-declined' : 'FAIL-should-decline';
  else if (o.answered !== true) verdict = `FAIL-declined(${o.reason}${o.missing ? ':' + o.missing.join(',') : ''})`;
  else {
    const a = norm(o.answer);
    const match = (h) => (it.all ? it.all.every((g) => hit(h, g)) : it.any.some((g) => hit(h, g)));
    const hay = a + '|' + (o.facts || []).map((f) => norm(f.value ?? '')).join('|');
    const cites = (o.citations || []).map((c) => norm([c.sentence, c.title, c.source, c.published, c.author].join('|')));
    const citeOk = it.cite == null ? cites.length > 0 : cites.some((c) => c.includes(norm(it.cite)));
    if (match(a) && citeOk && (!it.short || a.length <= 12)) verdict = a.length > 12 && it.short !== false && !it.all ? 'OK-long' : 'OK';
    else if (match(hay) && citeOk) verdict = 'PASS-BY-FACTS(answer wrong)';
    else if (!match(hay) && citeOk) verdict = 'FAIL-right-sentence-wrong-answer';
    else if (match(hay)) verdict = 'FAIL-cite';
    else verdict = 'FAIL-wrong-sentence';
    if (verdict.startsWith('OK') && it.short && a.length > 12) verdict = 'FAIL-too-long';
  }
  console.log(`${it.id}\t${verdict}\t${it.q}\t=> ${o.answer}\t[want ${(it.all || it.any || ['(none)']).join(',')}]`);
}
