/**
 * What a printed credit report says (Art. 38), shared by its HTML and PDF renderings so
 * both show the same sections, labels and verification footer.
 */

export interface ReportSubject {
  id: string;
  kind: string;
}

export interface ReportEntry {
  label: string;
  value: string;
  source: string;
}

export interface ReportSection {
  sector: string;
  agency: string;
  /** Fields of this sector the caller may not see: named, never shown. */
  withheld: string[];
  entries: ReportEntry[];
}

export interface CreditReport {
  subjectName: string;
  generatedAt: string;
  verificationHash: string;
  sections: ReportSection[];
}

export const REPORT_TITLE = '信用报告 · Credit report';
export const ENTRY_COLUMNS = ['项目', '内容', '来源'] as const;
export const NO_RECORDS = '无记录 · no records';
export const WITHHELD_NOTE = '未向本查询方披露 · withheld from this caller';
export const GENERATED_LABEL = '生成时间 Generated';
/** The code is an HMAC under the platform's key: checked at /report/verify, not recomputed (design §5). */
export const HASH_LABEL = '校验码 Verification code (HMAC-SHA256)';
export const VERIFY_NOTE = '核验 Verify: POST /report/verify';
export const ARTICLE_REFERENCE = '《内蒙古自治区社会信用条例》第三十八条';

const SECTOR_TITLES: Record<string, string> = {
  PLATFORM: '公共信用信息平台',
  COURTS: '司法',
  MARKET: '市场监管',
  SOCIAL_SECURITY: '人力资源和社会保障',
  FINANCE: '财政与金融',
};

export const sectorTitle = (sector: string) => SECTOR_TITLES[sector] ?? sector;
