/**
 * `npm run bench -- --facts`: precision and recall of the structured facts, per kind.
 *
 * CLUENER 2020 dev (report only; never used to write rules or pick thresholds), one sentence at a time
 * through the real pipeline (extractSentenceFacts, which is what the knowledge base runs per sentence):
 * - names: the person facts' values against the gold `name` entities of the sentence, as sets per
 *   sentence, exact string match (both in the matching form). precision = matched predicted / predicted,
 *   recall = matched gold / gold, summed over sentences.
 * - positions: the position facts' values and every title of the sentence's person facts, as one set,
 *   against the gold `position` entities. A title matches a gold position when equal, or when one
 *   contains the other and the shorter one has at least MIN_CONTAINED characters (所长 matches 派出所所长;
 *   长 matches nothing). precision = titles matching some gold position / titles; recall = gold positions
 *   matched by some title / gold positions.
 * - personTitles: the same measure on the person facts' titles alone (the positions measure before
 *   position facts existed: gold positions written without any person, 记者了解到, count as missed).
 * - recogniser: the same two measures on the tagger's raw spans (PER and POS spans, before attachment
 *   and thresholds), to show what the model finds on its own.
 *
 * Seeds (the corpus/ folder read as the bot reads it): the gold the seed tests check — 10 people with
 * their title chains, 4 dates, 2 figures. people: precision over all person facts, recall of the gold
 * names; titles: gold people whose titles are exactly the gold list; dates and figures: recall.
 */
import { join } from 'node:path';
import type { Fact, Sentence } from '../types.js';
import { extractFacts, extractSentenceFacts } from '../facts/index.js';
import { cleanName, recognise } from '../facts/index.js';
import { matchingForm } from '../text/script.js';
import { readCorpus } from '../documents/read.js';
import { toSentences } from '../knowledge/knowledge-base.js';
import type { ClueSentence } from './cluener.js';

/** Shortest contained title or position that still counts as a match (one character says nothing). */
export const MIN_CONTAINED = 2;

export interface PR {
  precision: number;
  recall: number;
  predicted: number;
  gold: number;
}

export interface ClueScores {
  sentences: number;
  names: PR;
  positions: PR;
  personTitles: PR;
  recogniser: { names: PR; positions: PR };
  ms: number;
}

export function positionMatches(title: string, gold: string): boolean {
  if (title === gold) return true;
  const [short, long] = title.length <= gold.length ? [title, gold] : [gold, title];
  return short.length >= MIN_CONTAINED && long.includes(short);
}

class Tally {
  matchedPredicted = 0;
  predicted = 0;
  matchedGold = 0;
  gold = 0;
  add(predicted: readonly string[], gold: readonly string[], match: (p: string, g: string) => boolean): void {
    this.predicted += predicted.length;
    this.gold += gold.length;
    this.matchedPredicted += predicted.filter((p) => gold.some((g) => match(p, g))).length;
    this.matchedGold += gold.filter((g) => predicted.some((p) => match(p, g))).length;
  }
  result(): PR {
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return {
      precision: r(this.predicted ? this.matchedPredicted / this.predicted : 0),
      recall: r(this.gold ? this.matchedGold / this.gold : 0),
      predicted: this.predicted,
      gold: this.gold,
    };
  }
}

const exact = (p: string, g: string) => p === g;
const unique = (xs: Iterable<string>) => [...new Set(xs)];

function goldOf(s: ClueSentence, label: string): string[] {
  return unique(s.spans.filter((x) => x.label === label).map((x) => matchingForm(x.text)));
}

/** The facts of one sentence through the pipeline. */
export function sentenceFacts(text: string): Fact[] {
  const sentence: Sentence = { id: 0, docId: 'cluener', paragraph: 0, position: 0, text, simplified: matchingForm(text) };
  return extractSentenceFacts(sentence);
}

/** Person facts of one sentence through the pipeline. */
export function sentencePeople(text: string): Fact[] {
  return sentenceFacts(text).filter((f) => f.type === 'person');
}

export function scoreCluener(sentences: readonly ClueSentence[]): ClueScores {
  const t0 = performance.now();
  const names = new Tally();
  const positions = new Tally();
  const personTitles = new Tally();
  const rNames = new Tally();
  const rPositions = new Tally();
  for (const s of sentences) {
    const facts = sentenceFacts(s.text);
    const people = facts.filter((f) => f.type === 'person');
    const goldNames = goldOf(s, 'name');
    const goldPositions = goldOf(s, 'position');
    names.add(unique(people.map((p) => p.value)), goldNames, exact);
    const titles = people.flatMap((p) => p.titles ?? []);
    positions.add(unique([...facts.filter((f) => f.type === 'position').map((f) => f.value), ...titles]), goldPositions, positionMatches);
    personTitles.add(unique(titles), goldPositions, positionMatches);
    const spans = recognise(matchingForm(s.text));
    rNames.add(unique(spans.filter((x) => x.kind === 'PER').map((x) => cleanName(x.text) ?? x.text)), goldNames, exact);
    rPositions.add(unique(spans.filter((x) => x.kind === 'POS').map((x) => x.text)), goldPositions, positionMatches);
  }
  return {
    sentences: sentences.length,
    names: names.result(),
    positions: positions.result(),
    personTitles: personTitles.result(),
    recogniser: { names: rNames.result(), positions: rPositions.result() },
    ms: Math.round(performance.now() - t0),
  };
}

/** The seeds' gold, as the seed tests (tests/facts/seed.test.ts) check it. */
export const SEED_GOLD = {
  people: [
    { name: '张国清', titles: ['省委书记', '省政法队伍教育整顿领导小组组长'] },
    { name: '邓卫平', titles: ['全国政法队伍教育整顿中央第一督导组副组长'] },
    { name: '于天敏', titles: ['省委常委', '政法委书记'] },
    { name: '王健', titles: ['省委常委', '秘书长'] },
    { name: '杨忠厚', titles: ['记者'] },
    { name: '王巍', titles: ['编辑'] },
    { name: '李胜兰', titles: ['责编'] },
    { name: '李友', titles: ['市委常委', '政法委书记', '市政法队伍教育整顿领导小组副组长'] },
    { name: '宋诚', titles: ['市委书记', '市政法队伍教育整顿领导小组组长'] },
    { name: '江海峰', titles: ['记者'] },
  ],
  dates: ['2021-08-18', '2021-08-19', '2021-08-06', '2021-08-10'],
  figures: [
    { type: 'score', value: '106.94分' },
    { type: 'percentage', value: '97.18%' },
  ],
};

export interface SeedScores {
  documents: number;
  people: PR;
  titles: { recall: number; gold: number };
  dates: { recall: number; gold: number };
  figures: { recall: number; gold: number };
  missing: string[];
}

export async function scoreSeeds(corpusDir: string): Promise<SeedScores> {
  const { documents } = await readCorpus(corpusDir);
  const facts = extractFacts(documents, toSentences(documents));
  const people = facts.filter((f) => f.type === 'person');
  const names = unique(people.map((p) => p.value));
  const tally = new Tally();
  tally.add(
    names,
    SEED_GOLD.people.map((p) => p.name),
    exact,
  );
  const missing: string[] = [];
  let titled = 0;
  for (const g of SEED_GOLD.people) {
    const p = people.find((f) => f.value === g.name);
    if (p && JSON.stringify(p.titles ?? []) === JSON.stringify(g.titles)) titled++;
    else missing.push(`person ${g.name} ${g.titles.join('、')}`);
  }
  const dates = SEED_GOLD.dates.filter((d) => facts.some((f) => f.type === 'date' && f.value === d));
  for (const d of SEED_GOLD.dates) if (!dates.includes(d)) missing.push(`date ${d}`);
  const figures = SEED_GOLD.figures.filter((g) => facts.some((f) => f.type === g.type && f.value === g.value));
  for (const g of SEED_GOLD.figures) if (!figures.includes(g)) missing.push(`${g.type} ${g.value}`);
  const share = (k: number, n: number) => Math.round((k / n) * 1000) / 1000;
  return {
    documents: documents.length,
    people: tally.result(),
    titles: { recall: share(titled, SEED_GOLD.people.length), gold: SEED_GOLD.people.length },
    dates: { recall: share(dates.length, SEED_GOLD.dates.length), gold: SEED_GOLD.dates.length },
    figures: { recall: share(figures.length, SEED_GOLD.figures.length), gold: SEED_GOLD.figures.length },
    missing,
  };
}

export const DEFAULT_SEED_CORPUS = (repoRoot: string) => join(repoRoot, 'corpus');
