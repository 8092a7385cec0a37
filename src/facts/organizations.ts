/**
 * Organisations: a noun phrase ending in an organisation suffix (法院, 检察院, 公安局, 督导组, 领导小组,
 * 日报…) or a jieba nt token: 市中级人民法院, 省驻点指导组, 全国政法队伍教育整顿中央第一督导组.
 */
import { ORG_SUFFIXES, alternation } from './lexicon.js';
import { isNounish, tagged } from './tokens.js';

export interface OrgMention {
  name: string;
  index: number;
}

const ENDS_WITH_SUFFIX = new RegExp(`${alternation(ORG_SUFFIXES)}$`);
/** Generic names that are not worth a fact on their own. */
const GENERIC = /^(?:有关|相关|各级|各|全市|全省|全国|该|本|我|上级|下级)?(?:部门|单位|机关|办公室|领导小组|委员会|中心|公司|政府|党委)$/;

/** jieba's nt tag is noisy (统一安排/nt): an nt token must also end like an organisation. */
const NT_END = /[委会院局厅部署办处所社台报团校队组行司馆站军党]$/;

function partOfName(word: string, tagName: string): boolean {
  if (/^第[一二三四五六七八九十\d]+$/.test(word)) return true; // 中央第一督导组
  return isNounish({ word, tag: tagName }) && !/^(l|x)$/.test(tagName);
}

/** Organisation names in a Simplified text, longest reading, in order. */
export function findOrganizations(text: string): OrgMention[] {
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
      if (!partOfName(prev.word, prev.tag) || chars + prev.word.length > 24) break;
      // A title ends a name: 市委常委 is not part of the next organisation.
      if (/(书记|常委|组长|主任|部长|局长|院长|长)$/.test(prev.word)) break;
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
