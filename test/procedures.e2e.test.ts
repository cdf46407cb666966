/**
 * The regulation's procedures through the gateway (Art. 32-37): each happy path, each
 * forbidden shortcut, the Art. 37 linkage, and two operators deciding at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type GraphQLResponse, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('procedures');
});
afterAll(async () => t?.stop());

const COURTS: CallerClaims = { sub: '11150000MB0000000C', role: 'SECTOR_AGENCY', sector: 'COURTS' };
const MARKET: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
const FINANCE: CallerClaims = { sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' };
const OPERATOR: CallerClaims = { sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };
const OPERATOR_2: CallerClaims = { sub: '12150000MB0000001P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' };

const as = (claims: CallerClaims, purpose = 'JOINT_PUNISHMENT') => t.headersFor(claims, purpose);
const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

const NOTICE = {
  nature: '一般失信行为：拒不履行生效判决确定的给付义务',
  reason: '经人民法院认定，被执行人有履行能力而拒不履行',
  removalConditions: '履行全部义务后申请移出；公示期满自动移出',
  remedies: '可依《内蒙古自治区社会信用条例》第三十九条提出异议，或依法申请复议、提起诉讼',
};

const RECORD = `mutation($input: RecordDishonestyInput!) { recordDishonesty(input: $input) {
  id severity owningSector decidedOn disclosureUntil basis { kind documentNumber sector } notice { nature remedies servedAt } } }`;

async function judgmentOf(kind = 'JUDGMENT') {
  const row = await t.databases.dbs.courts('judgments as j')
    .join('judgment_parties as p', 'p.judgment_id', 'j.id')
    .where('j.kind', kind)
    .where('p.role', 'DEFENDANT')
    .first('j.document_number as documentNumber', 'j.effective_on as effectiveOn', 'p.subject_id as subjectId');
  return row as { documentNumber: string; effectiveOn: string; subjectId: string };
}

describe('dishonesty records (Art. 33-34)', () => {
  it('records an act on an effective judgment, with the notice, disclosed for the tier', async () => {
    const judgment = await judgmentOf();
    const response = await t.query(
      RECORD,
      {
        input: {
          subjectId: judgment.subjectId,
          summary: '拒不履行生效判决',
          severity: 'GENERAL',
          basisKind: 'JUDICIAL_RULING',
          basisDocumentNumber: judgment.documentNumber,
          legalBasis: '《中华人民共和国民事诉讼法》第二百六十四条',
          notice: NOTICE,
        },
      },
      await as(COURTS),
    );
    expect(response.errors).toBeUndefined();
    const record = response.data!.recordDishonesty;
    expect(record).toMatchObject({ severity: 'GENERAL', owningSector: 'COURTS', decidedOn: judgment.effectiveOn, basis: { kind: 'JUDICIAL_RULING', documentNumber: judgment.documentNumber, sector: 'COURTS' } });
    const until = new Date(`${judgment.effectiveOn}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + 12);
    expect(record.disclosureUntil).toBe(until.toISOString().slice(0, 10));
    expect(record.notice).toMatchObject({ nature: NOTICE.nature, remedies: NOTICE.remedies });
  });

  it.each([
    ['a document that does not exist', { basisDocumentNumber: '（2099）内01民初99999号' }, 'PROCEDURE_VIOLATION', 'Art. 33'],
    ['an arbitral award that is a judgment', { basisKind: 'ARBITRAL_AWARD' }, 'PROCEDURE_VIOLATION', 'Art. 33'],
    ['no remedies in the notice', { notice: { ...NOTICE, remedies: ' ' } }, 'PROCEDURE_VIOLATION', 'Art. 34'],
    ['a disclosure period outside the tier', { disclosureMonths: 24 }, 'BAD_USER_INPUT', undefined],
    ['another law without naming it', { basisKind: 'OTHER_LEGAL_DOCUMENT', legalBasis: 'some rule' }, 'PROCEDURE_VIOLATION', 'Art. 33'],
  ])('refuses %s, writing nothing', async (_label, change, code, article) => {
    const judgment = await judgmentOf();
    const before = await t.databases.dbs.platform('dishonesty_records').count({ n: '*' });
    const input = {
      subjectId: judgment.subjectId,
      summary: '拒不履行生效判决',
      severity: 'GENERAL',
      basisKind: 'JUDICIAL_RULING',
      basisDocumentNumber: judgment.documentNumber,
      legalBasis: '《中华人民共和国民事诉讼法》第二百六十四条',
      notice: NOTICE,
      ...change,
    };
    const response = await t.query(RECORD, { input }, await as(COURTS));
    expect(response.data?.recordDishonesty ?? null).toBeNull();
    expect(codeOf(response)).toBe(code);
    if (article) expect(response.errors![0]!.extensions!.article).toBe(article);
    expect(await t.databases.dbs.platform('dishonesty_records').count({ n: '*' })).toEqual(before);
  });

  it('refuses a document that does not concern the subject, and another sector recording it', async () => {
    const judgment = await judgmentOf();
    const input = {
      subjectId: showcaseWith('CLEAN').id,
      summary: '拒不履行生效判决',
      severity: 'MINOR',
      basisKind: 'JUDICIAL_RULING',
      basisDocumentNumber: judgment.documentNumber,
      legalBasis: '《中华人民共和国民事诉讼法》',
      notice: NOTICE,
    };
    const notTheirs = await t.query(RECORD, { input }, await as(COURTS));
    expect(notTheirs.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 33' });
    const otherSector = await t.query(RECORD, { input: { ...input, subjectId: judgment.subjectId } }, await as(MARKET));
    expect(otherSector.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 6' });
    const publicCaller = await t.query(RECORD, { input });
    expect(codeOf(publicCaller)).toBe('FORBIDDEN');
  });
});

const LISTING_FIELDS = `id status decisionDocumentNumber punishmentMeasures decidedOn publishedOn disclosureUntil
  steps { fromStatus toStatus actorSub actorRole documentNumber } keyPersons { role person { id } } objection { statement answer answerDueOn }`;

async function propose(subjectId: string) {
  const response = await t.query(
    `mutation($input: ProposeListingInput!) { proposeSeriousListing(input: $input) { ${LISTING_FIELDS} } }`,
    { input: { subjectId, category: 'MARKET_ORDER', legalBasis: '《中华人民共和国反不正当竞争法》第二十条；《条例》第三十五条第（二）项', cause: '串通投标，严重破坏公平竞争秩序' } },
    await as(MARKET),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.proposeSeriousListing;
}

const notify = async (id: string) =>
  t.query(
    `mutation($id: ID!, $input: ListingNoticeInput!) { notifySeriousListing(id: $id, input: $input) { ${LISTING_FIELDS} } }`,
    { id, input: { documentNumber: '内信告〔2026〕1号', cause: '串通投标', basis: '《条例》第三十五条', rights: '自收到告知之日起五个工作日内可陈述、申辩或提出异议' } },
    await as(MARKET),
  );

const DECISION = {
  documentNumber: '内信决〔2026〕1号',
  cause: '串通投标，严重破坏公平竞争秩序',
  basis: '《条例》第三十五条第（二）项',
  punishmentMeasures: ['RESTRICT_PROCUREMENT', 'KEY_SUPERVISION'],
  removalConditions: '公示期满三年且未再发生失信行为的，经申请移出；移出程序见《条例》第四十条',
  remedies: '可依法申请行政复议或者提起行政诉讼',
};

const decide = async (id: string, claims = OPERATOR, input: object = DECISION) =>
  t.query(`mutation($id: ID!, $input: ListingDecisionInput!) { decideSeriousListing(id: $id, input: $input) { ${LISTING_FIELDS} } }`, { id, input }, await as(claims));

const publish = async (id: string) =>
  t.query(`mutation($id: ID!) { publishSeriousListing(id: $id, documentNumber: "内信公〔2026〕1号") { ${LISTING_FIELDS} } }`, { id }, await as(OPERATOR));

describe('serious dishonesty list (Art. 35-37)', () => {
  it('goes proposal → notice → objection → answer → decision → publication, recording each step and the Art. 37 persons', async () => {
    const enterprise = showcaseWith('ALL_SECTORS');
    const listing = await propose(enterprise.id);
    expect(listing.status).toBe('PROPOSED');
    expect((await notify(listing.id)).data!.notifySeriousListing.status).toBe('NOTIFIED');

    const objected = await t.query(
      `mutation($id: ID!) { objectToSeriousListing(id: $id, statement: "投标文件系独立编制，不存在串通") { ${LISTING_FIELDS} } }`,
      { id: listing.id },
      await t.headersFor({ sub: enterprise.id, role: 'CREDIT_SUBJECT' }),
    );
    expect(objected.errors).toBeUndefined();
    expect(objected.data!.objectToSeriousListing.objection.answerDueOn > new Date().toISOString().slice(0, 10)).toBe(true);

    const answered = await t.query(
      `mutation($id: ID!) { answerListingObjection(id: $id, input: { documentNumber: "内信复〔2026〕1号", answer: "经核查，异议不成立" }) { status } }`,
      { id: listing.id },
      await as(OPERATOR, 'OBJECTION_HANDLING'),
    );
    expect(answered.data!.answerListingObjection.status).toBe('OBJECTION_ANSWERED');

    const decided = (await decide(listing.id)).data!.decideSeriousListing;
    expect(decided).toMatchObject({ status: 'DECIDED', decisionDocumentNumber: DECISION.documentNumber, punishmentMeasures: DECISION.punishmentMeasures });
    const registration = await t.databases.dbs.market('registrations').where('subject_id', enterprise.id).first();
    const expectedPersons = [
      ['LEGAL_REPRESENTATIVE', registration.legal_representative_id],
      ['PRINCIPAL', registration.principal_id],
      ['ACTUAL_CONTROLLER', registration.actual_controller_id],
    ].filter(([, id]) => id);
    expect(decided.keyPersons.map((person: any) => [person.role, person.person.id]).sort()).toEqual(expectedPersons.sort());

    const published = (await publish(listing.id)).data!.publishSeriousListing;
    expect(published.status).toBe('PUBLISHED');
    expect(published.steps.map((step: any) => step.toStatus)).toEqual(['PROPOSED', 'NOTIFIED', 'OBJECTED', 'OBJECTION_ANSWERED', 'DECIDED', 'PUBLISHED']);
    expect(published.steps[4]).toMatchObject({ actorSub: OPERATOR.sub, actorRole: 'PLATFORM_OPERATOR', documentNumber: DECISION.documentNumber });

    // Published: the public sees it (Art. 36: served and published).
    const seen = await t.query(`query($id: ID!) { subject(id: $id) { seriousDishonestyListings { id status } } }`, { id: enterprise.id });
    expect(seen.data!.subject.seriousDishonestyListings).toContainEqual({ id: listing.id, status: 'PUBLISHED' });
  });

  it('shows a listing to the public, other sectors, the report and the feed only once published; before, to its subject, proposer and the platform (Art. 36, 42)', async () => {
    const listed = await t.databases.dbs.platform('serious_dishonesty_listings').pluck('subject_id');
    const enterprise = await t.databases.dbs.platform('subjects').where('kind', 'LEGAL_PERSON').whereNotIn('id', listed).orderBy('id').offset(40).first('id');
    const LISTINGS = `query($id: ID!) { subject(id: $id) { seriousDishonestyListings { id status keyPersons { role } } creditReport { sections { entries { label } } } } }`;
    const FEED_PAGE = `query($after: String) { openDataFeed(after: $after, first: 500) { entries { recordType recordId } endCursor hasMore } }`;
    const feedHas = async (id: string) => {
      let after: string | null = null;
      for (;;) {
        const page: GraphQLResponse = await t.query(FEED_PAGE, { after }, await as(OPERATOR));
        const { entries, endCursor, hasMore } = page.data!.openDataFeed;
        if (entries.some((entry: any) => entry.recordType === 'SeriousDishonestyListing' && entry.recordId === id)) return true;
        if (!hasMore) return false;
        after = endCursor;
      }
    };
    const seenBy = async (headers?: Record<string, string>) => {
      const response = await t.query(LISTINGS, { id: enterprise.id }, headers);
      const subject = response.data!.subject;
      return {
        listing: subject.seriousDishonestyListings?.find((entry: any) => entry.id === listing.id) ?? null,
        inReport: JSON.stringify(subject.creditReport ?? null).includes('严重失信主体名单'),
      };
    };
    const self = await t.headersFor({ sub: enterprise.id, role: 'CREDIT_SUBJECT' });
    const listing = await propose(enterprise.id);
    await notify(listing.id);
    expect((await decide(listing.id)).errors).toBeUndefined();
    // Decided, not yet published: its subject, the proposing sector and the platform see it ...
    for (const headers of [self, await as(MARKET), await as(OPERATOR)]) expect((await seenBy(headers)).listing).toMatchObject({ status: 'DECIDED' });
    expect((await seenBy(self)).inReport).toBe(true);
    // ... the public, another sector, the report they get and the feed do not.
    expect(await seenBy()).toEqual({ listing: null, inReport: false });
    expect((await seenBy(await as(FINANCE))).listing).toBeNull();
    expect(await feedHas(listing.id)).toBe(false);

    expect((await publish(listing.id)).errors).toBeUndefined();
    const afterPublication = await seenBy();
    expect(afterPublication.listing).toMatchObject({ status: 'PUBLISHED' });
    expect(afterPublication.listing.keyPersons.length).toBeGreaterThan(0); // Art. 37 persons with it, now
    expect(afterPublication.inReport).toBe(true);
    expect((await seenBy(await as(FINANCE))).listing).toMatchObject({ status: 'PUBLISHED' });
    expect(await feedHas(listing.id)).toBe(true);
  });

  it.each([
    ['a decision before the notice', async (id: string) => decide(id)],
    ['a publication before the decision', async (id: string) => publish(id)],
  ])('refuses %s with PROCEDURE_VIOLATION naming Art. 36', async (_label, shortcut) => {
    const listing = await propose(showcaseWith('CLEAN').id);
    const response = await shortcut(listing.id);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 36', from: 'PROPOSED' });
    const [row] = await t.databases.dbs.platform('serious_dishonesty_listings').where('id', listing.id).select('status');
    expect(row.status).toBe('PROPOSED');
  });

  it('refuses a measure outside the catalogue (Art. 32) and a category outside Art. 35', async () => {
    const listing = await propose(showcaseWith('CLEAN').id);
    await notify(listing.id);
    const response = await decide(listing.id, OPERATOR, { ...DECISION, punishmentMeasures: ['PUBLIC_SHAMING'] });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 32', unknown: ['PUBLIC_SHAMING'] });
    const category = await t.query(
      `mutation { proposeSeriousListing(input: { subjectId: "${showcaseWith('CLEAN').id}", category: BAD_REPUTATION, legalBasis: "x", cause: "y" }) { id } }`,
      {},
      await as(MARKET),
    );
    expect(category.errors![0]!.message).toContain('BAD_REPUTATION');
    expect(category.data ?? null).toBeNull();
  });

  it('lets only an operator decide', async () => {
    const listing = await propose(showcaseWith('CLEAN').id);
    await notify(listing.id);
    const response = await decide(listing.id, MARKET as never);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_STEP_OWNER', article: 'Art. 36' });
  });

  it('lets exactly one of two operators deciding at once succeed, with nothing half-written', async () => {
    const listing = await propose(showcaseWith('REPAIRED').id);
    await notify(listing.id);
    const [first, second] = await Promise.all([decide(listing.id, OPERATOR), decide(listing.id, OPERATOR_2)]);
    const outcomes = [first, second].map((response) => (response.errors ? response.errors[0]!.extensions!.code : 'OK')).sort();
    expect(outcomes).toEqual(['OK', 'PROCEDURE_VIOLATION']);
    const steps = await t.databases.dbs.platform('listing_steps').where({ listing_id: listing.id, to_status: 'DECIDED' });
    expect(steps).toHaveLength(1);
    const persons = await t.databases.dbs.platform('listing_key_persons').where({ listing_id: listing.id });
    const registration = await t.databases.dbs.market('registrations').where('subject_id', showcaseWith('REPAIRED').id).first();
    expect(persons.length).toBe([registration?.legal_representative_id, registration?.principal_id, registration?.actual_controller_id].filter(Boolean).length);
  });
});

describe('punishment measures (Art. 32)', () => {
  const APPLY = `mutation($input: ApplyMeasureInput!) { applyPunishmentMeasure(input: $input) { id measureCode appliedBySector stoppedAt } }`;

  it('applies a catalogue measure on a published listing, refuses the rest, and stops it on removal', async () => {
    const subject = showcaseWith('GOVERNMENT_OVERDUE').id;
    const listing = await propose(subject);
    await notify(listing.id);
    await decide(listing.id);
    await publish(listing.id);

    const applied = await t.query(APPLY, { input: { subjectId: subject, measureCode: 'RESTRICT_PROCUREMENT', listingId: listing.id } }, await as(FINANCE));
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyPunishmentMeasure).toMatchObject({ measureCode: 'RESTRICT_PROCUREMENT', appliedBySector: 'FINANCE', stoppedAt: null });

    const outside = await t.query(APPLY, { input: { subjectId: subject, measureCode: 'PUBLIC_SHAMING', listingId: listing.id } }, await as(FINANCE));
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 32' });
    const notOwner = await t.query(APPLY, { input: { subjectId: subject, measureCode: 'RESTRICT_PROCUREMENT', listingId: listing.id } }, await as(MARKET));
    expect(notOwner.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 32' });
    const noRecord = await t.query(APPLY, { input: { subjectId: showcaseWith('CLEAN').id, measureCode: 'RESTRICT_PROCUREMENT', listingId: listing.id } }, await as(FINANCE));
    expect(noRecord.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION' });

    const removed = await t.query(
      `mutation($id: ID!) { removeSeriousListing(id: $id, input: { documentNumber: "内信移〔2026〕1号", reason: "已履行全部义务" }) { status appliedMeasures { measureCode stoppedAt } } }`,
      { id: listing.id },
      await as(OPERATOR),
    );
    expect(removed.data!.removeSeriousListing.status).toBe('REMOVED');
    expect(removed.data!.removeSeriousListing.appliedMeasures[0].stoppedAt).toBeTruthy();
  });

  it('lists the catalogue', async () => {
    const response = await t.query(`{ punishmentMeasures { code name legalBasis severity sector } }`);
    expect(response.data!.punishmentMeasures.map((measure: any) => measure.code)).toContain('RESTRICT_PROCUREMENT');
  });
});

describe('government integrity (Art. 12-14)', () => {
  const DEFAULT = `mutation($n: String!) { recordGovernmentDefault(contractNumber: $n) { id owningSector basis { kind documentNumber } notice { reason } } }`;

  it('turns a payment overdue past its term into one government dishonesty record of that body', async () => {
    const agency = showcaseWith('GOVERNMENT_OVERDUE');
    const contract = await t.databases.dbs.finance('government_contracts')
      .where('agency_id', agency.id)
      .whereRaw('due_on < current_date and amount > paid_amount')
      .first('contract_number');
    const first = await t.query(DEFAULT, { n: contract.contract_number }, await as(FINANCE));
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordGovernmentDefault).toMatchObject({ owningSector: 'FINANCE', basis: { kind: 'OTHER_LEGAL_DOCUMENT', documentNumber: contract.contract_number } });
    const again = await t.query(DEFAULT, { n: contract.contract_number }, await as(OPERATOR));
    expect(again.data!.recordGovernmentDefault.id).toBe(first.data!.recordGovernmentDefault.id);
    const seen = await t.query(`query($id: ID!) { subject(id: $id) { dishonestyRecords { id } } }`, { id: agency.id });
    expect(seen.data!.subject.dishonestyRecords.map((record: { id: string }) => record.id)).toContain(first.data!.recordGovernmentDefault.id);
  });

  it('refuses a contract with nothing overdue, and a sector that does not own it', async () => {
    const paid = await t.databases.dbs.finance('government_contracts').whereRaw('paid_amount >= amount or due_on >= current_date').first('contract_number');
    const response = await t.query(DEFAULT, { n: paid.contract_number }, await as(FINANCE));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 12' });
    const market = await t.query(DEFAULT, { n: paid.contract_number }, await as(MARKET));
    expect(market.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 13' });
  });

  it('summarises what each government body of a division owes (Art. 14)', async () => {
    const agency = showcaseWith('GOVERNMENT_OVERDUE');
    const response = await t.query(`{ governmentIntegrity(region: "150200") { agency { id name } region contracts overdueContracts overdueAmount } }`);
    expect(response.errors).toBeUndefined();
    const row = response.data!.governmentIntegrity.find((entry: any) => entry.agency.id === agency.id);
    const [expected] = await t.databases.dbs.finance('government_contracts')
      .where('agency_id', agency.id)
      .select(t.databases.dbs.finance.raw('coalesce(sum(amount - paid_amount) filter (where due_on < current_date and amount > paid_amount), 0) as overdue'));
    expect(row).toMatchObject({ region: '150200', agency: { name: agency.name } });
    expect(Number(row.overdueAmount)).toBeCloseTo(Number(expected.overdue), 2);
    expect(response.data!.governmentIntegrity.every((entry: any) => entry.region === '150200')).toBe(true);
    const bad = await t.query(`{ governmentIntegrity(region: "110000") { region } }`);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'region' });
  });
});

describe('trustworthiness incentives (Art. 30-31)', () => {
  const GRANT = `mutation($input: GrantIncentiveInput!) { grantIncentive(input: $input) { id criterionCode publishedOn validUntil } }`;

  it('lists a clean subject under a published criterion, published at once', async () => {
    // A subject no other test here proposes for listing.
    const clean = await t.databases.dbs.platform('subjects as s')
      .where('s.kind', 'LEGAL_PERSON')
      .whereNotExists((q) => q.from('dishonesty_records as d').whereRaw('d.subject_id = s.id'))
      .whereNotExists((q) => q.from('serious_dishonesty_listings as l').whereRaw('l.subject_id = s.id'))
      .orderBy('s.id')
      .first('s.id');
    const response = await t.query(GRANT, { input: { subjectId: clean.id, criterionCode: 'CONTRACT_KEEPING', decisionDocumentNumber: '内信激〔2026〕1号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(response.errors).toBeUndefined();
    expect(response.data!.grantIncentive).toMatchObject({ criterionCode: 'CONTRACT_KEEPING', publishedOn: expect.any(String) });
    const criteria = await t.query(`{ incentiveCriteria { code publishedOn } incentiveMeasures { code sector } }`);
    expect(criteria.data!.incentiveCriteria.map((entry: any) => entry.code)).toContain('CONTRACT_KEEPING');

    // Art. 31: sectors apply their own incentive measures on it, within their powers.
    const APPLY = `mutation($input: ApplyIncentiveInput!) { applyIncentiveMeasure(input: $input) { measureCode appliedBySector } }`;
    const input = { subjectId: clean.id, measureCode: 'PROCUREMENT_BONUS', incentiveListingId: response.data!.grantIncentive.id };
    const applied = await t.query(APPLY, { input }, await as(FINANCE, 'INCENTIVE_REVIEW'));
    expect(applied.data!.applyIncentiveMeasure).toEqual({ measureCode: 'PROCUREMENT_BONUS', appliedBySector: 'FINANCE' });
    const notTheirs = await t.query(APPLY, { input }, await as(MARKET, 'INCENTIVE_REVIEW'));
    expect(notTheirs.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', article: 'Art. 31' });
    const noListing = await t.query(APPLY, { input: { ...input, subjectId: showcaseWith('PERSON').id } }, await as(FINANCE, 'INCENTIVE_REVIEW'));
    expect(noListing.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 31' });
  });

  it('refuses an unpublished criterion and a subject with a dishonesty record in force', async () => {
    const unpublished = await t.query(GRANT, { input: { subjectId: showcaseWith('CLEAN').id, criterionCode: 'FRIEND_OF_THE_MAYOR', decisionDocumentNumber: '内信激〔2026〕2号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(unpublished.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 30' });
    const dishonest = await t.query(GRANT, { input: { subjectId: showcaseWith('SERIOUS_LISTED').id, criterionCode: 'CONTRACT_KEEPING', decisionDocumentNumber: '内信激〔2026〕3号' } }, await as(OPERATOR, 'INCENTIVE_REVIEW'));
    expect(dishonest.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 30' });
  });
});

describe('sector lists', () => {
  const LIST = `mutation($input: ListDebtorInput!) { listDishonestJudgmentDebtor(input: $input) { id caseNumber publishedOn disclosureUntil removedOn } }`;
  const debtorInput = (caseNumber: string) => ({
    caseNumber,
    obligation: '支付货款及利息',
    performance: 'NOT_PERFORMED',
    circumstances: '有履行能力而拒不履行',
    remedies: '可向执行法院申请纠正，对决定不服的可申请复议',
  });

  /** An open case whose debtor is not listed, and whose judgment grounds no platform record of it yet (Art. 33: one act, one record). */
  async function openCaseWithoutEntry() {
    const cases = await t.databases.dbs.courts('enforcement_cases as e')
      .join('judgments as j', 'j.id', 'e.judgment_id')
      .where('e.status', 'OPEN')
      .whereNotExists((q) => q.from('dishonest_judgment_debtors as d').whereRaw('d.enforcement_case_id = e.id').whereNull('d.removed_on'))
      .orderBy('e.id')
      .select('e.id', 'e.case_number as caseNumber', 'e.subject_id as subjectId', 'j.id as judgmentId', 'j.document_number as documentNumber');
    const recorded = await t.databases.dbs.platform('dishonesty_records')
      .whereIn('basis_document_number', cases.map((row) => row.documentNumber))
      .whereNot('status', 'REMOVED')
      .select(t.databases.dbs.platform.raw(`subject_id || '|' || basis_document_number as key`));
    const taken = new Set(recorded.map((row: { key: string }) => row.key));
    return cases.find((row) => !taken.has(`${row.subjectId}|${row.documentNumber}`))!;
  }

  it('lists a dishonest judgment debtor, restricts consumption and feeds the platform a record on the judgment', async () => {
    const enforcement = await openCaseWithoutEntry();
    const response = await t.query(LIST, { input: debtorInput(enforcement.caseNumber) }, await as(COURTS));
    expect(response.errors).toBeUndefined();
    expect(response.data!.listDishonestJudgmentDebtor).toMatchObject({ caseNumber: enforcement.caseNumber, removedOn: null });
    const fed = await t.databases.dbs.platform('dishonesty_records').where({ subject_id: enforcement.subjectId, basis_document_number: enforcement.documentNumber, owning_sector: 'COURTS' });
    expect(fed.length).toBeGreaterThan(0);
    const restrictions = await t.databases.dbs.courts('consumption_restrictions').where({ enforcement_case_id: enforcement.id }).whereNull('lifted_on');
    expect(restrictions.length).toBeGreaterThan(0);

    const removed = await t.query(
      `mutation($id: ID!) { removeDishonestJudgmentDebtor(id: $id, reason: "已全部履行") { removedOn } }`,
      { id: response.data!.listDishonestJudgmentDebtor.id },
      await as(COURTS),
    );
    expect(removed.data!.removeDishonestJudgmentDebtor.removedOn).toBeTruthy();
    expect(await t.databases.dbs.courts('consumption_restrictions').where({ enforcement_case_id: enforcement.id }).whereNull('lifted_on')).toHaveLength(0);
  });

  it('writes nothing in the courts when the platform refuses the record (Art. 33)', async () => {
    const enforcement = await openCaseWithoutEntry();
    const restrictionsBefore = await t.databases.dbs.courts('consumption_restrictions').where({ enforcement_case_id: enforcement.id }).count({ n: '*' });
    // A judgment not yet in effect cannot ground a dishonest act.
    await t.databases.dbs.courts('judgments').where('id', enforcement.judgmentId).update({ effective_on: '2999-01-01' });
    const response = await t.query(LIST, { input: debtorInput(enforcement.caseNumber) }, await as(COURTS));
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'PROCEDURE_VIOLATION', article: 'Art. 33' });
    expect(await t.databases.dbs.courts('dishonest_judgment_debtors').where({ enforcement_case_id: enforcement.id }).whereNull('removed_on')).toHaveLength(0);
    expect(await t.databases.dbs.courts('consumption_restrictions').where({ enforcement_case_id: enforcement.id }).count({ n: '*' })).toEqual(restrictionsBefore);
  });

  it('enters an enterprise on abnormal operations and takes it off, for market regulation only', async () => {
    const subject = await t.databases.dbs.market('registrations as r')
      .whereNotExists((q) => q.from('abnormal_operations as a').whereRaw('a.subject_id = r.subject_id').whereNull('a.removed_on'))
      .orderBy('r.subject_id')
      .first('r.subject_id as id');
    const enter = `mutation($id: ID!) { enterAbnormalOperations(subjectId: $id, reason: "未按规定报送年度报告") { id listedOn removedOn source { agency } } }`;
    const market = await as(MARKET, 'REGULATORY_SUPERVISION');
    const entered = await t.query(enter, { id: subject.id }, market);
    expect(entered.errors).toBeUndefined();
    expect(entered.data!.enterAbnormalOperations.removedOn).toBeNull();
    expect((await t.query(enter, { id: subject.id }, market)).errors![0]!.extensions!.code).toBe('PROCEDURE_VIOLATION');
    expect((await t.query(enter, { id: subject.id }, await as(FINANCE, 'REGULATORY_SUPERVISION'))).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const exited = await t.query(
      `mutation($id: ID!) { exitAbnormalOperations(id: $id, reason: "已补报年度报告") { removedOn removalReason } }`,
      { id: entered.data!.enterAbnormalOperations.id },
      market,
    );
    expect(exited.data!.exitAbnormalOperations).toMatchObject({ removalReason: '已补报年度报告' });
  });
});

describe('objection deadlines (Art. 36)', () => {
  it('lists for operators the listings whose objection is unanswered past its deadline', async () => {
    const subject = await t.databases.dbs.platform('subjects').where('kind', 'LEGAL_PERSON').orderBy('id', 'desc').first('id');
    const listing = await propose(subject.id);
    await notify(listing.id);
    await t.query(`mutation($id: ID!) { objectToSeriousListing(id: $id, statement: "事实不清") { id } }`, { id: listing.id }, await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }));
    const query = `{ overdueListingObjections { id } }`;
    const before = await t.query(query, {}, await as(OPERATOR));
    expect(before.data!.overdueListingObjections.map((row: { id: string }) => row.id)).not.toContain(listing.id);
    // Time passes: the deadline is behind us.
    await t.databases.dbs.platform('listing_objections').where('listing_id', listing.id).update({ answer_due_on: '2020-01-01' });
    const after = await t.query(query, {}, await as(OPERATOR));
    expect(after.data!.overdueListingObjections.map((row: { id: string }) => row.id)).toContain(listing.id);
    const sector = await t.query(query, {}, await as(MARKET));
    expect(sector.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.overdueListingObjections' });
  });
});
