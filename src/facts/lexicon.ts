/**
 * Word lists the fact extractors share (all Simplified). General Chinese-news vocabulary, never keyed
 * to particular documents: surnames, title heads, role verbs, organisation/place suffixes, units.
 */

/** Common single-character surnames (about 300). A few very frequent function characters (和, 时, 都…) are left out on purpose. */
const SINGLE_SURNAMES =
  // 萧, 赖, 洪: among the most frequent in Taiwan and Hong Kong.
  '萧赖洪' +
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻厉伊仝郜阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危玉银亢嵇哈湛宾戎勾茅呼居揭尉冶斯元束檀衣展阴昝智幸奉植衡富尧闭向';

/** Compound surnames (复姓). */
export const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '钟离', '端木', '独孤', '南宫', '西门', '万俟', '闻人', '澹台', '公冶', '申屠', '太史', '呼延', '百里', '东郭', '第五',
];

export const SURNAMES: ReadonlySet<string> = new Set(Array.from(SINGLE_SURNAMES));

/**
 * Heads that end a title (政法委书记, 领导小组副组长, 总经理…). A title segment must end in one of these.
 * Sorted longest first when turned into a pattern.
 */
export const TITLE_HEAD_WORDS: readonly string[] = [
  '书记', '常委', '组长', '主任', '部长', '局长', '厅长', '市长', '省长', '县长', '区长', '州长', '镇长', '乡长', '村长',
  '院长', '检察长', '主席', '委员', '秘书长', '总经理', '经理', '董事长', '董事', '监事长', '校长', '教授', '记者', '编辑',
  '责编', '主编', '处长', '科长', '所长', '庭长', '队长', '司令员', '政委', '总理', '总统', '巡视员', '调研员', '会长',
  '理事长', '行长', '社长', '台长', '馆长', '站长', '署长', '专员', '总裁', '研究员', '院士', '总监', '工程师', '厂长',
  '团长', '军长', '师长', '参谋长', '审判长', '审判员', '发言人', '大使', '督导员', '指导员', '负责人', '主持人', '总编',
  '总编辑', '首席执行官', '通讯员', '副主任', '干事', '督察长', '警长', '所长', '法官', '检察官', '律师', '医生', '教练',
  '讲师', '博士', '书记员', '医师', '主任医师', '护士长', '教师', '药师', '会计师', '经济师', '总指挥', '指挥长', '政委', '总工程师', '总会计师', '总经济师', '特派员', '组员', '成员', '代表', '主管', '秘书', '助理',
  '副总裁', '教务长', '首席技术官', '首席运营官', '首席财务官', '首席信息官', '首席科学家', '首席专家',
  // Hong Kong and Taiwan offices (政务司司长, 行政长官, 立法会议员, 立委, 主委, 执行长, 总干事, 总警司).
  '司长', '次长', '行政长官', '议员', '议长', '立委', '主委', '执行长', '总干事', '警司', '总警司',
  // Sports reports: players and coaches are named after their position (主教练, 投手, 前锋, 门将).
  '主教练', '主帅', '投手', '捕手', '前锋', '中锋', '后卫', '门将', '守门员', '球员', '选手', '棋手', '车手',
];

/**
 * Endings of titles not in TITLE_HEAD_WORDS (技术官, 设计师, 安全员): a segment ending in one of these is a title only
 * after 兼 following a known title, or when written after an organisation or 首席 (公司首席数据官, 研究院设计师).
 */
export const GENERIC_TITLE_ENDINGS: readonly string[] = ['官', '师', '员'];

/** Verbs of speech that follow a name: 张国清指出/强调/表示. */
export const SPEECH_VERBS: readonly string[] = [
  '指出', '强调', '表示', '说', '介绍', '认为', '要求', '提出', '称', '透露', '坦言', '表态', '希望', '呼吁', '宣布', '回应', '告诉', '说明', '提醒',
];

/** Role verbs that follow a name in an event sentence: 出席会议并讲话, 主持会议. */
export const ROLE_VERBS: readonly string[] = [
  '出席', '主持', '讲话', '致辞', '参加', '发言', '讲课', '宣讲', '作报告', '通报', '传达', '部署', '宣读', '调研', '考察',
  '视察', '带队', '陪同', '会见', '会谈', '看望', '慰问', '签署', '颁奖', '揭牌', '总结', '点评', '答问', '回答', '解读',
  '发布', '宣布', '列席', '质询', '答询', '受访', '宣判', ...SPEECH_VERBS,
];

/**
 * What may follow a name right after a title chain (besides punctuation): role verbs, prepositions,
 * conjunctions, time words. A name candidate is only accepted before one of these.
 */
export const NAME_FOLLOWERS: readonly string[] = [
  ...ROLE_VERBS, '作', '做', '在', '和', '与', '及', '以及', '等', '同志', '先生', '女士', '一行', '到', '就', '对', '向', '为', '是', '率',
  '第一时间', '先后', '分别', '也', '还', '则', '已', '曾', '将', '于', '被', '从', '任', '兼', '同', '带领', '召开', '组织',
  '的', '首先', '随后', '当天', '今天', '昨天', '今日', '昨日', '明日', '今晨', '昨晚', '日前', '近日', '专门', '亲自', '一同', '共同', '听取', '观看', '检查',
  '督导', '接受', '主讲', '前往', '来到', '深入', '走访', '出任', '担任', '要', '又', '并', '代表', '应邀', '围绕',
];

/**
 * Adverbs written between a name and its verb (陈某也透露, 王某还表示, 郭某则认为, 银行多表示, 盖某在接受): one
 * character each, so a name candidate that ends in one has most likely swallowed it.
 */
export const NAME_ADVERB_CHARS: readonly string[] = ['也', '还', '则', '多', '又', '亦', '就', '便', '更', '已', '再', '均', '仍', '即', '都', '在', '将', '被', '曾'];

/** Suffixes of organisation names (longest first when matched). */
export const ORG_SUFFIXES: readonly string[] = [
  '人民法院', '人民检察院', '法院', '检察院', '公安局', '公安厅', '公安部', '司法局', '司法厅', '司法部', '委员会', '督导组',
  '指导组', '巡视组', '工作组', '考核组', '检查组', '专家组', '评估组', '调查组', '督查组', '考评组', '领导小组', '办公室', '办公厅', '日报', '晚报', '早报', '报社', '电视台', '广播电台', '电台',
  '通讯社', '新闻社', '研究院', '研究所', '研究中心', '大学', '学院', '医院', '银行', '集团', '有限公司', '公司', '协会',
  '学会', '联合会', '基金会', '政法委', '纪委', '监委', '人民政府', '政府', '人大常委会', '政协', '法制报', '法治报',
  '管理局', '监督局', '监管局', '局', '厅', '总队', '支队', '大队', '派出所', '监狱', '看守所', '党校', '中心',
];

/** Scope words that may open a title chain and serve as its org context when no place is written. */
export const SCOPE_WORDS: readonly string[] = ['全国', '中央', '全省', '全市', '全县', '全区'];

/** Provinces, autonomous regions, municipalities and SARs (short forms; the full form adds 省/市/自治区…). */
export const PROVINCES: readonly string[] = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];

/** Provincial capitals and other large cities (short forms). */
export const CITIES: readonly string[] = [
  '石家庄', '太原', '沈阳', '长春', '哈尔滨', '南京', '杭州', '合肥', '福州', '南昌', '济南', '郑州', '武汉', '长沙', '广州',
  '海口', '成都', '贵阳', '昆明', '西安', '兰州', '西宁', '呼和浩特', '南宁', '拉萨', '银川', '乌鲁木齐', '大连', '青岛',
  '宁波', '厦门', '深圳', '苏州', '无锡', '佛山', '东莞', '温州', '烟台', '唐山', '洛阳', '徐州', '珠海', '汕头', '桂林',
  '三亚', '保定', '邯郸', '包头', '扬州', '绍兴', '嘉兴', '泉州', '赣州', '潍坊', '宜昌', '襄阳', '岳阳', '柳州', '绵阳', '遵义', '大理', '延安',
];

/** Words ending in a place suffix that are not places. */
export const NOT_PLACES: ReadonlySet<string> = new Set([
  '直辖市', '地级市', '县级市', '大城市', '小城市', '城市', '超市', '股市', '全市', '各市', '本市', '该市', '全省', '各省',
  '本省', '该省', '全县', '各县', '本县', '全区', '各区', '本区', '辖区', '城区', '郊区', '山区', '社区', '小区', '园区',
  '景区', '校区', '街区', '片区', '灾区', '新区', '老区', '开发区', '示范区', '试验区', '保税区', '高新区', '自治区',
  '自治县', '自治州', '风景区', '服务区', '功能区', '禁区', '误区', '盲区', '专区', '分区', '特区', '选区', '营区', '库区',
  '市区', '省市', '县区', '上市', '门市', '夜市', '集市', '闹市', '楼市', '车市', '菜市', '分会场', '城镇', '乡镇',
  '小城镇', '特色小镇', '小镇', '全镇', '各镇', '本镇', '该镇', '全乡', '各乡', '本乡', '该乡', '城乡', '家乡', '故乡', '他乡', '异乡', '老乡', '下乡', '重镇', '古镇', '集镇',
]);

/** Tags jieba gives a place; its ns tag is noisy (满意度/ns), so endings like these are rejected. */
export const NOT_PLACE_ENDINGS = /[度化性率感力量心观法]$/;

/** Verbs that make a date's or place's event (召开, 举行…), first occurrence wins. */
export const EVENT_VERBS: readonly string[] = [
  '召开', '举行', '举办', '开幕', '闭幕', '开班', '结业', '启动', '发布', '公布', '成立', '揭牌', '挂牌', '印发', '出台',
  '实施', '施行', '通过', '签署', '签订', '开通', '开工', '竣工', '落成', '开业', '结束', '开始', '开展', '完成', '召集',
  '会见', '视察', '调研', '考察', '宣布', '当选', '发生', '上线', '投产', '揭晓', '颁布', '批准', '审议', '进行', '开庭',
  '宣判', '落幕', '拉开帷幕', '正式运行', '建成',
];

/** Grades that an assessment can yield, longest first. */
export const GRADES: readonly string[] = [
  '不合格', '基本合格', '不称职', '基本称职', '优秀', '良好', '合格', '称职', '较好', '一般', '较差', '优', '良', '中', '差',
  '一等奖', '二等奖', '三等奖', '一等', '二等', '三等', '甲等', '乙等', '丙等', 'A+', 'A', 'B', 'C', 'D',
];

/** Nouns that name an assessment, so that "X为优" is a grade only when X is one of these (or ends in one). */
export const ASSESSMENT_NOUNS: readonly string[] = [
  '评估结果', '考核结果', '评价结果', '评定结果', '测评结果', '评审结果', '检查结果', '验收结果', '评估等次', '考核等次',
  '等次', '等级', '评级', '评定', '考核', '评价', '评估', '结果',
];

/** Classifiers after 第N that make an ordinal (第六次, 第二批). */
export const ORDINAL_UNITS: readonly string[] = [
  '阶段', '季度', '部分', '次', '批', '届', '轮', '期', '项', '名', '位', '条', '章', '节', '款', '场', '天', '周', '年', '个', '号', '站', '局', '集', '卷', '版', '代',
  '分钟',
];

/** Classifiers of counts (三个环节, 四项任务, 12810万头). Longest first when matched. */
export const COUNT_UNITS: readonly string[] = [
  '方面', '环节', '个', '项', '条', '名', '位', '家', '批', '次', '场', '件', '起', '所', '支', '套', '类', '种', '步', '点', '处', '座', '户', '人', '人次', '份', '篇', '部', '辆', '台',
  '例', '宗', '头', '只', '艘', '架', '张', '本', '株', '棵', '栋', '间', '枚', '颗', '匹', '口', '局', '球', '盘',
];

/**
 * Currencies written after a number (350亿元, 12万美元, 5000日圆), matching form (萬元 -> 万元, 新臺幣 -> 新台币).
 * A multiplier (万, 亿, 千万…) may stand between the number and the unit; longest first when matched.
 */
export const MONEY_UNITS: readonly string[] = [
  '元', '块钱', '美元', '美金', '港元', '港币', '澳门元', '澳门币', '澳元', '欧元', '日元', '日圆', '英镑', '韩元', '韩圜',
  '新台币', '台币', '人民币', '卢布', '加元', '瑞郎', '法郎', '卢比', '泰铢', '新加坡元', '新币', '令吉', '比索', '越南盾',
];

/** Currencies written before a number (人民币5000元, 新台币350亿元, NT$500, US$12). */
export const MONEY_PREFIXES: readonly string[] = ['人民币', '新台币', '台币', '港币', '美金', 'NT$', 'US$', 'HK$', 'RMB', '$', '￥', '¥', '€', '£'];

/** Units of measure (12810万吨, 3.5公里, 120平方公里, 5公尺). Longest first when matched. */
export const MEASURE_UNITS: readonly string[] = [
  '平方公里', '平方千米', '平方米', '平方公尺', '立方米', '公里', '千米', '公尺', '公分', '厘米', '毫米', '米', '公顷', '亩',
  '公斤', '千克', '克', '公吨', '吨', '升', '毫升', '千瓦时', '千瓦', '兆瓦', '瓦', '英里', '海里', '英尺', '光年',
  '摄氏度', '℃', '标准箱', 'TEU', 'km', 'kg',
];

/** Approximation words before a number (约2300人, 近百万, 超过30家). Longest first when matched. */
export const APPROXIMATE_BEFORE: readonly string[] = ['大约', '约', '近', '将近', '超过', '逾', '多达', '至少', '不足', '不到'];

/** Words joining the two ends of a range (3至5年, 11日至13日, 3-5年). */
export const RANGE_JOINERS: readonly string[] = ['至', '到', '-', '~', '—', '～', '－'];

/**
 * Words before a number that make a period label, not a duration: 前三季度, 前两个月, 头三年 (上/下 only with
 * 半: 上半年, 下半年, since 上千年 is a duration). A bare 二季度 is a label too (three quarters is 三个季度).
 */
export const PERIOD_PREFIXES: readonly string[] = ['前', '后', '头'];
export const HALF_PERIOD_PREFIXES: readonly string[] = ['上', '下'];

/** What a vote counts: 7票同意, 3票反对, 2票弃权. */
export const VOTE_KINDS: readonly string[] = ['赞成', '同意', '支持', '反对', '弃权', '通过'];

/**
 * Verbs opening an amount's subject that are not part of what it measures: 实现营业收入431022亿元 measures
 * 营业收入, 完成投资350亿元 measures 投资.
 */
export const AMOUNT_LEAD_VERBS: readonly string[] = [
  '实现', '完成', '累计', '共计', '总计', '合计', '录得', '创造', '创下', '获得', '取得', '拥有', '达到', '突破', '超过', '共',
  '发放', '提供', '捐出', '捐赠', '捐款', '拨付', '拨出', '投入', '支付', '募集', '筹集', '花费', '耗资', '斥资', '收到',
];

/** Units of durations (4个多月, 三年). */
export const DURATION_UNITS: readonly string[] = ['年', '个月', '周', '星期', '天', '小时', '分钟', '秒', '季度', '昼夜'];

/** Words linking a figure to its subject: 满意度为97.18%, 得分达106.94分. Longest first. */
export const LINK_WORDS: readonly string[] = [
  '达到了', '被评为', '评为', '获评', '评定为', '达到', '高达', '超过', '约为', '得分为', '得分', '为', '是', '达', '占', '约', '近',
  '逾', '获', '得', '了', '：', ':',
];

/** Sort a word list longest first (for alternations where the longest match must win). */
export function longestFirst(words: readonly string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** Escape a word for use inside a RegExp. */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A non-capturing alternation of the words, longest first. */
export function alternation(words: readonly string[]): string {
  return `(?:${longestFirst(words).map(escapeRegExp).join('|')})`;
}
