/**
 * The facts module's public face: extraction, plus the helpers the answerer needs.
 */
import type { Fact, FactType } from '../types.js';
import type { ExtractedFact } from './extract.js';
import { matchingForm } from '../text/script.js';

export { FactExtraction, extractFacts, extractSentenceFacts, isChrome, type ExtractedFact } from './extract.js';
// Used by the answer layer (answer/engine.ts, answer/typed.ts): it reaches facts only through this module.
export { isPlausibleName } from './people.js';
export { GENERIC_TITLE_ENDINGS, ORG_SUFFIXES, TITLE_HEAD_WORDS, alternation } from './lexicon.js';

/** The facts read from one document, in extraction order. */
export function factsOfDocument<T extends Fact>(facts: readonly T[], docId: string): T[] {
  return facts.filter((f) => f.docId === docId);
}

/** The facts of the given types. */
export function factsOfType<T extends Fact>(facts: readonly T[], ...types: FactType[]): T[] {
  return facts.filter((f) => types.includes(f.type));
}

/** Chinese labels of the fact types (Simplified). */
export const FACT_TYPE_LABELS: Record<FactType, string> = {
  person: '人物',
  date: '日期',
  score: '分数',
  percentage: '百分比',
  grade: '等级',
  ordinal: '序数',
  duration: '时长',
  count: '数量',
  amount: '数额',
  place: '地点',
  organization: '机构',
  list: '列举',
  event: '事件',
  position: '职务',
};

/**
 * One line of Simplified text for a fact:
 * 李友：市委常委、政法委书记、…（铁岭）; 2021-08-06 新闻发布会召开; 群众满意度 97.18%; 六个“回头看”：提高站位、咬定目标…;
 * 财政司司长（香港特区政府）：陈茂波
 */
export function describeFact(fact: Fact): string {
  const f = fact as ExtractedFact;
  switch (f.type) {
    case 'person': {
      const titles = f.titles?.length ? f.titles.join('、') : '';
      const org = f.org && !f.titles?.some((t) => t.startsWith(f.org!)) ? `（${f.org}）` : '';
      const roles = f.roles?.length ? f.roles.join('、') : '';
      if (titles) return `${f.value}：${titles}${org}${roles ? `；${roles}` : ''}`;
      return `${f.value}${org}${roles ? `：${roles}` : ''}`;
    }
    case 'date':
      return [f.value, f.event].filter(Boolean).join(' ');
    case 'place':
      return f.event ? `${f.value}（${f.event}）` : f.value;
    case 'list':
      return `${f.value}：${(f.items ?? []).join('、')}`;
    case 'ordinal':
      return `${f.by ? `${f.by} ` : ''}${f.value}${f.subject ?? ''}`;
    case 'count': {
      // 三项任务 when the noun follows the count in the sentence; 接诊群众 300余人次 when it came before.
      if (!f.subject || f.value.endsWith(f.subject)) return f.value;
      const follows = matchingForm(f.sentence)
        .replace(/[“”"]/g, '')
        .includes(f.value + f.subject);
      return follows ? `${f.value}${f.subject}` : `${f.subject} ${f.value}`;
    }
    case 'organization':
      return f.value;
    case 'event':
      return [f.value, f.date].filter(Boolean).join(' ');
    case 'position':
      // 财政司司长（香港特区政府）：陈茂波; 记者
      return `${f.value}${f.org ? `（${f.org}）` : ''}${f.holder ? `：${f.holder}` : ''}`;
    default: {
      // percentage, score, grade, duration: 群众满意度 97.18%, 综合评估 106.94分（省驻点指导组）
      const subject = f.subject ? `${f.subject} ` : '';
      return `${subject}${f.value}${f.by ? `（${f.by}）` : ''}`;
    }
  }
}

// The person/title tagger (trained on CLUENER train by `npm run train:tagger`), for the benchmark and
// for tools that measure it.
export { loadTagger, recognise, type RecognisedSpan } from './tagger/index.js';
export { cleanName } from './tagger/attach.js';
