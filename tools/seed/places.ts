/**
 * Geography and institutions of the twelve leagues/cities: district names, courts and
 * their case-number codes, the local agencies that produce credit records, and the
 * abbreviations their document numbers use.
 */
import { REGIONS } from '@credit-hub/schema';

export interface District {
  code: string;
  name: string;
  /** Name as agencies use it: a city's 区 carries the city (呼和浩特市赛罕区); 旗, 县 and 县级市 stand alone. */
  fullName: string;
  /** Case-number code of its basic court: 内 + the last four digits of the division code (内0105). */
  courtCode: string;
  court: string;
}

export interface City {
  code: string;
  name: string;
  /** Without 市/盟, as arbitration commissions and trade names use it (呼和浩特, 兴安). */
  short: string;
  /** Prefix of the market regulator's penalty decisions (呼市监处罚〔2024〕123号). */
  marketAbbr: string;
  /** Prefix of project numbers on the procurement site (HSZC-2024-00123). */
  procurementPrefix: string;
  /** Case-number code of the intermediate court (内01). */
  courtCode: string;
  court: string;
  arbitration: string;
  /** Share of the region's credit subjects, roughly by population and number of businesses. */
  weight: number;
  districts: District[];
}

const DISTRICT_NAMES: Record<string, string> = {
  '150102': '新城区',
  '150103': '回民区',
  '150104': '玉泉区',
  '150105': '赛罕区',
  '150202': '东河区',
  '150203': '昆都仑区',
  '150204': '青山区',
  '150205': '石拐区',
  '150302': '海勃湾区',
  '150303': '海南区',
  '150304': '乌达区',
  '150402': '红山区',
  '150403': '元宝山区',
  '150404': '松山区',
  '150502': '科尔沁区',
  '150521': '科尔沁左翼中旗',
  '150522': '科尔沁左翼后旗',
  '150602': '东胜区',
  '150603': '康巴什区',
  '150621': '达拉特旗',
  '150702': '海拉尔区',
  '150703': '扎赉诺尔区',
  '150721': '阿荣旗',
  '150802': '临河区',
  '150821': '五原县',
  '150822': '磴口县',
  '150902': '集宁区',
  '150921': '卓资县',
  '150922': '化德县',
  '152201': '乌兰浩特市',
  '152202': '阿尔山市',
  '152221': '科尔沁右翼前旗',
  '152501': '二连浩特市',
  '152502': '锡林浩特市',
  '152522': '阿巴嘎旗',
  '152921': '阿拉善左旗',
  '152922': '阿拉善右旗',
  '152923': '额济纳旗',
};

const CITY_DETAILS: Record<string, { short: string; marketAbbr: string; procurementPrefix: string; weight: number }> = {
  '150100': { short: '呼和浩特', marketAbbr: '呼市监', procurementPrefix: 'HSZC', weight: 16 },
  '150200': { short: '包头', marketAbbr: '包市监', procurementPrefix: 'BTZC', weight: 14 },
  '150300': { short: '乌海', marketAbbr: '乌海市监', procurementPrefix: 'WHZC', weight: 3 },
  '150400': { short: '赤峰', marketAbbr: '赤市监', procurementPrefix: 'CFZC', weight: 14 },
  '150500': { short: '通辽', marketAbbr: '通市监', procurementPrefix: 'TLZC', weight: 9 },
  '150600': { short: '鄂尔多斯', marketAbbr: '鄂市监', procurementPrefix: 'EEDSZC', weight: 12 },
  '150700': { short: '呼伦贝尔', marketAbbr: '呼伦贝尔市监', procurementPrefix: 'HLBEZC', weight: 8 },
  '150800': { short: '巴彦淖尔', marketAbbr: '巴市监', procurementPrefix: 'BYNEZC', weight: 6 },
  '150900': { short: '乌兰察布', marketAbbr: '乌兰察布市监', procurementPrefix: 'WLCBZC', weight: 6 },
  '152200': { short: '兴安', marketAbbr: '兴安盟市监', procurementPrefix: 'XAMZC', weight: 5 },
  '152500': { short: '锡林郭勒', marketAbbr: '锡盟市监', procurementPrefix: 'XLGLZC', weight: 5 },
  '152900': { short: '阿拉善', marketAbbr: '阿盟市监', procurementPrefix: 'ALSZC', weight: 2 },
};

export const CITIES: readonly City[] = REGIONS.map((region) => {
  const details = CITY_DETAILS[region.code]!;
  const courtCode = `内${region.code.slice(2, 4)}`;
  return {
    code: region.code,
    name: region.name,
    ...details,
    courtCode,
    court: `${region.name}中级人民法院`,
    arbitration: `${region.name.endsWith('盟') ? region.name : details.short}仲裁委员会`,
    districts: region.districts.map((code): District => {
      const name = DISTRICT_NAMES[code]!;
      const fullName = name.endsWith('区') ? `${region.name}${name}` : name;
      return { code, name, fullName, courtCode: `内${code.slice(2)}`, court: `${fullName}人民法院` };
    }),
  };
});

const CITY_BY_CODE = new Map(CITIES.map((city) => [city.code, city]));
const DISTRICT_BY_CODE = new Map(CITIES.flatMap((city) => city.districts.map((district) => [district.code, district] as const)));

export function cityOf(code: string): City {
  const city = CITY_BY_CODE.get(`${code.slice(0, 4)}00`);
  if (!city) throw new Error(`no league/city for division code ${code}`);
  return city;
}

export function districtOf(code: string): District {
  const district = DISTRICT_BY_CODE.get(code);
  if (!district) throw new Error(`no district for division code ${code}`);
  return district;
}

export const CITY_WEIGHTS: ReadonlyArray<readonly [City, number]> = CITIES.map((city) => [city, city.weight]);

/** Prefix of a district regulator's penalty decisions: city initial + district initial (呼赛市监处罚). */
export function districtMarketAbbr(district: District): string {
  return `${cityOf(district.code).short[0]}${district.name[0]}市监`;
}

/** Departments of a league/city or district government that appear as credit subjects and purchasers. */
export const GOVERNMENT_DEPARTMENTS = [
  '人民政府办公室',
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农牧局',
  '商务局',
  '文化旅游体育局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业和草原局',
  '能源局',
  '城市管理综合执法局',
  '行政审批和政务服务局',
  '民族事务委员会',
  '乡村振兴局',
  '国有资产监督管理委员会',
  '住房保障和房产管理局',
  '人民防空办公室',
  '政务服务与数据管理局',
  '粮食和物资储备局',
  '信访局',
  '档案局',
  '地震局',
  '气象局',
] as const;

/** The sector agencies' names in a league/city, used as `source_agency` and `authority`. */
export const agencies = {
  marketRegulator: (place: { fullName?: string; name: string }) => `${place.fullName ?? place.name}市场监督管理局`,
  humanResources: (place: { fullName?: string; name: string }) => `${place.fullName ?? place.name}人力资源和社会保障局`,
  socialInsurance: (city: City) => `${city.name}社会保险事业服务中心`,
  labourInspection: (city: City) => `${city.name}劳动保障监察支队`,
  finance: (city: City) => `${city.name}财政局`,
  publicSecurity: (city: City) => `${city.name}公安局`,
  staffingOffice: (city: City) => `中共${city.name}委机构编制委员会办公室`,
};

/** Region-wide agencies. */
export const REGIONAL = {
  creditCentre: '内蒙古自治区公共信用信息中心',
  finance: '内蒙古自治区财政厅',
  // The People's Bank branches were reorganised in 2023-24: the Hohhot central sub-branch is
  // now the Inner Mongolia branch, which runs the financial credit base locally (Art. 28).
  peoplesBank: '中国人民银行内蒙古自治区分行',
  taxBureau: '国家税务总局内蒙古自治区税务局',
  marketRegulator: '内蒙古自治区市场监督管理局',
  humanResources: '内蒙古自治区人力资源和社会保障厅',
  civilisationOffice: '内蒙古自治区精神文明建设委员会办公室',
  healthCommission: '内蒙古自治区卫生健康委员会',
  customs: '呼和浩特海关',
};

/** Source systems (Art. 3: every record names where it comes from). */
export const SYSTEMS = {
  creditPlatform: '内蒙古自治区社会信用信息平台',
  enterpriseRegistry: '国家企业信用信息公示系统（内蒙古）',
  governmentCodes: '机关事业单位统一社会信用代码赋码管理系统',
  population: '全国人口基础信息库（内蒙古）',
  judgments: '中国裁判文书网',
  arbitration: '内蒙古仲裁案件信息管理系统',
  enforcement: '全国法院执行案件信息管理系统',
  dishonestDebtors: '全国法院失信被执行人名单信息公布与查询平台',
  socialInsurance: '内蒙古社会保险信息系统',
  labourInspection: '内蒙古劳动保障监察信息系统',
  procurement: '内蒙古政府采购网',
  budget: '内蒙古自治区预算管理一体化系统',
  governmentContracts: '内蒙古政府合同履约监管系统',
  financialCredit: '金融信用信息基础数据库',
} as const;
