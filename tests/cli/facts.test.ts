import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFactsCli } from '../../src/cli/facts.js';

const dir = mkdtempSync(join(tmpdir(), 'facts-cli-'));
writeFileSync(
  join(dir, 'river.md'),
  [
    '---',
    'title: "绵阳召开河长制工作新闻发布会"',
    'source: "绵阳日报"',
    'author: "黄伟"',
    'published: "2023-06-09T10:00"',
    '---',
    '',
    '6日，绵阳市河长制工作新闻发布会召开。绵阳市委常委、宣传部部长刘建华出席发布会并介绍情况。',
    '',
    '2个多月来，全市完成排查整治、清淤疏浚、岸线绿化三个环节，群众满意度达到97.5%。',
    '',
  ].join('\n'),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFactsCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('facts CLI', () => {
  it('--json prints one JSON array of all facts with the documented fields', async () => {
    const { code, out } = await run(['--json', '--corpus', dir]);
    expect(code).toBe(0);
    const facts = JSON.parse(out) as Record<string, unknown>[];
    expect(Array.isArray(facts)).toBe(true);
    const person = facts.find((f) => f.type === 'person' && f.value === '刘建华');
    expect(person).toMatchObject({ titles: ['市委常委', '宣传部部长'], org: '绵阳', roles: ['出席', '介绍'], docId: 'river' });
    expect(Object.keys(person!).slice(0, 5)).toEqual(['type', 'value', 'titles', 'roles', 'org']);
    expect(facts.find((f) => f.type === 'date' && f.value === '2023-06-06')?.event).toMatch(/新闻发布会召开$/);
    expect(facts.find((f) => f.type === 'list')).toMatchObject({ items: ['排查整治', '清淤疏浚', '岸线绿化'] });
    // Positions: a new fact type, its holder a new key beside the others.
    const office = facts.find((f) => f.type === 'position' && f.holder === '刘建华');
    expect(office?.value).toMatch(/部长$/);
    expect(Object.keys(office!).slice(0, 2)).toEqual(['type', 'value']);
    for (const f of facts) expect(typeof f.sentenceId).toBe('number');
  });

  it('prints a table grouped by type by default, reading CORPUS_DIR', async () => {
    const { code, out } = await run([], { CORPUS_DIR: dir });
    expect(code).toBe(0);
    expect(out).toMatch(/^1 documents, \d+ sentences, \d+ facts/);
    expect(out).toContain('人物 person');
    expect(out).toContain('刘建华：市委常委、宣传部部长（绵阳）；出席、介绍');
    expect(out).toMatch(/2023-06-06 \S*新闻发布会召开/);
    expect(out.indexOf('人物 person')).toBeLessThan(out.indexOf('日期 date'));
    expect(out).toMatch(/职务 position \(\d+\)\n {2}\S*部长\S*：刘建华/);
  });

  it('rejects unknown options and a missing corpus', async () => {
    expect((await run(['--bogus'])).code).toBe(2);
    const missing = await run(['--corpus', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read corpus');
  });
});
