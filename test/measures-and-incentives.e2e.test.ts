/**
 * Measures and incentives that hold when someone tries to bend them (issue #15):
 * - a measure rests only on a record whose tier reaches the measure's minimum tier (Art. 32,
 *   35), whose notice gives lifting conditions (Art. 34), and on a listing only if its
 *   decision names the measure (Art. 36);
 * - an incentive is granted only where its criterion's checks hold against the records
 *   they speak of (Art. 30), and ends when its subject stops meeting it;
 * - the government integrity report carries each body's dishonesty records in force (Art. 14).
 * Every refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { catalogue } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

const FINANCE: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };
const APPLY = `mutation($input: ApplyMeasureInput!) { applyPunishmentMeasure(input: $input) { id measureCode } }`;
const GRANT = `mutation($input: GrantIncentiveInput!) { grantIncentive(input: $input) { id criterionCode } }`;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('measures_incentives', { subjects: 400 });
}, 180_000);
afterAll(async () => t?.stop());

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const count = async (table: string) => Number((await t.databases.dbs.platform(table).count<{ n: string }[]>('* as n'))[0]!.n);
const as = (claims: CallerClaims, purpose: string) => t.headersFor(claims, purpose);

/** A dishonesty record in force of the given tier, its subject with nothing else in force. */
async function recordInForce(severity: string) {
  const row = await t.databases.dbs.platform('dishonesty_records')
    .where({ severity, status: 'ACTIVE' })
    .where('disclosure_until', '>=', today())
    .orderBy('id')
    .first('id', 'subject_id as subjectId');
  expect(row, `a ${severity} record in force in the demo data`).toBeDefined();
  return row as { id: string; subjectId: string };
}

describe('punishment measures (Art. 32, 34, 35, 36)', () => {
  it('keeps the catalogue as reviewed data: the tables follow migrations/catalogue.json', async () => {
    const measures = await t.databases.dbs.platform('punishment_measures').select('code', 'severity', 'sector').orderBy('code');
    expect(measures).toEqual(
      catalogue().punishmentMeasures.map((m) => ({ code: m.code, severity: m.minimumTier, sector: m.sector })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    const criteria = await t.databases.dbs.platform('incentive_criteria').select('code', 'checks');
    for (const criterion of catalogue().incentiveCriteria) expect(criteria.find((row) => row.code === criterion.code)?.checks).toEqual(criterion.checks);
    // The demo data's listings name catalogue codes, so their decisions can be checked.
    const named = await t.databases.dbs.platform.raw(`select distinct unnest(punishment_measures) as code from serious_dishonesty_listings`);
    for (const { code } of named.rows) expect(catalogue().punishmentMeasures.map((m) => m.code)).toContain(code);
  });

  it('refuses a SERIOUS-tier measure on a GENERAL record, and applies a GENERAL one', async () => {
    const record = await recordInForce('GENERAL');
    await t.databases.dbs.platform('dishonesty_records').where('id', record.id).update({ notice_lifting_conditions: '履行全部义务后申请解除' });
    const before = await count('applied_measures');
    const serious = await t.query(APPLY, { input: { subjectId: record.subjectId, measureCode: 'RESTRICT_PROCUREMENT', dishonestyRecordId: record.id } }, await as(FINANCE, 'JOINT_PUNISHMENT'));
    expect(serious.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 32', rule: 'MEASURE_ABOVE_TIER', minimumTier: 'SERIOUS', tier: 'GENERAL' });
    expect(await count('applied_measures')).toBe(before);
    const general = await t.query(APPLY, { input: { subjectId: record.subjectId, measureCode: 'RESTRICT_SUBSIDIES', dishonestyRecordId: record.id } }, await as(FINANCE, 'JOINT_PUNISHMENT'));
    expect(general.errors).toBeUndefined();
    expect(general.data!.applyPunishmentMeasure.measureCode).toBe('RESTRICT_SUBSIDIES');
  });

  it('refuses any measure on a record whose notice gives no conditions for lifting it (Art. 34)', async () => {
    const record = await recordInForce('SERIOUS');
    await t.databases.dbs.platform('dishonesty_records').where('id', record.id).update({ notice_lifting_conditions: null });
    const before = await count('applied_measures');
    const refused = await t.query(APPLY, { input: { subjectId: record.subjectId, measureCode: 'RESTRICT_PROCUREMENT', dishonestyRecordId: record.id } }, await as(FINANCE, 'JOINT_PUNISHMENT'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 34', rule: 'MEASURE_WITHOUT_LIFTING_CONDITIONS' });
    expect(await count('applied_measures')).toBe(before);
  });

  it('applies on a listing only the measures its decision names (Art. 36)', async () => {
    const listing = await t.databases.dbs.platform('serious_dishonesty_listings').where('status', 'PUBLISHED').orderBy('id').first('id', 'subject_id as subjectId');
    await t.databases.dbs.platform('serious_dishonesty_listings').where('id', listing.id).update({ punishment_measures: ['RESTRICT_PROCUREMENT'] });
    const before = await count('applied_measures');
    const undecided = await t.query(APPLY, { input: { subjectId: listing.subjectId, measureCode: 'RESTRICT_SUBSIDIES', listingId: listing.id } }, await as(FINANCE, 'JOINT_PUNISHMENT'));
    expect(undecided.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 36', rule: 'MEASURE_NOT_DECIDED' });
    expect(await count('applied_measures')).toBe(before);
    const decided = await t.query(APPLY, { input: { subjectId: listing.subjectId, measureCode: 'RESTRICT_PROCUREMENT', listingId: listing.id } }, await as(FINANCE, 'JOINT_PUNISHMENT'));
    expect(decided.errors).toBeUndefined();
  });
});

/** An organisation with no dishonesty record, listing or incentive: the first or the last by id, so two tests never share one. */
const cleanOrganisation = (which: 'first' | 'last') =>
  t.databases.dbs.platform('subjects as s')
    .where('s.kind', 'LEGAL_PERSON')
    .whereNotExists((q) => q.from('dishonesty_records as d').whereRaw('d.subject_id = s.id'))
    .whereNotExists((q) => q.from('serious_dishonesty_listings as l').whereRaw('l.subject_id = s.id'))
    .whereNotExists((q) => q.from('incentive_listings as i').whereRaw('i.subject_id = s.id'))
    .orderBy('s.id', which === 'first' ? 'asc' : 'desc')
    .first('s.id');

describe('incentives follow their criteria (Art. 30)', () => {
  /** An organisation whose only dishonesty record is repaired, decided this year: not in force, but within five years. */
  async function repairedThisYear() {
    const row = await t.databases.dbs.platform('dishonesty_records as d')
      .join('subjects as s', 's.id', 'd.subject_id')
      .where('s.kind', 'LEGAL_PERSON')
      .whereRaw(`(select count(*) from dishonesty_records o where o.subject_id = d.subject_id) = 1`)
      .whereNotExists((q) => q.from('serious_dishonesty_listings as l').whereRaw('l.subject_id = d.subject_id'))
      .orderBy('d.id')
      .first('d.id', 'd.subject_id as subjectId');
    await t.databases.dbs.platform('dishonesty_records').where('id', row.id).update({ status: 'REPAIRED', decided_on: today() });
    return row as { id: string; subjectId: string };
  }

  it('refuses "five years without dishonesty" to a subject with a record decided this year, though repaired', async () => {
    const { subjectId, id } = await repairedThisYear();
    const before = await count('incentive_listings');
    const refused = await t.query(GRANT, { input: { subjectId, criterionCode: 'NO_DISHONESTY_5Y', decisionDocumentNumber: '内信激〔2026〕11号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 30', rule: 'CRITERION_NOT_MET', check: 'NO_DISHONESTY_RECORD' });
    expect(refused.errors![0]!.message).toContain(String(id));
    expect(await count('incentive_listings')).toBe(before);
  });

  it('refuses it to a subject whose listing was removed the same year, and a person\'s criterion to an organisation', async () => {
    const clean = await cleanOrganisation('last');
    const template = await t.databases.dbs.platform('serious_dishonesty_listings').orderBy('id').first();
    const { id: _id, ...listing } = template;
    await t.databases.dbs.platform('serious_dishonesty_listings').insert({ ...listing, subject_id: clean.id, status: 'REMOVED', decided_on: today(), removed_on: today() });
    const refused = await t.query(GRANT, { input: { subjectId: clean.id, criterionCode: 'NO_DISHONESTY_5Y', decisionDocumentNumber: '内信激〔2026〕12号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', rule: 'CRITERION_NOT_MET', check: 'NO_SERIOUS_LISTING' });
    const person = await t.query(GRANT, { input: { subjectId: clean.id, criterionCode: 'VOLUNTEER_STAR', decisionDocumentNumber: '内信激〔2026〕13号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(person.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', rule: 'CRITERION_NOT_FOR_SUBJECT' });
  });

  it('ends an incentive when its subject gets a dishonesty record, so no incentive measure applies on it', async () => {
    const clean = await cleanOrganisation('first');
    const granted = await t.query(GRANT, { input: { subjectId: clean.id, criterionCode: 'NO_DISHONESTY_5Y', decisionDocumentNumber: '内信激〔2026〕14号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(granted.errors).toBeUndefined();
    // A dishonesty record arrives for it, by whichever step.
    const { id: _id, ...template } = await t.databases.dbs.platform('dishonesty_records').orderBy('id').first();
    await t.databases.dbs.platform('dishonesty_records').insert({ ...template, subject_id: clean.id, basis_document_number: `${template.basis_document_number}-test`, decided_on: today() });
    const ended = await t.databases.dbs.platform('incentive_listings').where('id', granted.data!.grantIncentive.id).first('ended_on', 'end_reason');
    expect(ended.ended_on).toBeTruthy();
    expect(ended.end_reason).toContain('第三十条');
    const applied = await t.query(
      `mutation($input: ApplyIncentiveInput!) { applyIncentiveMeasure(input: $input) { measureCode } }`,
      { input: { subjectId: clean.id, measureCode: 'PROCUREMENT_BONUS', incentiveListingId: granted.data!.grantIncentive.id } },
      await as(FINANCE, 'INCENTIVE_REVIEW'),
    );
    expect(applied.errors?.[0]?.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 31' });
    // And it leaves public view.
    const shown = await t.query(`query($id: ID!) { subject(id: $id) { incentiveListings { id } } }`, { id: clean.id });
    expect(shown.data!.subject.incentiveListings ?? []).toEqual([]);
  });
});

describe('government integrity (Art. 12-14)', () => {
  it('gives with what a body owes its government dishonesty records in force, and not those past their period', async () => {
    const body = showcaseWith('GOVERNMENT_OVERDUE');
    const { id: _id, ...template } = await t.databases.dbs.platform('dishonesty_records').where('status', 'ACTIVE').orderBy('id').first();
    const [inForce] = await t.databases.dbs.platform('dishonesty_records')
      .insert({ ...template, subject_id: body.id, basis_document_number: `${template.basis_document_number}-gov`, decided_on: today(), disclosure_until: '2099-12-31' })
      .returning('id');
    await t.databases.dbs.platform('dishonesty_records')
      .insert({ ...template, subject_id: body.id, basis_document_number: `${template.basis_document_number}-gov-old`, decided_on: '2020-01-01', disclosure_until: '2021-01-01' });
    const QUERY = `{ governmentIntegrity(first: 200) { id overdueAmount agency { name } openDishonestyRecords { id disclosureUntil } } }`;
    for (const headers of [{}, await as(OPERATOR, 'REGULATORY_SUPERVISION')]) {
      const response = await t.query(QUERY, {}, headers);
      expect(response.errors).toBeUndefined();
      const row = response.data!.governmentIntegrity.find((entry: { id: string }) => entry.id === body.id);
      expect(row.agency.name).toBe(body.name);
      expect(Number(row.overdueAmount)).toBeGreaterThan(0);
      expect(row.openDishonestyRecords.map((record: { id: string }) => record.id)).toContain(String(inForce.id));
      for (const record of row.openDishonestyRecords) expect(record.disclosureUntil >= today()).toBe(true);
    }
  });
});
