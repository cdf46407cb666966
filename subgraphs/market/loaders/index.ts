/** Market DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { historyLoader, listLoader, rowLoader, underObjectionLoader } from '@credit-hub/runtime';
import * as store from '../store/index.js';

export function createMarketLoaders(db: Knex) {
  return {
    history: historyLoader(db),
    registration: rowLoader((ids: readonly string[]) => store.registrationsBySubject(db, ids), (row) => row.subjectId),
    penalties: listLoader((ids: readonly string[]) => store.penaltiesBySubject(db, ids), (row) => row.subjectId),
    penaltyByNumber: rowLoader(
      (numbers: readonly string[]) => store.penaltiesByDecisionNumber(db, numbers),
      (row) => row.decisionNumber,
    ),
    underObjection: underObjectionLoader(db),
    abnormalOperations: listLoader((ids: readonly string[]) => store.abnormalOperationsBySubject(db, ids), (row) => row.subjectId),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;
