/**
 * The fixed showcase (migrations/showcase.json, design §9): its subjects join the register
 * first, with their fixed ids and names, and get records designed for each tag, with dates
 * relative to the "as of" date so every case still shows what it is meant to show.
 */
import { readFileSync } from 'node:fs';
import { MIGRATIONS_ROOT } from '@credit-hub/runtime';
import { dayOf, type Day } from './calendar.js';
import { CITIES, type City } from './places.js';
import { hashString, mixSeed, Rng } from './random.js';
import type { Register, Subject, SubjectKind } from './register.js';
import {
  addAbnormalOperation,
  addCommitment,
  addDishonestyRecord,
  addEnforcement,
  addFinancialCredit,
  addGovernmentContract,
  addIncentive,
  addInsurance,
  addJudgment,
  addPenalty,
  addPendingObjection,
  addProcurement,
  addRegistration,
  addSeriousListing,
  addSubsidy,
  addWageArrears,
  recordKeyPersons,
  type KeyPersons,
  type SeedContext,
} from './records.js';
import { INDUSTRIES, VIOLATIONS, type Violation } from './vocabulary.js';

export interface ShowcaseEntry {
  id: string;
  kind: SubjectKind;
  name: string;
  region: string;
  tags: string[];
  idNumber?: string;
}

export const SHOWCASE_TAGS = ['ALL_SECTORS', 'PERSON', 'GOVERNMENT_OVERDUE', 'REPAIRED', 'DISCLOSURE_EXPIRED', 'SERIOUS_LISTED', 'CLEAN'] as const;

export function readShowcase(): ShowcaseEntry[] {
  return JSON.parse(readFileSync(`${MIGRATIONS_ROOT}showcase.json`, 'utf8')) as ShowcaseEntry[];
}

/** The showcase entries as register subjects (what the file leaves open is derived from the ids). */
export function showcaseSubjects(entries: ShowcaseEntry[]): Subject[] {
  return entries.map((entry, index): Subject => {
    const city = CITIES.find((candidate) => candidate.code === entry.region);
    if (!city) throw new Error(`showcase subject ${entry.id} has unknown region ${entry.region}`);
    const rng = new Rng(hashString(entry.id));
    const base = { index, id: entry.id, kind: entry.kind, name: entry.name, city, showcaseTags: entry.tags };
    if (entry.kind === 'NATURAL_PERSON') {
      const idNumber = entry.idNumber!;
      const birth = dayOf(Number(idNumber.slice(6, 10)), Number(idNumber.slice(10, 12)), Number(idNumber.slice(12, 14)));
      return {
        ...base,
        district: districtIn(city, idNumber.slice(0, 6)),
        registrar: idNumber.slice(0, 6),
        creditCode: null,
        idNumber,
        since: birth,
        registered: dayOf(2019, 3, 1) + rng.int(0, 300),
        gender: Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
      };
    }
    const registrar = entry.id.slice(2, 8);
    // Codes issued since the 2015 reform carry "MA" in the organisation part.
    const since = entry.id.slice(8, 10) === 'MA' ? dayOf(2016, 3, 1) + rng.int(0, 600) : dayOf(2008, 1, 1) + rng.int(0, 2000);
    const subject: Subject = {
      ...base,
      district: districtIn(city, registrar),
      registrar,
      creditCode: entry.id,
      idNumber: null,
      since,
      registered: since,
    };
    if (entry.kind === 'LEGAL_PERSON') {
      const industry = INDUSTRIES.find((candidate) => entry.name.includes(candidate.word)) ?? INDUSTRIES.find((candidate) => candidate.word === '商贸')!;
      subject.org = { form: 'COMPANY', legalForm: '有限责任公司（自然人投资或控股）', scope: industry.scope, industry };
    } else if (entry.kind === 'UNINCORPORATED_ORG') {
      subject.org = entry.name.includes('合伙）')
        ? { form: 'PARTNERSHIP', legalForm: entry.name.includes('有限合伙') ? '有限合伙企业' : '普通合伙企业', scope: '审查企业会计报表，出具审计报告；验证企业资本' }
        : entry.id.startsWith('92')
          ? { form: 'INDIVIDUAL_BUSINESS', legalForm: '个体工商户', scope: '零售服务' }
          : { form: 'SOLE_PROPRIETORSHIP', legalForm: '个人独资企业', scope: '日用百货销售' };
    }
    return subject;
  });
}

function districtIn(city: City, code: string) {
  return city.districts.find((district) => district.code === code) ?? city.districts[0]!;
}

function violation(text: string): Violation {
  const found = VIOLATIONS.find(([candidate]) => candidate.violation === text);
  if (!found) throw new Error(`no violation '${text}' in the vocabulary`);
  return found[0];
}

/** Records of the showcase subjects, by tag. Every tag of showcase.json must be handled here. */
export function showcaseRecords(ctx: SeedContext, seed: number): void {
  const register = ctx.register;
  const showcase = register.subjects.filter((subject) => subject.showcaseTags);
  for (const subject of showcase) {
    for (const tag of subject.showcaseTags!) {
      if (!(SHOWCASE_TAGS as readonly string[]).includes(tag)) throw new Error(`showcase tag ${tag} (on ${subject.id}) has no designed records`);
    }
  }
  const tagged = (tag: (typeof SHOWCASE_TAGS)[number]) => showcase.find((subject) => subject.showcaseTags!.includes(tag)) ?? null;
  const untaggedPersons = showcase.filter((subject) => subject.kind === 'NATURAL_PERSON' && subject.showcaseTags!.length === 0);
  const enterprise = tagged('ALL_SECTORS');
  const debtorPerson = tagged('PERSON');
  const governmentBody = tagged('GOVERNMENT_OVERDUE');
  const asOf = ctx.asOf;
  const ago = (days: number): Day => asOf - days;

  // Key persons: the PERSON subject runs the ALL_SECTORS enterprise; the untagged persons
  // (李娜, 其木格) are the principals and controllers of the other showcase organisations.
  const [firstKeyPerson, secondKeyPerson] = [untaggedPersons[0] ?? null, untaggedPersons[1] ?? untaggedPersons[0] ?? null];
  const keyPersonsOf = (subject: Subject): Partial<KeyPersons> => {
    const tags = subject.showcaseTags!;
    if (tags.includes('ALL_SECTORS')) return { legalRepresentative: debtorPerson, principal: debtorPerson, actualController: debtorPerson };
    if (tags.includes('SERIOUS_LISTED')) return { legalRepresentative: secondKeyPerson, principal: secondKeyPerson, actualController: secondKeyPerson };
    if (tags.includes('REPAIRED')) return { actualController: firstKeyPerson };
    if (tags.length === 0 && subject.kind !== 'GOVERNMENT_AGENCY') return { principal: firstKeyPerson, actualController: firstKeyPerson };
    return {};
  };
  const definedKeyPersons = (partial: Partial<KeyPersons>) =>
    Object.fromEntries(Object.entries(partial).filter(([, person]) => person !== null)) as Partial<KeyPersons>;

  for (const subject of showcase) {
    const rng = new Rng(mixSeed(seed, 3, subject.index));
    const tags = new Set(subject.showcaseTags);
    const organisation = subject.kind === 'LEGAL_PERSON' || subject.kind === 'UNINCORPORATED_ORG';
    const registration = organisation ? addRegistration(ctx, rng, subject, { status: 'ACTIVE', ...definedKeyPersons(keyPersonsOf(subject)) }) : null;
    if (subject.kind !== 'NATURAL_PERSON') addInsurance(ctx, rng, subject);

    if (tags.has('ALL_SECTORS')) {
      // Market: a penalty (with its dishonesty record on the platform) and an abnormal operation.
      const penalty = addPenalty(ctx, rng, subject, {
        violation: violation('发布虚假广告，欺骗、误导消费者'),
        decided: ago(120),
        months: 12,
        repaired: null,
        removed: null,
      });
      addDishonestyRecord(ctx, rng, subject, penalty);
      addAbnormalOperation(ctx, rng, subject, { listed: ago(200), removed: false });
      // Courts: a subcontractor won a judgment, now being enforced.
      const plaintiff = register.organisation(rng, subject.city.code, subject.id) ?? firstKeyPerson!;
      const judgment = addJudgment(ctx, rng, plaintiff, subject, { cause: '建设工程施工合同纠纷', amount: 1_286_400, effective: ago(300), kind: 'JUDGMENT' });
      addEnforcement(ctx, rng, judgment, { filed: ago(240), status: 'OPEN', performedShare: 0.3 });
      // Social security: registered and paying, but a wage arrears case for migrant workers.
      addWageArrears(ctx, rng, subject, { determined: ago(90), workers: 23, settled: false });
      // Finance: won a tender, holds a government contract (see GOVERNMENT_OVERDUE), has loans.
      const purchaser = governmentBody ?? register.agency(rng, subject.city.code);
      if (purchaser) addProcurement(ctx, rng, subject, purchaser, { role: 'WINNER', amount: 3_560_000, awarded: ago(700), badConduct: false });
      if (!governmentBody && purchaser) overdueContract(ctx, rng, purchaser, subject, ago);
      addFinancialCredit(ctx, rng, subject, { classification: 'SPECIAL_MENTION', loans: 4, balance: 6_800_000, overdue: 1 });
    }

    if (tags.has('PERSON')) {
      // Flexible-employment contributor in arrears, and the losing party of a private loan case.
      addInsurance(ctx, rng, subject, { arrears: 2 });
      const lender = register.person(rng, subject.city.code, subject.id) ?? firstKeyPerson!;
      const judgment = addJudgment(ctx, rng, lender, subject, { cause: '民间借贷纠纷', amount: 186_000, effective: ago(400), kind: 'JUDGMENT' });
      const enforcement = addEnforcement(ctx, rng, judgment, { filed: ago(330), status: 'OPEN', performedShare: 0.1 });
      // Art. 39: the person says a payment made is missing from the case; the courts have yet to answer.
      if (enforcement) addPendingObjection(ctx, subject, { type: 'EnforcementCase', id: enforcement.id }, ago(3), '已于执行期间另行支付二万元，执行案件未记载，已履行金额有误');
    }

    if (tags.has('GOVERNMENT_OVERDUE')) {
      // Art. 12: a government body that has not paid an enterprise what a contract owes it.
      const creditor = enterprise ?? register.organisation(rng, subject.city.code);
      if (creditor) overdueContract(ctx, rng, subject, creditor, ago);
    }

    if (tags.has('REPAIRED')) {
      // Art. 40: repaired after the shortest publicity period, though still inside its disclosure period.
      const penalty = addPenalty(ctx, rng, subject, {
        violation: violation('使用未经定期检验的特种设备'),
        decided: ago(150),
        months: 12,
        repaired: ago(30),
        removed: null,
      });
      addCommitment(ctx, rng, subject, 'CREDIT_REPAIR', { repairOf: penalty, made: ago(45) });
      addDishonestyRecord(ctx, rng, subject, penalty);
    }

    if (tags.has('DISCLOSURE_EXPIRED')) {
      // Disclosure ended some months ago (Art. 39 (3): showing it now would be a ground for objection).
      const penalty = addPenalty(ctx, rng, subject, {
        violation: violation('销售超过保质期的食品'),
        decided: ago(500),
        months: 12,
        repaired: null,
        removed: null,
      });
      addDishonestyRecord(ctx, rng, subject, penalty);
    }

    if (tags.has('SERIOUS_LISTED')) {
      // Art. 35 (2): adulterated coal sold as standard grade; listed, published, key persons recorded (Art. 37).
      const penalty = addPenalty(ctx, rng, subject, {
        violation: violation('在产品中掺杂、掺假，以次充好'),
        decided: ago(240),
        months: 36,
        repaired: null,
        removed: null,
        cityLevel: true,
      });
      addDishonestyRecord(ctx, rng, subject, penalty);
      addSeriousListing(ctx, rng, subject, penalty, 'MARKET_ORDER', { decided: ago(200) });
      if (registration) recordKeyPersons(ctx, rng, subject, registration, penalty);
    }

    if (tags.has('CLEAN')) {
      addIncentive(ctx, rng, subject, { criterion: 1, decided: ago(100) });
      addCommitment(ctx, rng, subject, 'SELF_DECLARATION', { made: ago(60) });
      addSubsidy(ctx, rng, subject, { programme: 2 });
      addFinancialCredit(ctx, rng, subject, { classification: 'NORMAL', overdue: 0 });
      const purchaser = register.agency(rng, subject.city.code);
      if (purchaser) addProcurement(ctx, rng, subject, purchaser, { role: 'WINNER', awarded: ago(400), badConduct: false });
    }

    if (tags.size === 0 && organisation) addCommitment(ctx, rng, subject, 'SELF_DECLARATION', { made: ago(200) });
  }
}

function overdueContract(ctx: SeedContext, rng: Rng, agency: Subject, enterprise: Subject, ago: (days: number) => Day): void {
  addGovernmentContract(ctx, rng, agency, enterprise, {
    kind: 'GOVERNMENT_INVESTMENT',
    signed: ago(680),
    due: ago(140),
    amount: 3_560_000,
    paid: 1_200_000,
    overdue: true,
  });
}

/** Registers the showcase subjects (fixed ids) before any generated one. */
export function registerShowcase(register: Register): number {
  const subjects = showcaseSubjects(readShowcase());
  for (const subject of subjects) register.add(subject);
  return subjects.length;
}
