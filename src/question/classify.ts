/**
 * Question typing: what kind of answer does the question ask for?
 * Works on the matching form (Simplified, half-width). Order matters: the more specific cue wins
 * (是谁 beats 是什么; 什么职务 is a title question, not an open one).
 */
import type { QuestionType } from '../types.js';

/** A how-much question that asks for a rank or an ordinal (排第几, 第多少届): the answer is 第N (or a rank word), not a count. */
export const ORDINAL_QUESTION = /第几|第多少/;

interface Cue {
  type: QuestionType;
  pattern: RegExp;
}

const CUES: Cue[] = [
  { type: 'title', pattern: /(什么|何种|哪些|哪个|啥)(职务|职位|身份|头衔|官职|职衔|称号)|担任(什么|何|哪)|任(什么|何)职|是做什么的|是干什么的|是什么(官|人)|什么(领导|官)/ },
  { type: 'who', pattern: /谁|哪位|何人|哪一位|哪个人|哪些人|什么人|姓名|名字|叫什么/ },
  { type: 'when', pattern: /(西元|公元|民国|民國)几年|何时|什么时候|什么时间|哪天|哪一天|几月几[号日]|几号|哪年|哪一年|几月|几日|多会儿|日期|时间是/ },
  { type: 'where', pattern: /哪里|哪儿|在哪|何地|何处|哪个(城市|地方|省|市|县|区|国家|地区)|什么地方|哪座城市|地点|哪个城/ },
  { type: 'list', pattern: /哪些|哪几|哪[两三四五六七八九十]+[个项条点种类方面大件]|包括什么|包含什么|包括哪|分别是|分别为|有哪(?!一)|都有什么|都是什么|列举/ },
  { type: 'howmuch', pattern: /多少|几(?!乎|何|月几|号)[\p{Script=Han}]|比例|百分之几|得分|分数|多高|多大|多长|多久|多远|多重|几成|什么水平|评估结果|什么等级|什么级别|排名|第几/u },
  { type: 'yesno', pattern: /是否|有没有|是不是|能不能|会不会|可不可以|(?<![什怎多这那])[吗嘛么]\s*[?？]?\s*$/ },
  { type: 'open', pattern: /为什么|为何|如何|怎样|怎么|什么原因|什么意义|什么作用|什么目的/ },
  { type: 'what', pattern: /什么|啥|哪种|何种|哪个|哪一个|哪家|哪所|哪部|哪本|哪条/ },
];

export function classifyQuestion(matching: string): QuestionType {
  for (const cue of CUES) if (cue.pattern.test(matching)) return cue.type;
  return 'unknown';
}
