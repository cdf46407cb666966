/**
 * The purpose catalogue (design §4): every purpose a caller may declare in
 * X-Credit-Purpose, its Chinese name, its legal basis, and who may declare it.
 * Art. 24: query and use must be lawful, legitimate and necessary; the declared purpose
 * is what the policy checks each CONDITIONAL or AUTHORIZED field against.
 */
export const ROLES = ['PUBLIC', 'CREDIT_SUBJECT', 'CREDIT_SERVICE_AGENCY', 'SECTOR_AGENCY', 'PLATFORM_OPERATOR'] as const;
export type Role = (typeof ROLES)[number];

export const SECTORS = ['PLATFORM', 'COURTS', 'MARKET', 'SOCIAL_SECURITY', 'FINANCE'] as const;
export type Sector = (typeof SECTORS)[number];

export interface PurposeEntry {
  code: string;
  name: string;
  legalBasis: string;
  roles: readonly Role[];
  /** For SECTOR_AGENCY callers: the sectors that may declare it (all when absent). */
  sectors?: readonly Sector[];
}

const GOVERNMENT: readonly Role[] = ['SECTOR_AGENCY', 'PLATFORM_OPERATOR'];

export const PURPOSES = [
  { code: 'ADMINISTRATIVE_LICENSING', name: '行政许可', legalBasis: 'Art. 16, 24', roles: GOVERNMENT },
  { code: 'PUBLIC_PROCUREMENT', name: '公共资源交易与政府采购', legalBasis: 'Art. 13, 24', roles: GOVERNMENT },
  { code: 'REGULATORY_SUPERVISION', name: '信用分级分类监管', legalBasis: 'Art. 16', roles: GOVERNMENT },
  { code: 'JOINT_PUNISHMENT', name: '失信惩戒', legalBasis: 'Art. 32, 36', roles: GOVERNMENT },
  { code: 'INCENTIVE_REVIEW', name: '守信激励', legalBasis: 'Art. 30, 31', roles: GOVERNMENT },
  { code: 'JUDICIAL_ENFORCEMENT', name: '司法执行', legalBasis: 'Art. 33', roles: GOVERNMENT, sectors: ['COURTS', 'PLATFORM'] },
  {
    code: 'SOCIAL_SECURITY_ADMIN',
    name: '社会保险管理',
    legalBasis: 'Art. 6, 24',
    roles: GOVERNMENT,
    sectors: ['SOCIAL_SECURITY', 'PLATFORM'],
  },
  { code: 'OBJECTION_HANDLING', name: '异议处理', legalBasis: 'Art. 39', roles: GOVERNMENT },
  { code: 'CREDIT_REPAIR', name: '信用修复', legalBasis: 'Art. 40', roles: GOVERNMENT },
  { code: 'CREDIT_REPORT', name: '信用报告', legalBasis: 'Art. 26, 44', roles: ['CREDIT_SERVICE_AGENCY', 'PLATFORM_OPERATOR'] },
  { code: 'FINANCIAL_SERVICES', name: '金融服务', legalBasis: 'Art. 26, 28', roles: ['CREDIT_SERVICE_AGENCY', 'SECTOR_AGENCY'], sectors: ['FINANCE'] },
  {
    code: 'PUBLIC_QUERY',
    name: '公众查询',
    legalBasis: 'Art. 26, 44',
    roles: ['PUBLIC', 'CREDIT_SUBJECT', 'CREDIT_SERVICE_AGENCY', 'SECTOR_AGENCY', 'PLATFORM_OPERATOR'],
  },
  { code: 'SELF_QUERY', name: '本人查询', legalBasis: 'Art. 38', roles: ['CREDIT_SUBJECT'] },
] as const satisfies readonly PurposeEntry[];

export type Purpose = (typeof PURPOSES)[number]['code'];

export function findPurpose(code: string): PurposeEntry | undefined {
  return (PURPOSES as readonly PurposeEntry[]).find((purpose) => purpose.code === code);
}

/** Whether a caller of this role (and sector) may declare this purpose. */
export function mayDeclare(purpose: PurposeEntry, role: Role, sector?: Sector | null): boolean {
  if (!purpose.roles.includes(role)) return false;
  if (role === 'SECTOR_AGENCY' && purpose.sectors) return sector != null && purpose.sectors.includes(sector);
  return true;
}

/**
 * The purpose of a request (design §4): required from agencies, operators and credit
 * service agencies; implied PUBLIC_QUERY for the public; for a subject, SELF_QUERY about
 * itself and PUBLIC_QUERY about others (decided per record, so null here when not declared).
 * Returns the purpose, or the coded error to answer with and no data.
 */
export type PurposeResolution =
  | { ok: true; purpose: Purpose | null }
  | { ok: false; code: 'PURPOSE_REQUIRED' | 'FORBIDDEN'; message: string };

export function resolvePurpose(role: Role, sector: Sector | null, declared: string | undefined): PurposeResolution {
  const text = declared?.trim();
  if (!text) {
    if (role === 'PUBLIC') return { ok: true, purpose: 'PUBLIC_QUERY' };
    if (role === 'CREDIT_SUBJECT') return { ok: true, purpose: null };
    return { ok: false, code: 'PURPOSE_REQUIRED', message: `Role ${role} must declare a purpose in the X-Credit-Purpose header (Art. 24).` };
  }
  const entry = findPurpose(text);
  if (!entry) return { ok: false, code: 'FORBIDDEN', message: `Unknown purpose '${text}': see the purpose catalogue (Art. 24).` };
  if (!mayDeclare(entry, role, sector)) {
    const who = role === 'SECTOR_AGENCY' ? `a ${sector ?? 'sectorless'} sector agency` : `role ${role}`;
    return { ok: false, code: 'FORBIDDEN', message: `Purpose ${entry.code} may not be declared by ${who} (Art. 24).` };
  }
  return { ok: true, purpose: entry.code as Purpose };
}
