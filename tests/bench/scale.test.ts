import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOC_LINES, scaleCorpus } from '../../src/bench/scale.js';

const dir = mkdtempSync(join(tmpdir(), 'scale-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'lines.txt'), '港口企业安全生产满意度持续提升。\n森林防火巡查全年开展一千二百余次。\n\n全县森林覆盖率达到百分之六十八。\n');

describe('scale corpora', () => {
  it('take the first lines of the file as documents', () => {
    const { documents, questions } = scaleCorpus(dir, { name: 't 2', file: 'lines.txt', lines: 2 });
    expect(documents.flatMap((d) => d.paragraphs)).toEqual(['港口企业安全生产满意度持续提升。', '森林防火巡查全年开展一千二百余次。']);
    expect(questions).toHaveLength(2);
  });

  it('past the end of the file, take its lines again, each round marked so every sentence is distinct', () => {
    const { documents } = scaleCorpus(dir, { name: 't 7', file: 'lines.txt', lines: 7, cycle: true });
    const lines = documents.flatMap((d) => d.paragraphs);
    expect(lines).toHaveLength(7);
    expect(new Set(lines).size).toBe(7);
    expect(lines[3]).toBe('港口企业安全生产满意度持续提升。（第2轮）');
    expect(lines[6]).toBe('港口企业安全生产满意度持续提升。（第3轮）');
    expect(documents[0].paragraphs.length).toBeLessThanOrEqual(DOC_LINES);
    // Without cycle, the file's lines are all there is.
    expect(scaleCorpus(dir, { name: 't 7', file: 'lines.txt', lines: 7 }).documents.flatMap((d) => d.paragraphs)).toHaveLength(3);
  });
});
