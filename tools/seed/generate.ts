/**
 * Phase 2 for generated subjects: who gets which records. Every subject draws from its
 * own PRNG stream (seed, phase, index), so a subject's records do not depend on how the
 * work is chunked. Shares follow design §9 and are listed in SHARES.
 */
import { dayOf } from './calendar.js';
import { mixSeed, Rng } from './random.js';
import {
  addAbnormalOperation,
  addCommitment,
  addDishonestDebtor,
  addDishonestyRecord,
  addEnforcement,
  addFinancialCredit,
  addGovernmentContract,
  addIncentive,
  addInsurance,
  addJudgment,
  addPenalty,
  addProcurement,
  addRegistration,
  addSeriousListing,
  addSubsidy,
  addWageArrears,
  contractKind,
  judgmentBasis,
  recordKeyPersons,
  type KeyPersons,
  type SeedContext,
} from './records.js';
import type { Subject } from './register.js';

/** Probabilities per subject (of organisations unless the name says otherwise). */
export const SHARES = {
  penalty: 0.15,
  secondPenalty: 0.2,
  abnormalOperation: 0.05,
  /** Sued and lost; the winning party is another subject, so about twice as many subjects are parties. */
  defendant: 0.055,
  enforcementOfJudgment: 0.72,
  /** Of open or terminated enforcement cases: ~1.5 % of subjects end up dishonest judgment debtors. */
  dishonestDebtor: 0.58,
  insuranceOrganisation: 0.9,
  insurancePerson: 0.3,
  insuranceArrears: 0.05,
  /** ×3 in construction, where wage arrears concentrate. */
  wageArrears: 0.015,
  procurement: 0.21,
  procurementIndividualBusiness: 0.05,
  subsidy: 0.05,
  /** Of companies, ×3 in construction. */
  governmentContract: 0.023,
  /** Of overdue government contracts: the enterprise sued and won, so the body gets a dishonesty record (Art. 13). */
  governmentSued: 0.25,
  financialCredit: 0.4,
  /** Dishonesty records from general penalties (serious ones always get one) and from dishonest debtors. */
  dishonestyFromGeneralPenalty: 0.12,
  dishonestyFromDebtor: 0.85,
  /** Serious dishonesty list: of serious penalties in an Art. 35 category, and of debtors with a record. */
  listingFromSeriousPenalty: 0.25,
  listingFromDebtor: 0.18,
  incentiveOrganisation: 0.035,
  incentivePerson: 0.02,
  commitmentOrganisation: 0.14,
  commitmentPerson: 0.04,
} as const;

export function generateRecords(ctx: SeedContext, seed: number, subject: Subject): void {
  const rng = new Rng(mixSeed(seed, 2, subject.index));
  if (subject.kind === 'NATURAL_PERSON') personRecords(ctx, rng, subject);
  else if (subject.kind === 'GOVERNMENT_AGENCY') agencyRecords(ctx, rng, subject);
  else organisationRecords(ctx, rng, subject);
}

function organisationRecords(ctx: SeedContext, rng: Rng, subject: Subject): void {
  const org = subject.org!;
  const construction = org.industry?.construction === true;
  const registration = addRegistration(ctx, rng, subject);
  let negative = false;

  if (rng.chance(SHARES.penalty)) {
    const count = rng.chance(SHARES.secondPenalty) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      negative = true;
      const penalty = addPenalty(ctx, rng, subject);
      const serious = penalty.severity === 'SERIOUS';
      if (serious || (penalty.severity === 'GENERAL' && rng.chance(SHARES.dishonestyFromGeneralPenalty))) {
        addDishonestyRecord(ctx, rng, subject, penalty);
        const category = penalty.violation.seriousCategory;
        const standing = penalty.repaired === null && penalty.removed === null;
        if (serious && category && standing && rng.chance(SHARES.listingFromSeriousPenalty)) {
          addSeriousListing(ctx, rng, subject, penalty, category);
          recordKeyPersons(ctx, rng, subject, registration, penalty);
        }
      }
      if (penalty.repaired !== null) addCommitment(ctx, rng, subject, 'CREDIT_REPAIR', { repairOf: penalty });
    }
  }
  if (rng.chance(SHARES.abnormalOperation)) {
    negative = true;
    addAbnormalOperation(ctx, rng, subject);
  }
  if (rng.chance(SHARES.defendant)) negative = loseLawsuit(ctx, rng, subject, registration) || negative;

  if (rng.chance(SHARES.insuranceOrganisation)) {
    const arrears = rng.chance(SHARES.insuranceArrears) ? rng.int(1, 3) : 0;
    negative ||= arrears > 0;
    addInsurance(ctx, rng, subject, { arrears, suspended: registration.status !== 'ACTIVE' });
  }
  if (rng.chance(SHARES.wageArrears * (construction ? 3 : 1))) {
    negative = true;
    addWageArrears(ctx, rng, subject);
  }
  const procurement = org.form === 'INDIVIDUAL_BUSINESS' ? SHARES.procurementIndividualBusiness : SHARES.procurement;
  if (rng.chance(procurement)) {
    const count = rng.weighted([[1, 60], [2, 25], [3, 15]] as const);
    for (let i = 0; i < count; i++) {
      const purchaser = ctx.register.agency(rng, subject.city.code);
      if (purchaser) addProcurement(ctx, rng, subject, purchaser);
    }
  }
  if (rng.chance(SHARES.subsidy)) addSubsidy(ctx, rng, subject);
  if (org.form === 'COMPANY' && rng.chance(SHARES.governmentContract * (construction ? 3 : 1))) governmentContract(ctx, rng, subject);
  if (rng.chance(SHARES.financialCredit)) addFinancialCredit(ctx, rng, subject);

  // Art. 30-31: incentives go to subjects with a clean record.
  if (!negative && registration.status === 'ACTIVE' && rng.chance(SHARES.incentiveOrganisation)) addIncentive(ctx, rng, subject);
  if (rng.chance(SHARES.commitmentOrganisation)) {
    // Market-entry commitments (Art. 15) came with the 2019 reform of registration.
    const kind = subject.since >= dayOf(2019, 1, 1) && rng.chance(0.6) ? 'MARKET_ENTRY' : rng.chance(0.5) ? 'LICENSING' : 'SELF_DECLARATION';
    addCommitment(ctx, rng, subject, kind);
  }
}

function personRecords(ctx: SeedContext, rng: Rng, subject: Subject): void {
  let negative = false;
  if (rng.chance(SHARES.defendant)) negative = loseLawsuit(ctx, rng, subject, null);
  if (rng.chance(SHARES.insurancePerson)) {
    const arrears = rng.chance(SHARES.insuranceArrears) ? rng.int(1, 2) : 0;
    negative ||= arrears > 0;
    addInsurance(ctx, rng, subject, { arrears });
  }
  if (!negative && rng.chance(SHARES.incentivePerson)) addIncentive(ctx, rng, subject);
  if (rng.chance(SHARES.commitmentPerson)) addCommitment(ctx, rng, subject, 'SELF_DECLARATION');
}

function agencyRecords(ctx: SeedContext, rng: Rng, subject: Subject): void {
  // Government bodies are employers too; their contracts and purchases come from the enterprises' side.
  if (rng.chance(SHARES.insuranceOrganisation)) addInsurance(ctx, rng, subject);
}

/**
 * The subject loses a civil case (or an arbitration); the judgment may be enforced, and a
 * debtor who does not pay may be listed as a dishonest judgment debtor, which the platform
 * records as a dishonesty record on the judgment (Art. 33 (1)) and, rarely, lists as
 * seriously dishonest for refusing a legal duty (Art. 35 (3)). Returns whether it happened.
 */
function loseLawsuit(ctx: SeedContext, rng: Rng, subject: Subject, keyPersons: KeyPersons | null): boolean {
  const plaintiff = rng.chance(0.7) ? ctx.register.organisation(rng, subject.city.code, subject.id) : ctx.register.person(rng, subject.city.code, subject.id);
  if (!plaintiff) return false;
  const judgment = addJudgment(ctx, rng, plaintiff, subject);
  if (!rng.chance(SHARES.enforcementOfJudgment)) return true;
  const enforcement = addEnforcement(ctx, rng, judgment);
  if (!enforcement || enforcement.status === 'CLOSED_PERFORMED' || !rng.chance(SHARES.dishonestDebtor)) return true;
  const debtor = addDishonestDebtor(ctx, rng, enforcement, keyPersons?.legalRepresentative ?? null);
  if (!debtor || !rng.chance(SHARES.dishonestyFromDebtor)) return true;
  const basis = { ...judgmentBasis(judgment, debtor.published, 'SERIOUS', 24), removed: debtor.removed };
  addDishonestyRecord(ctx, rng, subject, basis);
  if (debtor.removed === null && rng.chance(SHARES.listingFromDebtor)) {
    // The court's decision to list the debtor is numbered after the enforcement case (…执567号之一).
    addSeriousListing(ctx, rng, subject, basis, 'REFUSING_LEGAL_DUTIES', {
      decided: debtor.published,
      decisionNumber: enforcement.caseNumber.replace(/号$/, '号之一'),
    });
    if (keyPersons) recordKeyPersons(ctx, rng, subject, keyPersons, basis);
  }
  return true;
}

/** A government contract (Art. 12-13); an overdue one is sometimes litigated, and the body then has a dishonesty record. */
function governmentContract(ctx: SeedContext, rng: Rng, enterprise: Subject): void {
  const kind = contractKind(rng);
  const agency = ctx.register.agency(rng, enterprise.city.code, 'departments' in kind ? kind.departments : undefined);
  if (!agency) return;
  const contract = addGovernmentContract(ctx, rng, agency, enterprise, { kind: kind.kind });
  if (contract.status !== 'OVERDUE' || !rng.chance(SHARES.governmentSued)) return;
  const effective = contract.due + rng.int(90, 400);
  if (effective > ctx.asOf - 30) return;
  const judgment = addJudgment(ctx, rng, enterprise, agency, {
    cause: '建设工程施工合同纠纷',
    amount: Math.round((contract.amount - contract.paid) * 100) / 100,
    effective,
    kind: 'JUDGMENT',
  });
  const decided = ctx.past(effective + rng.int(30, 120));
  addDishonestyRecord(ctx, rng, agency, {
    ...judgmentBasis(judgment, decided, 'GENERAL', 12),
    act: `拖欠${enterprise.name}合同款（${contract.title}），经${judgment.documentNumber}判决后仍未履行`,
    law: '《内蒙古自治区社会信用条例》第十二条、第十三条',
  });
}
