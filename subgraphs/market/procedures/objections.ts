/**
 * Objections against market regulation's penalties (Art. 39): filed and answered on the
 * platform, noted here so the penalty shows "under objection" to everyone who sees it, and
 * the outcome changes the penalty here, where it is kept.
 */
import { errors } from '@credit-hub/schema';
import { explainChange, requireActor, type SubgraphContext } from '@credit-hub/runtime';

export async function settleObjection(
  context: SubgraphContext<unknown>,
  input: { objectionId: string; decisionNumber: string; outcome: string; correction?: string | null },
): Promise<boolean> {
  requireActor(context, { roles: ['PLATFORM_OPERATOR'], purposes: ['OBJECTION_HANDLING'], article: 'Art. 39', step: 'Settling an objection' });
  if (!['PENDING', 'CORRECTED', 'REMOVED', 'UPHELD'].includes(input.outcome)) {
    throw errors.badUserInput(`outcome must be PENDING, CORRECTED, REMOVED or UPHELD, got ${input.outcome}.`, { argument: 'input.outcome' });
  }
  return context.db.transaction(async (trx) => {
    const penalty = await trx('administrative_penalties').where('decision_number', input.decisionNumber).forUpdate().first('id');
    if (!penalty) throw errors.badUserInput(`No penalty ${input.decisionNumber}.`, { argument: 'input.decisionNumber' });
    await explainChange(trx, `objection ${input.objectionId} (Art. 39): ${input.outcome}`);
    await trx('objection_flags')
      .insert({ objection_id: input.objectionId, decision_number: input.decisionNumber, outcome: input.outcome })
      .onConflict('objection_id')
      .merge(['outcome', 'updated_at']);
    if (input.outcome === 'REMOVED') {
      await trx('administrative_penalties').where('id', penalty.id).whereNull('removed_at').update({ removed_at: trx.fn.now(), updated_at: trx.fn.now() });
    } else if (input.outcome === 'CORRECTED') {
      if (!input.correction?.trim()) throw errors.badUserInput('A CORRECTED outcome states the correction.', { argument: 'input.correction' });
      await trx('administrative_penalties').where('id', penalty.id).update({ violation: input.correction.trim(), updated_at: trx.fn.now() });
    }
    return true;
  });
}

export function pendingObjections(db: SubgraphContext<unknown>['db'], decisionNumbers: readonly string[]) {
  return db('objection_flags')
    .distinct('decision_number as decisionNumber')
    .whereIn('decision_number', [...decisionNumbers])
    .where('outcome', 'PENDING') as Promise<Array<{ decisionNumber: string }>>;
}
