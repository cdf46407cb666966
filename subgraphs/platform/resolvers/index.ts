/** Platform resolvers: thin, the lookups are in ./lookup.ts, the SQL in ../store. */
import { factsOfRow, freeTextMasked, maskFreeText, recordOfRef, recordVisible, regionName, type AccessClass, type SubgraphName } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';
import type { PlatformLoaders } from '../loaders/index.js';
import type { DishonestyRecordRow, SubjectRow } from '../store/index.js';
import { checkBatchSize, checkPage, checkSearch, lookupShown, nameSearchScope, registerKeysFor } from './lookup.js';
import * as store from '../store/index.js';
import * as procedureStore from '../store/procedures.js';
import { recordDishonesty, type RecordDishonestyInput } from '../procedures/dishonesty.js';
import * as listing from '../procedures/listing.js';
import { applyMeasure } from '../procedures/measures.js';
import { applyIncentiveMeasure, grantIncentive } from '../procedures/incentives.js';
import * as rights from '../procedures/rights.js';
import * as objections from '../procedures/objections.js';
import * as repair from '../procedures/repair.js';
import { openDataFeed } from '../procedures/feed.js';
import { creditReport, objected, verifyReport, type ReportContent } from '../procedures/report.js';
import { recordGovernmentDefault } from '../procedures/government.js';
import * as legalDocuments from '../procedures/legal-documents.js';

/** DishonestyRecord.summary's classification: open to all, free text (design §5). */
const PUBLIC_FREE_TEXT: AccessClass = { share: 'UNCONDITIONAL', open: 'PUBLIC', purposes: [], personal: false, freeText: true };

type Context = SubgraphContext<PlatformLoaders>;
type FeedChange = { recordType: string; recordId: string; tombstone: boolean; subjectId: string };

async function findSubject(context: Context, keys: string[]): Promise<SubjectRow | null> {
  const found = await context.loaders.subjectById.loadMany(keys);
  for (const row of found) {
    if (row instanceof Error) throw row;
    if (row) return row;
  }
  return null;
}

export interface PlatformResolverConfig {
  pseudonymKey: string;
  /** Key of the credit reports' verification codes (HMAC, design §5); never leaves the platform. */
  reportVerificationKey: string;
  /** Where the sector subgraphs are, to verify basis documents and read Art. 37 persons. */
  urlOf: (name: SubgraphName) => string | undefined;
  /** Working days an objection to a proposed listing must be answered in (Art. 36). */
  objectionAnswerDays: number;
  /** Delivers approved repairs now rather than at the next tick (Art. 40). */
  wakeRepairDelivery: () => void;
  /** The platform's own service token, to tell a sector about objections to its records (Art. 39). */
  serviceToken?: () => Promise<string>;
}

export function createPlatformResolvers(config: PlatformResolverConfig) {
  return {
    Query: {
      subject: async (_: unknown, args: { id: string }, context: Context) =>
        lookupShown(args.id, await findSubject(context, registerKeysFor(args.id, config.pseudonymKey)), context.policy, context.today),
      subjects: (_: unknown, args: { ids: string[] }, context: Context) => {
        checkBatchSize(args.ids.length);
        // Validate every id before any lookup, so a bad id costs no query.
        const keys = args.ids.map((id, position) => registerKeysFor(id, config.pseudonymKey, position));
        return Promise.all(keys.map(async (candidates, position) => lookupShown(args.ids[position]!, await findSubject(context, candidates), context.policy, context.today)));
      },
      searchSubjects: (_: unknown, args: { name: string; first: number }, context: Context) =>
        store.searchSubjectsByName(context.db, checkSearch(args.name, args.first), args.first, nameSearchScope(context.policy, context.today)),
      // Art. 38, 44: whether a copy of a report is genuine; answers yes or no and nothing else.
      verifyCreditReport: (_: unknown, args: { report: ReportContent & { verificationHash: string } }) =>
        verifyReport(config.reportVerificationKey, args.report),
      // Art. 38: a credit subject's own entry; other roles have no "me".
      me: (_: unknown, __: unknown, context: Context) =>
        context.caller.role === 'CREDIT_SUBJECT' && context.caller.sub ? context.loaders.subjectById.load(context.caller.sub) : null,
      myAuthorisedSubjects: (_: unknown, args: { subjectIds: string[] }, context: Context) => {
        const { caller, purpose } = context.identity;
        if (caller.role !== 'CREDIT_SERVICE_AGENCY' || !caller.sub || !purpose) return [];
        checkBatchSize(args.subjectIds.length);
        return store.authorisedSubjects(context.db, caller.sub, purpose, args.subjectIds);
      },
      punishmentMeasures: (_: unknown, __: unknown, context: Context) => procedureStore.allMeasures(context.db),
      incentiveCriteria: (_: unknown, __: unknown, context: Context) => procedureStore.publishedCriteria(context.db, context.today),
      incentiveMeasures: (_: unknown, __: unknown, context: Context) => procedureStore.incentiveMeasures(context.db),
      creditServiceAgencies: (_: unknown, __: unknown, context: Context) => procedureStore.creditServiceAgencies(context.db),
      openDataFeed: (_: unknown, args: { after?: string | null; first: number }, context: Context) => openDataFeed(context, args),
      objectionsToAnswer: (_: unknown, args: { overdueOnly: boolean; first: number }, context: Context) =>
        objections.objectionsToAnswer(context, args),
      legalDocumentsToVerify: (_: unknown, args: { first: number }, context: Context) => legalDocuments.legalDocumentsAwaitingVerification(context, args.first),
      overdueListingObjections: async (_: unknown, __: unknown, context: Context) => {
        const overdue = await procedureStore.overdueObjections(context.db, context.today);
        return store.listingsById(context.db, overdue.map((row) => String(row.id)));
      },
    },
    Mutation: {
      recordDishonesty: (_: unknown, args: { input: RecordDishonestyInput }, context: Context) =>
        recordDishonesty(context, args.input, config.urlOf),
      registerLegalDocument: (_: unknown, args: { input: legalDocuments.RegisterLegalDocumentInput }, context: Context) =>
        legalDocuments.registerLegalDocument(context, args.input, config.urlOf),
      verifyLegalDocument: (_: unknown, args: { id: string; note: string }, context: Context) => legalDocuments.verifyLegalDocument(context, args.id, args.note),
      revokeLegalDocument: (_: unknown, args: { id: string; reason: string }, context: Context) => legalDocuments.revokeLegalDocument(context, args.id, args.reason),
      proposeSeriousListing: (_: unknown, args: { input: Parameters<typeof listing.proposeListing>[1] }, context: Context) =>
        listing.proposeListing(context, args.input),
      notifySeriousListing: (_: unknown, args: { id: string; input: Parameters<typeof listing.notifyListing>[2] }, context: Context) =>
        listing.notifyListing(context, args.id, args.input),
      objectToSeriousListing: (_: unknown, args: { id: string; statement: string }, context: Context) =>
        listing.objectToListing(context, args.id, args.statement, config.objectionAnswerDays),
      answerListingObjection: (_: unknown, args: { id: string; input: Parameters<typeof listing.answerObjection>[2] }, context: Context) =>
        listing.answerObjection(context, args.id, args.input),
      decideSeriousListing: (_: unknown, args: { id: string; input: Parameters<typeof listing.decideListing>[2] }, context: Context) =>
        listing.decideListing(context, args.id, args.input, config.urlOf),
      publishSeriousListing: (_: unknown, args: { id: string; documentNumber: string }, context: Context) =>
        listing.publishListing(context, args.id, args.documentNumber),
      removeSeriousListing: (_: unknown, args: { id: string; input: Parameters<typeof listing.removeListing>[2] }, context: Context) =>
        listing.removeListing(context, args.id, args.input),
      applyPunishmentMeasure: (_: unknown, args: { input: Parameters<typeof applyMeasure>[1] }, context: Context) =>
        applyMeasure(context, args.input),
      grantIncentive: (_: unknown, args: { input: Parameters<typeof grantIncentive>[1] }, context: Context) =>
        grantIncentive(context, args.input, config.urlOf),
      recordGovernmentDefault: (_: unknown, args: { contractNumber: string }, context: Context) =>
        recordGovernmentDefault(context, args.contractNumber, config.urlOf),
      applyIncentiveMeasure: (_: unknown, args: { input: Parameters<typeof applyIncentiveMeasure>[1] }, context: Context) =>
        applyIncentiveMeasure(context, args.input),
      grantAuthorisation: (_: unknown, args: { input: Parameters<typeof rights.grantAuthorisation>[1] }, context: Context) =>
        rights.grantAuthorisation(context, args.input),
      revokeAuthorisation: (_: unknown, args: { id: string }, context: Context) => rights.revokeAuthorisation(context, args.id),
      submitCommitment: (_: unknown, args: { input: Parameters<typeof rights.submitCommitment>[1] }, context: Context) =>
        rights.submitCommitment(context, args.input),
      recordCommitmentBreach: (_: unknown, args: { id: string; documentNumber: string }, context: Context) =>
        rights.recordCommitmentBreach(context, args.id, args.documentNumber),
      registerCreditServiceAgency: (_: unknown, args: { input: Parameters<typeof rights.registerAgency>[1] }, context: Context) =>
        rights.registerAgency(context, args.input),
      recordAgencyViolation: (_: unknown, args: { input: Parameters<typeof rights.recordAgencyViolation>[1] }, context: Context) =>
        rights.recordAgencyViolation(context, args.input),
      fileObjection: (_: unknown, args: { input: Parameters<typeof objections.fileObjection>[1] }, context: Context) =>
        objections.fileObjection(context, args.input, config.objectionAnswerDays, config),
      answerObjection: (_: unknown, args: { id: string; input: Parameters<typeof objections.answerObjection>[2] }, context: Context) =>
        objections.answerObjection(context, args.id, args.input, config),
      applyForRepair: (_: unknown, args: { input: Parameters<typeof repair.applyForRepair>[1] }, context: Context) =>
        repair.applyForRepair(context, args.input),
      decideRepair: (_: unknown, args: { id: string; input: Parameters<typeof repair.decideRepair>[2] }, context: Context) =>
        repair.decideRepair(context, args.id, args.input, config.wakeRepairDelivery),
    },
    OpenDataChange: {
      subject: (change: { subjectId: string }) => ({ id: change.subjectId }),
      dishonestyRecord: (change: FeedChange, _: unknown, context: Context) =>
        change.recordType === 'DishonestyRecord' && !change.tombstone ? context.loaders.dishonestyRecordById.load(String(change.recordId)) : null,
      seriousListing: (change: FeedChange, _: unknown, context: Context) =>
        change.recordType === 'SeriousDishonestyListing' && !change.tombstone ? context.loaders.listingById.load(String(change.recordId)) : null,
      incentiveListing: (change: FeedChange, _: unknown, context: Context) =>
        change.recordType === 'IncentiveListing' && !change.tombstone ? context.loaders.incentiveById.load(String(change.recordId)) : null,
    },
    Objection: {
      recordType: (row: { recordRef: string }) => recordOfRef(row.recordRef)?.type ?? null,
      recordId: (row: { recordRef: string }) => recordOfRef(row.recordRef)?.id ?? null,
    },
    LegalDocument: {
      subjects: (document: { partyIds: string[] }) => document.partyIds.map((id) => ({ id })),
    },
    Repair: {
      receipts: (row: { id: string }, _: unknown, context: Context) => context.loaders.repairReceipts.load(String(row.id)),
    },
    CreditServiceAgency: {
      violations: (agency: { id: string }, _: unknown, context: Context) => context.loaders.agencyViolations.load(agency.id),
    },
    SeriousDishonestyListing: {
      history: (row: { id: string }, _: unknown, context: Context) => context.loaders.history.load(`SeriousDishonestyListing:${row.id}`),
      steps: (row: { id: string }, _: unknown, context: Context) => context.loaders.listingSteps.load(String(row.id)),
      keyPersons: async (row: { id: string }, _: unknown, context: Context) =>
        (await context.loaders.listingKeyPersons.load(String(row.id))).map((person) => ({ ...person, person: { id: person.personId } })),
      objection: async (row: { id: string }, _: unknown, context: Context) =>
        (await context.loaders.listingObjections.load(String(row.id))).at(-1) ?? null,
      appliedMeasures: (row: { id: string }, _: unknown, context: Context) => context.loaders.listingMeasures.load(String(row.id)),
    },
    AgencyIntegrity: {
      // The body is the record's subject: its records follow the policy as under Subject (agencyId names it).
      __resolveReference: (reference: { id: string }) => ({ id: reference.id, agencyId: reference.id }),
      openDishonestyRecords: async (row: { id: string }, _: unknown, context: Context) =>
        (await context.loaders.dishonestyRecords.load(row.id)).filter(
          (record: { status?: string; disclosureUntil?: string }) => record.status === 'ACTIVE' && (record.disclosureUntil ?? '') >= context.today,
        ),
    },
    Subject: {
      __resolveReference: (reference: { id: string }, context: Context) => context.loaders.subjectById.load(reference.id),
      regionName: (subject: SubjectRow) => regionName(subject.region) ?? null,
      dishonestyRecords: (subject: SubjectRow, _: unknown, context: Context) =>
        context.loaders.dishonestyRecords.load(subject.id),
      seriousDishonestyListings: (subject: SubjectRow, _: unknown, context: Context) =>
        context.loaders.seriousListings.load(subject.id),
      incentiveListings: (subject: SubjectRow, _: unknown, context: Context) => context.loaders.incentiveListings.load(subject.id),
      commitments: (subject: SubjectRow, _: unknown, context: Context) => context.loaders.commitments.load(subject.id),
      objections: (subject: SubjectRow, _: unknown, context: Context) => context.loaders.objections.load(subject.id),
      repairs: (subject: SubjectRow, _: unknown, context: Context) => context.loaders.repairs.load(subject.id),
      authorisations: (subject: SubjectRow, _: unknown, context: Context) => context.loaders.authorisations.load(subject.id),
      creditReport: async (subject: SubjectRow, _: unknown, context: Context) => {
        // The platform's own section, from what this caller may see of its records here.
        const visible = (row: Record<string, unknown>, typeName?: string) => recordVisible(context.policy, factsOfRow(row, context.today, typeName));
        // The summary as the graph shows it to this caller (DishonestyRecord.summary: public free text, design §5).
        const shownText = (row: Record<string, unknown>, text: unknown) => {
          const facts = factsOfRow(row, context.today);
          return freeTextMasked(PUBLIC_FREE_TEXT, context.policy, facts) ? maskFreeText(text, facts.personNames) : text;
        };
        const records = (await context.loaders.dishonestyRecords.load(subject.id)).filter((row) => visible(row as never));
        const listings = (await context.loaders.seriousListings.load(subject.id)).filter((row) => visible(row as never, 'SeriousDishonestyListing'));
        const incentives = (await context.loaders.incentiveListings.load(subject.id)).filter((row) => visible(row as never, 'IncentiveListing'));
        const source = (row: { source: { agency: string; system: string } }) => `${row.source.agency} · ${row.source.system}`;
        const entries = [
          ...records.map((row) => ({ label: '失信记录', value: `${shownText(row as never, row.summary)}（${row.severity}，公示至${row.disclosureUntil}）${objected(row)}`, source: source(row) })),
          ...listings.map((row: any) => ({ label: '严重失信主体名单', value: `${row.category} ${row.status}`, source: source(row) })),
          ...incentives.map((row: any) => ({ label: '守信激励', value: `${row.criterion}（有效至${row.validUntil}）`, source: source(row) })),
        ];
        return creditReport(context, subject as unknown as SubjectRow & Record<string, unknown>, config.reportVerificationKey, entries, config.urlOf);
      },
      accessLog: async (subject: SubjectRow, args: { first: number }, context: Context) =>
        (await context.loaders.accessLog.load(subject.id)).slice(0, checkPage(args.first)),
    },
    DishonestyRecord: {
      history: (record: DishonestyRecordRow, _: unknown, context: Context) => context.loaders.history.load(`DishonestyRecord:${record.id}`),
      basis: (record: DishonestyRecordRow) => ({
        kind: record.basisKind,
        documentNumber: record.basisDocumentNumber,
        sector: record.basisSector,
        legalBasis: record.legalBasis,
      }),
      // Art. 34: the notice is stored with the record; it is shown as one object.
      notice: (record: DishonestyRecordRow) => ({
        nature: record.noticeNature,
        reason: record.noticeReason,
        basis: record.noticeBasis,
        removalConditions: record.noticeRemovalConditions,
        remedies: record.noticeRemedies,
        liftingConditions: record.noticeLiftingConditions,
        servedAt: record.noticeServedAt,
      }),
    },
  };
}
