/**
 * Records a subject may object to (Art. 39), and which subgraph keeps each. The platform
 * files and routes objections by this list; each sector settles them on its own records.
 * A record is named in objections as `<subgraph>:<GraphQL type>:<id>`.
 */
import type { SubgraphName } from './subgraphs.js';

export interface ObjectableRecord {
  /** GraphQL type name of the record. */
  typename: string;
  /** The subgraph that keeps it and answers for it. */
  subgraph: SubgraphName;
  /** The field a `correctedSummary` corrects, where the record has one obvious text. */
  summaryField?: string;
}

/** By the value of the `RecordType` enum in the platform schema. */
const RECORDS = {
  DISHONESTY_RECORD: { typename: 'DishonestyRecord', subgraph: 'platform', summaryField: 'summary' },
  REGISTRATION: { typename: 'Registration', subgraph: 'market' },
  ADMINISTRATIVE_PENALTY: { typename: 'AdministrativePenalty', subgraph: 'market', summaryField: 'violation' },
  ABNORMAL_OPERATION: { typename: 'AbnormalOperation', subgraph: 'market', summaryField: 'reason' },
  JUDGMENT: { typename: 'Judgment', subgraph: 'courts' },
  ENFORCEMENT_CASE: { typename: 'EnforcementCase', subgraph: 'courts' },
  DISHONEST_JUDGMENT_DEBTOR: { typename: 'DishonestJudgmentDebtor', subgraph: 'courts', summaryField: 'circumstances' },
  CONSUMPTION_RESTRICTION: { typename: 'ConsumptionRestriction', subgraph: 'courts', summaryField: 'measures' },
  SOCIAL_INSURANCE: { typename: 'SocialInsurance', subgraph: 'social-security' },
  INSURANCE_ARREAR: { typename: 'InsuranceArrear', subgraph: 'social-security' },
  WAGE_ARREARS_CASE: { typename: 'WageArrearsCase', subgraph: 'social-security' },
  PROCUREMENT_RECORD: { typename: 'ProcurementRecord', subgraph: 'finance', summaryField: 'badConduct' },
  SUBSIDY: { typename: 'Subsidy', subgraph: 'finance' },
  GOVERNMENT_CONTRACT: { typename: 'GovernmentContract', subgraph: 'finance' },
  FINANCIAL_CREDIT: { typename: 'FinancialCredit', subgraph: 'finance' },
} as const satisfies Record<string, ObjectableRecord>;

export type RecordType = keyof typeof RECORDS;
export const OBJECTABLE_RECORDS: Readonly<Record<RecordType, ObjectableRecord>> = RECORDS;

export interface RecordRef {
  subgraph: SubgraphName;
  typename: string;
  id: string;
}

export const formatRecordRef = (ref: RecordRef) => `${ref.subgraph}:${ref.typename}:${ref.id}`;

/** The catalogue entry of a reference, or null for one this hub does not know. */
export function parseRecordRef(text: string): (RecordRef & { record: ObjectableRecord }) | null {
  const [subgraph, typename, id, ...rest] = text.split(':');
  const record = Object.values(OBJECTABLE_RECORDS).find((entry) => entry.typename === typename && entry.subgraph === subgraph);
  if (!record || !id || rest.length) return null;
  return { subgraph: record.subgraph, typename: record.typename, id, record };
}

/** The `RecordType` and id a reference names; the platform's own records keep the form `platform:dishonesty:<id>`. */
export function recordOfRef(text: string): { type: RecordType; id: string } | null {
  if (text.startsWith('platform:dishonesty:')) return { type: 'DISHONESTY_RECORD', id: text.slice('platform:dishonesty:'.length) };
  const ref = parseRecordRef(text);
  const type = ref && (Object.keys(OBJECTABLE_RECORDS) as RecordType[]).find((key) => OBJECTABLE_RECORDS[key].typename === ref.typename);
  return type ? { type, id: ref.id } : null;
}

/**
 * Every platform record resting on one basis document of a sector (Art. 33): what a sector
 * names among a removed document's dependents (Art. 39), and the platform resolves to the
 * dishonesty records and measures resting on it. `platform:basis:<sector>:<document number>`.
 */
export const basisRef = (sector: string, documentNumber: string) => `platform:basis:${sector}:${documentNumber}`;

export function parseBasisRef(text: string): { sector: string; documentNumber: string } | null {
  const match = /^platform:basis:([A-Z_]+):(.+)$/s.exec(text);
  return match ? { sector: match[1]!, documentNumber: match[2]! } : null;
}
