/**
 * The words jieba's own dictionary tags as places (ns) or organisations (nt), and a quick test of whether a
 * text contains any of a set of words.
 *
 * Why: tagging every sentence with jieba is the dominant cost of fact extraction, and most sentences of a
 * large corpus name no place and no organisation. A token gets the tag ns or nt only when it is a word of the
 * dictionary with that tag (a word jieba does not know is tagged x, m or eng; the words this project teaches
 * the segmenter are names, nr, or nz). So a text that contains no such word, and none of the other things
 * the finders look for, cannot yield a place or an organisation and need not be tagged for them.
 *
 * The files read are the ones text/segment.ts loads (nodejieba's defaults); they are read once, on first use.
 */
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';

/** nodejieba exports the paths of its default dictionaries (types-shims.d.ts does not declare them). */
const DICTIONARY_FILES = nodejieba as unknown as { DEFAULT_DICT: string; DEFAULT_USER_DICT: string };

/**
 * A dictionary line tagged ns or nt: word, optional frequency, tag (the user dictionary may leave out
 * frequency and tag). Matched on the file read as latin1, one character per byte: decoding the 5 MB
 * file as UTF-8 first would take most of the time. The delimiters are ASCII, and no byte of a multi-byte
 * UTF-8 character is ASCII, so the matches are the same.
 */
const ENTRY = /^([^ \t\r\n]+)(?:[ \t]+\d+)?[ \t]+(n[st])[ \t]*\r?$/gm;

let byTag: Map<string, string[]> | undefined;

/** The dictionary words that carry `tag` (main and user dictionary, in file order). */
export function dictionaryWords(tag: 'ns' | 'nt'): readonly string[] {
  if (!byTag) {
    const latin1: Record<string, string[]> = { ns: [], nt: [] };
    for (const file of [DICTIONARY_FILES.DEFAULT_DICT, DICTIONARY_FILES.DEFAULT_USER_DICT]) {
      for (const m of readFileSync(file, 'latin1').matchAll(ENTRY)) latin1[m[2]].push(m[1]);
    }
    // Back to the words' own characters: their bytes, decoded as UTF-8 (all at once).
    const decode = (words: string[]) => (words.length ? Buffer.from(words.join('\n'), 'latin1').toString('utf8').split('\n') : []);
    byTag = new Map([
      ['ns', decode(latin1.ns)],
      ['nt', decode(latin1.nt)],
    ]);
  }
  return byTag.get(tag)!;
}

/**
 * A set of words of at least two characters, indexed by their first two (as UTF-16 code units: no
 * substring is made while scanning a text), to tell quickly whether a text contains one.
 */
export class WordSet {
  /** First code unit -> second code unit -> the words that open so. */
  private readonly byOpening: (Map<number, string[]> | undefined)[] = new Array(0x10000);

  constructor(words: Iterable<string>) {
    for (const word of words) {
      if (word.length < 2) throw new Error(`WordSet: "${word}" is shorter than two characters`);
      let second = this.byOpening[word.charCodeAt(0)];
      if (!second) {
        second = new Map();
        this.byOpening[word.charCodeAt(0)] = second;
      }
      const list = second.get(word.charCodeAt(1));
      if (list) list.push(word);
      else second.set(word.charCodeAt(1), [word]);
    }
  }

  /** Does the text contain one of the words? */
  occursIn(text: string): boolean {
    for (let i = 0; i + 1 < text.length; i++) {
      const words = this.byOpening[text.charCodeAt(i)]?.get(text.charCodeAt(i + 1));
      if (words?.some((w) => text.startsWith(w, i))) return true;
    }
    return false;
  }
}
