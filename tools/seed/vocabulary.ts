/**
 * Words the demo data is made of: personal names (Han and Mongolian), trade names,
 * industries, and the texts of violations, case causes, programmes and criteria, each
 * with the law it rests on.
 */
import { catalogue } from '@credit-hub/runtime';
import type { Rng } from './random.js';

// --- Persons -------------------------------------------------------------------------

/** Common Han surnames, most frequent first (weights roughly by national frequency). */
const HAN_SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72], ['李', 70], ['张', 67], ['刘', 53], ['陈', 45], ['杨', 31], ['赵', 22], ['黄', 18], ['周', 18], ['吴', 17],
  ['徐', 14], ['孙', 14], ['胡', 12], ['朱', 12], ['高', 11], ['林', 9], ['何', 9], ['郭', 9], ['马', 9], ['罗', 7],
  ['梁', 7], ['宋', 6], ['郑', 6], ['谢', 6], ['韩', 6], ['唐', 6], ['冯', 5], ['于', 5], ['董', 5], ['程', 5],
  ['曹', 5], ['袁', 5], ['邓', 5], ['许', 5], ['沈', 4], ['曾', 4], ['彭', 4], ['吕', 4], ['苏', 4], ['卢', 4],
  ['蒋', 4], ['蔡', 4], ['贾', 4], ['丁', 4], ['魏', 4], ['薛', 3], ['叶', 3], ['阎', 3], ['潘', 3], ['杜', 3],
  ['戴', 3], ['夏', 3], ['田', 3], ['任', 3], ['姜', 3], ['范', 3], ['石', 3], ['姚', 3], ['郝', 3], ['白', 3],
  ['崔', 3], ['康', 2], ['孟', 2], ['侯', 2], ['史', 2], ['乔', 2], ['贺', 2], ['武', 2], ['常', 2], ['云', 2],
  ['包', 2], ['鲍', 1], ['奇', 1], ['宝', 1], ['乌', 1],
];

const HAN_GIVEN_MALE = [
  '建军', '建国', '建华', '志强', '志刚', '国庆', '国强', '海波', '晓东', '振宇', '俊杰', '子豪', '文博', '浩然', '宇航',
  '伟', '磊', '勇', '军', '杰', '涛', '明', '超', '强', '鹏', '浩', '宇', '斌', '峰', '刚', '亮', '凯', '鑫', '旭', '帅',
  '永刚', '永军', '卫东', '红军', '立新', '金龙', '玉柱', '德胜', '福林', '长青', '春生', '树林', '海龙', '建平', '向东',
];

const HAN_GIVEN_FEMALE = [
  '娜', '丽', '敏', '静', '丹', '婷', '雪', '燕', '霞', '芳', '红', '艳', '玲', '慧', '洁', '琳', '颖', '欣',
  '秀英', '桂英', '玉兰', '海燕', '红梅', '丽娟', '晓燕', '秀兰', '春梅', '淑珍', '翠花', '凤英', '秀珍', '丽华',
  '欣怡', '梓涵', '诗涵', '雨欣', '思彤', '佳怡', '晓雪', '婉婷', '雅琴', '美玲',
];

/** Mongolian given names, written in Chinese characters; often used without a surname. */
const MONGOLIAN_MALE = [
  '巴特尔', '额尔敦', '朝鲁', '毕力格', '苏和', '那顺', '孟和', '阿拉坦', '斯琴巴图', '宝音', '哈斯', '乌力吉',
  '巴雅尔', '达来', '布和', '敖日格乐', '呼和', '特古斯', '额尔德尼', '图门', '吉日嘎拉', '满都拉', '其其格图',
  '阿木尔', '那仁', '道尔吉', '旭日干', '宝力道', '乌恩', '白音',
];

const MONGOLIAN_FEMALE = [
  '其木格', '乌云', '苏日娜', '萨仁', '斯琴', '娜仁', '高娃', '塔娜', '乌兰', '图雅', '阿茹娜', '琪琪格',
  '格日勒', '其其格', '萨如拉', '乌日娜', '娜日苏', '托娅', '其力木格', '敖登', '孟根', '额尔德木图雅',
];

export type Gender = 'MALE' | 'FEMALE';

/** A person's name: about one in six Mongolian (Inner Mongolia's population share), usually without a surname. */
export function personName(rng: Rng, gender: Gender): string {
  if (rng.chance(0.17)) {
    const given = rng.pick(gender === 'MALE' ? MONGOLIAN_MALE : MONGOLIAN_FEMALE);
    return rng.chance(0.25) ? `${rng.pick(['包', '白', '宝', '韩', '奇', '云'])}${given}` : given;
  }
  return rng.weighted(HAN_SURNAMES) + rng.pick(gender === 'MALE' ? HAN_GIVEN_MALE : HAN_GIVEN_FEMALE);
}

export function surname(rng: Rng): string {
  return rng.weighted(HAN_SURNAMES);
}

// --- Organisations -------------------------------------------------------------------

const TRADE_FIRST = '鑫恒泰宏盛华瑞金隆兴祥源达丰润安博嘉汇广宇佳星天中正永新富德昌'.split('');
const TRADE_SECOND = '源达泰盛通华丰隆利鑫兴诚信远昌辉耀和阳顺邦业成康'.split('');
/** Local trade names: places, landscape and steppe words (no real brand names). */
const TRADE_LOCAL = [
  '草原', '蒙源', '塞北', '北疆', '天骄', '昭君', '敕勒川', '大青山', '阴山', '黄河', '青城', '鹿城', '红山', '科尔沁',
  '额尔古纳', '锡林', '察哈尔', '河套', '乌拉山', '贺兰', '金穗', '绿野', '沃野', '牧歌', '马背', '敖包', '苍穹', '白云',
  '西拉沐沦', '达里湖', '查干', '呼伦', '巴彦', '乌兰', '赛罕', '吉祥草', '蒙西', '北方骏马',
];

export function tradeName(rng: Rng): string {
  if (rng.chance(0.2)) return rng.pick(TRADE_LOCAL);
  const first = rng.pick(TRADE_FIRST);
  const second = rng.pick(TRADE_SECOND.filter((char) => char !== first));
  return first + second;
}

export interface Industry {
  /** Word in the company name: 呼和浩特市XX<word>有限公司. */
  word: string;
  scope: string;
  weight: number;
  /** Leagues/cities where the industry clusters (weight ×4 there). */
  hubs?: readonly string[];
  /** Wage arrears and government contracts are far more common in construction. */
  construction?: boolean;
}

export const INDUSTRIES: readonly Industry[] = [
  { word: '煤炭运销', scope: '煤炭及制品销售；道路货物运输；装卸搬运', weight: 4, hubs: ['150600', '150300', '150200'] },
  { word: '煤业', scope: '煤炭开采；煤炭洗选；矿山机械销售', weight: 2, hubs: ['150600', '150300'] },
  { word: '乳业', scope: '乳制品生产；乳制品销售；生鲜乳收购', weight: 2, hubs: ['150100', '150200'] },
  { word: '稀土新材料', scope: '稀土功能材料研发、生产、销售；有色金属合金制造', weight: 2, hubs: ['150200'] },
  { word: '物流', scope: '道路货物运输；普通货物仓储服务；国内货物运输代理', weight: 6 },
  { word: '建设工程', scope: '建设工程施工；市政设施管理；土石方工程施工', weight: 8, construction: true },
  { word: '建筑安装工程', scope: '建筑劳务分包；住宅室内装饰装修；园林绿化工程施工', weight: 4, construction: true },
  { word: '农牧业', scope: '牲畜饲养；谷物种植；饲料原料销售；农业机械服务', weight: 6, hubs: ['152200', '150500', '150800', '150400'] },
  { word: '肉业', scope: '牲畜屠宰；肉制品及副产品加工；冷冻食品销售', weight: 3, hubs: ['152500', '150700', '150800'] },
  { word: '羊绒制品', scope: '羊绒纺织品制造；服装服饰批发零售', weight: 1, hubs: ['150600', '150200'] },
  { word: '风电', scope: '风力发电技术服务；发电业务、输电业务、供（配）电业务', weight: 2, hubs: ['152500', '150900', '150200'] },
  { word: '光伏能源', scope: '太阳能发电技术服务；光伏设备及元器件销售', weight: 2, hubs: ['152900', '150800', '150300'] },
  { word: '化工', scope: '化工产品生产（不含许可类化工产品）；煤制品制造', weight: 2, hubs: ['150300', '150600'] },
  { word: '商贸', scope: '日用百货销售；五金产品批发；建筑材料销售', weight: 10 },
  { word: '餐饮管理', scope: '餐饮服务；食品销售；餐饮管理', weight: 5 },
  { word: '房地产开发', scope: '房地产开发经营；物业管理；住房租赁', weight: 3 },
  { word: '物业服务', scope: '物业管理；家政服务；停车场服务', weight: 3 },
  { word: '文化旅游', scope: '旅游业务；游览景区管理；会议及展览服务', weight: 2, hubs: ['150700', '152500', '152900'] },
  { word: '信息技术', scope: '软件开发；信息系统集成服务；数据处理服务', weight: 3, hubs: ['150100'] },
  { word: '医药', scope: '药品零售；医疗器械销售；保健食品销售', weight: 2 },
  { word: '汽车销售服务', scope: '汽车新车销售；汽车零配件零售；机动车修理和维护', weight: 2 },
  { word: '种业', scope: '主要农作物种子生产；农作物种子经营；农业科学研究和试验发展', weight: 1, hubs: ['150800', '150500'] },
  { word: '矿业', scope: '金属矿石销售；矿产资源勘查；选矿', weight: 2, hubs: ['152500', '150400', '152900'] },
];

export function pickIndustry(rng: Rng, cityCode: string): Industry {
  return rng.weighted(INDUSTRIES.map((industry) => [industry, industry.weight * (industry.hubs?.includes(cityCode) ? 4 : 1)] as const));
}

/** Company suffix and the matching legal form on the business licence. */
export const COMPANY_FORMS: ReadonlyArray<readonly [{ suffix: string; legalForm: string }, number]> = [
  [{ suffix: '有限公司', legalForm: '有限责任公司（自然人投资或控股）' }, 50],
  [{ suffix: '有限公司', legalForm: '有限责任公司（自然人独资）' }, 20],
  [{ suffix: '有限责任公司', legalForm: '其他有限责任公司' }, 15],
  [{ suffix: '有限责任公司', legalForm: '有限责任公司（国有控股）' }, 3],
  [{ suffix: '股份有限公司', legalForm: '股份有限公司（非上市、自然人投资或控股）' }, 7],
  [{ suffix: '集团有限公司', legalForm: '有限责任公司（自然人投资或控股）' }, 5],
];

/** Unincorporated organisations: partnerships and sole proprietorships (91…) and individual businesses (92…). */
export const PARTNERSHIP_KINDS = [
  { pattern: (_place: string, trade: string) => `内蒙古${trade}会计师事务所（普通合伙）`, legalForm: '普通合伙企业', scope: '审查企业会计报表，出具审计报告；验证企业资本' },
  { pattern: (place: string, trade: string) => `${place}${trade}税务师事务所（普通合伙）`, legalForm: '普通合伙企业', scope: '税务服务；财务咨询' },
  { pattern: (place: string, trade: string) => `${place}${trade}资产评估事务所（普通合伙）`, legalForm: '普通合伙企业', scope: '资产评估；企业管理咨询' },
  { pattern: (place: string, trade: string) => `${place}${trade}企业管理咨询中心（有限合伙）`, legalForm: '有限合伙企业', scope: '企业管理咨询；市场营销策划' },
  { pattern: (place: string, trade: string) => `${place}${trade}股权投资合伙企业（有限合伙）`, legalForm: '有限合伙企业', scope: '以私募基金从事股权投资、投资管理' },
] as const;

export const SOLE_PROPRIETORSHIPS = [
  { word: '商贸中心', scope: '日用百货销售；建筑材料销售' },
  { word: '建材经销部', scope: '建筑材料销售；五金产品零售' },
  { word: '农机服务中心', scope: '农业机械服务；农业机械销售' },
  { word: '汽车修理厂', scope: '机动车修理和维护' },
] as const;

export const SHOP_KINDS = [
  { word: '手抓肉馆', scope: '餐饮服务' },
  { word: '蒙餐馆', scope: '餐饮服务' },
  { word: '烧麦馆', scope: '餐饮服务' },
  { word: '奶茶馆', scope: '餐饮服务；食品销售' },
  { word: '便利店', scope: '食品销售；日用百货销售' },
  { word: '五金店', scope: '五金产品零售' },
  { word: '理发店', scope: '理发服务' },
  { word: '手机维修部', scope: '通讯设备修理；电子产品销售' },
  { word: '羊绒衫店', scope: '服装服饰零售' },
  { word: '副食店', scope: '食品销售；烟草制品零售' },
  { word: '牛羊肉店', scope: '食用农产品零售' },
  { word: '汽车美容店', scope: '洗车服务；汽车装饰用品销售' },
] as const;

// --- Market regulation: administrative penalties (Art. 33 (2)) -----------------------

export type Severity = 'MINOR' | 'GENERAL' | 'SERIOUS';

export interface Violation {
  violation: string;
  basis: string;
  /** The penalty imposed and its fine range in yuan (undefined: no fine). */
  penaltyKind: string;
  fine?: readonly [number, number];
  severity: Severity;
  /** Art. 35 category when the act is serious enough for the serious dishonesty list. */
  seriousCategory?: 'PUBLIC_HEALTH_AND_SAFETY' | 'MARKET_ORDER';
}

export const VIOLATIONS: ReadonlyArray<readonly [Violation, number]> = [
  [{ violation: '未按规定明码标价', basis: '《中华人民共和国价格法》第四十二条', penaltyKind: '警告', severity: 'MINOR' }, 10],
  [{ violation: '营业执照未置于住所或者营业场所醒目位置', basis: '《中华人民共和国市场主体登记管理条例》第四十八条', penaltyKind: '警告', severity: 'MINOR' }, 8],
  [{ violation: '使用未经检定的计量器具', basis: '《中华人民共和国计量法》第二十六条', penaltyKind: '罚款', fine: [1_000, 10_000], severity: 'MINOR' }, 8],
  [{ violation: '发布虚假广告，欺骗、误导消费者', basis: '《中华人民共和国广告法》第五十五条', penaltyKind: '罚款', fine: [20_000, 300_000], severity: 'GENERAL' }, 12],
  [{ violation: '对商品作虚假或者引人误解的商业宣传', basis: '《中华人民共和国反不正当竞争法》第二十条', penaltyKind: '罚款', fine: [50_000, 500_000], severity: 'GENERAL' }, 8],
  [{ violation: '销售超过保质期的食品', basis: '《中华人民共和国食品安全法》第一百二十四条', penaltyKind: '没收违法所得并处罚款', fine: [5_000, 100_000], severity: 'GENERAL' }, 10],
  [{ violation: '使用未经定期检验的特种设备', basis: '《中华人民共和国特种设备安全法》第八十四条', penaltyKind: '责令停止使用并处罚款', fine: [30_000, 300_000], severity: 'GENERAL' }, 6],
  [{ violation: '销售不合格产品', basis: '《中华人民共和国产品质量法》第四十九条', penaltyKind: '没收违法所得并处罚款', fine: [10_000, 200_000], severity: 'GENERAL' }, 8],
  [{ violation: '未取得食品经营许可从事食品经营活动', basis: '《中华人民共和国食品安全法》第一百二十二条', penaltyKind: '没收违法所得并处罚款', fine: [50_000, 100_000], severity: 'GENERAL' }, 5],
  [{ violation: '生产经营添加非食用物质的食品', basis: '《中华人民共和国食品安全法》第一百二十三条', penaltyKind: '没收违法所得并处罚款，吊销许可证', fine: [100_000, 2_000_000], severity: 'SERIOUS', seriousCategory: 'PUBLIC_HEALTH_AND_SAFETY' }, 2],
  [{ violation: '在产品中掺杂、掺假，以次充好', basis: '《中华人民共和国产品质量法》第五十条', penaltyKind: '没收违法所得并处罚款', fine: [200_000, 3_000_000], severity: 'SERIOUS', seriousCategory: 'MARKET_ORDER' }, 3],
  [{ violation: '达成并实施垄断协议', basis: '《中华人民共和国反垄断法》第五十六条', penaltyKind: '没收违法所得并处罚款', fine: [500_000, 5_000_000], severity: 'SERIOUS', seriousCategory: 'MARKET_ORDER' }, 1],
  [{ violation: '提交虚假材料取得市场主体登记', basis: '《中华人民共和国市场主体登记管理条例》第四十四条', penaltyKind: '撤销登记并处罚款', fine: [50_000, 200_000], severity: 'SERIOUS', seriousCategory: 'MARKET_ORDER' }, 2],
];

/** Art. 35 categories and the clause that founds them. */
export const SERIOUS_CATEGORY_BASIS = {
  PUBLIC_HEALTH_AND_SAFETY: '《内蒙古自治区社会信用条例》第三十五条第（一）项',
  MARKET_ORDER: '《内蒙古自治区社会信用条例》第三十五条第（二）项',
  REFUSING_LEGAL_DUTIES: '《内蒙古自治区社会信用条例》第三十五条第（三）项；《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
} as const;

/** Reasons for the list of abnormal operations (《企业经营异常名录管理暂行办法》第四条). */
export const ABNORMAL_REASONS = [
  ['未按照规定期限公示年度报告', '补报未报年份的年度报告并公示'],
  ['通过登记的住所或者经营场所无法联系', '依法办理住所变更登记'],
  ['未在责令的期限内公示有关企业信息', '履行公示义务'],
  ['公示企业信息隐瞒真实情况、弄虚作假', '更正其公示的信息'],
] as const;

// --- Courts --------------------------------------------------------------------------

type PartyKind = 'ORG' | 'PERSON';

/** Case causes (民事案由) by plaintiff and defendant kind, with typical amounts. */
export const CASE_CAUSES: Record<`${PartyKind}_${PartyKind}`, ReadonlyArray<readonly [string, number, number]>> = {
  ORG_ORG: [
    ['买卖合同纠纷', 20_000, 5_000_000],
    ['建设工程施工合同纠纷', 100_000, 20_000_000],
    ['运输合同纠纷', 10_000, 800_000],
    ['租赁合同纠纷', 20_000, 2_000_000],
    ['承揽合同纠纷', 10_000, 1_500_000],
    ['服务合同纠纷', 10_000, 600_000],
    ['企业借贷纠纷', 100_000, 10_000_000],
  ],
  PERSON_ORG: [
    ['劳动争议', 5_000, 200_000],
    ['追索劳动报酬纠纷', 3_000, 150_000],
    ['商品房预售合同纠纷', 100_000, 1_500_000],
    ['买卖合同纠纷', 5_000, 300_000],
  ],
  ORG_PERSON: [
    ['买卖合同纠纷', 5_000, 500_000],
    ['房屋租赁合同纠纷', 5_000, 200_000],
    ['追偿权纠纷', 20_000, 800_000],
    ['服务合同纠纷', 2_000, 100_000],
  ],
  PERSON_PERSON: [
    ['民间借贷纠纷', 10_000, 2_000_000],
    ['房屋租赁合同纠纷', 5_000, 150_000],
    ['机动车交通事故责任纠纷', 10_000, 600_000],
    ['买卖合同纠纷', 5_000, 300_000],
  ],
};

/** Circumstances of a dishonest judgment debtor (《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条). */
export const DISHONEST_CIRCUMSTANCES = [
  '有履行能力而拒不履行生效法律文书确定义务',
  '违反财产报告制度',
  '违反限制消费令',
  '以伪造证据、暴力、威胁等方法妨碍、抗拒执行',
  '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行',
] as const;

export const CONSUMPTION_RESTRICTIONS = {
  PERSON:
    '限制高消费：不得乘坐交通工具时选择飞机、列车软卧、轮船二等以上舱位；不得在星级以上宾馆、酒店、夜总会、高尔夫球场等场所进行高消费；不得购买不动产；不得旅游、度假；子女不得就读高收费私立学校（《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条）',
  ORG: '限制高消费：被执行人及其法定代表人、主要负责人、影响债务履行的直接责任人员、实际控制人不得乘坐飞机、列车软卧；不得购买不动产或者新建、扩建、高档装修房屋；不得租赁高档写字楼、宾馆、公寓等场所办公（《最高人民法院关于限制被执行人高消费及有关消费的若干规定》第三条）',
} as const;

// --- Social security -----------------------------------------------------------------

export const INSURANCE_SCHEMES: ReadonlyArray<readonly ['PENSION' | 'MEDICAL' | 'UNEMPLOYMENT' | 'WORK_INJURY' | 'MATERNITY', number, number]> = [
  // scheme, weight, employer + employee contribution rate on the base
  ['PENSION', 45, 0.24],
  ['MEDICAL', 30, 0.08],
  ['UNEMPLOYMENT', 10, 0.01],
  ['WORK_INJURY', 10, 0.01],
  ['MATERNITY', 5, 0.005],
];

// --- Finance -------------------------------------------------------------------------

export const PROCUREMENT_ITEMS = [
  '办公设备采购项目', '信息化系统建设项目', '物业管理服务采购项目', '公务车辆维修保养服务项目', '道路维修工程',
  '食堂食材配送服务项目', '绿化养护服务项目', '供热管网改造工程', '印刷服务采购项目', '安保服务采购项目',
  '档案数字化加工服务项目', '老旧小区改造工程', '监控设备采购项目', '应急物资储备采购项目', '草原生态修复工程',
] as const;

/** Bad conduct in procurement and its sanction (《中华人民共和国政府采购法》第七十七条: barred one to three years). */
export const PROCUREMENT_BAD_CONDUCT = [
  '提供虚假材料谋取中标、成交（《中华人民共和国政府采购法》第七十七条第一款第一项）',
  '与采购人、其他供应商或者采购代理机构恶意串通（《中华人民共和国政府采购法》第七十七条第一款第三项）',
  '向采购人、采购代理机构行贿或者提供其他不正当利益（《中华人民共和国政府采购法》第七十七条第一款第四项）',
  '拒绝有关部门监督检查或者提供虚假情况（《中华人民共和国政府采购法》第七十七条第一款第六项）',
] as const;

export const SUBSIDY_PROGRAMMES = [
  ['失业保险稳岗返还', '人力资源和社会保障局', 5_000, 300_000],
  ['中小企业发展专项资金', '工业和信息化局', 50_000, 2_000_000],
  ['农牧业生产发展资金', '农牧局', 20_000, 1_000_000],
  ['科技创新奖补资金', '科学技术局', 50_000, 3_000_000],
  ['新能源产业发展扶持资金', '能源局', 200_000, 5_000_000],
  ['外经贸发展专项资金', '商务局', 30_000, 800_000],
  ['就业见习补贴', '人力资源和社会保障局', 3_000, 120_000],
  ['草原生态保护补助奖励', '林业和草原局', 10_000, 400_000],
] as const;

/** Government contracts by kind (Art. 13): weight, title, amount range, and the departments that sign such contracts. */
const BUILDERS = ['住房和城乡建设局', '交通运输局', '水利局', '城市管理综合执法局', '人民政府办公室'];
export const CONTRACT_KINDS = [
  { kind: 'PROCUREMENT', weight: 35, title: (agency: string, year: number) => `${agency}${year}年度设备及服务采购合同`, min: 200_000, max: 8_000_000 },
  { kind: 'BIDDING', weight: 20, title: (agency: string, year: number) => `${agency}${year}年市政道路改造工程施工合同`, min: 1_000_000, max: 60_000_000, departments: BUILDERS },
  {
    kind: 'INVESTMENT_ATTRACTION',
    weight: 10,
    title: (agency: string, year: number) => `${year}年招商引资项目投资合作协议（${agency}）`,
    min: 5_000_000,
    max: 200_000_000,
    departments: ['商务局', '发展和改革委员会', '人民政府办公室'],
  },
  { kind: 'PPP', weight: 8, title: (agency: string, year: number) => `${agency}污水处理厂PPP项目合同（${year}）`, min: 20_000_000, max: 300_000_000, departments: ['住房和城乡建设局', '水利局', '生态环境局'] },
  {
    kind: 'INDUSTRY_SUPPORT',
    weight: 12,
    title: (agency: string, year: number) => `${year}年产业扶持资金拨付协议（${agency}）`,
    min: 500_000,
    max: 20_000_000,
    departments: ['工业和信息化局', '能源局', '农牧局', '科学技术局', '商务局'],
  },
  { kind: 'GOVERNMENT_INVESTMENT', weight: 15, title: (agency: string, year: number) => `${agency}${year}年政府投资项目建设合同`, min: 2_000_000, max: 100_000_000, departments: BUILDERS },
] as const;

export type ContractKind = (typeof CONTRACT_KINDS)[number]['kind'];

export const LOAN_CLASSIFICATIONS: ReadonlyArray<readonly ['NORMAL' | 'SPECIAL_MENTION' | 'SUBSTANDARD' | 'DOUBTFUL' | 'LOSS', number]> = [
  ['NORMAL', 85],
  ['SPECIAL_MENTION', 8],
  ['SUBSTANDARD', 4],
  ['DOUBTFUL', 2],
  ['LOSS', 1],
];

// --- Platform ------------------------------------------------------------------------

/** Published incentive criteria (Art. 30-31), from the reviewed catalogue: code, criterion, deciding agency, document prefix, validity in years. */
type CriterionRow = readonly [code: string, name: string, agency: string, prefix: string, years: number];
const criteriaFor = (subjects: 'ORGANISATION' | 'PERSON'): CriterionRow[] =>
  catalogue()
    .incentiveCriteria.filter((criterion) => criterion.subjects === subjects && criterion.decidingAgency && criterion.documentPrefix && criterion.validYears)
    .map((criterion) => [criterion.code, criterion.name, criterion.decidingAgency!, criterion.documentPrefix!, criterion.validYears!] as const);
export const INCENTIVE_CRITERIA = { ORG: criteriaFor('ORGANISATION'), PERSON: criteriaFor('PERSON') };

/**
 * Punishment measures a listing decision names, by the sector whose document grounds it,
 * codes of the reviewed catalogue (Art. 32: nothing beyond the list); the first is always named.
 */
export const PUNISHMENT_MEASURES: Record<'MARKET' | 'COURTS', readonly string[]> = {
  MARKET: ['RESTRICT_PROCUREMENT', 'RESTRICT_SUBSIDIES', 'RESTRICT_QUALIFICATIONS', 'KEY_SUPERVISION', 'RESTRICT_OFFICE'],
  COURTS: ['RESTRICT_HIGH_CONSUMPTION', 'RESTRICT_PROCUREMENT', 'RESTRICT_SUBSIDIES', 'RESTRICT_OFFICE'],
};
for (const code of Object.values(PUNISHMENT_MEASURES).flat()) {
  if (!catalogue().punishmentMeasures.some((measure) => measure.code === code)) throw new Error(`demo data: ${code} is not in migrations/catalogue.json`);
}

export const REMEDIES =
  '对认定有异议的，可向认定单位或内蒙古自治区公共信用信息中心提出异议申请（《内蒙古自治区社会信用条例》第三十九条）；对认定所依据的决定不服的，可依法申请行政复议或者提起行政诉讼；符合条件的，可申请信用修复（第四十条）。';
