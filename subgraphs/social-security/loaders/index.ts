/** Social security DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { historyLoader, listLoader, rowLoader, underObjectionLoader } from '@credit-hub/runtime';
import * as store from '../store/index.js';

export function createSocialSecurityLoaders(db: Knex) {
  return {
    history: historyLoader(db),
    underObjection: underObjectionLoader(db),
    insurance: rowLoader((ids: readonly string[]) => store.insuranceBySubject(db, ids), (row) => row.subjectId),
    arrears: listLoader((ids: readonly string[]) => store.arrearsBySubject(db, ids), (row) => row.subjectId),
    wageArrears: listLoader((ids: readonly string[]) => store.wageArrearsBySubject(db, ids), (row) => row.subjectId),
    wageCaseByNumber: rowLoader(
      (numbers: readonly string[]) => store.wageArrearsByCaseNumber(db, numbers),
      (row) => row.caseNumber,
    ),
  };
}

export type SocialSecurityLoaders = ReturnType<typeof createSocialSecurityLoaders>;
