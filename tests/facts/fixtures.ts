/** Small news documents written for the tests (not the seeds). */
import type { CorpusDocument } from '../../src/types.js';

export const provincialMeeting: CorpusDocument = {
  meta: {
    id: 'sc-meeting',
    title: '四川省委书记周海波：扎实推进乡村振兴',
    source: '四川日报',
    author: '驻成都记者 陈晓',
    editor: '刘洋',
    responsibleEditor: '张静',
    published: '2023-05-13T08:30',
    script: 'hans',
  },
  paragraphs: [
    '来源：四川日报 编辑：刘洋 2023-05-13 08:30',
    '5月12日，全省乡村振兴工作会议在成都召开。省委书记、省乡村振兴领导小组组长周海波出席会议并讲话。省委常委、秘书长马林主持会议。',
    '周海波指出，要扎实推进产业发展、人才培养、生态保护三项任务。',
    '经第三方评估，全省农村群众满意度为96.4%；省督导组综合评估98.5分，评估结果为优。',
    '会前，省乡村振兴领导小组召开第四次会议，研究部署有关工作。（四川日报记者 陈晓）',
  ],
};

export const cityPressConference: CorpusDocument = {
  meta: {
    id: 'my-press',
    title: '綿陽召開河長制工作新聞發布會',
    source: '綿陽日報',
    author: '黃偉',
    published: '2023-06-09T10:00',
    script: 'hant',
  },
  paragraphs: [
    '本報訊 6日，綿陽市河長制工作新聞發布會召開。綿陽市委常委、宣傳部部長、市河長制辦公室副主任劉建華出席發布會並介紹情況。',
    '劉建華表示，2個多月來，全市完成排查整治、清淤疏浚、岸線綠化三個環節工作，群眾滿意度達到97.5%。',
  ],
};
