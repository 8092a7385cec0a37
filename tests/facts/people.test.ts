import { describe, expect, it } from 'vitest';
import { matchingForm } from '../../src/text/script.js';
import { findBylinePeople, findSpeakers, findTitledPeople, isPlausibleName, metaPeople, nameAt, parseChain, rolesAfter, splitPlacePrefix } from '../../src/facts/people.js';

describe('findTitledPeople', () => {
  it('reads a title chain with a place prefix, split on 、, and the roles after the name', () => {
    const [p, ...rest] = findTitledPeople('绵阳市委常委、宣传部部长、市文明委副主任刘建华出席仪式并致辞。');
    expect(rest).toEqual([]);
    expect(p.name).toBe('刘建华');
    expect(p.titles).toEqual(['市委常委', '宣传部部长', '市文明委副主任']);
    expect(p.org).toBe('绵阳');
    expect(p.roles).toEqual(['出席', '致辞']);
  });

  it('discovers a city that is in no word list from 市委 right after it', () => {
    const [p] = findTitledPeople('巴中市委常委、组织部部长何平宣读任职决定。');
    expect(p).toMatchObject({ name: '何平', titles: ['市委常委', '组织部部长'], org: '巴中', roles: ['宣读'] });
  });

  it('reads Hong Kong offices before the name, with 今日/昨日 after it (Traditional through the matching form)', () => {
    const [a] = findTitledPeople(matchingForm('政務司司長張志華今日出席論壇。'));
    expect(a).toMatchObject({ name: '张志华', titles: ['政务司司长'], roles: ['出席'] });
    expect(findTitledPeople(matchingForm('行政長官李國強昨日表示，'))[0]).toMatchObject({ name: '李国强', titles: ['行政长官'] });
    expect(findTitledPeople(matchingForm('發展局常任秘書長黃美玲出席簡介會。'))[0]).toMatchObject({ name: '黄美玲', titles: ['发展局常任秘书长'] });
  });

  it('reads Taiwan styles: a bracketed day after the name, 质询 after a legislator, surnames 萧/赖/洪', () => {
    expect(findTitledPeople(matchingForm('總統賴清德今（15）日出席活動。'))[0]).toMatchObject({ name: '赖清德', titles: ['总统'] });
    expect(findTitledPeople(matchingForm('立委洪美玲質詢時指出，'))[0]).toMatchObject({ name: '洪美玲', titles: ['立委'], roles: ['质询'] });
    expect(findTitledPeople(matchingForm('副總統蕭美琴昨天說，'))[0]).toMatchObject({ name: '萧美琴', titles: ['副总统'] });
    expect(findTitledPeople(matchingForm('衛福部次長周志浩說明進度。'))[0]).toMatchObject({ name: '周志浩', titles: ['卫福部次长'] });
  });

  it('reads a coach or player named after the position (sports reports)', () => {
    expect(findTitledPeople('主教练刘大海在赛后表示，球队打得很好。')[0]).toMatchObject({ name: '刘大海', titles: ['主教练'] });
    expect(findTitledPeople('公司长期以来重视研发。')).toEqual([]);
  });

  it('reads command titles (总指挥)', () => {
    expect(findTitledPeople('临江县委书记、县防汛抗旱指挥部总指挥孟庆林出席会议。')[0]).toMatchObject({
      name: '孟庆林',
      titles: ['县委书记', '县防汛抗旱指挥部总指挥'],
      org: '临江',
    });
  });

  it('keeps only the level when no place is written (省委副书记, 省长)', () => {
    const [p] = findTitledPeople('省委副书记、省长周海波主持会议并作工作部署。');
    expect(p).toMatchObject({ name: '周海波', titles: ['省委副书记', '省长'], scope: '省', roles: ['主持', '作工作部署'] });
    expect(p.org).toBeUndefined();
  });

  it('takes the organisation written before the head as org context', () => {
    const [p] = findTitledPeople('中央第三巡视组组长孙立军出席座谈会。');
    expect(p).toMatchObject({ name: '孙立军', titles: ['中央第三巡视组组长'], org: '中央第三巡视组', roles: ['出席'] });
  });

  it('chooses a two-character name before a one-character verb (马林作情况通报)', () => {
    const [p] = findTitledPeople('区委常委、秘书长马林作情况通报。');
    expect(p).toMatchObject({ name: '马林', titles: ['区委常委', '秘书长'], roles: ['作情况通报'] });
  });

  it('reads compound surnames and several people in one sentence', () => {
    expect(findTitledPeople('副县长欧阳明辉在会上讲话。')[0]).toMatchObject({ name: '欧阳明辉', titles: ['副县长'], roles: ['讲话'] });
    const two = findTitledPeople('会议由市委书记王刚主持，市长陈斌出席。');
    expect(two.map((p) => [p.name, p.titles, p.roles])).toEqual([
      ['王刚', ['市委书记'], ['主持']],
      ['陈斌', ['市长'], ['出席']],
    ]);
  });

  it('accepts given names jieba tags as words (立新) and a date right after the name', () => {
    expect(findTitledPeople('市人民检察院检察长王立新出席旁听。')[0]).toMatchObject({ name: '王立新', titles: ['市人民检察院检察长'], roles: ['出席'] });
    expect(findTitledPeople('国务院总理张明远5月25日主持召开常务会议。')[0]).toMatchObject({ name: '张明远', titles: ['国务院总理'], roles: ['主持'] });
  });

  it('reads medical titles and town prefixes; forms of address are not names', () => {
    expect(findTitledPeople('该院心内科主任医师刘芳介绍了情况。')[0]).toMatchObject({ name: '刘芳', titles: ['心内科主任医师'], roles: ['介绍'] });
    expect(findTitledPeople('石桥镇党委书记黄建军说，活动很受欢迎。')[0]).toMatchObject({ name: '黄建军', titles: ['党委书记'], org: '石桥镇', roles: ['说'] });
    expect(findTitledPeople('校长王老师强调安全问题。')).toEqual([]);
  });

  it('finds no one where a title is followed by a verb or nothing name-like', () => {
    expect(findTitledPeople('书记强调，要抓好落实。')).toEqual([]);
    expect(findTitledPeople('各级领导小组成员出席会议。')).toEqual([]);
    expect(findTitledPeople('李明和王刚出席。')).toEqual([]);
  });
});

describe('name helpers', () => {
  it('nameAt prefers the short name unless only the long one is followed by a role word', () => {
    expect(nameAt('李明和王刚出席', 0)).toBe('李明');
    expect(nameAt('张中和出席会议', 0)).toBe('张中和');
    expect(nameAt('周海波主持会议', 0)).toBe('周海波');
    expect(nameAt('重要指示精神', 0)).toBeNull();
  });

  it('isPlausibleName rejects common words that start with a surname character', () => {
    expect(isPlausibleName('强调')).toBe(false);
    expect(isPlausibleName('马上')).toBe(false);
    expect(isPlausibleName('于近日')).toBe(false);
    expect(isPlausibleName('张伟')).toBe(true);
    expect(isPlausibleName('司马光')).toBe(true);
  });

  it('splitPlacePrefix and parseChain', () => {
    expect(splitPlacePrefix('湖南省委书记')).toEqual({ place: '湖南', title: '省委书记' });
    expect(splitPlacePrefix('北京大学教授')).toEqual({ title: '北京大学教授' });
    // The level is part of the head: 滨海 + 副市长, not 市副市长.
    expect(splitPlacePrefix('滨海市副市长')).toEqual({ place: '滨海', title: '副市长' });
    expect(splitPlacePrefix('宁波市常务副市长')).toEqual({ place: '宁波', title: '常务副市长' });
    expect(splitPlacePrefix('平阳县副县长')).toEqual({ place: '平阳', title: '副县长' });
    expect(parseChain('会议由省委常委、政法委书记')).toEqual({ titles: ['省委常委', '政法委书记'], scope: '省' });
  });

  it('rolesAfter splits on 并 and keeps 作… phrases whole', () => {
    const text = '孙立军出席会议并作重要讲话。';
    expect(rolesAfter(text, 3)).toEqual(['出席', '作重要讲话']);
    expect(rolesAfter('王刚，市长陈斌', 2)).toEqual([]);
  });
});

describe('names glued to what follows them', () => {
  it('a name after a title does not swallow the adverb before its verb (部长盖某在接受)', () => {
    expect(findTitledPeople('美国国防部长盖茨在接受采访时表示，')[0]?.name).toBe('盖茨');
    expect(findTitledPeople('总经理吴海在出席会议时说，')[0]?.name).toBe('吴海');
  });

  it('a verb is never a given name (博士曾表示 names nobody)', () => {
    expect(isPlausibleName('曾表示')).toBe(false);
    expect(isPlausibleName('曾宏达')).toBe(true);
    expect(findTitledPeople('研究所首席执行官王东博士曾表示，').map((p) => p.name)).not.toContain('曾表示');
  });
});

describe('findSpeakers', () => {
  it('finds speakers at the start of a clause, directly or after a venue', () => {
    const [p] = findSpeakers('孙立军在座谈会上表示，要压实责任。');
    expect(p).toMatchObject({ name: '孙立军', roles: ['表示'], titles: [] });
    expect(findSpeakers('会议结束后，刘建华强调，要抓好落实。').map((x) => x.name)).toEqual(['刘建华']);
  });

  it('an adverb between the name and the verb is not part of the name (也/还/则/多)', () => {
    expect(findSpeakers('陈立辉也透露，此事已有进展。').map((x) => x.name)).toEqual(['陈立辉']);
    expect(findSpeakers('周海也透露，此事已有进展。').map((x) => x.name)).toEqual(['周海']);
    expect(findSpeakers('孙晓还呼吁大家多去看看。').map((x) => x.name)).toEqual(['孙晓']);
    expect(findSpeakers('银行多表示，上调费用是出于成本考虑。')).toEqual([]);
  });

  it('matches known names anywhere and ignores nouns (文件指出)', () => {
    expect(findSpeakers('文件指出，要加强管理。')).toEqual([]);
    expect(findSpeakers('对此，欧阳明辉指出，要抓好落实。', ['欧阳明辉']).map((x) => x.name)).toEqual(['欧阳明辉']);
  });
});

describe('bylines', () => {
  it('reads bracketed bylines with org and several roles', () => {
    const people = findBylinePeople('全文完。（湖南日报记者 陈晓 通讯员 黄伟）');
    expect(people.map((p) => [p.name, p.titles, p.org])).toEqual([
      ['陈晓', ['记者'], '湖南日报'],
      ['黄伟', ['通讯员'], undefined],
    ]);
    expect(findBylinePeople('（新华社记者 孙杰 摄）').map((p) => [p.name, p.titles, p.org])).toEqual([['孙杰', ['记者'], '新华社']]);
    expect(findBylinePeople('（完）')).toEqual([]);
    expect(findBylinePeople('政法单位党组（党委）要承担责任')).toEqual([]);
  });

  it('reads the meta byline fields, converted to Simplified, dropping the role word in front', () => {
    const people = metaPeople({ id: 'x', title: 't', author: '駐長沙記者 陳曉', editor: '劉洋', responsibleEditor: '張靜', source: '湖南日報' });
    expect(people.map((p) => [p.name, p.titles, p.org])).toEqual([
      ['陈晓', ['记者'], '湖南日报'],
      ['刘洋', ['编辑'], '湖南日报'],
      ['张静', ['责编'], '湖南日报'],
    ]);
    expect(metaPeople({ id: 'x', title: 't', author: '张三、李四' }).map((p) => p.name)).toEqual(['张三', '李四']);
  });
});

describe('title chains joined by 兼, shared titles, more role verbs', () => {
  it('splits a chain on 兼 and accepts a 官/师/员 title after it', () => {
    expect(findTitledPeople('公司副总裁兼首席技术官蒋明远介绍了新产品。')[0]).toMatchObject({ name: '蒋明远', titles: ['副总裁', '首席技术官'], roles: ['介绍'] });
    expect(findTitledPeople('副校长兼教务长黄志明主持开学典礼。')[0]).toMatchObject({ name: '黄志明', titles: ['副校长', '教务长'], roles: ['主持'] });
    expect(findTitledPeople('董事长兼总经理李强主持会议。')[0]).toMatchObject({ name: '李强', titles: ['董事长', '总经理'] });
    // 兼 after no title is part of a word (兼职), not a separator.
    expect(findTitledPeople('该所兼职律师王明出席会议。')[0]).toMatchObject({ name: '王明', titles: ['兼职律师'] });
    expect(findTitledPeople('该集团财务总监兼首席风控官邵宇航出席签约仪式。')[0]).toMatchObject({ name: '邵宇航', titles: ['财务总监', '首席风控官'], roles: ['出席'] });
  });

  it('accepts a 官/师/员 title after an organisation, not a bare one', () => {
    expect(findTitledPeople('市规划设计研究院高级规划师姚文静介绍了方案。')[0]).toMatchObject({ name: '姚文静', titles: ['市规划设计研究院高级规划师'], roles: ['介绍'] });
    expect(findTitledPeople('一名快递员周军出席。')).toEqual([]);
  });

  it('gives a title to every name of a 、-list after it', () => {
    const people = findTitledPeople('副市长刘婷、孙卫东出席会议。');
    expect(people.map((p) => [p.name, p.titles, p.roles])).toEqual([
      ['刘婷', ['副市长'], ['出席']],
      ['孙卫东', ['副市长'], ['出席']],
    ]);
    const three = findTitledPeople('市委常委、副市长王建峰，副市长刘婷、孙卫东出席会议。');
    expect(three.map((p) => [p.name, p.titles])).toEqual([
      ['王建峰', ['市委常委', '副市长']],
      ['刘婷', ['副市长']],
      ['孙卫东', ['副市长']],
    ]);
  });

  it('a person listed without a verb shares the roles of the next titled person after a comma', () => {
    const three = findTitledPeople('市委常委、副市长王建峰，副市长刘婷、孙卫东出席会议。');
    expect(three.map((p) => p.roles)).toEqual([['出席'], ['出席'], ['出席']]);
    expect(findTitledPeople('会议由市长王刚主持，副市长李明出席。').map((p) => [p.name, p.roles])).toEqual([
      ['王刚', ['主持']],
      ['李明', ['出席']],
    ]);
    // Not when something other than the next title chain follows the comma.
    expect(findTitledPeople('市长王刚，今天上午副市长李明出席。')[0]).toMatchObject({ name: '王刚', roles: [] });
  });

  it('a contact phrase before the title is not part of it (请洽, 请联系)', () => {
    expect(findTitledPeople('详情请洽教务处注册组组长林美惠。')[0]).toMatchObject({ name: '林美惠', titles: ['教务处注册组组长'] });
    expect(findTitledPeople('如有疑问请联系办公室主任王芳。')[0]).toMatchObject({ name: '王芳', titles: ['办公室主任'] });
  });

  it('reads 列席, 提醒, 宣布, 作报告, 致辞, 发言 after a name', () => {
    expect(findTitledPeople('市审计局局长周敏列席会议。')[0]).toMatchObject({ name: '周敏', roles: ['列席'] });
    expect(findTitledPeople('市疾控中心主任赵立群提醒市民注意防护。')[0]).toMatchObject({ name: '赵立群', roles: ['提醒'] });
    expect(findTitledPeople('组委会主任方浩宣布比赛开幕。')[0]).toMatchObject({ name: '方浩', roles: ['宣布'] });
    expect(findTitledPeople('区长钱立伟作报告。')[0]).toMatchObject({ name: '钱立伟', roles: ['作报告'] });
    expect(findTitledPeople('校长许文涛致辞，教师代表林芳发言。').map((p) => [p.name, p.roles])).toEqual([
      ['许文涛', ['致辞']],
      ['林芳', ['发言']],
    ]);
  });
});
