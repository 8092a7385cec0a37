/**
 * Amounts in running text, for how-much questions: a number (digits with separators and decimals, or
 * Chinese numerals) with its multiplier (万, 亿) and unit (元, 例, 人次, %, 岁…), and which unit a
 * question wants (多少例 -> 例, 收入多少 -> money, 几岁 -> 岁). Facts cover the figures the extractor
 * knows; this covers the rest of what a number in a sentence can be.
 */

const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?`;
const MULTIPLIER = `(?:万亿|千万|百万|十万|万|亿|千|百)?`;
/** Units, longest first so 人次 wins over 人. */
const UNITS = [
  '个百分点',
  '百分点',
  '平方公里',
  '平方米',
  '公里',
  '千米',
  '厘米',
  '毫米',
  '公顷',
  '公斤',
  '千克',
  '吨',
  '克',
  '米',
  '亩',
  '美元',
  '美金',
  '港元',
  '港币',
  '欧元',
  '日元',
  '英镑',
  '新台币',
  '新臺幣',
  '台币',
  '人民币',
  '卢布',
  '韩元',
  '元',
  '块',
  '光年',
  '英里',
  '海里',
  '英尺',
  'km',
  'cm',
  'mm',
  'kg',
  '㎞',
  '㎝',
  '㎜',
  '㎏',
  'm',
  '人次',
  '万人',
  '人',
  '名',
  '位',
  '户',
  '家',
  '个',
  '项',
  '件',
  '起',
  '例',
  '宗',
  '次',
  '场',
  '支',
  '辆',
  '台',
  '部',
  '架',
  '艘',
  '套',
  '条',
  '篇',
  '本',
  '册',
  '张',
  '份',
  '所',
  '座',
  '栋',
  '间',
  '处',
  '只',
  '头',
  '匹',
  '株',
  '棵',
  '票',
  '学分',
  '分',
  '球',
  '岁',
  '周岁',
  '年',
  '个多月',
  '多个月',
  '个月',
  '月',
  '周',
  '天',
  '日',
  '小时',
  '分钟',
  '秒',
  '倍',
  '成',
  '度',
  '℃',
  '%',
  '％',
];
const UNIT = `(?:${[...UNITS].sort((a, b) => b.length - a.length).join('|')})`;
// 4年6月 / 1年2个月 are one duration.
// 2万8,500元 and 1亿2千万元 are one amount: a second number may follow a multiplier.
const AMOUNT = new RegExp(
  `(?:约|近|超过|逾|达|共|仅|将近|至少|多达|高达)?(?:${NUMBER})${MULTIPLIER}(?:(?<=[万亿千])(?:${NUMBER})${MULTIPLIER})?(?:多|余)?${UNIT}?(?:多|余)?(?:(?<=年)(?:${NUMBER})(?:个月|月))?`,
  'gu',
);

export interface Amount {
  text: string;
  index: number;
  unit: string;
  /** The character right after the amount ('' at the end). */
  next: string;
}

/** A match score: 3比1, 2:0. */
const SCORELINE = /\d{1,3}\s*(?:比|:|：)\s*\d{1,3}(?![\d.:])/g;

/** The unit an amount ends with ('' for a bare number). */
function unitOf(text: string): string {
  if (/年.*月$/.test(text)) return '年';
  const m = new RegExp(`(${UNIT})(?:多|余)?$`, 'u').exec(text);
  return m ? m[1] : '';
}

/** Amounts in a text, without dates (2023年, 5月6日), ordinals (第三) or bare single digits. */
export function findAmounts(text: string): Amount[] {
  const out: Amount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const s = m[0];
    const index = m.index ?? 0;
    const unit = unitOf(s);
    const after = text.slice(index + s.length, index + s.length + 1);
    const before = text.slice(Math.max(0, index - 1), index);
    if (before === '第' || /^[第]/.test(s)) continue;
    // Dates and clock times are not amounts: 2023年, 10月31日, 9月30日, 15:42.
    if (unit === '年' && /^\d{4}年$/.test(s)) continue;
    if ((unit === '日' || unit === '号') && /月\s*$/.test(text.slice(Math.max(0, index - 2), index))) continue;
    if (unit === '月' && /^[\d零〇一二三四五六七八九十]/.test(after)) continue;
    if (unit === '月' && !/年/.test(s) && /^(?:[上中下]旬|底|初|末|份)/.test(after)) continue;
    if (/^\d{4}$/.test(s) && /[年/-]/.test(after)) continue;
    if (!unit && !/\d{2,}|\.|[万亿千百十]/.test(s)) continue;
    if (/^[一二两三四五六七八九十]$/.test(s)) continue;
    out.push({ text: s, index, unit, next: after });
  }
  for (const m of text.matchAll(SCORELINE)) out.push({ text: m[0], index: m.index ?? 0, unit: '比分', next: text.charAt((m.index ?? 0) + m[0].length) });
  return out;
}

export type UnitClass = { units: RegExp; name: string } | null;

const MONEY = /元|美金|港币|英镑|台币|新臺幣|人民币|卢布|块/;

/** The kind of unit a how-much question asks for, or null when any number will do. */
export function wantedUnit(question: string): UnitClass {
  // A change (增长了多少, 下降多少) is a percentage or points, whatever it is a change of.
  if (/(增长|增幅|下降|降幅|涨幅|提升|提高|减少|上升)(了)?(多少|几)/.test(question)) return { units: /^(?:%|％|个百分点|百分点|成|倍)$/, name: 'change' };
  if (/比分/.test(question)) return { units: /^比分$/, name: 'score' };
  // Telephone and other numbers are digits without a unit.
  if (/电话|号码|专线|热线|邮编|编号|代码/.test(question)) return { units: /^$/, name: 'number' };
  if (/积分|得分|分数|几分|多少分/.test(question)) return { units: /^分$/, name: '分' };
  const people = /(?:多少|几)(?:个|名|位)?[\p{Script=Han}]{0,3}?(人|者|员|生|客|户)(?![\p{Script=Han}])/u.exec(question);
  if (people) return { units: /^(?:人|名|位|人次|万人|户)$/, name: '人' };
  if (/多大/.test(question) && /今年|现在|目前|年纪|岁数/.test(question)) return { units: /岁/, name: '岁' };
  const classifier = /(?:多少|几)(?:个)?(人次|百分点|平方米|公里|公顷|学分|[例次支人名位户家项件起宗场辆台部套条篇本册张份所座处只票分球岁年月周天日倍成度元])/.exec(question);
  if (classifier) {
    const c = classifier[1];
    if (c === '元') return { units: MONEY, name: 'money' };
    if (c === '人') return { units: /^(?:人|名|位|人次|万人)$/, name: '人' };
    if (c === '月') return { units: /^(?:个月|月)$/, name: '月' };
    return { units: new RegExp(`^${c}`), name: c };
  }
  if (/多少钱|金额|收入|营收|利润|投资|罚金|罚款|资金|价格|售价|费用|成本|预算|税收|工资|薪|花费|开支|融资|市值|红利|分红/.test(question)) return { units: MONEY, name: 'money' };
  // A rate (毛利率, 占比) is a level: 21.3%, not the 1.6个百分点 it moved by.
  if (/百分比|比例|比率|占比|覆盖率|满意度|率/.test(question)) return { units: /^(?:%|％|成)$/, name: '%' };
  if (/年龄|多大年纪|几岁|多少岁|多大了/.test(question)) return { units: /岁/, name: '岁' };
  if (/多久|多长时间|多少天|多少年|几年|几个月|刑期|期限/.test(question)) return { units: /^(?:年|个多月|多个月|个月|月|周|天|日|小时|分钟|秒)$/, name: 'duration' };
  if (/多远|距离|多长|长度|株距|间距/.test(question)) return { units: /^(?:公里|千米|米|厘米|毫米|光年|英里|海里|英尺|km|cm|mm|m|㎞|㎝|㎜)$/, name: 'length' };
  if (/面积|多大/.test(question)) return { units: /^(?:平方公里|平方米|公顷|亩)$/, name: 'area' };
  if (/多重|重量/.test(question)) return { units: /^(?:吨|公斤|千克|克|kg|㎏)$/, name: 'weight' };
  return null;
}

/** Does this amount have a unit the question accepts? */
export function fitsUnit(amount: Amount, wanted: UnitClass): boolean {
  if (!wanted) return true;
  if (wanted.name === 'money') return MONEY.test(amount.unit);
  // A telephone or other number stands alone: 113学年度 is not one.
  if (wanted.name === 'number') return amount.unit === '' && /^[\d-]{3,}$/.test(amount.text) && !/[学年届级期号楼层]/.test(amount.next);
  return wanted.units.test(amount.unit);
}
