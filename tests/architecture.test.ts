import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerOf, pathsUpTo } from '../src/layers.js';
import { findViolations, importSpecifiers, readSourceTree } from './support/import-graph.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

describe('layers point one way', () => {
  it('no file in src/ imports a higher layer, or facts past facts/index.ts', () => {
    const files = readSourceTree(SRC);
    expect(files.length).toBeGreaterThan(50);
    const lines = findViolations(files).map((v) => `src/${v.from}: '${v.specifier}' — ${v.reason}`);
    expect(lines).toEqual([]);
  });

  it('every folder and file under src/ belongs to a layer, and each path to only one', () => {
    const claimed = LAYERS.flatMap((layer) => layer.paths);
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const file of readSourceTree(SRC)) expect(layerOf(file.path), file.path).not.toBeUndefined();
  });

  it('the low layers named in issue 12 never reach answer, render, bot or cli', () => {
    const high = ['answer', 'render', 'bot', 'cli'].map((name) => LAYERS.findIndex((l) => l.name === name));
    for (const low of ['question', 'index', 'facts', 'text', 'documents']) {
      const at = LAYERS.findIndex((l) => l.name === low);
      for (const h of high) expect(at, `${low} below ${LAYERS[h].name}`).toBeLessThan(h);
    }
  });
});

describe('the checker itself', () => {
  it('reads static, type-only, multi-line, re-export, side-effect and dynamic imports, not comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      'import {',
      '  c,',
      "} from './c.js';",
      "export { d } from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      "// import { g } from './g.js';",
      "/* export { h } from './h.js'; */",
      "import pino from 'pino';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['../b/b.js', './a.js', './c.js', './d.js', './e.js', './f.js', 'pino']);
  });

  it('fails on a lower layer importing a higher one, static or dynamic', () => {
    const violations = findViolations([
      { path: 'question/follow-up.ts', source: "import type { KnowledgeBase } from '../knowledge/knowledge-base.js';" },
      { path: 'facts/people.ts', source: "const { AnswerEngine } = await import('../answer/engine.js');" },
      { path: 'text/script.ts', source: "import {\n  label,\n} from '../render/labels.js';" },
    ]);
    expect(violations.map((v) => [v.from, v.to])).toEqual([
      ['question/follow-up.ts', 'knowledge/knowledge-base.ts'],
      ['facts/people.ts', 'answer/engine.ts'],
      ['text/script.ts', 'render/labels.ts'],
    ]);
    expect(violations[0].reason).toBe('layer question imports the higher layer knowledge');
  });

  it('allows the same layer and lower ones; flags a public face bypassed, a path outside src/ and an unknown folder', () => {
    expect(
      findViolations([
        { path: 'answer/engine.ts', source: "import { x } from './rank.js';\nimport { y } from '../facts/index.js';\nimport { z } from '../text/script.js';\nimport type { T } from '../types.js';" },
        { path: 'facts/extract.ts', source: "import { p } from './people.js';" },
      ]),
    ).toEqual([]);
    const reasons = findViolations([
      { path: 'answer/typed.ts', source: "import { TITLE_HEAD_WORDS } from '../facts/lexicon.js';" },
      { path: 'bot/run.ts', source: "import { FakeTelegram } from '../../tests/support/fake-api.js';" },
      { path: 'widgets/a.ts', source: '' },
      { path: 'cli/x.ts', source: "import { w } from '../widgets/a.js';" },
    ]).map((v) => v.reason);
    expect(reasons).toEqual([
      'imports facts past its public face facts/index.ts',
      'imports from outside src/',
      'src/widgets/a.ts is in no layer: add its folder to LAYERS in src/layers.ts',
      'src/widgets/a.ts is in no layer',
    ]);
  });

  it('the knowledge fingerprint covers exactly the layers up to knowledge', () => {
    expect(pathsUpTo('knowledge')).toEqual(['types.ts', 'types-shims.d.ts', 'logger.ts', 'layers.ts', 'random.ts', 'text', 'documents', 'index', 'facts', 'question', 'knowledge']);
  });
});
