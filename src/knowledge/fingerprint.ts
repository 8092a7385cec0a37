/**
 * Fingerprints deciding whether a persisted knowledge base (persist.ts) is still valid:
 * - every file under the corpus folder (relative path, size, SHA-1 of the content; dot-entries such as
 *   the cache folder itself are skipped), so an edited, added, removed or renamed document rebuilds;
 * - INDEX_VERSION, bumped by hand when the file format or index layout changes;
 * - the source of the layers that shape the knowledge base (KNOWLEDGE_SOURCES) when they can be read, so
 *   a change to the cleaner, splitter, segmenter, fact extractor or builder rebuilds without anyone
 *   remembering to bump a constant.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathsUpTo } from '../layers.js';
import { INDEX_VERSION } from './persist.js';

/**
 * Folders and files under src/ whose code decides what the knowledge base holds: every layer at or below
 * this one (src/layers.ts). Whole layers, not file names, so a moved or added module is still covered.
 */
export const KNOWLEDGE_SOURCES: readonly string[] = pathsUpTo('knowledge');

const SOURCE_FILE = /\.(ts|js|mjs|txt|json)$/;

let codeHash: string | undefined;

/** Hash of the source files that shape the knowledge base ('' when the sources are not on disk). */
export function codeFingerprint(): string {
  if (codeHash !== undefined) return codeHash;
  const src = fileURLToPath(new URL('../', import.meta.url));
  const hash = createHash('sha1');
  let files = 0;
  const add = (path: string) => {
    const content = readFileSync(path);
    hash.update(relative(src, path).split(sep).join('/')).update('\0').update(content).update('\0');
    files++;
  };
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE_FILE.test(name)) add(path);
    }
  };
  try {
    for (const entry of KNOWLEDGE_SOURCES) {
      const path = join(src, entry);
      // A layer's path is a folder or a single file; a compiled build has .js where the sources have .ts.
      if (SOURCE_FILE.test(entry)) {
        for (const file of [path, path.replace(/\.ts$/, '.js')]) {
          try {
            add(file);
          } catch {
            // only one of the two exists
          }
        }
      } else walk(path);
    }
  } catch {
    files = 0;
  }
  codeHash = files ? hash.digest('hex') : '';
  return codeHash;
}

/**
 * Every file of a corpus folder as the reader sees it (recursively, sorted by name; dot-entries skipped,
 * symlinked folders not followed, symlinked files read), with its relative path.
 */
function walkCorpusFiles(dir: string, visit: (path: string, rel: string) => void): void {
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() || entry.isSymbolicLink()) visit(path, relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
}

/**
 * Fingerprint of a corpus folder: its files (recursively; dot-entries skipped) by relative path, size and
 * content hash, plus INDEX_VERSION and the code fingerprint.
 */
export function corpusFingerprint(dir: string): string {
  const hash = createHash('sha1');
  hash.update(`v${INDEX_VERSION}\0${codeFingerprint()}\0`);
  walkCorpusFiles(dir, (path, rel) => {
    let content: Buffer;
    try {
      if (!statSync(path).isFile()) return;
      content = readFileSync(path);
    } catch {
      return; // dangling link or unreadable: the reader reports it
    }
    hash.update(rel).update(`\0${content.length}\0`);
    hash.update(createHash('sha1').update(content).digest());
  });
  return hash.digest('hex');
}

/** Bytes of a corpus folder's regular files (stat only: what a build may have to read). 0 when unreadable. */
export function corpusBytes(dir: string): number {
  let bytes = 0;
  try {
    walkCorpusFiles(dir, (path) => {
      try {
        const info = statSync(path);
        if (info.isFile()) bytes += info.size;
      } catch {
        // dangling link or unreadable: the reader reports it
      }
    });
  } catch {
    return 0;
  }
  return bytes;
}
