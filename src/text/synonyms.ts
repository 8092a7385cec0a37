/**
 * Near-synonyms people swap when they paraphrase a question (举行 for 召开, 方式 for 形式).
 * Small on purpose: general Chinese usage only, each group interchangeable in questions about
 * documents. A term matches a sentence when the sentence has the term or one of its group.
 */
const GROUPS: string[][] = [
  ['召开', '举行', '举办', '开会'],
  ['形式', '方式', '方法', '办法'],
  ['担任', '出任', '任职'],
  ['出席', '参加', '参与', '出席会议'],
  ['表示', '指出', '强调', '说'],
  ['开展', '进行', '实施', '推进'],
  ['得分', '分数', '评分', '打分'],
  ['地点', '地方', '场所'],
  ['时间', '日期', '时候'],
  ['人数', '人口'],
  ['结束', '完成', '闭幕'],
  ['比赛', '赛事', '对决', '较量', '对阵'],
  ['进球', '入球', '射入', '破门', '攻入'],
  ['号码', '电话', '专线', '热线'],
  ['观众', '球迷', '观者'],
  ['营收', '营业收入', '收入'],
  ['开始', '启动', '开幕'],
];

const BY_WORD = new Map<string, string[]>();
for (const group of GROUPS)
  for (const w of group)
    BY_WORD.set(
      w,
      group.filter((o) => o !== w),
    );

/** Other words that may stand for this one (empty when none). */
export function synonymsOf(word: string): string[] {
  return BY_WORD.get(word) ?? [];
}
