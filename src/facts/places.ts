/**
 * Places: jieba ns tokens (filtered: its ns tag is noisy), names with an administrative suffix
 * (铁岭市, 辽宁省, 辽宁省委, 铁岭 + 市委常委), and the province/city lists of the lexicon.
 * Places are discovered per document, then found in each of its sentences by their stem (辽宁省 -> 辽宁).
 */
import { dictionaryWords, WordSet } from './dictionary.js';
import { CITIES, NOT_PLACES, NOT_PLACE_ENDINGS, PROVINCES, SCOPE_WORDS } from './lexicon.js';
import { isHan, tagged } from './tokens.js';

export interface PlaceMention {
  /** Stem: 辽宁 for 辽宁省, 沈阳 for 沈阳市. */
  place: string;
  index: number;
}

export type PlaceLevel = 'province' | 'city' | 'county';

const PROVINCE_SET = new Set(PROVINCES);
const CITY_SET = new Set(CITIES);
const KNOWN_BY_LENGTH = [...PROVINCES, ...CITIES].sort((a, b) => b.length - a.length);
const LEVEL_SUFFIX = /^(\p{Script=Han}{2,5}?)(省|市|县|区|州|镇|乡|自治区|自治州|自治县|特别行政区)$/u;
const COMMITTEE_SUFFIX = /^(\p{Script=Han}{2,5}?)(省委|市委|县委|区委|州委)$/u;
const FOLLOWED_BY_LEVEL = /^(省委|市委|县委|区委|州委|省政府|市政府|县政府|区政府|市人民|省人民|县人民|市公安|省公安|县公安)/;
/** First two characters of the listed places: a token opening with none of them neither is one nor opens with one. */
const LISTED_OPENINGS = new Set(KNOWN_BY_LENGTH.map((p) => p.slice(0, 2)));
/** Last characters of LEVEL_SUFFIX and COMMITTEE_SUFFIX readings (辽宁省, 自治区, 沈阳市委). */
const LEVEL_OR_COMMITTEE_END = /[省市县区州镇乡委]$/;

/** The stem of a place name: 辽宁省 -> 辽宁, 铁岭市 -> 铁岭; names without a suffix are kept. */
export function placeStem(word: string): string {
  const m = LEVEL_SUFFIX.exec(word);
  if (m && !NOT_PLACES.has(word) && (/^(省|市|自治区|特别行政区)$/.test(m[2]) || PROVINCE_SET.has(m[1]))) return m[1];
  return word;
}

function plausibleStem(stem: string): boolean {
  return stem.length >= 2 && isHan(stem) && !SCOPE_WORDS.includes(stem) && !NOT_PLACES.has(stem) && !NOT_PLACE_ENDINGS.test(stem);
}

/** Characters every level-based reading needs: 铁岭市, 辽宁省委, 自治区, 铁岭 + 市委常委. */
const LEVEL_CHAR = /[省市县区州镇乡]/;
let listedOrPlaceWords: WordSet | undefined;

/**
 * Can discoverPlaces find anything in the text? Each of its readings needs a level character, a listed
 * province or city, or a word jieba's dictionary tags ns that could be a place (see dictionary.ts). Exact:
 * a text for which this is false yields no place; it only spares tagging the text.
 */
export function mayNamePlace(text: string): boolean {
  if (LEVEL_CHAR.test(text)) return true;
  listedOrPlaceWords ??= new WordSet([...PROVINCES, ...CITIES, ...dictionaryWords('ns').filter(plausibleStem)]);
  return listedOrPlaceWords.occursIn(text);
}

/** Places named in a Simplified text (discovery from its own tokens; no document context). */
export function discoverPlaces(text: string): Set<string> {
  const found = new Set<string>();
  if (!mayNamePlace(text)) return found;
  const toks = tagged(text);
  for (let k = 0; k < toks.length; k++) {
    const { word, tag } = toks[k];
    if (word.length < 2) continue;
    const next = toks[k + 1]?.word ?? '';
    // Most tokens fit none of the readings below; this tells them apart cheaply (each reading needs one of these).
    const mayBePlace = tag === 'ns' || LEVEL_OR_COMMITTEE_END.test(word) || FOLLOWED_BY_LEVEL.test(next) || LISTED_OPENINGS.has(word.slice(0, 2));
    if (!mayBePlace || !isHan(word)) continue;
    if (PROVINCE_SET.has(word) || CITY_SET.has(word)) {
      found.add(word);
      continue;
    }
    // 湖南省人民政府/nt: a listed place + level opening a longer organisation token.
    const opening = KNOWN_BY_LENGTH.find((p) => word.startsWith(p) && /[省市]/.test(word[p.length] ?? ''));
    if (opening && word.length > opening.length + 1) {
      found.add(opening);
      continue;
    }
    const committee = COMMITTEE_SUFFIX.exec(word);
    if (committee && plausibleStem(committee[1])) {
      found.add(committee[1]);
      continue;
    }
    const level = LEVEL_SUFFIX.exec(word);
    if (level && word.length >= 3 && !NOT_PLACES.has(word) && plausibleStem(level[1])) {
      found.add(placeStem(word));
      continue;
    }
    if (/^(nr|ns|nrt|x|nz)$/.test(tag) && word.length <= 4 && FOLLOWED_BY_LEVEL.test(next) && plausibleStem(word)) {
      found.add(word);
      continue;
    }
    if (tag === 'ns' && !NOT_PLACES.has(word) && plausibleStem(word)) found.add(placeStem(word));
  }
  return found;
}

/** The known places in the order findPlaces tries them: longest first (ties as given). */
export function longestPlacesFirst(known: Iterable<string>): string[] {
  return [...new Set(known)].sort((a, b) => b.length - a.length);
}

/** Occurrences of the known places (stems) in a text, longest first, without overlaps. */
export function findPlaces(text: string, known: Iterable<string>): PlaceMention[] {
  return findPlacesInOrder(text, longestPlacesFirst(known));
}

/** findPlaces with the places already ordered by longestPlacesFirst (sorted once for all sentences of a document). */
export function findPlacesInOrder(text: string, ordered: readonly string[]): PlaceMention[] {
  const out: PlaceMention[] = [];
  const taken: [number, number][] = [];
  for (const place of ordered) {
    for (let i = text.indexOf(place); i >= 0; i = text.indexOf(place, i + 1)) {
      const end = i + place.length;
      if (taken.some(([s, e]) => i < e && end > s)) continue;
      taken.push([i, end]);
      out.push({ place, index: i });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Administrative level of a place stem, from the lexicon or from how the texts write it (X省, X市, X县). */
export function placeLevel(stem: string, texts: string[] = []): PlaceLevel | undefined {
  if (PROVINCE_SET.has(stem)) return 'province';
  if (CITY_SET.has(stem)) return 'city';
  const all = texts.join('\n');
  if (all.includes(`${stem}省`)) return 'province';
  if (all.includes(`${stem}市`)) return 'city';
  if (all.includes(`${stem}县`) || all.includes(`${stem}区`)) return 'county';
  return undefined;
}

/**
 * The document's main place of each level, when obvious: the most frequent place of that level in the
 * title (counted twice) and first paragraph, provided it is in the title or named at least twice.
 */
export function mainPlaces(title: string, firstParagraph: string, known: Iterable<string>, allTexts: string[] = []): Partial<Record<PlaceLevel, string>> {
  const counts = new Map<string, number>();
  for (const m of findPlaces(title, known)) counts.set(m.place, (counts.get(m.place) ?? 0) + 2);
  for (const m of findPlaces(firstParagraph, known)) counts.set(m.place, (counts.get(m.place) ?? 0) + 1);
  const out: Partial<Record<PlaceLevel, string>> = {};
  const best: Partial<Record<PlaceLevel, number>> = {};
  // Joined once for all places (placeLevel would join the texts again for each).
  const texts = [[title, firstParagraph, ...allTexts].join('\n')];
  for (const [place, count] of counts) {
    if (count < 2) continue;
    const level = placeLevel(place, texts);
    if (!level) continue;
    if ((best[level] ?? 0) < count) {
      best[level] = count;
      out[level] = place;
    }
  }
  return out;
}
