/**
 * Plain-text rendering for the terminal chat and `ask` without --json.
 */
import type { Answer, Citation, Fact, Script } from '../types.js';
import { factTypeName, label } from './labels.js';

/** One-line human form of a fact, in the given script. Fact fields are already localised. */
export function describeFactLine(f: Fact, script: Script): string {
  const parts: string[] = [f.value];
  if (f.titles?.length) parts.push(f.titles.join('、') + (f.org ? `（${f.org}）` : ''));
  // A position: its organisation, then who holds it (职务：财政司司长（香港特区政府）  陈茂波).
  if (f.type === 'position') {
    if (f.org) parts[0] += `（${f.org}）`;
    if (f.holder) parts.push(f.holder);
  }
  if (f.roles?.length) parts.push(f.roles.join('、'));
  if (f.subject) parts.unshift(f.subject);
  if (f.event) parts.push(f.event);
  if (f.items?.length) parts.push(f.items.join('、'));
  return `${factTypeName(f.type, script)}：${parts.join('  ')}`;
}

export function citationHeader(c: Citation, script: Script): string {
  const bits = [`《${c.title}》`];
  if (c.source) bits.push(`${label('source', script)}：${c.source}`);
  if (c.author) bits.push(`${label('author', script)}：${c.author}`);
  if (c.published) bits.push(`${label('published', script)}：${c.published.replace('T', ' ')}`);
  return bits.join('  ');
}

export function renderAnswerText(a: Answer): string {
  const s = a.script;
  const lines: string[] = [];
  if (a.answered) {
    lines.push(`${label('answer', s)}：${a.answer}`);
    if (a.facts.length) {
      lines.push('', `${label('facts', s)}：`);
      for (const f of a.facts) lines.push(`  · ${describeFactLine(f, s)}`);
    }
    lines.push('', `${label('sources', s)}：`);
    a.citations.forEach((c, i) => {
      lines.push(`  [${i + 1}] ${c.sentence}`, `      ${citationHeader(c, s)}`);
    });
  } else {
    lines.push(declineMessage(a));
    if (a.nearest.length) {
      // 'no-direct-answer' already introduces the passages.
      lines.push('', ...(a.reason === 'no-direct-answer' ? [] : [`${label('nearest', s)}：`]));
      a.nearest.forEach((c, i) => {
        lines.push(`  [${i + 1}] ${c.sentence}`, `      ${citationHeader(c, s)}`);
      });
    }
  }
  return lines.join('\n');
}

/** The one-line "documents don't say" message, specific to why. */
export function declineMessage(a: Answer): string {
  const s = a.script;
  switch (a.reason) {
    case 'empty':
      return label('empty', s);
    case 'not-chinese':
      return label('notChinese', s);
    case 'no-direct-answer':
      return label('noDirectAnswer', s);
    case 'unknown-terms':
      return a.missing?.length ? `${label('unknownTerms', s)}「${a.missing.join('」「')}」，${label('cannotAnswer', s)}` : label('notAnswered', s);
    default:
      return label('notAnswered', s);
  }
}
