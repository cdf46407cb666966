/**
 * Receiving a credit repair in a sector subgraph (Art. 40): the platform sends every
 * repair to every subgraph until each acknowledges. The receipt is stored once per repair,
 * so a repeated delivery changes nothing and returns the first receipt.
 */
import type { Knex } from 'knex';
import { explainChange } from './change-log.js';
import { requirePlatformService } from './procedure-rules.js';
import type { SubgraphContext } from './subgraph-server.js';

export interface RepairNotice {
  repairId: string;
  subjectId: string;
  basisDocumentNumber: string;
}

export async function receiveRepair(
  context: SubgraphContext<unknown>,
  subgraph: string,
  notice: RepairNotice,
  /** The sector's own change for the repair, in the same transaction; returns what it did. */
  applyLocally: (trx: Knex.Transaction, notice: RepairNotice) => Promise<string>,
) {
  requirePlatformService(context, { purposes: ['CREDIT_REPAIR'], article: 'Art. 40', step: 'Delivering a credit repair' });
  return context.db.transaction(async (trx) => {
    const existing = await trx('repair_receipts').where('repair_id', notice.repairId).first();
    if (!existing) {
      await explainChange(trx, `credit repair ${notice.repairId} (Art. 40)`);
      const effect = await applyLocally(trx, notice);
      await trx('repair_receipts').insert({ repair_id: notice.repairId, subject_id: notice.subjectId, basis_document_number: notice.basisDocumentNumber, effect });
    }
    const receipt = await trx('repair_receipts').where('repair_id', notice.repairId).first();
    return {
      repairId: receipt.repair_id,
      subjectId: receipt.subject_id,
      subgraph,
      status: 'ACKNOWLEDGED',
      receivedAt: receipt.received_at,
      effect: receipt.effect,
    };
  });
}

/** For a sector migration: repairs received from the platform, one row per repair (Art. 40). */
export async function createRepairReceipts(knex: Knex): Promise<void> {
  await knex.schema.createTable('repair_receipts', (t) => {
    t.text('repair_id').primary();
    t.text('subject_id').notNullable().index();
    t.text('basis_document_number').notNullable();
    t.text('effect').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}
