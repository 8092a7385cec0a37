import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanDocument, cleanDocumentWithReport, fixDatelineMarks } from '../../src/documents/clean.js';

const seed = (name: string) => readFileSync(new URL(`../../seeds/${name}.txt`, import.meta.url), 'utf8');

describe('cleanDocument on seed 000 (Traditional, pinyin, site chrome)', () => {
  const { document, report } = cleanDocumentWithReport(seed('000_547094a859bc4222'), '000_547094a859bc4222');

  it('reads the metadata, values in Traditional', () => {
    expect(document.meta).toEqual({
      id: '000_547094a859bc4222',
      title: '鐵嶺抓緊抓實六個“回頭看”持續鞏固教育整頓成果',
      source: '遼寧法制報',
      author: '江海峰',
      published: '2021-08-10T09:46',
      script: 'hant',
    });
  });

  it('keeps the four article paragraphs, without pinyin, chrome or byline', () => {
    expect(document.paragraphs).toHaveLength(4);
    expect(document.paragraphs[0].startsWith('本報訊 8月6日,鐵嶺全市政法隊伍教育整頓')).toBe(true);
    expect(document.paragraphs[3].endsWith('向黨委、向鐵嶺人民交上一份滿意的答卷。')).toBe(true);
    const body = document.paragraphs.join('\n');
    expect(body).not.toMatch(/\([a-zàáâǎāèéěēìíǐīòóǒōùúǔūǖǘǚǜü]+\)/);
    for (const chrome of ['歡迎', '主辦', '承辦', '來源', '發布時間', '駐鐵嶺記者']) expect(body).not.toContain(chrome);
    expect(body).toContain('群眾滿意度為97.18%');
  });

  it('reports what it removed', () => {
    expect(report.pinyinReadings).toBe(167);
    expect(report.chromeLines).toEqual(['歡迎來到遼寧長安網', '主辦:中共遼寧省委政法委員會\u00a0\u00a0\u00a0\u00a0承辦:遼寧法治報']);
    expect(report.footerLines).toEqual([]);
  });
});

describe('cleanDocument on seed 003 (Simplified, glued byline, copyright footer)', () => {
  const { document, report } = cleanDocumentWithReport(seed('003_72b0ff2129dbfce8'), '003_72b0ff2129dbfce8');

  it('reads the metadata, including 原标题 and the closing reporter credit', () => {
    expect(document.meta).toEqual({
      id: '003_72b0ff2129dbfce8',
      title: '辽宁省委书记张国清:高标准高起点推动第二批政法队伍教育整顿取得实效',
      originalTitle: '张国清在全省第二批政法队伍教育整顿动员部署会议上强调 高标准高起点推动第二批政法队伍教育整顿取得实效',
      source: '辽宁日报',
      author: '杨忠厚',
      editor: '王巍',
      responsibleEditor: '李胜兰',
      published: '2021-08-19T09:40:53',
      script: 'hans',
    });
  });

  it('keeps the eight article paragraphs and drops the footer and the 原标题 line', () => {
    expect(document.paragraphs).toHaveLength(8);
    expect(document.paragraphs[0].startsWith('8月18日,辽宁省第二批政法队伍教育整顿动员部署会议在沈阳召开。')).toBe(true);
    // The credit stays in the text.
    expect(document.paragraphs[7].endsWith('研究部署下步工作。(辽宁日报记者 杨忠厚)')).toBe(true);
    const body = document.paragraphs.join('\n');
    for (const gone of ['原标题', '国际在线', '声明', '侵权', '来源:辽宁日报']) expect(body).not.toContain(gone);
    expect(body).toContain('政法单位党组(党委)要承担起主体责任');
  });

  it('reports the footer block', () => {
    expect(report.footerLines).toHaveLength(8);
    expect(report.footerLines[0]).toBe('国际在线版权与信息产品内容销售的声明');
    expect(report.footerChars).toBeGreaterThan(500);
    expect(report.pinyinReadings).toBe(0);
  });
});

describe('cleanDocument on pages written for these tests', () => {
  it('cleans a Traditional page: crumbs, unrecognised site name, byline, trailing editor line, ICP footer', () => {
    const page = [
      '首頁 > 新聞中心 > 正文',
      '某某市政府網',
      '某某市召開防汛工作會議',
      '2022年6月1日 10:30　來源：某某日報　記者：陳小明',
      '　　本報訊　5月31日，某某市召開防汛工作會議。會議要求各部門做好準備。',
      '　　市長王大成出席會議並講話。他表示，要確保人民群眾生命財產安全。',
      '（責任編輯：林一）',
      '版權所有 某某市政府網 ICP備12345678號',
    ].join('\n');
    const doc = cleanDocument(page, 'flood');
    expect(doc.meta).toEqual({
      id: 'flood',
      title: '某某市召開防汛工作會議',
      published: '2022-06-01T10:30',
      source: '某某日報',
      author: '陳小明',
      responsibleEditor: '林一',
      script: 'hant',
    });
    expect(doc.paragraphs).toEqual(['本報訊　5月31日，某某市召開防汛工作會議。會議要求各部門做好準備。', '市長王大成出席會議並講話。他表示，要確保人民群眾生命財產安全。']);
  });

  it('cleans a portal page: >> crumbs, date-first byline, font-size switch, 责编 line followed by a share button', () => {
    const page = [
      '人民网 >> 时政 >> 正文',
      '某某回信勉励学校师生',
      '2021年08月10日08:16 | 来源：人民网－人民日报',
      '小字号',
      '　　本报北京8月9日电　近日，某某回信勉励师生。',
      '　　回信全文如下：你们好！来信收悉。',
      '(责编：王树淼、万鹏)',
      '分享让更多人看到',
    ].join('\n');
    const { document, report } = cleanDocumentWithReport(page, 'portal');
    expect(document.meta).toEqual({
      id: 'portal',
      title: '某某回信勉励学校师生',
      published: '2021-08-10T08:16',
      source: '人民网－人民日报',
      responsibleEditor: '王树淼、万鹏',
      script: 'hans',
    });
    expect(document.paragraphs).toEqual(['本报北京8月9日电　近日，某某回信勉励师生。', '回信全文如下：你们好！来信收悉。']);
    expect(report.chromeLines).toEqual(['人民网 >> 时政 >> 正文', '小字号', '分享让更多人看到']);
  });

  it('takes the author from a dateline credit and an editor credit sharing a line with page tools', () => {
    const page = '国务院常务会议召开\n新华社北京8月10日电（记者王小明、李大华）国务院常务会议召开，部署相关工作。\n会议指出，要做好各项工作。\n【纠错】 【责任编辑：张三】';
    const doc = cleanDocument(page, 'wire');
    expect(doc.meta.author).toBe('王小明、李大华');
    expect(doc.meta.responsibleEditor).toBe('张三');
    expect(doc.paragraphs).toEqual(['新华社北京8月10日电（记者王小明、李大华）国务院常务会议召开，部署相关工作。', '会议指出，要做好各项工作。']);
  });

  it('takes the first sentence as title when a plain text has no title line', () => {
    const doc = cleanDocument('今天天气很好，我们一起去公园散步，看到了很多人在锻炼身体。公园里有很多人。\n\n傍晚我们回家了。', 'walk');
    expect(doc.meta.title).toBe('今天天气很好，我们一起去公园散步，看到了很多人在锻炼身体。');
    expect(doc.paragraphs).toHaveLength(2);
    expect(doc.meta.source).toBeUndefined();
    expect(doc.meta.script).toBe('hans');
  });

  it('keeps a paragraph that merely mentions 版权', () => {
    const doc = cleanDocument('版权保护工作会议召开\n正文第一段，会议召开。\n国家版权局近日表示，将继续加强版权保护。', 'ip');
    expect(doc.paragraphs).toEqual(['正文第一段，会议召开。', '国家版权局近日表示，将继续加强版权保护。']);
  });

  it('takes an editor credit glued to the last paragraph, and a reporter credit only as author', () => {
    const doc = cleanDocument('标题\n第一段。\n最后一段讲完了。（记者 李四 王五）（责任编辑：张三）', 'credits');
    expect(doc.meta.responsibleEditor).toBe('张三');
    expect(doc.meta.author).toBe('李四 王五');
    expect(doc.paragraphs[1]).toBe('最后一段讲完了。（记者 李四 王五）');
  });

  it('takes an editor credit glued to the last paragraph with a wire serial after it', () => {
    const doc = cleanDocument('標題一則\n第一段。\n最後一段講完了。（編輯：林小華）1120305', 'serial');
    expect(doc.meta.editor).toBe('林小華');
    expect(doc.paragraphs).toEqual(['第一段。', '最後一段講完了。']);
  });

  it('does not let a closing credit override a byline author', () => {
    const doc = cleanDocument('标题\n来源：某报 作者：赵一\n正文。（记者 钱二）', 'both');
    expect(doc.meta.author).toBe('赵一');
  });

  it('keeps a signing date at the end of a notice in the text, and reads issuer and date from it', () => {
    const doc = cleanDocument('关于放假的通知\n各单位：国庆节放假七天。\n某某办公室\n2021年9月20日', 'notice');
    expect(doc.paragraphs).toEqual(['各单位：国庆节放假七天。', '某某办公室', '2021年9月20日']);
    expect(doc.meta).toMatchObject({ source: '某某办公室', published: '2021-09-20' });
  });
});

describe('cleanDocument: datelines', () => {
  it('reads a wire dateline alone under the title into metadata and out of the body', () => {
    const page = [
      '高雄擴大補助節能家電 每戶最高5千元',
      '2023/07/05 09:10　中央社記者王美玲高雄5日電',
      '　　高雄市政府今天表示，將擴大補助節能家電，每戶最高新臺幣5千元。',
      '　　市府指出，補助自8月1日起受理申請。',
      '（編輯：張志明）1120705',
    ].join('\n');
    const { document, report } = cleanDocumentWithReport(page, 'wire-tw');
    expect(document.meta).toEqual({
      id: 'wire-tw',
      title: '高雄擴大補助節能家電 每戶最高5千元',
      published: '2023-07-05T09:10',
      source: '中央社',
      author: '王美玲',
      editor: '張志明',
      script: 'hant',
    });
    expect(document.paragraphs).toEqual(['高雄市政府今天表示，將擴大補助節能家電，每戶最高新臺幣5千元。', '市府指出，補助自8月1日起受理申請。']);
    expect(report.metadataLines).toEqual(['2023/07/05 09:10　中央社記者王美玲高雄5日電', '（編輯：張志明）1120705']);
  });

  it('reads a dateline opening the first paragraph and keeps the paragraph as written', () => {
    const page = '上海发布新规\n新华社上海3月2日电（记者 李明 通讯员 赵六）上海市今天发布新规，自4月1日起施行。\n新规共十条。';
    const doc = cleanDocument(page, 'wire-cn');
    expect(doc.meta).toEqual({ id: 'wire-cn', title: '上海发布新规', source: '新华社', author: '李明', script: 'hans' });
    expect(doc.paragraphs).toEqual(['新华社上海3月2日电（记者 李明 通讯员 赵六）上海市今天发布新规，自4月1日起施行。', '新规共十条。']);
  });

  it('takes a title above a dateline line that the article follows (no 。 on it)', () => {
    const doc = cleanDocument('上海发布新规\n新华社上海3月2日电（记者 李明）上海市今天发布新规\n新规共十条。', 'wire-short');
    expect(doc.meta.title).toBe('上海发布新规');
    expect(doc.meta.author).toBe('李明');
    expect(doc.paragraphs[0]).toBe('新华社上海3月2日电（记者 李明）上海市今天发布新规');
  });

  it('drops a 本报讯 line standing alone, and never makes the 通讯员 the author', () => {
    const doc = cleanDocument('某校举行毕业典礼\n本报讯（记者 孙芳 通讯员 钱七）\n昨天，某校举行毕业典礼。', 'own');
    expect(doc.meta).toEqual({ id: 'own', title: '某校举行毕业典礼', author: '孙芳', script: 'hans' });
    expect(doc.paragraphs).toEqual(['昨天，某校举行毕业典礼。']);
    const onlyContributor = cleanDocument('某校举行毕业典礼\n本报讯（通讯员 钱七）昨天，某校举行毕业典礼。', 'own2');
    expect(onlyContributor.meta.author).toBeUndefined();
  });

  it('lets the byline win over the dateline', () => {
    const page = '上海发布新规\n来源：某某网　作者：周一　发布时间：2022-03-03 10:00\n新华社上海3月2日电（记者 李明）上海市今天发布新规。';
    const doc = cleanDocument(page, 'both');
    expect(doc.meta).toMatchObject({ source: '某某网', author: '周一', published: '2022-03-03T10:00' });
  });

  it('reads a 作者 byline naming a reporter and a 通讯员 as the reporter only', () => {
    const doc = cleanDocument('某区召开会议\n来源：某某日报 | 作者：记者 王小红 通讯员 赵刚\n会议召开。', 'byline');
    expect(doc.meta.author).toBe('王小红');
  });
});

describe('cleanDocument: notices', () => {
  it('reads the issuing office and date on the line under the title', () => {
    const page = ['某某大學112學年度第2學期宿舍申請須知', '發布單位：學務處生活輔導組　發布日期：2023-03-01', '　　一、申請期間為3月6日至3月10日。', '　　二、112學年度宿舍費用另行公告。'].join('\n');
    const { document, report } = cleanDocumentWithReport(page, 'dorm');
    expect(document.meta).toEqual({
      id: 'dorm',
      title: '某某大學112學年度第2學期宿舍申請須知',
      source: '學務處生活輔導組',
      published: '2023-03-01',
      script: 'hant',
    });
    expect(document.paragraphs).toEqual(['一、申請期間為3月6日至3月10日。', '二、112學年度宿舍費用另行公告。']);
    expect(report.metadataLines).toEqual(['發布單位：學務處生活輔導組　發布日期：2023-03-01']);
  });

  it('reads a one-line closing signature and keeps it in the text', () => {
    const doc = cleanDocument('第9周流感监测概况\n本周共报告流感样病例1200例。\n（某某市疾病预防控制中心 2023年3月3日）', 'flu');
    expect(doc.meta).toMatchObject({ source: '某某市疾病预防控制中心', published: '2023-03-03' });
    expect(doc.paragraphs).toEqual(['本周共报告流感样病例1200例。', '（某某市疾病预防控制中心 2023年3月3日）']);
  });

  it('reads a signature on two lines, in Chinese numerals, from several issuers', () => {
    const doc = cleanDocument('关于做好防汛工作的通知\n各单位：请做好防汛准备。\n特此通知。\n某某市水利局\n某某市应急管理局\n二〇二三年六月一日', 'flood');
    expect(doc.meta).toMatchObject({ source: '某某市水利局、某某市应急管理局', published: '2023-06-01' });
    expect(doc.paragraphs).toHaveLength(5);
  });

  it('does not override a byline with the signature', () => {
    const doc = cleanDocument('放假通知\n来源：某某网　发布时间：2021-09-21\n国庆节放假七天。\n某某办公室\n2021年9月20日', 'holiday');
    expect(doc.meta).toMatchObject({ source: '某某网', published: '2021-09-21' });
  });

  it('takes no signature from a closing date without an issuer, or a closing sentence', () => {
    expect(cleanDocument('报名须知\n请按时报名。\n报名截止时间\n2023年3月10日', 'deadline').meta.source).toBeUndefined();
    expect(cleanDocument('报名须知\n请按时报名。\n2023年3月10日', 'date').meta.published).toBeUndefined();
    expect(cleanDocument('会议召开\n会议由市委办公室组织。', 'sentence').meta.source).toBeUndefined();
  });
});

describe('fixDatelineMarks', () => {
  it('turns a lost space after a dateline back into a space', () => {
    expect(fixDatelineMarks('本报讯?8月6日，会议召开')).toBe('本报讯 8月6日，会议召开');
    expect(fixDatelineMarks('本報訊?8月6日')).toBe('本報訊 8月6日');
    expect(fixDatelineMarks('新华社北京8月6日电?记者')).toBe('新华社北京8月6日电 记者');
  });

  it('leaves real question marks alone', () => {
    expect(fixDatelineMarks('你们收到通讯?没有')).toBe('你们收到通讯?没有');
    expect(fixDatelineMarks('这是本报讯?')).toBe('这是本报讯?');
  });
});
