/**
 * The layers of src/, lowest first: a module may import its own layer and the layers below it, never one
 * above. This list is the one definition: tests/architecture.test.ts checks every import against it, and
 * the knowledge-base fingerprint (knowledge/fingerprint.ts) hashes the layers up to `knowledge`, since
 * they are the code that decides what a persisted knowledge base holds. Why this order: DESIGN.md "Layers".
 */
export interface Layer {
  name: string;
  /** Folders or files directly under src/ that belong to the layer. */
  paths: readonly string[];
}

export const LAYERS: readonly Layer[] = [
  // Shared types, the logger, a seeded random generator and this list: depend on nothing of ours.
  { name: 'foundation', paths: ['types.ts', 'types-shims.d.ts', 'logger.ts', 'layers.ts', 'random.ts'] },
  // Script conversion, segmentation, sentence splitting: used by every layer that reads Chinese.
  { name: 'text', paths: ['text'] },
  { name: 'documents', paths: ['documents'] },
  { name: 'index', paths: ['index'] },
  { name: 'facts', paths: ['facts'] },
  { name: 'question', paths: ['question'] },
  { name: 'knowledge', paths: ['knowledge'] },
  { name: 'answer', paths: ['answer'] },
  { name: 'render', paths: ['render'] },
  // The operator's view: the question log and its statistics (read by the bot's /stats and npm run stats).
  { name: 'ops', paths: ['ops'] },
  // Settings are read at the edges (bench, bot, cli) and handed down as plain options.
  { name: 'config', paths: ['config'] },
  { name: 'bench', paths: ['bench'] },
  { name: 'bot', paths: ['bot'] },
  { name: 'cli', paths: ['cli'] },
];

/**
 * Modules other layers must import a layer through (its public face), when the layer has one. Imports
 * inside the layer itself are free.
 */
export const PUBLIC_FACES: Readonly<Record<string, string>> = {
  facts: 'facts/index.ts',
};

/** The layer a path relative to src/ ('facts/people.ts', 'types.ts') belongs to, or undefined. */
export function layerOf(pathInSrc: string): number | undefined {
  const top = pathInSrc.split('/')[0];
  const at = LAYERS.findIndex((layer) => layer.paths.includes(top));
  return at < 0 ? undefined : at;
}

/** The src/ paths of the named layer and every layer below it. */
export function pathsUpTo(name: string): string[] {
  const at = LAYERS.findIndex((layer) => layer.name === name);
  if (at < 0) throw new Error(`no layer named ${name}`);
  return LAYERS.slice(0, at + 1).flatMap((layer) => layer.paths);
}
