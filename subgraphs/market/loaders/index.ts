/** Market DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { historyLoader, listLoader, rowLoader } from '@credit-hub/runtime';
import DataLoader from 'dataloader';
import * as store from '../store/index.js';
import { pendingObjections } from '../procedures/objections.js';

export function createMarketLoaders(db: Knex) {
  return {
    history: historyLoader(db),
    registration: rowLoader((ids: readonly string[]) => store.registrationsBySubject(db, ids), (row) => row.subjectId),
    penalties: listLoader((ids: readonly string[]) => store.penaltiesBySubject(db, ids), (row) => row.subjectId),
    penaltyByNumber: rowLoader(
      (numbers: readonly string[]) => store.penaltiesByDecisionNumber(db, numbers),
      (row) => row.decisionNumber,
    ),
    // Art. 39: whether each penalty is under objection, one statement for all penalties in the request.
    underObjection: new DataLoader<string, boolean>(async (numbers) => {
      const pending = new Set((await pendingObjections(db, numbers)).map((row) => row.decisionNumber));
      return numbers.map((number) => pending.has(number));
    }),
    abnormalOperations: listLoader((ids: readonly string[]) => store.abnormalOperationsBySubject(db, ids), (row) => row.subjectId),
  };
}

export type MarketLoaders = ReturnType<typeof createMarketLoaders>;
