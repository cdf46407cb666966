/** Platform DataLoaders: one per batched lookup, created per request. */
import type { Knex } from 'knex';
import { listLoader, rowLoader } from '@credit-hub/runtime';
import * as store from '../store/index.js';
import * as procedures from '../store/procedures.js';
import { receiptsOfRepairs } from '../procedures/repair.js';

export function createPlatformLoaders(db: Knex, audit: Knex) {
  const bySubject = <R extends { subjectId: string }>(fetch: (db: Knex, ids: readonly string[]) => Promise<R[]>) =>
    listLoader((ids: readonly string[]) => fetch(db, ids), (row: R) => row.subjectId);
  return {
    subjectById: rowLoader((ids: readonly string[]) => store.subjectsById(db, ids), (row) => row.id),
    dishonestyRecords: bySubject(store.dishonestyRecordsBySubject),
    seriousListings: bySubject(store.seriousListingsBySubject),
    incentiveListings: bySubject(store.incentiveListingsBySubject),
    commitments: bySubject(store.commitmentsBySubject),
    objections: bySubject(store.objectionsBySubject),
    repairs: bySubject(store.repairsBySubject),
    accessLog: listLoader((ids: readonly string[]) => store.accessLogBySubject(audit, ids), (row) => row.subjectId),
    listingSteps: listLoader((ids: readonly string[]) => procedures.stepsByListing(db, ids), (row) => String(row.listingId)),
    listingKeyPersons: listLoader((ids: readonly string[]) => procedures.keyPersonsByListing(db, ids), (row) => String(row.listingId)),
    listingObjections: listLoader((ids: readonly string[]) => procedures.objectionsByListing(db, ids), (row) => String(row.listingId)),
    authorisations: listLoader((ids: readonly string[]) => procedures.authorisationsBySubject(db, ids), (row) => row.subjectId),
    agencyViolations: listLoader((ids: readonly string[]) => procedures.violationsByAgency(db, ids), (row) => row.agencyId),
    dishonestyRecordById: rowLoader((ids: readonly string[]) => store.dishonestyRecordsById(db, ids), (row) => String(row.id)),
    listingById: rowLoader((ids: readonly string[]) => store.listingsById(db, ids), (row) => String(row.id)),
    incentiveById: rowLoader((ids: readonly string[]) => store.incentiveListingsById(db, ids), (row) => String(row.id)),
    history: listLoader((keys: readonly string[]) => procedures.historyOfRecords(db, keys), (row) => row.key),
    repairReceipts: listLoader((ids: readonly string[]) => receiptsOfRepairs(db, ids), (row) => String(row.repairId)),
    listingMeasures: listLoader((ids: readonly string[]) => procedures.measuresByListing(db, ids), (row) => String(row.listingId)),
  };
}

export type PlatformLoaders = ReturnType<typeof createPlatformLoaders>;
