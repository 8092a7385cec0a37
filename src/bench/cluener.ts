/**
 * CLUENER 2020 (../shared/bench/cluener): one JSON object a line,
 * {"text": "...", "label": {"name": {"叶老桂": [[9, 11]]}, "position": {...}, ...}}, offsets inclusive.
 */
import { readFileSync } from 'node:fs';

export interface ClueSpan {
  /** CLUENER's label: name, position, organization, government, company, address, game, book, movie, scene. */
  label: string;
  text: string;
  start: number;
  /** Exclusive (CLUENER's end offset + 1). */
  end: number;
}

export interface ClueSentence {
  text: string;
  spans: ClueSpan[];
}

export function parseCluener(content: string): ClueSentence[] {
  const out: ClueSentence[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; label?: Record<string, Record<string, [number, number][]>> };
    const spans: ClueSpan[] = [];
    for (const [label, entities] of Object.entries(row.label ?? {})) {
      for (const [text, offsets] of Object.entries(entities)) {
        for (const [start, last] of offsets) spans.push({ label, text, start, end: last + 1 });
      }
    }
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    out.push({ text: row.text, spans });
  }
  return out;
}

export function loadCluener(file: string): ClueSentence[] {
  return parseCluener(readFileSync(file, 'utf8'));
}
