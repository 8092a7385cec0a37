/**
 * The import check behind tests/architecture.test.ts: reads the relative imports of src/ files and reports
 * every one that points to a higher layer (src/layers.ts), past a layer's public face, out of src/, or
 * from or to a path no layer claims. A test helper: nothing under src/ uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { LAYERS, PUBLIC_FACES, layerOf } from '../../src/layers.js';

export interface SourceFile {
  /** Path relative to src/, with '/' separators: 'question/follow-up.ts'. */
  path: string;
  source: string;
}

export interface Violation {
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported path relative to src/ ('' when it leaves src/). */
  to: string;
  reason: string;
}

/** Static imports and re-exports (`… from '…'`, side-effect `import '…'`) and dynamic `import('…')`. */
const IMPORT_FORMS = [/\bfrom\s*['"]([^'"]+)['"]/g, /(?:^|[;\s])import\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];

/** The module specifiers a source file imports (comments ignored). */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/^\s*\/\/.*$/gm, ' ');
  const found: string[] = [];
  for (const form of IMPORT_FORMS) for (const m of code.matchAll(form)) found.push(m[1]);
  return found;
}

/** An import specifier of `from` as a path relative to src/ (.js written for .ts), or null when it is a package. */
export function resolveInSrc(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
  return joined.replace(/\.js$/, '.ts');
}

/** Every import in the files that breaks the layering. */
export function findViolations(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const fromLayer = layerOf(file.path);
    if (fromLayer === undefined) {
      violations.push({ from: file.path, specifier: '', to: '', reason: `src/${file.path} is in no layer: add its folder to LAYERS in src/layers.ts` });
      continue;
    }
    for (const specifier of importSpecifiers(file.source)) {
      const to = resolveInSrc(file.path, specifier);
      if (to === null) continue;
      const report = (reason: string) => violations.push({ from: file.path, specifier, to, reason });
      if (to.startsWith('../')) {
        report('imports from outside src/');
        continue;
      }
      const toLayer = layerOf(to);
      if (toLayer === undefined) report(`src/${to} is in no layer`);
      else if (toLayer > fromLayer) report(`layer ${LAYERS[fromLayer].name} imports the higher layer ${LAYERS[toLayer].name}`);
      else if (toLayer !== fromLayer) {
        const face = PUBLIC_FACES[LAYERS[toLayer].name];
        if (face && to !== face) report(`imports ${LAYERS[toLayer].name} past its public face ${face}`);
      }
    }
  }
  return violations;
}

/** The .ts files under a src/ folder, as SourceFiles. */
export function readSourceTree(srcDir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else if (entry.name.endsWith('.ts')) files.push({ path, source: readFileSync(join(dir, entry.name), 'utf8') });
    }
  };
  walk(srcDir, '');
  return files;
}
