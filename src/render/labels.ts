/**
 * User-facing words, written once in Simplified and rendered in the user's script.
 */
import type { FactType, Script } from '../types.js';
import { toScript } from '../text/script.js';
import { FACT_TYPE_LABELS } from '../facts/index.js';

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
  /** Outcome (b) of the answer policy: passages look relevant, but no answer is sure enough to state. */
  noDirectAnswer: '没有找到确切答案，以下段落可能相关：',
  source: '来源',
  author: '作者',
  published: '发布',
  title: '标题',
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, script: Script): string {
  return toScript(LABELS[key], script);
}

export function factTypeName(type: FactType, script: Script): string {
  return toScript(FACT_TYPE_LABELS[type] ?? type, script);
}
