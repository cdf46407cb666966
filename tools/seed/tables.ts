/**
 * The tables the seeder loads, with exactly the columns of migrations/<subgraph>/*.ts, in
 * load order (parents before the rows that reference them). A row must name every
 * column: the type below turns a missing or misspelt column into a compile error, and
 * seed.test.ts checks the lists against the live schema. `removed_at` on sector records is
 * set only by an objection answered REMOVED (Art. 39); the seed leaves it empty.
 */
import type { SubgraphName } from '@credit-hub/schema';

const SOURCED = ['source_agency', 'source_system', 'info_class', 'created_at', 'updated_at'] as const;

export const TABLES = {
  // platform
  subjects: { db: 'platform', columns: ['id', 'kind', 'name', 'region', 'credit_code', 'id_number', 'source_agency', 'source_system', 'registered_at'] },
  dishonesty_records: {
    db: 'platform',
    columns: [
      'id', 'subject_id', 'summary', 'severity', 'owning_sector', 'basis_kind', 'basis_document_number', 'basis_sector', 'legal_basis',
      'notice_nature', 'notice_reason', 'notice_basis', 'notice_removal_conditions', 'notice_remedies', 'notice_lifting_conditions',
      'notice_served_at', 'decided_on', 'disclosure_until', 'status', 'repaired_at', 'removed_at', ...SOURCED,
    ],
  },
  serious_dishonesty_listings: {
    db: 'platform',
    columns: [
      'id', 'subject_id', 'category', 'legal_basis', 'cause', 'status', 'decision_document_number', 'punishment_measures',
      'removal_conditions', 'remedies', 'decided_on', 'published_on', 'disclosure_until', 'removed_on', ...SOURCED,
    ],
  },
  incentive_listings: {
    db: 'platform',
    columns: ['id', 'subject_id', 'criterion_code', 'criterion', 'decision_document_number', 'decided_on', 'published_on', 'valid_until', 'ended_on', 'end_reason', ...SOURCED],
  },
  commitments: { db: 'platform', columns: ['id', 'subject_id', 'kind', 'content', 'made_on', 'published', 'breached_on', ...SOURCED] },
  objections: {
    db: 'platform',
    columns: ['id', 'subject_id', 'ground', 'record_ref', 'statement', 'filed_on', 'answer_due_on', 'outcome', 'answer_reason', 'answered_on', 'effect', 'created_at'],
  },

  // courts
  judgments: { db: 'courts', columns: ['id', 'document_number', 'kind', 'court', 'case_cause', 'effective_on', 'amount', 'removed_at', ...SOURCED] },
  judgment_parties: { db: 'courts', columns: ['judgment_id', 'subject_id', 'party_name', 'role'] },
  enforcement_cases: {
    db: 'courts',
    columns: [
      'id', 'case_number', 'court', 'subject_id', 'judgment_id', 'applicant_name', 'amount_due', 'amount_performed', 'filed_on', 'closed_on',
      'status', 'removed_at', ...SOURCED,
    ],
  },
  dishonest_judgment_debtors: {
    db: 'courts',
    columns: [
      'id', 'subject_id', 'enforcement_case_id', 'obligation', 'performance', 'circumstances', 'published_on', 'disclosure_until', 'removed_on',
      'removed_at', 'platform_record_id', ...SOURCED,
    ],
  },
  // The courts' side of the showcase objection (Art. 39); other sectors' flags start empty.
  objection_flags: { db: 'courts', columns: ['objection_id', 'subject_id', 'record_type', 'record_id', 'outcome', 'effect', 'updated_at'] },
  consumption_restrictions: {
    db: 'courts',
    columns: ['id', 'subject_id', 'enforcement_case_id', 'measures', 'issued_on', 'lifted_on', 'removed_at', ...SOURCED],
  },

  // market
  registrations: {
    db: 'market',
    columns: [
      'id', 'subject_id', 'name', 'legal_form', 'status', 'registered_capital', 'established_on', 'address', 'business_scope', 'authority',
      'region', 'legal_representative_id', 'principal_id', 'actual_controller_id', 'removed_at', ...SOURCED,
    ],
  },
  administrative_penalties: {
    db: 'market',
    columns: [
      'id', 'subject_id', 'decision_number', 'violation', 'basis', 'penalty_kind', 'amount', 'authority', 'decided_on', 'disclosure_until',
      'repaired_at', 'removed_at', ...SOURCED,
    ],
  },
  abnormal_operations: {
    db: 'market',
    columns: ['id', 'subject_id', 'reason', 'authority', 'listed_on', 'removed_on', 'removal_reason', 'removed_at', ...SOURCED],
  },

  // social-security
  insurance_registrations: {
    db: 'social-security',
    columns: [
      'id', 'subject_id', 'registration_number', 'registered_on', 'status', 'insured_headcount', 'last_paid_period', 'contribution_base',
      'removed_at', ...SOURCED,
    ],
  },
  insurance_arrears: {
    db: 'social-security',
    columns: ['id', 'subject_id', 'scheme', 'period_from', 'period_to', 'amount', 'determined_on', 'status', 'removed_at', ...SOURCED],
  },
  wage_arrears_cases: {
    db: 'social-security',
    columns: [
      'id', 'subject_id', 'case_number', 'authority', 'workers_affected', 'amount', 'determined_on', 'status', 'settled_on', 'disclosure_until',
      'removed_at', ...SOURCED,
    ],
  },

  // finance
  procurement_records: {
    db: 'finance',
    columns: ['id', 'subject_id', 'project_number', 'project_name', 'purchaser_id', 'role', 'amount', 'awarded_on', 'bad_conduct', 'barred_until', 'removed_at', ...SOURCED],
  },
  subsidies: { db: 'finance', columns: ['id', 'subject_id', 'programme', 'granting_agency', 'amount', 'granted_on', 'removed_at', ...SOURCED] },
  government_contracts: {
    db: 'finance',
    columns: [
      'id', 'contract_number', 'kind', 'title', 'agency_id', 'enterprise_id', 'amount', 'signed_on', 'due_on', 'paid_amount', 'status', 'removed_at', ...SOURCED,
    ],
  },
  financial_credit_summaries: {
    db: 'finance',
    columns: [
      'id', 'subject_id', 'loan_count', 'outstanding_balance', 'overdue_count', 'worst_classification', 'reported_on', 'agreement_reference',
      'removed_at', ...SOURCED,
    ],
  },
} as const satisfies Record<string, { db: SubgraphName; columns: readonly string[] }>;

export type TableName = keyof typeof TABLES;
export type Column<T extends TableName> = (typeof TABLES)[T]['columns'][number];

/** A value as COPY will receive it: dates and timestamps as literals, money as a number of yuan. */
export type Cell = string | number | boolean | null | readonly string[];
export type Row<T extends TableName> = { readonly [C in Column<T>]: Cell };

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function tablesOf(db: SubgraphName): TableName[] {
  return TABLE_NAMES.filter((table) => TABLES[table].db === db);
}

/** Tables whose bigint `id` the seeder assigns itself; their sequences are moved past it after loading. */
export function hasSerialId(table: TableName): boolean {
  return (TABLES[table].columns as readonly string[])[0] === 'id' && table !== 'subjects';
}

// --- COPY text format ------------------------------------------------------------------

function escapeText(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (char) => (char === '\\' ? '\\\\' : char === '\n' ? '\\n' : char === '\r' ? '\\r' : '\\t'));
}

/** A text[] literal: every element double-quoted, with " and \ escaped. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (char) => `\\${char}`)}"`).join(',')}}`;
}

function encodeCell(cell: Cell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'string') return escapeText(cell);
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`cannot load a non-finite number (${cell})`);
    return String(cell);
  }
  return escapeText(arrayLiteral(cell));
}

/**
 * Rows waiting to be loaded, already encoded as COPY text lines so a chunk costs one
 * string per row rather than one object.
 */
export class RowBuffer {
  private readonly lines = new Map<TableName, string[]>();
  private readonly loaded = new Map<TableName, number>();

  add<T extends TableName>(table: T, row: Row<T>): void {
    const columns = TABLES[table].columns as readonly Column<T>[];
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += '\t';
      line += encodeCell(row[columns[i]!]);
    }
    let lines = this.lines.get(table);
    if (!lines) this.lines.set(table, (lines = []));
    lines.push(`${line}\n`);
  }

  /** Hands over the buffered lines of a table and forgets them. */
  take(table: TableName): string[] {
    const lines = this.lines.get(table) ?? [];
    this.lines.delete(table);
    this.loaded.set(table, (this.loaded.get(table) ?? 0) + lines.length);
    return lines;
  }

  /** Rows handed over so far, per table. */
  counts(): Record<TableName, number> {
    return Object.fromEntries(TABLE_NAMES.map((table) => [table, this.loaded.get(table) ?? 0])) as Record<TableName, number>;
  }
}
