/**
 * Fact extraction: runs the per-sentence extractors (people, dates, figures, places, organisations, lists)
 * over every document, resolves dates against the publication date, and merges what is said about one
 * person within a document into one person fact.
 */
import type { CorpusDocument, DocumentMeta, Fact, Sentence } from '../types.js';
import { isCaption, isChromeForm } from '../documents/boilerplate.js';
import { matchingForm } from '../text/script.js';
import { addUserWord } from '../text/segment.js';
import { findDates, parseReference, type DateMention } from './dates.js';
import { findLists } from './enumerations.js';
import { eventAround, findVenues } from './events.js';
import { findFigures } from './figures.js';
import { findOrganizations } from './organizations.js';
import { findBylinePeople, findSpeakers, findTitledPeople, metaPeople, type PersonMention } from './people.js';
import { discoverPlaces, findPlacesInOrder, longestPlacesFirst, mainPlaces, placeStem, type PlaceLevel } from './places.js';
import { clearTagCache } from './tokens.js';
import { attachSettings, recognise } from './tagger/index.js';
import { findRecognisedPeople } from './tagger/attach.js';
import { findPositions } from './tagger/positions.js';

/** A fact plus the extractor's extra details (all optional, all Simplified). */
export interface ExtractedFact extends Fact {
  /** figures: who measured/held it (省驻点指导组 for 综合评估106.94分). */
  by?: string;
  /** date/place: the event as written (辽宁省第二批…动员部署会议在沈阳召开). */
  detail?: string;
  /** Where the fact was read: the body text, the document title, or the byline/meta fields. */
  origin?: 'text' | 'title' | 'meta';
}

/**
 * Byline lines, site chrome, copyright notices, related-links lines, photo credits and captions, calendars and
 * page tools (the cleaner's rules, on the sentence's matching form): no facts are read from them.
 */
export function isChrome(text: string): boolean {
  return (
    /(?:来源|作者|编辑|责编|责任编辑|发布时间|主办|承办|浏览次数|点击数?)\s*[:：]/.test(text) ||
    /^(?:欢迎(?:来到|访问)|版权所有|copyright)/i.test(text) ||
    /版权(?:与|和)?.{0,8}声明/.test(text) ||
    isChromeForm(text) ||
    isCaption(text)
  );
}

interface DocContext {
  meta: DocumentMeta;
  title: string;
  sentences: Sentence[];
  /** Sentences facts may come from (chrome removed). */
  body: Sentence[];
  places: Set<string>;
  /** The same places in the order findPlaces tries them. */
  placesLongestFirst: string[];
  main: Partial<Record<PlaceLevel, string>>;
  /** Date of each sentence: its own first date, else the paragraph's latest one. */
  sentenceDate: Map<number, string>;
  /** The dates written in each body sentence (read once: sentenceDate and the date facts both need them). */
  dates: Map<number, DateMention[]>;
  /** The people of each body sentence (textPeople), kept by personFacts for the position facts' holders. */
  people: Map<number, PersonMention[]>;
}

function base(s: Sentence, origin: ExtractedFact['origin'] = 'text'): Pick<ExtractedFact, 'docId' | 'sentenceId' | 'sentence' | 'origin'> {
  return { docId: s.docId, sentenceId: s.id, sentence: s.text, origin };
}

/** The sentence a fact read from the title or the meta fields points at: the first one naming `word`, else the first. */
function anchor(ctx: DocContext, word?: string): Pick<ExtractedFact, 'docId' | 'sentenceId' | 'sentence'> {
  const s = (word && ctx.body.find((x) => x.simplified.includes(word))) || ctx.body[0] || ctx.sentences[0];
  return s ? { docId: s.docId, sentenceId: s.id, sentence: s.text } : { docId: ctx.meta.id, sentenceId: -1, sentence: ctx.meta.title };
}

/** The fact without its undefined, empty-string and empty-array fields (an empty `items` stays), fields in order. */
function withoutEmpty<T extends object>(fact: T): T {
  // Copied rather than deleted from: objects that lose properties become slow dictionaries.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fact)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0 && k !== 'items')) continue;
    out[k] = v;
  }
  return out as T;
}

/** A document with its title (Simplified) and sentences and, among them, the body (chrome removed). */
interface DocSentences {
  doc: CorpusDocument;
  title: string;
  sentences: Sentence[];
  body: Sentence[];
}

function docSentences(doc: CorpusDocument, sentences: Sentence[]): DocSentences {
  return { doc, title: matchingForm(doc.meta.title ?? ''), sentences, body: sentences.filter((s) => !isChrome(s.simplified)) };
}

function contextOf({ doc, title, sentences, body }: DocSentences): DocContext {
  const meta = doc.meta;
  const places = new Set<string>([...discoverPlaces(title)]);
  for (const s of body) for (const p of discoverPlaces(s.simplified)) places.add(p);
  const firstParagraph = body.length
    ? body
        .filter((s) => s.paragraph === body[0].paragraph)
        .map((s) => s.simplified)
        .join('')
    : '';
  const main = mainPlaces(
    title,
    firstParagraph,
    places,
    body.map((s) => s.simplified),
  );
  const sentenceDate = new Map<number, string>();
  const dates = new Map<number, DateMention[]>();
  let paragraph = -1;
  let current: string | undefined;
  for (const s of body) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      current = undefined;
    }
    const found = findDates(s.simplified, meta.published);
    dates.set(s.id, found);
    const own = found.find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.iso));
    if (own) current = own.iso;
    if (current) sentenceDate.set(s.id, current);
  }
  return { meta, title, sentences, body, places, placesLongestFirst: longestPlacesFirst(places), main, sentenceDate, dates, people: new Map() };
}

const SCOPE_LEVEL: Record<NonNullable<PersonMention['scope']>, PlaceLevel> = { 省: 'province', 市: 'city', 县: 'county', 区: 'county' };

interface PersonAccumulator {
  name: string;
  titles: string[];
  roles: string[];
  org?: string;
  scopeOrg?: string;
  /** The mention with the most titles decides the sentence. */
  best?: { sentence: Sentence; titles: number; origin: ExtractedFact['origin'] };
  firstText?: Sentence;
  origins: Set<NonNullable<ExtractedFact['origin']>>;
}

function addPerson(people: Map<string, PersonAccumulator>, ctx: DocContext, m: PersonMention, sentence: Sentence | null, origin: NonNullable<ExtractedFact['origin']>): void {
  let acc = people.get(m.name);
  if (!acc) {
    acc = { name: m.name, titles: [], roles: [], origins: new Set() };
    people.set(m.name, acc);
  }
  acc.origins.add(origin);
  const richer = m.titles.length > 0 && (!acc.best || m.titles.length > acc.best.titles || (acc.best.origin !== 'text' && origin === 'text' && m.titles.length >= acc.best.titles));
  if (richer && sentence) {
    acc.best = { sentence, titles: m.titles.length, origin };
    acc.titles = [...m.titles, ...acc.titles.filter((t) => !m.titles.includes(t))];
    if (m.org) acc.org = m.org;
  } else {
    for (const t of m.titles) if (!acc.titles.includes(t)) acc.titles.push(t);
    if (m.org && !acc.org) acc.org = m.org;
  }
  if (m.scope && !acc.scopeOrg) acc.scopeOrg = ctx.main[SCOPE_LEVEL[m.scope]];
  for (const r of m.roles) if (!acc.roles.includes(r)) acc.roles.push(r);
  if (sentence && origin === 'text' && !acc.firstText) acc.firstText = sentence;
}

/**
 * The people of one text: the rules' mentions (title chains, bylines), then the recogniser's people whose
 * name does not overlap a different name the rules read there (the rules win where both read a name).
 */
function textPeople(text: string): PersonMention[] {
  const ruled = [...findTitledPeople(text), ...findBylinePeople(text)];
  const recognised = findRecognisedPeople(text, recognise(text), attachSettings()).filter(
    (m) => !ruled.some((r) => r.name !== m.name && r.index < m.index + m.name.length && m.index < r.index + r.name.length),
  );
  return [...ruled, ...recognised];
}

function personFacts(ctx: DocContext, knownNames: Set<string>): ExtractedFact[] {
  const people = new Map<string, PersonAccumulator>();
  const headlines = [ctx.title, ctx.meta.originalTitle ? matchingForm(ctx.meta.originalTitle) : ''].filter(Boolean);
  for (const h of headlines) for (const m of textPeople(h)) addPerson(people, ctx, m, null, 'title');
  for (const s of ctx.body) {
    const mentions = textPeople(s.simplified);
    ctx.people.set(s.id, mentions);
    for (const m of mentions) addPerson(people, ctx, m, s, 'text');
  }
  const names = new Set([...knownNames, ...people.keys()]);
  for (const h of headlines) for (const m of findSpeakers(h, names)) if (people.has(m.name)) addPerson(people, ctx, m, null, 'title');
  for (const s of ctx.body) for (const m of findSpeakers(s.simplified, names)) addPerson(people, ctx, m, s, 'text');
  for (const m of metaPeople(ctx.meta)) addPerson(people, ctx, m, null, 'meta');

  const out: ExtractedFact[] = [];
  for (const acc of people.values()) {
    const org = acc.org ?? acc.scopeOrg;
    // 辽宁日报记者 next to 记者 with org 辽宁日报: keep the short form.
    const titles = acc.titles.filter((t) => !(org && t.startsWith(org) && acc.titles.includes(t.slice(org.length))));
    const sentence = acc.best?.sentence ?? acc.firstText;
    const where = sentence ? { docId: sentence.docId, sentenceId: sentence.id, sentence: sentence.text } : anchor(ctx, acc.name);
    const origin = acc.origins.has('text') ? 'text' : acc.origins.has('title') ? 'title' : 'meta';
    out.push(
      withoutEmpty({
        type: 'person',
        value: acc.name,
        titles,
        roles: acc.roles,
        org,
        date: sentence ? ctx.sentenceDate.get(sentence.id) : undefined,
        ...where,
        origin,
      }),
    );
  }
  return out;
}

/**
 * The positions the body mentions (findPositions: the recogniser's position spans), with the organisation
 * written before each and the sentence's person who holds it; one fact per position, organisation and
 * holder in a document (its first sentence). Runs after personFacts (the holders are its mentions).
 */
function positionFacts(ctx: DocContext): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const seen = new Set<string>();
  for (const s of ctx.body) {
    for (const p of findPositions(s.simplified, recognise(s.simplified), ctx.people.get(s.id) ?? [])) {
      const key = `${p.title}|${p.org ?? ''}|${p.holder ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(withoutEmpty({ type: 'position', value: p.title, org: p.org, holder: p.holder, date: ctx.sentenceDate.get(s.id), ...base(s) }));
    }
  }
  return out;
}

function dateFacts(ctx: DocContext): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const published = parseReference(ctx.meta.published);
  if (published && ctx.meta.published) {
    const iso = ctx.meta.published.slice(0, 10);
    out.push({ type: 'date', value: iso, date: ctx.meta.published, event: '发布', ...anchor(ctx), origin: 'meta' });
  }
  const seen = new Set<string>();
  for (const s of ctx.body) {
    for (const d of ctx.dates.get(s.id) ?? []) {
      const event = eventAround(s.simplified, d.index, d.end);
      const key = `${d.iso}|${event?.short ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(withoutEmpty({ type: 'date', value: d.iso, date: d.iso, written: d.written, event: event?.short, detail: event?.long, ...base(s) }));
    }
  }
  return out;
}

function figureFacts(ctx: DocContext): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const seen = new Set<string>();
  for (const s of ctx.body) {
    for (const f of findFigures(s.simplified)) {
      const key = `${f.type}|${f.value}|${f.subject ?? ''}|${f.by ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const measure = f.type === 'amount' ? { number: f.number, unit: f.unit } : {};
      out.push(withoutEmpty({ type: f.type, value: f.value, subject: f.subject, by: f.by, ...measure, date: ctx.sentenceDate.get(s.id), ...base(s) }));
    }
  }
  return out;
}

function placeFacts(ctx: DocContext): ExtractedFact[] {
  const byPlace = new Map<string, ExtractedFact>();
  const withEvent: ExtractedFact[] = [];
  for (const s of ctx.body) {
    for (const v of findVenues(s.simplified)) {
      const place = placeStem(v.place);
      withEvent.push(withoutEmpty({ type: 'place', value: place, event: v.event.short, detail: v.event.long, date: ctx.sentenceDate.get(s.id), ...base(s) }));
    }
    for (const p of findPlacesInOrder(s.simplified, ctx.placesLongestFirst)) {
      if (!byPlace.has(p.place)) byPlace.set(p.place, withoutEmpty({ type: 'place', value: p.place, date: ctx.sentenceDate.get(s.id), ...base(s) }));
    }
  }
  const venues = new Set(withEvent.map((f) => f.value));
  const all = [...venues, ...byPlace.keys()];
  // 海湾 next to 海湾区: the plain stem is the same place as the district.
  const covered = (v: string) => all.some((w) => w !== v && w.startsWith(v) && /^[区县镇乡]$/.test(w.slice(v.length)));
  return [...withEvent, ...[...byPlace.values()].filter((f) => !venues.has(f.value) && !covered(f.value))];
}

function organizationFacts(ctx: DocContext): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const seen = new Set<string>();
  for (const s of ctx.body) {
    for (const o of findOrganizations(s.simplified)) {
      if (seen.has(o.name)) continue;
      seen.add(o.name);
      out.push({ type: 'organization', value: o.name, ...base(s) });
    }
  }
  return out;
}

function listFacts(ctx: DocContext): ExtractedFact[] {
  const out: ExtractedFact[] = [];
  const paragraphs = new Map<number, Sentence[]>();
  for (const s of ctx.body) {
    const list = paragraphs.get(s.paragraph) ?? [];
    list.push(s);
    paragraphs.set(s.paragraph, list);
  }
  for (const group of paragraphs.values()) {
    for (const l of findLists(group.map((s) => s.simplified))) {
      const s = group[l.sentence];
      out.push(withoutEmpty({ type: 'list', value: l.value, items: l.items, subject: l.subject, date: ctx.sentenceDate.get(s.id), ...base(s) }));
    }
  }
  return out;
}

/** Names introduced by a title chain or byline anywhere in the corpus (so 张国清指出 is recognised in every document). */
function corpusNames(docs: DocSentences[]): Set<string> {
  const names = new Set<string>();
  for (const { doc, title, body } of docs) {
    for (const text of [title, ...body.map((s) => s.simplified)]) {
      for (const m of [...findTitledPeople(text), ...findBylinePeople(text)]) names.add(m.name);
    }
    for (const m of metaPeople(doc.meta)) names.add(m.name);
  }
  return names;
}

/**
 * All facts of the corpus. `sentences` are all sentences of all documents (as made by toSentences).
 * Names found are taught to the segmenter (addUserWord, tag nr) before the rest is extracted.
 */
export function extractFacts(documents: CorpusDocument[], sentences: Sentence[]): Fact[] {
  // Tags memoised before this call may predate words taught to the segmenter since.
  clearTagCache();
  const extraction = new FactExtraction(documents, sentences);
  return extraction.facts(extraction.names());
}

/**
 * extractFacts in its two passes, so that parts of a corpus can be extracted on several threads with
 * the same result: `names()` of every part (in document order, their union is corpusNames of the
 * whole), then `facts(allNames)` of each part once every thread's segmenter knows all the names.
 */
export class FactExtraction {
  private readonly docs: DocSentences[];

  constructor(documents: CorpusDocument[], sentences: Sentence[]) {
    // Tags memoised before may predate words taught to the segmenter since.
    clearTagCache();
    const byDoc = new Map<string, Sentence[]>();
    for (const s of sentences) {
      const list = byDoc.get(s.docId) ?? [];
      list.push(s);
      byDoc.set(s.docId, list);
    }
    this.docs = documents.map((doc) => docSentences(doc, byDoc.get(doc.meta.id) ?? []));
  }

  /** Names introduced by a title chain or byline in these documents, in the order found. */
  names(): string[] {
    return [...corpusNames(this.docs)];
  }

  /** The facts of these documents, once `names` (of the whole corpus) are taught to the segmenter. */
  facts(names: readonly string[]): Fact[] {
    // Names first: the segmenter must know them before anything else is tagged for the facts.
    if (names.length) {
      for (const name of names) addUserWord(name, 'nr');
      clearTagCache();
    }
    const known = new Set(names);
    // One document at a time, context then facts, so its sentences' tags are still memoised when the
    // second extractor asks for them.
    const facts: ExtractedFact[] = [];
    for (const doc of this.docs) {
      const ctx = contextOf(doc);
      facts.push(...personFacts(ctx, known), ...dateFacts(ctx), ...figureFacts(ctx), ...placeFacts(ctx), ...organizationFacts(ctx), ...listFacts(ctx), ...positionFacts(ctx));
    }
    return facts;
  }
}

/** The facts of one sentence on its own (no document context: no merging, dates need `published`). */
export function extractSentenceFacts(sentence: Sentence, published?: string): Fact[] {
  const doc: CorpusDocument = { meta: { id: sentence.docId, title: '', published }, paragraphs: [sentence.text] };
  const ctx = contextOf(docSentences(doc, [sentence]));
  return [
    ...personFacts(ctx, new Set()),
    ...dateFacts(ctx).filter((f) => f.origin !== 'meta'),
    ...figureFacts(ctx),
    ...placeFacts(ctx),
    ...organizationFacts(ctx),
    ...listFacts(ctx),
    ...positionFacts(ctx),
  ];
}
