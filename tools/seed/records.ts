/**
 * Builders of the credit records, one per table (or per family of linked tables). Each
 * takes the subject and optional overrides, fills every column with realistic, mutually
 * consistent values, adds the rows and returns what later records need to point at it.
 * The generator (generate.ts) decides who gets what; the showcase (showcase.ts) passes
 * overrides to build its designed cases.
 */
import { addMonths, endOfPreviousMonth, formatDay, formatMonth, timestamp, yearOf, type Day } from './calendar.js';
import type { DocumentNumbers } from './identifiers.js';
import { agencies, CITIES, districtMarketAbbr, REGIONAL, SYSTEMS, type District } from './places.js';
import type { Rng } from './random.js';
import { registrarName, type Register, type Subject } from './register.js';
import type { RowBuffer, TableName } from './tables.js';
import {
  ABNORMAL_REASONS,
  CASE_CAUSES,
  CONSUMPTION_RESTRICTIONS,
  CONTRACT_KINDS,
  DISHONEST_CIRCUMSTANCES,
  INCENTIVE_CRITERIA,
  INSURANCE_SCHEMES,
  LOAN_CLASSIFICATIONS,
  PROCUREMENT_BAD_CONDUCT,
  PROCUREMENT_ITEMS,
  PUNISHMENT_MEASURES,
  REMEDIES,
  SERIOUS_CATEGORY_BASIS,
  SUBSIDY_PROGRAMMES,
  VIOLATIONS,
  type ContractKind,
  type Severity,
  type Violation,
} from './vocabulary.js';

/** State shared by all builders: the date the data describes, the register, counters, the rows. */
export class SeedContext {
  private readonly lastId = new Map<TableName, number>();

  constructor(
    readonly asOf: Day,
    readonly register: Register,
    readonly numbers: DocumentNumbers,
    readonly rows: RowBuffer,
  ) {}

  /** Explicit bigint ids, so related rows can reference them before the database sees either. */
  nextId(table: TableName): number {
    const id = (this.lastId.get(table) ?? 0) + 1;
    this.lastId.set(table, id);
    return id;
  }

  /** No event lies after the "as of" date. */
  past(day: Day): Day {
    return Math.min(day, this.asOf);
  }
}

// --- Shared pieces -------------------------------------------------------------------

/** Disclosure period in months by severity tier (design §5): minor ≤ 3 months, general 3-12, serious 12-36. */
export function disclosureMonths(rng: Rng, severity: Severity): number {
  return severity === 'MINOR' ? 3 : severity === 'GENERAL' ? rng.pick([6, 12]) : rng.pick([24, 36]);
}

/**
 * A decision date: about two in three still within their disclosure period, the rest from
 * up to four years before it, so the sectors hold a history while most records still show.
 * Never before the subject existed.
 */
function decisionDay(ctx: SeedContext, rng: Rng, months: number, notBefore: Day): Day {
  const period = addMonths(ctx.asOf, -months);
  const day = rng.chance(0.65) ? rng.int(period, ctx.asOf) : period - rng.int(1, 4 * 365);
  return Math.max(day, Math.min(notBefore + 30, ctx.asOf));
}

/** A time of the working day, varied by date (08:00-15:59), so timestamps look entered by people. */
function at(day: Day): string {
  return timestamp(day, 8 * 60 + ((day * 37) % 480));
}

function yuan(rng: Rng, min: number, max: number): number {
  return rng.money(min, max, 1) + rng.int(0, 99) / 100;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The five `source`/`info_class`/timestamp columns: entered the day after the event, updated on a later change. */
function sourced(ctx: SeedContext, agency: string, system: string, day: Day, updated?: Day | null, infoClass: 'PUBLIC' | 'NON_PUBLIC' = 'PUBLIC') {
  const created = ctx.past(day + 1);
  return {
    source_agency: agency,
    source_system: system,
    info_class: infoClass,
    created_at: at(created),
    updated_at: at(Math.max(created, ctx.past(updated ?? created))),
  };
}

const ROADS = [
  '新华大街', '中山路', '锡林南路', '昭乌达路', '鄂尔多斯大街', '阿尔丁大街', '钢铁大街', '民族路', '团结路', '建设路',
  '工业园区纬三路', '迎宾路', '胜利路', '人民路', '光明路', '草原路', '成吉思汗大街', '北二环路', '友谊大街', '开发区经四路',
];

function address(rng: Rng, subject: Subject): string {
  const place = subject.district.name.endsWith('区') ? subject.district.fullName : `${subject.city.name}${subject.district.name}`;
  const room = rng.chance(0.4) ? `${rng.int(1, 30)}号楼${rng.int(1, 24)}${String(rng.int(1, 20)).padStart(2, '0')}室` : '';
  return `内蒙古自治区${place}${rng.pick(ROADS)}${rng.int(1, 399)}号${room}`;
}

// --- Market: registration, penalties, abnormal operations ----------------------------

export interface KeyPersons {
  legalRepresentative: Subject | null;
  principal: Subject | null;
  actualController: Subject | null;
}

export function addRegistration(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  overrides: Partial<KeyPersons & { status: 'ACTIVE' | 'REVOKED' | 'CANCELLED'; capital: number }> = {},
): KeyPersons & { status: string } {
  const org = subject.org!;
  const city = subject.city.code;
  const draw = () => ctx.register.person(rng, city);
  let keyPersons: KeyPersons;
  if (org.form === 'COMPANY') {
    const legalRepresentative = draw();
    keyPersons = {
      legalRepresentative,
      principal: rng.chance(0.6) ? legalRepresentative : draw(),
      actualController: rng.weighted([[legalRepresentative, 70], [draw(), 20], [null, 10]] as const),
    };
  } else {
    // Partnerships, sole proprietorships and individual businesses have no legal representative:
    // the managing partner, investor or operator is the principal (Art. 37).
    const principal = draw();
    keyPersons = { legalRepresentative: null, principal, actualController: rng.chance(0.7) ? principal : draw() };
  }
  keyPersons = { ...keyPersons, ...pickDefined(overrides, ['legalRepresentative', 'principal', 'actualController']) };

  const capitalRange: Record<typeof org.form, [number, number, number]> = {
    COMPANY: [100_000, 200_000_000, 10_000],
    PARTNERSHIP: [100_000, 20_000_000, 10_000],
    SOLE_PROPRIETORSHIP: [10_000, 2_000_000, 1_000],
    INDIVIDUAL_BUSINESS: [5_000, 500_000, 1_000],
  };
  const [low, high, step] = capitalRange[org.form];
  // Older firms are the ones that have since closed down.
  const status = overrides.status ?? rng.weighted([['ACTIVE', 92], ['CANCELLED', ctx.asOf - subject.since > 3 * 365 ? 8 : 1], ['REVOKED', 3]] as const);
  const authority = registrarName(subject.registrar);
  ctx.rows.add('registrations', {
    id: ctx.nextId('registrations'),
    subject_id: subject.id,
    name: subject.name,
    legal_form: org.legalForm,
    status,
    registered_capital: overrides.capital ?? rng.money(low, high, step),
    established_on: formatDay(subject.since),
    address: address(rng, subject),
    business_scope: `一般项目：${org.scope}（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
    authority,
    region: subject.city.code,
    legal_representative_id: keyPersons.legalRepresentative?.id ?? null,
    principal_id: keyPersons.principal?.id ?? null,
    actual_controller_id: keyPersons.actualController?.id ?? null,
    removed_at: null,
    ...sourced(ctx, authority, SYSTEMS.enterpriseRegistry, subject.since, status === 'ACTIVE' ? null : ctx.asOf - rng.int(30, 700)),
  });
  return { ...keyPersons, status };
}

function pickDefined<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

/** A document an Art. 33 dishonesty determination can rest on, with what the notice (Art. 34) needs. */
export interface Basis {
  kind: 'JUDICIAL_RULING' | 'ARBITRAL_AWARD' | 'ADMINISTRATIVE_PENALTY';
  documentNumber: string;
  sector: 'COURTS' | 'MARKET';
  /** What the subject did, in a phrase. */
  act: string;
  /** The law the act broke or the duty it failed. */
  law: string;
  /** Who determined it: the record's source agency. */
  authority: string;
  decided: Day;
  severity: Severity;
  months: number;
  repaired: Day | null;
  removed: Day | null;
}

export interface Penalty extends Basis {
  id: number;
  violation: Violation;
  disclosureUntil: Day;
}

export function addPenalty(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  overrides: { violation?: Violation; decided?: Day; months?: number; repaired?: Day | null; removed?: Day | null; cityLevel?: boolean } = {},
): Penalty {
  const violation = overrides.violation ?? rng.weighted(VIOLATIONS);
  const months = overrides.months ?? disclosureMonths(rng, violation.severity);
  const decided = overrides.decided ?? decisionDay(ctx, rng, months, subject.since);
  const disclosureUntil = addMonths(decided, months);
  const cityLevel = overrides.cityLevel ?? (violation.severity === 'SERIOUS' || rng.chance(0.3));
  const authority = cityLevel ? agencies.marketRegulator(subject.city) : agencies.marketRegulator(subject.district);
  const prefix = `${cityLevel ? subject.city.marketAbbr : districtMarketAbbr(subject.district)}处罚`;
  // Repair (Art. 40) is open once the shortest publicity period has passed: 3 months, a year for serious acts.
  let repaired = overrides.repaired;
  if (repaired === undefined) {
    const earliest = decided + (violation.severity === 'SERIOUS' ? 365 : 90);
    const latest = Math.min(ctx.asOf, disclosureUntil);
    repaired = violation.severity !== 'MINOR' && earliest < latest && rng.chance(0.15) ? rng.int(earliest, latest) : null;
  }
  // A few decisions are withdrawn on administrative review.
  const removed = overrides.removed !== undefined ? overrides.removed : rng.chance(0.02) ? ctx.past(decided + rng.int(30, 180)) : null;
  const penalty: Penalty = {
    id: ctx.nextId('administrative_penalties'),
    kind: 'ADMINISTRATIVE_PENALTY',
    documentNumber: ctx.numbers.decision(rng, prefix, decided),
    sector: 'MARKET',
    act: violation.violation,
    law: violation.basis,
    authority,
    decided,
    severity: violation.severity,
    months,
    repaired,
    removed,
    violation,
    disclosureUntil,
  };
  ctx.rows.add('administrative_penalties', {
    id: penalty.id,
    subject_id: subject.id,
    decision_number: penalty.documentNumber,
    violation: violation.violation,
    basis: violation.basis,
    penalty_kind: violation.penaltyKind,
    amount: violation.fine ? rng.money(violation.fine[0], violation.fine[1], 100) : null,
    authority,
    decided_on: formatDay(decided),
    disclosure_until: formatDay(disclosureUntil),
    repaired_at: repaired === null ? null : at(repaired),
    removed_at: removed === null ? null : at(removed),
    ...sourced(ctx, authority, SYSTEMS.enterpriseRegistry, decided, Math.max(repaired ?? 0, removed ?? 0) || null),
  });
  return penalty;
}

export function addAbnormalOperation(ctx: SeedContext, rng: Rng, subject: Subject, overrides: { listed?: Day; removed?: boolean } = {}): void {
  const [reason, cure] = rng.pick(ABNORMAL_REASONS);
  // No earlier than the first annual report could be missed, about a year after founding.
  const listed = overrides.listed ?? Math.max(ctx.asOf - rng.int(0, 3 * 365), Math.min(subject.since + 400, ctx.asOf));
  const removedOn = (overrides.removed ?? rng.chance(0.4)) ? ctx.past(listed + rng.int(20, 400)) : null;
  const authority = agencies.marketRegulator(subject.district);
  ctx.rows.add('abnormal_operations', {
    removed_at: null,
    id: ctx.nextId('abnormal_operations'),
    subject_id: subject.id,
    reason,
    authority,
    listed_on: formatDay(listed),
    removed_on: removedOn === null ? null : formatDay(removedOn),
    removal_reason: removedOn === null ? null : `已${cure}，申请移出经营异常名录`,
    ...sourced(ctx, authority, SYSTEMS.enterpriseRegistry, listed, removedOn),
  });
}

// --- Courts: judgments, enforcement, dishonest judgment debtors ------------------------

export interface Judgment {
  id: number;
  documentNumber: string;
  kind: 'JUDGMENT' | 'RULING' | 'MEDIATION' | 'ARBITRAL_AWARD';
  court: string;
  cause: string;
  effective: Day;
  amount: number;
  plaintiff: Subject;
  defendant: Subject;
  /** Court that enforces it: the first-instance court, or the intermediate court for awards. */
  enforcingCourt: { name: string; code: string };
}

export function addJudgment(
  ctx: SeedContext,
  rng: Rng,
  plaintiff: Subject,
  defendant: Subject,
  overrides: { cause?: string; amount?: number; effective?: Day; kind?: Judgment['kind'] } = {},
): Judgment {
  const pair = `${plaintiff.kind === 'NATURAL_PERSON' ? 'PERSON' : 'ORG'}_${defendant.kind === 'NATURAL_PERSON' ? 'PERSON' : 'ORG'}` as const;
  const [cause, low, high] = overrides.cause ? ([overrides.cause, 0, 0] as const) : rng.pick(CASE_CAUSES[pair]);
  const kind =
    overrides.kind ??
    rng.weighted([['JUDGMENT', 60], ['MEDIATION', 22], ['RULING', 6], ['ARBITRAL_AWARD', pair === 'ORG_ORG' ? 12 : 0]] as const);
  const effective = overrides.effective ?? Math.max(ctx.asOf - rng.int(60, 5 * 365), Math.min(defendant.since + 240, ctx.asOf - 60));
  const filed = effective - rng.int(60, 300);
  // Suits go to the court where the defendant lives (民事诉讼法 第二十二条); a tenth are decided on appeal.
  const district: District = defendant.district;
  const city = defendant.city;
  let court: string;
  let documentNumber: string;
  if (kind === 'ARBITRAL_AWARD') {
    court = city.arbitration;
    documentNumber = ctx.numbers.arbitralAward(rng, city.arbitration.replace('仲裁委员会', ''), filed);
  } else if (kind === 'JUDGMENT' && rng.chance(0.1)) {
    court = city.court;
    documentNumber = ctx.numbers.civilCase(rng, city.courtCode, filed, '民终');
  } else {
    court = district.court;
    documentNumber = ctx.numbers.civilCase(rng, district.courtCode, filed);
  }
  const judgment: Judgment = {
    id: ctx.nextId('judgments'),
    documentNumber,
    kind,
    court,
    cause,
    effective,
    amount: overrides.amount ?? yuan(rng, low, high),
    plaintiff,
    defendant,
    enforcingCourt: kind === 'ARBITRAL_AWARD' ? { name: city.court, code: city.courtCode } : { name: district.court, code: district.courtCode },
  };
  ctx.rows.add('judgments', {
    removed_at: null,
    id: judgment.id,
    document_number: documentNumber,
    kind,
    court,
    case_cause: cause,
    effective_on: formatDay(effective),
    amount: judgment.amount,
    ...sourced(ctx, court, kind === 'ARBITRAL_AWARD' ? SYSTEMS.arbitration : SYSTEMS.judgments, effective),
  });
  const [claimant, respondent] = kind === 'ARBITRAL_AWARD' ? (['APPLICANT', 'RESPONDENT'] as const) : (['PLAINTIFF', 'DEFENDANT'] as const);
  ctx.rows.add('judgment_parties', { judgment_id: judgment.id, subject_id: plaintiff.id, party_name: plaintiff.name, role: claimant });
  ctx.rows.add('judgment_parties', { judgment_id: judgment.id, subject_id: defendant.id, party_name: defendant.name, role: respondent });
  return judgment;
}

export function judgmentBasis(judgment: Judgment, decided: Day, severity: Severity, months: number): Basis {
  return {
    kind: judgment.kind === 'ARBITRAL_AWARD' ? 'ARBITRAL_AWARD' : 'JUDICIAL_RULING',
    documentNumber: judgment.documentNumber,
    sector: 'COURTS',
    act: `未履行${judgment.documentNumber}确定的给付义务（${judgment.cause}，${judgment.amount.toFixed(2)}元）`,
    law: '《中华人民共和国民事诉讼法》第二百六十四条',
    authority: judgment.enforcingCourt.name,
    decided,
    severity,
    months,
    repaired: null,
    removed: null,
  };
}

export interface Enforcement {
  id: number;
  caseNumber: string;
  court: string;
  judgment: Judgment;
  filed: Day;
  status: 'OPEN' | 'CLOSED_PERFORMED' | 'TERMINATED';
  amountDue: number;
  amountPerformed: number;
}

/** An enforcement case against the judgment's defendant; null when the judgment is too recent to be enforced yet. */
export function addEnforcement(
  ctx: SeedContext,
  rng: Rng,
  judgment: Judgment,
  overrides: { filed?: Day; status?: Enforcement['status']; performedShare?: number } = {},
): Enforcement | null {
  const filed = overrides.filed ?? judgment.effective + rng.int(20, 240);
  if (filed > ctx.asOf - 5) return null;
  let status = overrides.status ?? rng.weighted([['OPEN', 45], ['CLOSED_PERFORMED', 35], ['TERMINATED', 20]] as const);
  let closed = status === 'OPEN' ? null : filed + rng.int(30, 400);
  if (closed !== null && closed > ctx.asOf) [status, closed] = ['OPEN', null];
  // Judgment debt plus interest for delayed performance and the court's fees.
  const amountDue = round2(judgment.amount * (1 + rng.int(0, 12) / 100));
  const performedShare = overrides.performedShare ?? (status === 'CLOSED_PERFORMED' ? 1 : status === 'OPEN' ? rng.int(0, 50) / 100 : rng.int(0, 30) / 100);
  const enforcement: Enforcement = {
    id: ctx.nextId('enforcement_cases'),
    caseNumber: ctx.numbers.enforcementCase(rng, judgment.enforcingCourt.code, filed),
    court: judgment.enforcingCourt.name,
    judgment,
    filed,
    status,
    amountDue,
    amountPerformed: round2(amountDue * performedShare),
  };
  ctx.rows.add('enforcement_cases', {
    removed_at: null,
    id: enforcement.id,
    case_number: enforcement.caseNumber,
    court: enforcement.court,
    subject_id: judgment.defendant.id,
    judgment_id: judgment.id,
    applicant_name: judgment.plaintiff.name,
    amount_due: amountDue,
    amount_performed: enforcement.amountPerformed,
    filed_on: formatDay(filed),
    closed_on: closed === null ? null : formatDay(closed),
    status,
    ...sourced(ctx, enforcement.court, SYSTEMS.enforcement, filed, closed),
  });
  return enforcement;
}

export interface DishonestDebtor {
  published: Day;
  disclosureUntil: Day;
  removed: Day | null;
}

/**
 * Lists the debtor as a dishonest judgment debtor (失信被执行人) for two years, with a
 * consumption restriction; for an organisation the restriction binds its legal
 * representative too. Null when the case is too recent.
 */
export function addDishonestDebtor(
  ctx: SeedContext,
  rng: Rng,
  enforcement: Enforcement,
  legalRepresentative: Subject | null,
  overrides: { published?: Day } = {},
): DishonestDebtor | null {
  const published = overrides.published ?? enforcement.filed + rng.int(30, 200);
  if (published > ctx.asOf) return null;
  const debtor = enforcement.judgment.defendant;
  const disclosureUntil = addMonths(published, 24);
  const removed = disclosureUntil < ctx.asOf ? disclosureUntil + 1 : null; // deleted when the term ends
  ctx.rows.add('dishonest_judgment_debtors', {
    removed_at: null,
    id: ctx.nextId('dishonest_judgment_debtors'),
    subject_id: debtor.id,
    enforcement_case_id: enforcement.id,
    obligation: `支付${enforcement.judgment.cause}案款${enforcement.amountDue.toFixed(2)}元及迟延履行期间的债务利息`,
    performance: enforcement.amountPerformed > 0 ? 'PARTLY_PERFORMED' : 'NOT_PERFORMED',
    circumstances: rng.weighted(DISHONEST_CIRCUMSTANCES.map((text, i) => [text, i === 0 ? 70 : 7.5] as const)),
    published_on: formatDay(published),
    disclosure_until: formatDay(disclosureUntil),
    removed_on: removed === null ? null : formatDay(removed),
    platform_record_id: null, // the seed's platform records are not linked back to their entries
    ...sourced(ctx, enforcement.court, SYSTEMS.dishonestDebtors, published, removed),
  });
  const issued = Math.min(published, enforcement.filed + rng.int(10, 120));
  addConsumptionRestriction(ctx, enforcement, debtor, issued, removed);
  if (debtor.kind !== 'NATURAL_PERSON' && legalRepresentative) addConsumptionRestriction(ctx, enforcement, legalRepresentative, issued, removed);
  return { published, disclosureUntil, removed };
}

export function addConsumptionRestriction(ctx: SeedContext, enforcement: Enforcement, subject: Subject, issued: Day, lifted: Day | null): void {
  ctx.rows.add('consumption_restrictions', {
    removed_at: null,
    id: ctx.nextId('consumption_restrictions'),
    subject_id: subject.id,
    enforcement_case_id: enforcement.id,
    measures: enforcement.judgment.defendant.kind === 'NATURAL_PERSON' ? CONSUMPTION_RESTRICTIONS.PERSON : CONSUMPTION_RESTRICTIONS.ORG,
    issued_on: formatDay(issued),
    lifted_on: lifted === null ? null : formatDay(lifted),
    ...sourced(ctx, enforcement.court, SYSTEMS.enforcement, issued, lifted),
  });
}

// --- Social security -----------------------------------------------------------------

const HEADCOUNT: Record<string, [number, number]> = {
  COMPANY: [3, 800],
  PARTNERSHIP: [2, 60],
  SOLE_PROPRIETORSHIP: [1, 30],
  INDIVIDUAL_BUSINESS: [1, 8],
  GOVERNMENT_AGENCY: [15, 300],
};

/**
 * Social insurance registration; `arrears` outstanding arrears rows put it IN_ARREARS.
 * Persons are flexible-employment contributors (灵活就业), organisations employers.
 */
export function addInsurance(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  overrides: { arrears?: number; suspended?: boolean } = {},
): void {
  const person = subject.kind === 'NATURAL_PERSON';
  const notBefore = person ? addMonths(subject.since, 18 * 12) : subject.since;
  const registered = ctx.past(Math.max(notBefore, ctx.asOf - rng.int(60, 20 * 365)) + rng.int(0, 60));
  const [low, high] = HEADCOUNT[subject.org?.form ?? 'GOVERNMENT_AGENCY']!;
  const headcount = person ? null : Math.round(rng.logUniform(low, high));
  const base = person ? rng.int(4_200, 12_000) : headcount! * rng.int(4_500, 9_000);
  const city = subject.city;
  const agency = agencies.socialInsurance(city);

  const arrearsCount = overrides.arrears ?? 0;
  let earliestOutstanding: Day | null = null;
  let lastDetermined: Day | null = null;
  const schemes = new Set<string>();
  for (let i = 0; i < arrearsCount; i++) {
    const [scheme, , rate] = rng.weighted(INSURANCE_SCHEMES.map((entry) => [entry, entry[1]] as const));
    if (schemes.has(scheme)) continue;
    schemes.add(scheme);
    const months = rng.int(2, 14);
    const to = addMonths(endOfPreviousMonth(ctx.asOf), -rng.int(1, 6));
    const from = addMonths(to, -(months - 1));
    const determined = ctx.past(addMonths(to, 1) + rng.int(10, 40));
    // The first row of arrears is the one that makes the registration IN_ARREARS.
    const outstanding = i === 0 || rng.chance(0.75);
    if (outstanding && (earliestOutstanding === null || from < earliestOutstanding)) earliestOutstanding = from;
    lastDetermined = Math.max(lastDetermined ?? 0, determined);
    ctx.rows.add('insurance_arrears', {
      removed_at: null,
      id: ctx.nextId('insurance_arrears'),
      subject_id: subject.id,
      scheme,
      period_from: formatMonth(from),
      period_to: formatMonth(to),
      amount: round2(base * rate * months),
      determined_on: formatDay(determined),
      status: outstanding ? 'OUTSTANDING' : 'SETTLED',
      ...sourced(ctx, agency, SYSTEMS.socialInsurance, determined),
    });
  }
  const status = overrides.suspended ? 'SUSPENDED' : earliestOutstanding !== null ? 'IN_ARREARS' : 'NORMAL';
  const lastPaid =
    status === 'NORMAL'
      ? endOfPreviousMonth(ctx.asOf)
      : status === 'IN_ARREARS'
        ? endOfPreviousMonth(earliestOutstanding!)
        : addMonths(endOfPreviousMonth(ctx.asOf), -rng.int(3, 30));
  ctx.rows.add('insurance_registrations', {
    id: ctx.nextId('insurance_registrations'),
    subject_id: subject.id,
    registration_number: ctx.numbers.insuranceNumber(rng, subject.district.code),
    registered_on: formatDay(registered),
    status,
    insured_headcount: headcount,
    last_paid_period: formatMonth(Math.max(lastPaid, registered)),
    contribution_base: base,
    removed_at: null,
    ...sourced(ctx, agency, SYSTEMS.socialInsurance, registered, lastDetermined),
  });
}

export function addWageArrears(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  overrides: { determined?: Day; workers?: number; settled?: boolean } = {},
): void {
  const determined = overrides.determined ?? Math.max(ctx.asOf - rng.int(10, 3 * 365), ctx.past(subject.since + 200));
  const workers = overrides.workers ?? Math.round(rng.logUniform(3, 150));
  const amount = workers * rng.int(3_000, 7_000) * rng.int(1, 6);
  let settled = (overrides.settled ?? rng.chance(0.55)) ? determined + rng.int(7, 120) : null;
  if (settled !== null && settled > ctx.asOf) settled = null;
  const authority = agencies.humanResources(subject.district);
  ctx.rows.add('wage_arrears_cases', {
    removed_at: null,
    id: ctx.nextId('wage_arrears_cases'),
    subject_id: subject.id,
    case_number: ctx.numbers.decision(rng, `${subject.city.short[0]}${subject.district.name[0]}人社监责改`, determined),
    authority,
    workers_affected: workers,
    amount,
    determined_on: formatDay(determined),
    status: settled === null ? 'OPEN' : 'SETTLED',
    settled_on: settled === null ? null : formatDay(settled),
    // Large cases go on the joint-punishment list for wage arrears (serious tier), the rest a year.
    disclosure_until: formatDay(addMonths(determined, amount >= 300_000 ? 36 : 12)),
    ...sourced(ctx, authority, SYSTEMS.labourInspection, determined, settled),
  });
}

// --- Finance -------------------------------------------------------------------------

export function addProcurement(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  purchaser: Subject,
  overrides: { role?: 'BIDDER' | 'WINNER'; amount?: number; awarded?: Day; badConduct?: boolean } = {},
): void {
  const awarded = overrides.awarded ?? Math.max(ctx.asOf - rng.int(0, 4 * 365), ctx.past(subject.since + 60));
  const role = overrides.role ?? (rng.chance(0.45) ? 'WINNER' : 'BIDDER');
  const bad = overrides.badConduct ?? rng.chance(0.025);
  ctx.rows.add('procurement_records', {
    removed_at: null,
    id: ctx.nextId('procurement_records'),
    subject_id: subject.id,
    project_number: ctx.numbers.procurementProject(rng, purchaser.city.procurementPrefix, awarded),
    project_name: `${purchaser.name}${yearOf(awarded)}年${rng.pick(PROCUREMENT_ITEMS)}`,
    purchaser_id: purchaser.id,
    role,
    amount: role === 'WINNER' ? (overrides.amount ?? rng.money(50_000, 20_000_000, 100)) : null,
    awarded_on: formatDay(awarded),
    bad_conduct: bad ? rng.pick(PROCUREMENT_BAD_CONDUCT) : null,
    barred_until: bad ? formatDay(addMonths(awarded, 12 * rng.int(1, 3))) : null,
    ...sourced(ctx, agencies.finance(purchaser.city), SYSTEMS.procurement, awarded),
  });
}

export function addSubsidy(ctx: SeedContext, rng: Rng, subject: Subject, overrides: { programme?: number } = {}): void {
  const [programme, department, low, high] = SUBSIDY_PROGRAMMES[overrides.programme ?? rng.int(0, SUBSIDY_PROGRAMMES.length - 1)]!;
  const granted = Math.max(ctx.asOf - rng.int(0, 3 * 365), ctx.past(subject.since + 90));
  ctx.rows.add('subsidies', {
    removed_at: null,
    id: ctx.nextId('subsidies'),
    subject_id: subject.id,
    programme,
    granting_agency: `${subject.city.name}${department}`,
    amount: rng.money(low, high, 100),
    granted_on: formatDay(granted),
    ...sourced(ctx, agencies.finance(subject.city), SYSTEMS.budget, granted),
  });
}

export interface Contract {
  status: 'PERFORMING' | 'COMPLETED' | 'OVERDUE';
  amount: number;
  paid: number;
  due: Day;
  title: string;
}

/** The kind of a government contract: the one asked for, else drawn by weight. */
export function contractKind(rng: Rng, kind?: ContractKind): (typeof CONTRACT_KINDS)[number] {
  if (kind) return CONTRACT_KINDS.find((entry) => entry.kind === kind)!;
  return rng.weighted(CONTRACT_KINDS.map((entry) => [entry, entry.weight] as const));
}

/** A contract between a government body and an enterprise (Art. 12-13): overdue when unpaid after its due date. */
export function addGovernmentContract(
  ctx: SeedContext,
  rng: Rng,
  agency: Subject,
  enterprise: Subject,
  overrides: { kind?: ContractKind; signed?: Day; due?: Day; amount?: number; paid?: number; overdue?: boolean } = {},
): Contract {
  const { kind, title, min, max } = contractKind(rng, overrides.kind);
  const signed = overrides.signed ?? Math.max(ctx.asOf - rng.int(30, 5 * 365), ctx.past(enterprise.since + 90));
  const due = overrides.due ?? addMonths(signed, rng.int(6, 36));
  const amount = overrides.amount ?? rng.money(min, max, 1_000);
  let status: Contract['status'];
  let paid: number;
  if (due >= ctx.asOf) {
    status = 'PERFORMING';
    paid = overrides.paid ?? round2((amount * rng.int(0, 90)) / 100);
  } else if (overrides.overdue ?? rng.chance(0.3)) {
    status = 'OVERDUE';
    paid = overrides.paid ?? round2((amount * rng.int(20, 90)) / 100);
  } else {
    status = 'COMPLETED';
    paid = amount;
  }
  const contract: Contract = { status, amount, paid, due, title: title(agency.name, yearOf(signed)) };
  ctx.rows.add('government_contracts', {
    removed_at: null,
    id: ctx.nextId('government_contracts'),
    contract_number: ctx.numbers.governmentContract(rng, agency.city.code, signed),
    kind,
    title: contract.title,
    agency_id: agency.id,
    enterprise_id: enterprise.id,
    amount,
    signed_on: formatDay(signed),
    due_on: formatDay(due),
    paid_amount: paid,
    status,
    ...sourced(ctx, agencies.finance(agency.city), SYSTEMS.governmentContracts, signed, status === 'PERFORMING' ? null : due),
  });
  return contract;
}

/** A financial credit summary, non-public and shared only under an agreement (Art. 26, 28). */
export function addFinancialCredit(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  overrides: { classification?: (typeof LOAN_CLASSIFICATIONS)[number][0]; loans?: number; balance?: number; overdue?: number } = {},
): void {
  const classification = overrides.classification ?? rng.weighted(LOAN_CLASSIFICATIONS);
  const overdue =
    overrides.overdue ??
    (classification === 'NORMAL' ? (rng.chance(0.05) ? 1 : 0) : classification === 'SPECIAL_MENTION' ? rng.int(1, 2) : rng.int(1, 6));
  const reported = endOfPreviousMonth(ctx.asOf);
  ctx.rows.add('financial_credit_summaries', {
    id: ctx.nextId('financial_credit_summaries'),
    subject_id: subject.id,
    loan_count: overrides.loans ?? Math.max(overdue, rng.int(1, 12)),
    outstanding_balance: overrides.balance ?? rng.money(50_000, 80_000_000, 1_000),
    overdue_count: overdue,
    worst_classification: classification,
    reported_on: formatDay(reported),
    agreement_reference: `人行内蒙古分行信用信息共享协议（${yearOf(reported)}）第${CITIES.indexOf(subject.city) + 1}号`,
    removed_at: null,
    ...sourced(ctx, REGIONAL.peoplesBank, SYSTEMS.financialCredit, reported, null, 'NON_PUBLIC'),
  });
}

// --- Platform: dishonesty records, serious dishonesty list, incentives, commitments ------

const SEVERITY_NAMES: Record<Severity, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const BASIS_CLAUSES = {
  JUDICIAL_RULING: '《内蒙古自治区社会信用条例》第三十三条第（一）项（生效的司法裁判文书）',
  ARBITRAL_AWARD: '《内蒙古自治区社会信用条例》第三十三条第（一）项（生效的仲裁文书）',
  ADMINISTRATIVE_PENALTY: '《内蒙古自治区社会信用条例》第三十三条第（二）项（生效的行政处罚决定文书）',
} as const;

/** The act with its document number, unless the act already names it. */
function withDocument(basis: Basis): string {
  return basis.act.includes(basis.documentNumber) ? basis.act : `${basis.act}（${basis.documentNumber}）`;
}

export type KeyPersonRole = '法定代表人' | '主要负责人' | '实际控制人';

/**
 * A dishonesty record resting on a basis document (Art. 33), with the notice to the
 * subject (Art. 34). `keyPerson` records a listed organisation's key person (Art. 37).
 */
export function addDishonestyRecord(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  basis: Basis,
  options: { keyPerson?: { of: Subject; roles: KeyPersonRole[] }; measures?: boolean } = {},
): { decided: Day; disclosureUntil: Day } {
  const disclosureUntil = addMonths(basis.decided, basis.months);
  const keyPerson = options.keyPerson;
  const summary = keyPerson
    ? `作为${keyPerson.of.name}的${keyPerson.roles.join('、')}纳入失信记录：该单位${basis.act}并被列入严重失信主体名单`
    : withDocument(basis);
  const measures = options.measures ?? basis.severity === 'SERIOUS';
  const status = basis.removed !== null ? 'REMOVED' : basis.repaired !== null ? 'REPAIRED' : 'ACTIVE';
  ctx.rows.add('dishonesty_records', {
    id: ctx.nextId('dishonesty_records'),
    subject_id: subject.id,
    summary,
    severity: basis.severity,
    owning_sector: basis.sector,
    basis_kind: basis.kind,
    basis_document_number: basis.documentNumber,
    basis_sector: basis.sector,
    legal_basis: keyPerson ? `${BASIS_CLAUSES[basis.kind]}；第三十七条` : BASIS_CLAUSES[basis.kind],
    notice_nature: `${SEVERITY_NAMES[basis.severity]}失信行为：${basis.act}`,
    notice_reason: keyPerson
      ? `${keyPerson.of.name}被认定为严重失信主体，你为该单位登记的${keyPerson.roles.join('、')}，依法一并纳入失信记录`
      : `经${basis.authority}认定，${subject.name}${withDocument(basis)}`,
    notice_basis: `${basis.law}；${basis.documentNumber}；${BASIS_CLAUSES[basis.kind]}`,
    notice_removal_conditions: `公示期限届满（${formatDay(disclosureUntil)}）后自动移出；已纠正失信行为、履行相关义务的，可申请信用修复提前移出（第四十条）`,
    notice_remedies: REMEDIES,
    // Art. 34: where punishment measures apply, the notice also says how they are lifted.
    notice_lifting_conditions: measures
      ? basis.sector === 'COURTS'
        ? '全面履行生效法律文书确定的义务，或与申请执行人达成执行和解并履行完毕的，解除惩戒措施'
        : '惩戒期限届满，或纠正失信行为并经信用修复的，解除惩戒措施'
      : null,
    notice_served_at: at(ctx.past(basis.decided + rng.int(1, 5))),
    decided_on: formatDay(basis.decided),
    disclosure_until: formatDay(disclosureUntil),
    status,
    repaired_at: basis.repaired === null ? null : at(basis.repaired),
    removed_at: basis.removed === null ? null : at(basis.removed),
    ...sourced(ctx, basis.authority, SYSTEMS.creditPlatform, basis.decided, Math.max(basis.repaired ?? 0, basis.removed ?? 0) || null),
  });
  return { decided: basis.decided, disclosureUntil };
}

/**
 * A listing on the serious dishonesty list (Art. 35-36), decided after notice and the
 * objection window, published, and removed when its term ends. The caller records the
 * key persons (Art. 37) with `recordKeyPersons`.
 */
export function addSeriousListing(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  basis: Basis,
  category: keyof typeof SERIOUS_CATEGORY_BASIS,
  overrides: { decided?: Day; decisionNumber?: string } = {},
): void {
  const decided = overrides.decided ?? ctx.past(basis.decided + rng.int(20, 60));
  const published = ctx.past(decided + rng.int(1, 7));
  const disclosureUntil = addMonths(decided, basis.months);
  const removed = disclosureUntil < ctx.asOf ? disclosureUntil + 1 : null;
  const decisionNumber =
    overrides.decisionNumber ?? ctx.numbers.decision(rng, `${subject.city.marketAbbr}严失认定`, decided);
  const measures = PUNISHMENT_MEASURES[basis.sector].filter((_, i) => i === 0 || rng.chance(0.6));
  ctx.rows.add('serious_dishonesty_listings', {
    id: ctx.nextId('serious_dishonesty_listings'),
    subject_id: subject.id,
    category,
    legal_basis: SERIOUS_CATEGORY_BASIS[category],
    cause: withDocument(basis),
    status: removed === null ? 'PUBLISHED' : 'REMOVED',
    decision_document_number: decisionNumber,
    punishment_measures: measures,
    removal_conditions: `认定期满（${formatDay(disclosureUntil)}）移出；期满前已纠正失信行为、履行法定义务且满一年的，可向认定单位申请提前移出，认定单位核实后作出移出决定并通过自治区社会信用信息平台公布`,
    remedies: REMEDIES,
    decided_on: formatDay(decided),
    published_on: formatDay(published),
    disclosure_until: formatDay(disclosureUntil),
    removed_on: removed === null ? null : formatDay(removed),
    ...sourced(ctx, basis.authority, SYSTEMS.creditPlatform, decided, removed),
  });
}

/** Art. 37: a listed organisation's legal representative, principal and actual controller enter the dishonesty records too. */
export function recordKeyPersons(ctx: SeedContext, rng: Rng, organisation: Subject, keyPersons: KeyPersons, basis: Basis): void {
  const roles = new Map<Subject, KeyPersonRole[]>();
  const note = (person: Subject | null, role: KeyPersonRole) => {
    if (person) roles.set(person, [...(roles.get(person) ?? []), role]);
  };
  note(keyPersons.legalRepresentative, '法定代表人');
  note(keyPersons.principal, '主要负责人');
  note(keyPersons.actualController, '实际控制人');
  for (const [person, personRoles] of roles) {
    addDishonestyRecord(ctx, rng, person, basis, { keyPerson: { of: organisation, roles: personRoles }, measures: true });
  }
}

export function addIncentive(ctx: SeedContext, rng: Rng, subject: Subject, overrides: { criterion?: number; decided?: Day } = {}): void {
  const criteria = subject.kind === 'NATURAL_PERSON' ? INCENTIVE_CRITERIA.PERSON : INCENTIVE_CRITERIA.ORG;
  const [code, criterion, agency, prefix, years] = criteria[overrides.criterion ?? rng.int(0, criteria.length - 1)]!;
  const decided = overrides.decided ?? ctx.asOf - rng.int(0, years * 365 + 200);
  const published = decided + rng.int(3, 15);
  ctx.rows.add('incentive_listings', {
    id: ctx.nextId('incentive_listings'),
    subject_id: subject.id,
    criterion_code: code,
    criterion,
    decision_document_number: ctx.numbers.decision(rng, prefix, decided),
    decided_on: formatDay(decided),
    published_on: published > ctx.asOf ? null : formatDay(published),
    valid_until: formatDay(addMonths(decided, 12 * years)),
    ended_on: null,
    end_reason: null,
    ...sourced(ctx, agency, SYSTEMS.creditPlatform, decided),
  });
}

const LICENSED_ACTIVITIES = ['食品经营', '道路货物运输经营', '建筑施工', '危险化学品经营', '药品经营'];

export function addCommitment(
  ctx: SeedContext,
  rng: Rng,
  subject: Subject,
  kind: 'MARKET_ENTRY' | 'LICENSING' | 'CREDIT_REPAIR' | 'SELF_DECLARATION',
  overrides: { made?: Day; repairOf?: Basis } = {},
): void {
  let content: string;
  let agency: string;
  let made: Day;
  if (kind === 'MARKET_ENTRY') {
    content = `${subject.name}承诺：申请登记提交的材料真实、合法、有效；依法诚信经营，按时公示年度报告，自觉接受监管；违背承诺的，自愿接受失信惩戒（《内蒙古自治区社会信用条例》第十五条）`;
    agency = registrarName(subject.registrar);
    made = overrides.made ?? subject.since - rng.int(1, 10);
  } else if (kind === 'LICENSING') {
    content = `告知承诺：本单位已符合${rng.pick(LICENSED_ACTIVITIES)}许可条件，承诺在取得许可后六个月内补齐相关材料；承诺不实的，自愿承担撤销许可等法律责任`;
    agency = `${subject.city.name}行政审批和政务服务局`;
    made = overrides.made ?? Math.max(ctx.asOf - rng.int(0, 4 * 365), ctx.past(subject.since + 30));
  } else if (kind === 'CREDIT_REPAIR') {
    const basis = overrides.repairOf!;
    content = `信用修复承诺：已纠正"${basis.act}"的失信行为并履行${basis.documentNumber}确定的义务；今后依法诚信经营，再有失信行为的，自愿接受从重惩戒（第四十条）`;
    agency = basis.authority;
    made = overrides.made ?? Math.max(basis.decided, (basis.repaired ?? ctx.asOf) - rng.int(5, 30));
  } else {
    content =
      subject.kind === 'NATURAL_PERSON'
        ? '个人信用声明：本人承诺所提供的个人信息真实有效，依法履行合同义务，按时偿还债务（第二十七条）'
        : '信用自我声明：本单位近三年无重大违法记录，未拖欠农民工工资，依法足额缴纳社会保险费（第二十七条）';
    agency = REGIONAL.creditCentre;
    made = overrides.made ?? Math.max(ctx.asOf - rng.int(0, 3 * 365), ctx.past(subject.registered));
  }
  const breached = kind !== 'CREDIT_REPAIR' && rng.chance(0.02) ? made + rng.int(30, 400) : null;
  ctx.rows.add('commitments', {
    id: ctx.nextId('commitments'),
    subject_id: subject.id,
    kind,
    content,
    made_on: formatDay(made),
    published: rng.chance(0.95),
    breached_on: breached === null || breached > ctx.asOf ? null : formatDay(breached),
    ...sourced(ctx, agency, SYSTEMS.creditPlatform, made),
  });
}

/**
 * A pending objection (Art. 39) to a record the courts keep: the platform's objection and
 * the courts' flag, as fileObjection leaves them. Due two weeks on (ten working days).
 */
export function addPendingObjection(
  ctx: SeedContext,
  subject: Subject,
  record: { type: 'EnforcementCase'; id: number },
  filed: Day,
  statement: string,
): void {
  const id = ctx.nextId('objections');
  const effect = 'shown under objection';
  ctx.rows.add('objections', {
    id,
    subject_id: subject.id,
    ground: 'INACCURATE',
    record_ref: `courts:${record.type}:${record.id}`,
    statement,
    filed_on: formatDay(filed),
    answer_due_on: formatDay(filed + 14),
    outcome: 'PENDING',
    answer_reason: null,
    answered_on: null,
    effect,
    created_at: at(filed),
  });
  ctx.rows.add('objection_flags', {
    objection_id: String(id),
    subject_id: subject.id,
    record_type: record.type,
    record_id: record.id,
    outcome: 'PENDING',
    effect,
    updated_at: at(filed),
  });
}
