/** Courts DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { historyLoader, listLoader, rowLoader, underObjectionLoader } from '@credit-hub/runtime';
import * as store from '../store/index.js';

export function createCourtsLoaders(db: Knex) {
  return {
    history: historyLoader(db),
    underObjection: underObjectionLoader(db),
    judgmentsBySubject: listLoader((ids: readonly string[]) => store.judgmentsByParty(db, ids), (row) => row.subjectId),
    judgmentByNumber: rowLoader((numbers: readonly string[]) => store.judgmentsByDocumentNumber(db, numbers), (row) => row.documentNumber),
    partiesByJudgment: listLoader((ids: readonly string[]) => store.partiesOfJudgments(db, ids), (row) => row.judgmentId),
    enforcementCases: listLoader((ids: readonly string[]) => store.enforcementCasesByDebtor(db, ids), (row) => row.subjectId),
    dishonestDebtor: rowLoader((ids: readonly string[]) => store.currentDishonestDebtors(db, ids), (row) => row.subjectId),
    consumptionRestrictions: listLoader(
      (ids: readonly string[]) => store.consumptionRestrictionsBySubject(db, ids),
      (row) => row.subjectId,
    ),
  };
}

export type CourtsLoaders = ReturnType<typeof createCourtsLoaders>;
