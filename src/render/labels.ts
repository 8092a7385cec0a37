/**
 * User-facing words, written once in Simplified and rendered in the user's script.
 */
import type { FactType, Script } from '../types.js';
import { toScript } from '../text/script.js';

const LABELS = {
  answer: '答案',
  facts: '相关事实',
  sources: '出处',
  nearest: '最相关的段落',
  notAnswered: '文档中没有提到这个问题的答案。',
  empty: '请输入一个问题，例如：文档里提到了哪些人？',
  notChinese: '请用中文提问（简体或繁体均可）。',
  tooLong: '问题太长了，请把问题缩短到一两句话。',
  unknownTerms: '文档中没有提到',
  cannotAnswer: '无法回答这个问题。',
  weakMatch: '文档中没有找到这个问题的答案。',
  source: '来源',
  author: '作者',
  published: '发布',
  title: '标题',
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, script: Script): string {
  return toScript(LABELS[key], script);
}

const FACT_TYPE_NAMES: Record<FactType, string> = {
  person: '人物',
  date: '日期',
  score: '得分',
  percentage: '比例',
  grade: '等级',
  ordinal: '序次',
  duration: '时长',
  count: '数量',
  amount: '数额',
  place: '地点',
  organization: '机构',
  list: '列举',
  event: '事件',
};

export function factTypeName(type: FactType, script: Script): string {
  return toScript(FACT_TYPE_NAMES[type] ?? type, script);
}
