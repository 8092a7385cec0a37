/**
 * The signature closing an official notice: who issued it and when.
 *
 *   …要及时就医并主动告知旅行史。
 *   （浙江省疾病预防控制中心 2024年5月10日）          one line, bracketed or not
 *
 *   …特此通知。
 *   浙江省卫生健康委员会                            one to three issuing bodies, one per line,
 *   二〇二四年五月十日                              then the date alone (Arabic or Chinese numerals)
 *
 * The issuer must read as an organisation (it ends in 中心, 局, 委员会, 办公室, 大学, 公司…) and the date
 * must be a full date, so a news story's last line is not taken for a signature. The lines are not
 * removed: a signature is part of the notice's text.
 */
import { alignedMatchingForm, findDate, tidyValue, type BylineFields } from './byline.js';

/** Endings of organisation names, in the matching form. */
const ORGANISATION_END =
  /(?:中心|局|厅|委员会|委|办公室|办|政府|院|部|处|科|组|会|所|站|队|校|大学|学院|公司|集团|行|社|署|府|司|党委|党组|支部|指挥部|联盟|基金会|馆|园|台|报|网|室|团|厂|场|基地|中学|小学|分会|协会|商会|街道|社区)$/u;
const MAX_ISSUER_LINES = 3;
const MAX_ISSUER_LENGTH = 40;

// Dates written in Chinese numerals, as official documents sign them: 二〇二四年五月十日.
const NUMERAL_DATE = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/u;
const DIGIT: Record<string, number> = { 〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20, 三十一 -> 31; NaN for anything else. */
function numeralValue(text: string): number {
  if (text.length === 1 && text !== '十') return DIGIT[text] || NaN;
  const m = text.match(/^([二三]?)十([一二三四五六七八九]?)$/u);
  return m ? (m[1] ? DIGIT[m[1]] : 1) * 10 + (m[2] ? DIGIT[m[2]] : 0) : NaN;
}

/** A text that is nothing but a full date (2024年5月10日, 2024-05-10, 二〇二四年五月十日): its ISO form. */
export function dateAlone(text: string): string | undefined {
  const trimmed = text.trim();
  const found = findDate(trimmed);
  if (found && found.index === 0 && found.length === trimmed.length) return found.iso;
  const m = alignedMatchingForm(trimmed).replace(/\s+/g, '').match(NUMERAL_DATE);
  if (!m) return undefined;
  const year = [...m[1]].map((c) => DIGIT[c]).join('');
  const month = numeralValue(m[2]);
  const day = numeralValue(m[3]);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Does this line read as an organisation's name (short, no sentence punctuation, an organisation ending)? */
export function isIssuerName(line: string): boolean {
  const form = alignedMatchingForm(line.trim());
  const length = [...form].length;
  if (length < 3 || length > MAX_ISSUER_LENGTH) return false;
  if (!/^[\p{Script=Han}\d()]+$/u.test(form)) return false;
  return ORGANISATION_END.test(form);
}

/** One line `（机构 2024年5月10日）` or `机构 2024年5月10日`: the issuer and the ISO date. */
function oneLineSignature(line: string): BylineFields | undefined {
  let text = line.trim();
  const form = alignedMatchingForm(text);
  if (/^\(.*\)$/.test(form) || /^【.*】$/.test(form)) text = text.slice(1, -1).trim();
  if ([...text].length > MAX_ISSUER_LENGTH + 20) return undefined;
  // The date is the last thing on the line and the issuer everything before it: the first cut that
  // leaves a date alone is where the date starts.
  for (let cut = 1; cut < text.length; cut++) {
    const published = dateAlone(text.slice(cut));
    if (!published) continue;
    const issuer = tidyValue(text.slice(0, cut));
    return isIssuerName(issuer) ? { source: issuer, published } : undefined;
  }
  return undefined;
}

/**
 * Read the signature at the end of a body, if there is one: the issuer as `source` (several issuers
 * joined with 、) and the signing date as `published`.
 */
export function findSignature(paragraphs: string[]): BylineFields | undefined {
  if (!paragraphs.length) return undefined;
  const last = paragraphs[paragraphs.length - 1];
  const published = dateAlone(last);
  if (!published) return oneLineSignature(last);
  const issuers: string[] = [];
  for (let i = paragraphs.length - 2; i >= 0 && issuers.length < MAX_ISSUER_LINES && isIssuerName(paragraphs[i]); i--) {
    issuers.unshift(paragraphs[i].trim());
  }
  // Leave at least one paragraph of text: a document that is nothing but names and a date is no notice.
  if (!issuers.length || issuers.length >= paragraphs.length - 1) return undefined;
  return { source: issuers.join('、'), published };
}
