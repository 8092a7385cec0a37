import { describe, expect, it } from 'vitest';
import { classifyQuestion } from '../../src/question/classify.js';

describe('classifyQuestion', () => {
  const cases: [string, string][] = [
    ['谁主持了会议', 'who'],
    ['哪位领导出席了会议', 'who'],
    ['王刚担任什么职务', 'title'],
    ['他是什么身份', 'title'],
    ['会议什么时候召开', 'when'],
    ['几月几号发布的', 'when'],
    ['会议在哪里召开', 'where'],
    ['在哪个城市举行', 'where'],
    ['满意度是多少', 'howmuch'],
    ['得分是几分', 'howmuch'],
    ['包括哪些环节', 'list'],
    ['分别是什么', 'list'],
    ['会议是否召开', 'yesno'],
    ['他出席了吗', 'yesno'],
    ['为什么要开展整顿', 'open'],
    ['如何落实责任', 'open'],
    ['会议采取什么形式', 'what'],
  ];
  for (const [q, type] of cases) it(`${q} -> ${type}`, () => expect(classifyQuestion(q)).toBe(type));
});
