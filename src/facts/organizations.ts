/**
 * Organisations: a noun phrase ending in an organisation suffix (法院, 检察院, 公安局, 督导组, 领导小组,
 * 日报…) or a jieba nt token: 市中级人民法院, 省驻点指导组, 全国政法队伍教育整顿中央第一督导组.
 */
import { dictionaryWords, WordSet } from './dictionary.js';
import { EVENT_VERBS, ORG_SUFFIXES, ROLE_VERBS, TITLE_HEAD_WORDS, alternation } from './lexicon.js';
import { isNounish, tagged } from './tokens.js';

export interface OrgMention {
  name: string;
  index: number;
}

const ACTION_VERBS = new Set([...EVENT_VERBS, ...ROLE_VERBS, '是', '有', '要', '在', '到', '由', '对', '向', '和', '与']);
const TITLE_END = new RegExp(`${alternation(TITLE_HEAD_WORDS)}$`);
const ENDS_WITH_SUFFIX = new RegExp(`${alternation(ORG_SUFFIXES)}$`);
/** Generic names that are not worth a fact on their own. */
const GENERIC = /^(?:有关|相关|各级|各地|各|全市|全省|全国|全县|全区|该|本|我|上级|下级)?(?:部门|单位|机关|办公室|领导小组|委员会|中心|公司|政府|党委|法院|检察院|公安机关|医院|学校|银行|企业)$/;

/** jieba's nt tag is noisy (统一安排/nt): an nt token must also end like an organisation. */
const NT_END = /[委会院局厅部署办处所社台报团校队组行司馆站军党]$/;

function partOfName(word: string, tagName: string): boolean {
  if (/^第[一二三四五六七八九十\d]+$/.test(word)) return true; // 中央第一督导组
  if (/^[省市县区州镇乡]$/.test(word)) return true; // jieba tags 县 as zg
  return isNounish({ word, tag: tagName }) && !/^(l|x)$/.test(tagName);
}

const HAS_SUFFIX = new RegExp(alternation(ORG_SUFFIXES));
let organizationWords: WordSet | undefined;

/**
 * Can findOrganizations find anything in the text? An organisation ends in a token that ends in one of
 * the suffixes or is a word jieba's dictionary tags nt (see dictionary.ts), of 3+ characters ending like an
 * organisation. Exact: a text for which this is false yields none; it only spares tagging the text.
 */
export function mayNameOrganization(text: string): boolean {
  if (HAS_SUFFIX.test(text)) return true;
  organizationWords ??= new WordSet(dictionaryWords('nt').filter((w) => w.length >= 3 && NT_END.test(w)));
  return organizationWords.occursIn(text);
}

/** Organisation names in a Simplified text, longest reading, in order. */
export function findOrganizations(text: string): OrgMention[] {
  if (!mayNameOrganization(text)) return [];
  const toks = tagged(text);
  const starts: number[] = [];
  let pos = 0;
  for (const t of toks) {
    starts.push(pos);
    pos += t.word.length;
  }
  const out: OrgMention[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    const isOrgEnd = ENDS_WITH_SUFFIX.test(t.word) || (t.tag === 'nt' && t.word.length >= 3 && NT_END.test(t.word));
    if (!isOrgEnd) continue;
    // The organisation ends at the last consecutive org token (公安局 + 刑侦支队).
    let last = k;
    while (last + 1 < toks.length && ENDS_WITH_SUFFIX.test(toks[last + 1].word) && toks[last + 1].tag !== 'v') last++;
    let first = k;
    let chars = t.word.length;
    while (first > 0 && k - first < 8) {
      const prev = toks[first - 1];
      // jieba splits names oddly (乡村/n 振兴/v 领导小组, 河/ns 长/a 制/n 办公室): a verb or adjective between
      // two name words is part of the name, unless it is an action verb (召开, 出席…).
      const sandwiched = /^(v|a)$/.test(prev.tag) && first >= 2 && partOfName(toks[first - 2].word, toks[first - 2].tag) && !ACTION_VERBS.has(prev.word);
      if ((!partOfName(prev.word, prev.tag) && !sandwiched) || chars + prev.word.length > 24) break;
      // A title ends a name: 市委常委 is not part of the next organisation.
      if (TITLE_END.test(prev.word)) break;
      first--;
      chars += prev.word.length;
    }
    const name = toks
      .slice(first, last + 1)
      .map((x) => x.word)
      .join('');
    k = last;
    if (name.length < 4 || GENERIC.test(name)) continue;
    out.push({ name, index: starts[first] });
  }
  return out;
}
