/** The twelve league/city divisions of the Inner Mongolia Autonomous Region (GB/T 2260). */
export const REGIONS = [
  { code: '150100', name: '呼和浩特市', nameEn: 'Hohhot', districts: ['150102', '150103', '150104', '150105'] },
  { code: '150200', name: '包头市', nameEn: 'Baotou', districts: ['150202', '150203', '150204', '150205'] },
  { code: '150300', name: '乌海市', nameEn: 'Wuhai', districts: ['150302', '150303', '150304'] },
  { code: '150400', name: '赤峰市', nameEn: 'Chifeng', districts: ['150402', '150403', '150404'] },
  { code: '150500', name: '通辽市', nameEn: 'Tongliao', districts: ['150502', '150521', '150522'] },
  { code: '150600', name: '鄂尔多斯市', nameEn: 'Ordos', districts: ['150602', '150603', '150621'] },
  { code: '150700', name: '呼伦贝尔市', nameEn: 'Hulunbuir', districts: ['150702', '150703', '150721'] },
  { code: '150800', name: '巴彦淖尔市', nameEn: 'Bayannur', districts: ['150802', '150821', '150822'] },
  { code: '150900', name: '乌兰察布市', nameEn: 'Ulanqab', districts: ['150902', '150921', '150922'] },
  { code: '152200', name: '兴安盟', nameEn: 'Hinggan League', districts: ['152201', '152202', '152221'] },
  { code: '152500', name: '锡林郭勒盟', nameEn: 'Xilingol League', districts: ['152501', '152502', '152522'] },
  { code: '152900', name: '阿拉善盟', nameEn: 'Alxa League', districts: ['152921', '152922', '152923'] },
] as const;

export type RegionCode = (typeof REGIONS)[number]['code'];

export function regionName(code: string): string | undefined {
  return REGIONS.find((region) => region.code === code)?.name;
}
