/**
 * The subject of a figure: what the phrase before it says is measured (满意度为97.18% -> 满意度), and who
 * measured it when an organisation opens the phrase (省驻点指导组综合评估106.94分).
 */
import { LINK_WORDS, longestFirst } from './lexicon.js';
import { findOrganizations } from './organizations.js';
import { clauseStart, trailingNounPhrase, trimLeadingFunctionWords } from './tokens.js';

const LINKS = longestFirst(LINK_WORDS);
const MAX_SUBJECT = 16;

/** Remove link words from the end of a phrase: 满意度为 -> 满意度, 得分达到了 -> 得分. */
function stripLinks(phrase: string): string {
  let p = phrase.trimEnd();
  for (let changed = true; changed && p; ) {
    changed = false;
    for (const w of LINKS) {
      if (p.endsWith(w) && p.length > w.length) {
        p = p.slice(0, -w.length).trimEnd();
        changed = true;
        break;
      }
    }
  }
  return p;
}

/**
 * What a figure at `index` measures: the phrase from the clause start to the figure, link words and
 * leading function words removed; an organisation opening it becomes `by`.
 */
export function subjectBefore(text: string, index: number): { subject?: string; by?: string } {
  const prefix = stripLinks(text.slice(clauseStart(text, index), index));
  let subject = trimLeadingFunctionWords(prefix).replace(/^[“”"\s]+|[“”"\s]+$/g, '');
  if (!subject) return {};
  let by: string | undefined;
  const org = findOrganizations(subject).find((o) => o.index === 0);
  if (org && org.name.length < subject.length) {
    by = org.name;
    subject = subject.slice(org.name.length);
  }
  if (subject.length > MAX_SUBJECT) subject = trailingNounPhrase(subject, 4) || subject.slice(-MAX_SUBJECT);
  if (!/\p{Script=Han}/u.test(subject)) return { by };
  return { subject, by };
}
