/** Finance DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { historyLoader, listLoader, rowLoader, underObjectionLoader } from '@credit-hub/runtime';
import * as store from '../store/index.js';

export function createFinanceLoaders(db: Knex) {
  return {
    history: historyLoader(db),
    underObjection: underObjectionLoader(db),
    procurement: listLoader((ids: readonly string[]) => store.procurementBySubject(db, ids), (row) => row.subjectId),
    subsidies: listLoader((ids: readonly string[]) => store.subsidiesBySubject(db, ids), (row) => row.subjectId),
    contracts: listLoader((ids: readonly string[]) => store.contractsByParty(db, ids), (row) => row.partyId),
    contractByNumber: rowLoader((numbers: readonly string[]) => store.contractsByNumber(db, numbers), (row) => row.contractNumber),
    financialCredit: rowLoader((ids: readonly string[]) => store.financialCreditBySubject(db, ids), (row) => row.subjectId),
  };
}

export type FinanceLoaders = ReturnType<typeof createFinanceLoaders>;
