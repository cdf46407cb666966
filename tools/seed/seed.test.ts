/**
 * The demo data seeder against real PostgreSQL: determinism, valid identifiers, the
 * showcase's designed cases, Art. 33-34 consistency of dishonesty records, and references
 * that resolve to subjects of the right kind.
 */
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber, DEVELOPMENT_PSEUDONYM_KEY, personPseudonym, type SubgraphName } from '@credit-hub/schema';
import { createTestDatabases, type TestDatabases } from '../../test/databases.js';
import { parseSeedArgs } from './args.js';
import {
  isSeeded,
  readShowcase,
  resetDemoData,
  seedDemoData,
  SeedError,
  SHOWCASE_TAGS,
  TABLE_NAMES,
  TABLES,
  type SeedSummary,
  type TableName,
} from './index.js';

const AS_OF = '2025-06-30';
const SUBJECTS = 2_000;

let reference: TestDatabases;
let rechunked: TestDatabases;
let otherSeed: TestDatabases;
let summary: SeedSummary;

beforeAll(async () => {
  [reference, rechunked, otherSeed] = await Promise.all([
    createTestDatabases('seed_a'),
    createTestDatabases('seed_b'),
    createTestDatabases('seed_c'),
  ]);
  [summary] = await Promise.all([
    seedDemoData(reference.dbs, { subjects: SUBJECTS, seed: 11, asOf: AS_OF }),
    // Same data must come out however the work is chunked.
    seedDemoData(rechunked.dbs, { subjects: SUBJECTS, seed: 11, asOf: AS_OF, chunkSize: 333 }),
    seedDemoData(otherSeed.dbs, { subjects: SUBJECTS, seed: 12, asOf: AS_OF }),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all([reference, rechunked, otherSeed].map((set) => set?.destroy()));
});

const db = (set: TestDatabases, table: TableName): Knex => set.dbs[TABLES[table].db];

async function rows<T = Record<string, unknown>>(database: Knex, sql: string, bindings: readonly unknown[] = []): Promise<T[]> {
  return ((await database.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] }).rows;
}

async function digest(set: TestDatabases, table: TableName): Promise<{ n: number; digest: string }> {
  const [row] = await rows<{ n: number; digest: string }>(
    db(set, table),
    `select count(*)::int as n, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as digest from ${table} t`,
  );
  return row!;
}

/** Every subject: id → kind. */
async function subjectKinds(set: TestDatabases): Promise<Map<string, string>> {
  const found = await rows<{ id: string; kind: string }>(set.dbs.platform, 'select id, kind from subjects');
  return new Map(found.map((row) => [row.id, row.kind]));
}

describe('determinism', () => {
  it('gives identical rows for the same seed, date and size, however chunked', async () => {
    for (const table of TABLE_NAMES) {
      const [a, b] = await Promise.all([digest(reference, table), digest(rechunked, table)]);
      expect(a.n, `${table} has rows`).toBeGreaterThan(0);
      expect(b, table).toEqual(a);
    }
  });

  it('gives different data for another seed', async () => {
    const [a, b] = await Promise.all([digest(reference, 'subjects'), digest(otherSeed, 'subjects')]);
    expect(b.n).toBe(a.n);
    expect(b.digest).not.toBe(a.digest);
  });

  it('reports the rows it loaded', async () => {
    for (const table of TABLE_NAMES) {
      const { n } = await digest(reference, table);
      expect(summary.rows[TABLES[table].db][table], table).toBe(n);
    }
    expect(summary.registered).toBe(SUBJECTS + readShowcase().length);
  });
});

describe('schema fit', () => {
  it('writes exactly the columns each table has', async () => {
    for (const table of TABLE_NAMES) {
      const columns = await rows<{ name: string }>(
        db(reference, table),
        'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ?',
        [table],
      );
      expect([...TABLES[table].columns].sort(), table).toEqual(columns.map((column) => column.name).sort());
    }
  });

  it('moves id sequences past the explicit ids', async () => {
    const [{ id }] = await db(reference, 'judgments')('judgments')
      .insert({
        document_number: '（2025）内0105民初99999号',
        kind: 'JUDGMENT',
        court: '呼和浩特市赛罕区人民法院',
        case_cause: '买卖合同纠纷',
        effective_on: AS_OF,
        source_agency: '呼和浩特市赛罕区人民法院',
        source_system: '中国裁判文书网',
      })
      .returning('id');
    const { n } = await digest(reference, 'judgments');
    expect(Number(id)).toBe(n);
    await db(reference, 'judgments')('judgments').where({ id }).delete();
  });
});

describe('subjects', () => {
  it('have valid, consistent identifiers (GB 32100, GB 11643, pseudonyms)', async () => {
    const subjects = await rows<{ id: string; kind: string; credit_code: string | null; id_number: string | null }>(
      reference.dbs.platform,
      'select id, kind, credit_code, id_number from subjects',
    );
    for (const subject of subjects) {
      if (subject.kind === 'NATURAL_PERSON') {
        expect(checkIdNumber(subject.id_number!), subject.id).toMatchObject({ ok: true });
        expect(personPseudonym(subject.id_number!, DEVELOPMENT_PSEUDONYM_KEY)).toBe(subject.id);
      } else {
        expect(checkCreditCode(subject.credit_code!), subject.id).toMatchObject({ ok: true });
        expect(subject.credit_code).toBe(subject.id);
        const prefix = subject.credit_code!.slice(0, 2);
        expect(subject.kind === 'GOVERNMENT_AGENCY' ? ['11'] : ['91', '92'], subject.id).toContain(prefix);
      }
    }
  });

  it('spread over kinds and all twelve leagues/cities roughly as designed', async () => {
    const kinds = await rows<{ kind: string; share: number }>(
      reference.dbs.platform,
      'select kind, count(*)::float / sum(count(*)) over () as share from subjects group by kind',
    );
    const share = Object.fromEntries(kinds.map((row) => [row.kind, row.share]));
    expect(share.LEGAL_PERSON).toBeGreaterThan(0.5);
    expect(share.LEGAL_PERSON).toBeLessThan(0.6);
    expect(share.NATURAL_PERSON).toBeGreaterThan(0.33);
    expect(share.NATURAL_PERSON).toBeLessThan(0.43);
    expect(share.UNINCORPORATED_ORG).toBeGreaterThan(0.03);
    expect(share.GOVERNMENT_AGENCY).toBeGreaterThan(0.01);
    const [row] = await rows<{ regions: number }>(reference.dbs.platform, 'select count(distinct region)::int as regions from subjects');
    expect(row!.regions).toBe(12);
  });

  it('include every showcase subject with its fixed id, kind and name', async () => {
    for (const entry of readShowcase()) {
      const found = await reference.dbs.platform('subjects').where({ id: entry.id }).first('kind', 'name', 'region');
      expect(found, entry.id).toEqual({ kind: entry.kind, name: entry.name, region: entry.region });
    }
  });
});

describe('showcase records match their tags', () => {
  const showcase = readShowcase();
  const withTag = (tag: string) => showcase.find((entry) => entry.tags.includes(tag))!;
  const count = async (database: SubgraphName, sql: string, bindings: readonly unknown[]) =>
    (await rows<{ n: number }>(reference.dbs[database], `select count(*)::int as n from ${sql}`, bindings))[0]!.n;

  /** What each tag promises (design §9), as queries that must find rows. */
  const checks: Record<(typeof SHOWCASE_TAGS)[number], (id: string) => Promise<void>> = {
    ALL_SECTORS: async (id) => {
      expect(await count('courts', "judgment_parties where subject_id = ? and role = 'DEFENDANT'", [id])).toBeGreaterThan(0);
      expect(await count('courts', 'enforcement_cases where subject_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('market', 'registrations where subject_id = ?', [id])).toBe(1);
      expect(await count('market', 'administrative_penalties where subject_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('market', 'abnormal_operations where subject_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('social-security', 'insurance_registrations where subject_id = ?', [id])).toBe(1);
      expect(await count('social-security', 'wage_arrears_cases where subject_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('finance', 'procurement_records where subject_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('finance', 'government_contracts where enterprise_id = ?', [id])).toBeGreaterThan(0);
      expect(await count('finance', 'financial_credit_summaries where subject_id = ?', [id])).toBe(1);
      expect(await count('platform', 'dishonesty_records where subject_id = ?', [id])).toBeGreaterThan(0);
    },
    PERSON: async (id) => {
      expect(await count('platform', "subjects where id = ? and kind = 'NATURAL_PERSON'", [id])).toBe(1);
      expect(await count('social-security', "insurance_registrations where subject_id = ? and status = 'IN_ARREARS'", [id])).toBe(1);
      expect(await count('social-security', "insurance_arrears where subject_id = ? and status = 'OUTSTANDING'", [id])).toBeGreaterThan(0);
      expect(await count('courts', "enforcement_cases where subject_id = ? and status = 'OPEN'", [id])).toBeGreaterThan(0);
      const enterprise = withTag('ALL_SECTORS').id;
      expect(await count('market', 'registrations where subject_id = ? and legal_representative_id = ?', [enterprise, id])).toBe(1);
      // Art. 39: a pending objection to one of those cases, on the platform and flagged by the courts.
      const [objection] = await rows<{ id: string; record_ref: string }>(db(reference, 'objections'), "select id, record_ref from objections where subject_id = ? and outcome = 'PENDING'", [id]);
      const caseId = /^courts:EnforcementCase:(\d+)$/.exec(objection!.record_ref)![1];
      expect(await count('courts', 'enforcement_cases where id = ? and subject_id = ?', [caseId, id])).toBe(1);
      expect(await count('courts', "objection_flags where objection_id = ? and record_type = 'EnforcementCase' and record_id = ? and outcome = 'PENDING'", [objection!.id, caseId])).toBe(1);
    },
    GOVERNMENT_OVERDUE: async (id) => {
      const enterprise = withTag('ALL_SECTORS').id;
      const overdue = "status = 'OVERDUE' and paid_amount < amount and due_on < ?";
      expect(await count('finance', `government_contracts where agency_id = ? and enterprise_id = ? and ${overdue}`, [id, enterprise, AS_OF])).toBe(1);
    },
    REPAIRED: async (id) => {
      expect(await count('market', 'administrative_penalties where subject_id = ? and repaired_at is not null and disclosure_until >= ?', [id, AS_OF])).toBe(1);
      expect(
        await count('platform', "dishonesty_records where subject_id = ? and status = 'REPAIRED' and repaired_at is not null and disclosure_until >= ?", [id, AS_OF]),
      ).toBe(1);
    },
    DISCLOSURE_EXPIRED: async (id) => {
      expect(await count('market', 'administrative_penalties where subject_id = ? and disclosure_until < ?', [id, AS_OF])).toBe(1);
      expect(await count('platform', 'dishonesty_records where subject_id = ? and disclosure_until < ?', [id, AS_OF])).toBe(1);
    },
    SERIOUS_LISTED: async (id) => {
      const published =
        "status = 'PUBLISHED' and disclosure_until >= ? and decision_document_number is not null and cardinality(punishment_measures) > 0 and removal_conditions is not null and remedies is not null";
      expect(await count('platform', `serious_dishonesty_listings where subject_id = ? and ${published}`, [id, AS_OF])).toBe(1);
      expect(await count('platform', "dishonesty_records where subject_id = ? and severity = 'SERIOUS'", [id])).toBeGreaterThan(0);
      // Art. 37: the listed company's key persons are recorded too.
      const [registration] = await reference.dbs.market('registrations').where({ subject_id: id }).select('legal_representative_id');
      expect(await count('platform', 'dishonesty_records where subject_id = ? and legal_basis like ?', [registration!.legal_representative_id, '%第三十七条%'])).toBe(1);
    },
    CLEAN: async (id) => {
      expect(await count('market', "registrations where subject_id = ? and status = 'ACTIVE'", [id])).toBe(1);
      expect(await count('social-security', "insurance_registrations where subject_id = ? and status = 'NORMAL'", [id])).toBe(1);
      expect(await count('platform', 'incentive_listings where subject_id = ?', [id])).toBe(1);
      expect(await count('platform', 'commitments where subject_id = ?', [id])).toBeGreaterThan(0);
      const negatives: Array<[SubgraphName, string]> = [
        ['market', 'administrative_penalties where subject_id = ?'],
        ['market', 'abnormal_operations where subject_id = ?'],
        ['courts', "judgment_parties where subject_id = ? and role in ('DEFENDANT', 'RESPONDENT')"],
        ['courts', 'enforcement_cases where subject_id = ?'],
        ['courts', 'dishonest_judgment_debtors where subject_id = ?'],
        ['social-security', 'insurance_arrears where subject_id = ?'],
        ['social-security', 'wage_arrears_cases where subject_id = ?'],
        ['finance', 'procurement_records where subject_id = ? and bad_conduct is not null'],
        ['platform', 'dishonesty_records where subject_id = ?'],
        ['platform', 'serious_dishonesty_listings where subject_id = ?'],
      ];
      for (const [database, where] of negatives) expect(await count(database, where, [id]), where).toBe(0);
    },
  };

  for (const entry of showcase) {
    for (const tag of entry.tags) {
      it(`${tag}: ${entry.name}`, async () => {
        const check = checks[tag as keyof typeof checks];
        expect(check, `a check for showcase tag ${tag}`).toBeDefined();
        await check(entry.id);
      });
    }
  }
});

describe('dishonesty records (Art. 33-34)', () => {
  it('rest on a basis document that exists in the owning sector, issued against the subject or a listed organisation it runs (Art. 37)', async () => {
    const records = await rows<{ subject_id: string; basis_kind: string; basis_document_number: string; basis_sector: string; owning_sector: string; legal_basis: string }>(
      reference.dbs.platform,
      'select subject_id, basis_kind, basis_document_number, basis_sector, owning_sector, legal_basis from dishonesty_records',
    );
    expect(records.length).toBeGreaterThan(20);
    const judgments = await rows<{ document_number: string; kind: string; debtor: string }>(
      reference.dbs.courts,
      "select j.document_number, j.kind, p.subject_id as debtor from judgments j join judgment_parties p on p.judgment_id = j.id and p.role in ('DEFENDANT', 'RESPONDENT')",
    );
    const penalties = await rows<{ decision_number: string; subject_id: string }>(reference.dbs.market, 'select decision_number, subject_id from administrative_penalties');
    const keyPersons = await rows<{ subject_id: string; person: string }>(
      reference.dbs.market,
      `select subject_id, unnest(array[legal_representative_id, principal_id, actual_controller_id]) as person from registrations`,
    );
    const judgmentBy = new Map(judgments.map((row) => [row.document_number, row]));
    const penaltyBy = new Map(penalties.map((row) => [row.decision_number, row]));
    const runs = new Set(keyPersons.map((row) => `${row.person}|${row.subject_id}`));
    for (const record of records) {
      expect(record.owning_sector).toBe(record.basis_sector);
      let issuedAgainst: string;
      if (record.basis_sector === 'COURTS') {
        const judgment = judgmentBy.get(record.basis_document_number);
        expect(judgment, record.basis_document_number).toBeDefined();
        expect(record.basis_kind).toBe(judgment!.kind === 'ARBITRAL_AWARD' ? 'ARBITRAL_AWARD' : 'JUDICIAL_RULING');
        issuedAgainst = judgment!.debtor;
      } else {
        expect(record.basis_sector).toBe('MARKET');
        const penalty = penaltyBy.get(record.basis_document_number);
        expect(penalty, record.basis_document_number).toBeDefined();
        expect(record.basis_kind).toBe('ADMINISTRATIVE_PENALTY');
        issuedAgainst = penalty!.subject_id;
      }
      if (record.subject_id !== issuedAgainst) {
        expect(record.legal_basis).toContain('第三十七条');
        expect(runs.has(`${record.subject_id}|${issuedAgainst}`), `${record.subject_id} runs ${issuedAgainst}`).toBe(true);
      }
    }
  });

  it('carry the full notice, and a disclosure period that fits their severity tier', async () => {
    const [bad] = await rows<{ n: number }>(
      reference.dbs.platform,
      `select count(*)::int as n from dishonesty_records where
         '' in (notice_nature, notice_reason, notice_basis, notice_removal_conditions, notice_remedies)
         or notice_served_at::date < decided_on
         or (severity = 'SERIOUS' and notice_lifting_conditions is null)
         or (severity = 'MINOR' and disclosure_until > decided_on + interval '3 months')
         or (severity = 'GENERAL' and (disclosure_until <= decided_on + interval '3 months' or disclosure_until > decided_on + interval '1 year'))
         or (severity = 'SERIOUS' and (disclosure_until < decided_on + interval '1 year' or disclosure_until > decided_on + interval '3 years'))
         or (status = 'REPAIRED') <> (repaired_at is not null)
         or (status = 'REMOVED') <> (removed_at is not null)`,
    );
    expect(bad!.n).toBe(0);
  });

  it('are mostly within their disclosure period, some already past it', async () => {
    const [row] = await rows<{ within: number; past: number }>(
      reference.dbs.market,
      'select count(*) filter (where disclosure_until >= ?)::int as within, count(*) filter (where disclosure_until < ?)::int as past from administrative_penalties',
      [AS_OF, AS_OF],
    );
    expect(row!.within).toBeGreaterThan(row!.past);
    expect(row!.past).toBeGreaterThan(0);
  });
});

describe('references between records', () => {
  it('point at existing subjects of the right kind', async () => {
    const kinds = await subjectKinds(reference);
    const organisation = ['LEGAL_PERSON', 'UNINCORPORATED_ORG'];
    const expectations: Array<[TableName, string, string[] | null]> = [
      ['registrations', 'subject_id', organisation],
      ['registrations', 'legal_representative_id', ['NATURAL_PERSON']],
      ['registrations', 'principal_id', ['NATURAL_PERSON']],
      ['registrations', 'actual_controller_id', ['NATURAL_PERSON']],
      ['administrative_penalties', 'subject_id', organisation],
      ['abnormal_operations', 'subject_id', organisation],
      ['judgment_parties', 'subject_id', null],
      ['enforcement_cases', 'subject_id', null],
      ['dishonest_judgment_debtors', 'subject_id', null],
      ['consumption_restrictions', 'subject_id', null],
      ['insurance_registrations', 'subject_id', null],
      ['insurance_arrears', 'subject_id', null],
      ['wage_arrears_cases', 'subject_id', organisation],
      ['procurement_records', 'subject_id', organisation],
      ['procurement_records', 'purchaser_id', ['GOVERNMENT_AGENCY']],
      ['subsidies', 'subject_id', organisation],
      ['government_contracts', 'agency_id', ['GOVERNMENT_AGENCY']],
      ['government_contracts', 'enterprise_id', organisation],
      ['financial_credit_summaries', 'subject_id', organisation],
    ];
    for (const [table, column, allowed] of expectations) {
      const values = await rows<{ value: string }>(db(reference, table), `select distinct ${column} as value from ${table} where ${column} is not null`);
      expect(values.length, `${table}.${column} has values`).toBeGreaterThan(0);
      for (const { value } of values) {
        const kind = kinds.get(value);
        expect(kind, `${table}.${column} = ${value} is a subject`).toBeDefined();
        if (allowed) expect(allowed, `${table}.${column} = ${value}`).toContain(kind);
      }
    }
  });

  it('register every enterprise and organisation with market regulation, with a legal representative or principal', async () => {
    const kinds = await subjectKinds(reference);
    const registered = await rows<{ subject_id: string; legal_representative_id: string | null; principal_id: string | null }>(
      reference.dbs.market,
      'select subject_id, legal_representative_id, principal_id from registrations',
    );
    const organisations = [...kinds].filter(([, kind]) => kind === 'LEGAL_PERSON' || kind === 'UNINCORPORATED_ORG').map(([id]) => id);
    expect(registered.map((row) => row.subject_id).sort()).toEqual(organisations.sort());
    for (const row of registered) expect(row.legal_representative_id ?? row.principal_id, row.subject_id).not.toBeNull();
  });

  it('keep enforcement and contract amounts consistent with their status', async () => {
    const [courts] = await rows<{ n: number }>(
      reference.dbs.courts,
      `select count(*)::int as n from enforcement_cases e join judgments j on j.id = e.judgment_id
       where e.amount_performed > e.amount_due or e.amount_due < j.amount
          or (e.status = 'CLOSED_PERFORMED' and e.amount_performed <> e.amount_due)
          or (e.status = 'OPEN') <> (e.closed_on is null)
          or e.subject_id not in (select subject_id from judgment_parties p where p.judgment_id = j.id and p.role in ('DEFENDANT', 'RESPONDENT'))`,
    );
    expect(courts!.n).toBe(0);
    const [finance] = await rows<{ n: number }>(
      reference.dbs.finance,
      `select count(*)::int as n from government_contracts where
         (status = 'OVERDUE' and not (paid_amount < amount and due_on < ?))
         or (status = 'COMPLETED' and paid_amount <> amount)
         or (status = 'PERFORMING' and due_on < ?)`,
      [AS_OF, AS_OF],
    );
    expect(finance!.n).toBe(0);
    const [nonPublic] = await rows<{ n: number }>(reference.dbs.finance, "select count(*)::int as n from financial_credit_summaries where info_class <> 'NON_PUBLIC'");
    expect(nonPublic!.n).toBe(0);
  });
});

describe('refusals and reset', () => {
  it('refuses databases that already hold data', async () => {
    expect(await isSeeded(reference.dbs)).toBe(true);
    await expect(seedDemoData(reference.dbs, { subjects: 10, asOf: AS_OF })).rejects.toMatchObject({ code: 'NOT_EMPTY' });
  });

  it('refuses bad options, naming each problem', async () => {
    const attempt = seedDemoData(reference.dbs, { subjects: -1, seed: 2 ** 40, asOf: '2025-02-30' });
    await expect(attempt).rejects.toBeInstanceOf(SeedError);
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_OPTION', message: expect.stringMatching(/subjects.*seed.*asOf/s) });
  });

  it('resets to empty databases that can be seeded again', async () => {
    await resetDemoData(otherSeed.dbs);
    expect(await isSeeded(otherSeed.dbs)).toBe(false);
    for (const table of TABLE_NAMES) expect((await digest(otherSeed, table)).n, table).toBe(0);
    // The catalogues of Art. 30-32 are reference data from the migrations, not demo data.
    const [measures] = await otherSeed.dbs.platform('punishment_measures').count({ n: '*' });
    expect(Number(measures!.n)).toBeGreaterThan(0);
    const again = await seedDemoData(otherSeed.dbs, { subjects: 0, asOf: AS_OF });
    expect(again.registered).toBe(readShowcase().length);
  });
});

describe('command-line arguments', () => {
  it('accepts the documented options', () => {
    expect(parseSeedArgs(['--subjects', '100000', '--seed', '7', '--as-of', '2025-06-30', '--reset'])).toEqual({
      ok: true,
      args: { subjects: 100_000, seed: 7, asOf: '2025-06-30', reset: true, help: false },
    });
  });

  it.each([
    [['--subjects', 'many']],
    [['--subjects', '-5']],
    [['--seed', '1.5']],
    [['--as-of', '2025-13-01']],
    [['--colour']],
    [['extra']],
  ])('rejects %j', (argv) => {
    expect(parseSeedArgs(argv).ok).toBe(false);
  });
});
