/**
 * The list of abnormal operations (经营异常名录): market regulation enters an enterprise
 * and takes it off once the cause is mended. The entry is an administrative measure, not a
 * basis document of Art. 33, so it makes no dishonesty record by itself.
 */
import { errors } from '@credit-hub/schema';
import { explainChange, requireActor, requireText, SOURCE_COLUMNS, withSources, type SubgraphContext } from '@credit-hub/runtime';

const ENTRY_COLUMNS = ['id', 'subject_id as subjectId', 'reason', 'authority', 'listed_on as listedOn', 'removed_on as removedOn', 'removal_reason as removalReason', ...SOURCE_COLUMNS];

const RULE = { roles: ['SECTOR_AGENCY'] as const, sectors: ['MARKET'] as const, purposes: ['REGULATORY_SUPERVISION'], article: 'Art. 16' };

export async function enterAbnormalOperations(context: SubgraphContext<unknown>, subjectId: string, reason: string) {
  requireActor(context, { ...RULE, step: 'Entering abnormal operations' });
  requireText({ reason }, 'Art. 16');
  return context.db.transaction(async (trx) => {
    const registration = await trx('registrations').where('subject_id', subjectId).forUpdate().first('authority');
    if (!registration) throw errors.badUserInput(`${subjectId} is not registered with market regulation.`, { argument: 'subjectId' });
    const current = await trx('abnormal_operations').where('subject_id', subjectId).whereNull('removed_on').first('id');
    if (current) throw errors.procedureViolation(`${subjectId} is already on the list (entry ${current.id}).`, 'Art. 16');
    await explainChange(trx, `entered on the list of abnormal operations: ${reason.trim()}`);
    const rows = await trx('abnormal_operations')
      .insert({ subject_id: subjectId, reason: reason.trim(), authority: registration.authority, listed_on: context.today, source_agency: registration.authority, source_system: '国家企业信用信息公示系统（内蒙古）' })
      .returning(ENTRY_COLUMNS);
    return withSources(rows)[0];
  });
}

export async function exitAbnormalOperations(context: SubgraphContext<unknown>, id: string, reason: string) {
  requireActor(context, { ...RULE, step: 'Taking an enterprise off abnormal operations' });
  requireText({ reason }, 'Art. 16');
  return context.db.transaction(async (trx) => {
    const entry = await trx('abnormal_operations').where('id', id).forUpdate().first('id', 'removed_on');
    if (!entry) throw errors.badUserInput(`No abnormal operations entry ${id}.`, { argument: 'id' });
    if (entry.removed_on) throw errors.procedureViolation(`Entry ${id} was already taken off on ${entry.removed_on}.`, 'Art. 16');
    await explainChange(trx, `taken off the list of abnormal operations: ${reason.trim()}`);
    const rows = await trx('abnormal_operations').where('id', id).update({ removed_on: context.today, removal_reason: reason.trim(), updated_at: trx.fn.now() }).returning(ENTRY_COLUMNS);
    return withSources(rows)[0];
  });
}
