/**
 * The list of dishonest judgment debtors (失信被执行人). An entry rests on the effective
 * judgment being enforced, so it feeds the platform a dishonesty record on that document
 * through the same Art. 33 check as every other record; the court's entry, its consumption
 * restriction and the platform record stand or fall together.
 */
import { errors } from '@credit-hub/schema';
import { callSubgraph, explainChange, requireActor, requireText, type SubgraphContext } from '@credit-hub/runtime';
import { debtorEntryById } from '../store/index.js';

const RECORD = `mutation($input: RecordDishonestyInput!) { recordDishonesty(input: $input) { id } }`;

export interface ListDebtorInput {
  caseNumber: string;
  obligation: string;
  performance: string;
  circumstances: string;
  remedies: string;
}

/** A dishonest debtor is disclosed for two years (SERIOUS tier, design §5). */
const DEBTOR_DISCLOSURE_MONTHS = 24;

export async function listDishonestDebtor(context: SubgraphContext<unknown>, input: ListDebtorInput, platformUrl: string | undefined) {
  requireActor(context, { roles: ['SECTOR_AGENCY'], sectors: ['COURTS'], purposes: ['JOINT_PUNISHMENT'], article: 'Art. 33', step: 'Listing a dishonest judgment debtor' });
  requireText({ obligation: input.obligation, circumstances: input.circumstances, remedies: input.remedies }, 'Art. 34');
  if (!['NOT_PERFORMED', 'PARTLY_PERFORMED'].includes(input.performance)) {
    throw errors.badUserInput(`performance must be NOT_PERFORMED or PARTLY_PERFORMED, got ${input.performance}.`, { argument: 'input.performance' });
  }
  if (!platformUrl) throw errors.procedureViolation('The platform is not reachable: the entry cannot feed its dishonesty record.', 'Art. 33');
  return context.db.transaction(async (trx) => {
    const enforcement = await trx('enforcement_cases as e')
      .join('judgments as j', 'j.id', 'e.judgment_id')
      .where('e.case_number', input.caseNumber.trim())
      .forUpdate()
      .first('e.id', 'e.subject_id as subjectId', 'e.status', 'e.court', 'j.document_number as documentNumber');
    if (!enforcement) throw errors.badUserInput(`No enforcement case ${input.caseNumber}.`, { argument: 'input.caseNumber' });
    if (enforcement.status !== 'OPEN') {
      throw errors.procedureViolation(`Enforcement case ${input.caseNumber} is ${enforcement.status}: only a debtor of an open case is listed.`, 'Art. 33');
    }
    const current = await trx('dishonest_judgment_debtors').where({ enforcement_case_id: enforcement.id }).whereNull('removed_on').first('id');
    if (current) throw errors.procedureViolation(`The debtor of ${input.caseNumber} is already listed (entry ${current.id}).`, 'Art. 33');

    await explainChange(trx, `listed as a dishonest judgment debtor in ${input.caseNumber.trim()}: ${input.circumstances.trim()}`);
    const sourced = { source_agency: enforcement.court, source_system: '全国法院失信被执行人名单信息公布与查询系统', info_class: 'PUBLIC' };
    const until = new Date(`${context.today}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + DEBTOR_DISCLOSURE_MONTHS);
    const [entry] = await trx('dishonest_judgment_debtors')
      .insert({
        subject_id: enforcement.subjectId,
        enforcement_case_id: enforcement.id,
        obligation: input.obligation.trim(),
        performance: input.performance,
        circumstances: input.circumstances.trim(),
        published_on: context.today,
        disclosure_until: until.toISOString().slice(0, 10),
        ...sourced,
      })
      .returning('id');
    await trx('consumption_restrictions').insert({
      subject_id: enforcement.subjectId,
      enforcement_case_id: enforcement.id,
      measures: '限制乘坐飞机、列车软卧、高铁一等座以上座位；限制在星级以上宾馆消费；限制购买不动产',
      issued_on: context.today,
      ...sourced,
    });
    // Feed the platform on the caller's own token; its answer decides whether we commit.
    const fed = await callSubgraph<{ recordDishonesty: { id: string } | null }>(
      platformUrl,
      RECORD,
      {
        input: {
          subjectId: enforcement.subjectId,
          summary: `失信被执行人：${input.circumstances.trim()}`,
          severity: 'SERIOUS',
          basisKind: 'JUDICIAL_RULING',
          basisDocumentNumber: enforcement.documentNumber,
          legalBasis: '《中华人民共和国民事诉讼法》第二百六十六条；《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
          disclosureMonths: DEBTOR_DISCLOSURE_MONTHS,
          notice: {
            nature: '失信被执行人：有履行能力而拒不履行生效法律文书确定义务',
            reason: `${input.obligation.trim()}；${input.circumstances.trim()}（${input.caseNumber.trim()}）`,
            removalConditions: '全部履行义务、与申请人达成和解并履行完毕或执行依据被撤销的，删除失信信息',
            remedies: input.remedies.trim(),
            liftingConditions: '履行完毕后解除限制消费措施',
          },
        },
      },
      { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders },
    );
    if (!fed.data?.recordDishonesty) {
      const reason = fed.errors[0];
      throw errors.procedureViolation(`The platform refused the dishonesty record: ${reason?.message ?? 'no answer'}`, String(reason?.extensions?.article ?? 'Art. 33'));
    }
    await trx('dishonest_judgment_debtors').where('id', entry.id).update({ platform_record_id: fed.data.recordDishonesty.id });
    return debtorEntryById(trx, String(entry.id));
  });
}

export async function removeDishonestDebtor(context: SubgraphContext<unknown>, id: string, reason: string) {
  requireActor(context, { roles: ['SECTOR_AGENCY'], sectors: ['COURTS'], purposes: ['JOINT_PUNISHMENT', 'JUDICIAL_ENFORCEMENT', 'CREDIT_REPAIR'], article: 'Art. 33', step: 'Removing a dishonest judgment debtor' });
  requireText({ reason }, 'Art. 33');
  return context.db.transaction(async (trx) => {
    const entry = await trx('dishonest_judgment_debtors').where('id', id).forUpdate().first('id', 'enforcement_case_id', 'removed_on');
    if (!entry) throw errors.badUserInput(`No dishonest judgment debtor entry ${id}.`, { argument: 'id' });
    if (entry.removed_on) throw errors.procedureViolation(`Entry ${id} was already removed on ${entry.removed_on}.`, 'Art. 33');
    await explainChange(trx, `removed from the list of dishonest judgment debtors: ${reason.trim()}`);
    await trx('dishonest_judgment_debtors').where('id', id).update({ removed_on: context.today, updated_at: trx.fn.now() });
    await trx('consumption_restrictions').where('enforcement_case_id', entry.enforcement_case_id).whereNull('lifted_on').update({ lifted_on: context.today, updated_at: trx.fn.now() });
    return debtorEntryById(trx, id);
  });
}
