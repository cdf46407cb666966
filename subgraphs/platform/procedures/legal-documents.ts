/**
 * Documents of the third kind of Art. 33 (法律、法规规定的其他文书), made as checkable as
 * the other two: a sector agency (or an operator) registers the document with its issuer,
 * date, the subjects it concerns and the law that makes it a basis; an operator other than
 * the one who registered it verifies it; only then does it ground a record, and only against
 * those subjects. A number in a sector's own format, or one a sector holds, is that
 * sector's document and is refused here: it is checked where it is held. Revoked, the
 * document takes every record resting on it out of view and sharing, in the same step.
 */
import { errors, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, explainChange, requireActor, requireText, type SubgraphContext } from '@credit-hub/runtime';
import {
  documentsToVerify,
  insertLegalDocument,
  legalDocumentByKey,
  legalDocumentsById,
  lockLegalDocument,
  markRevoked,
  markVerified,
  recordsOnBasis,
  removeRecord,
} from '../store/legal-documents.js';
import { basisViolation, numberKey, sectorFormatOf } from './basis.js';
import { GOVERNMENT } from './rules.js';

type Context = SubgraphContext<unknown>;

export interface RegisterLegalDocumentInput {
  documentNumber: string;
  title: string;
  issuer: string;
  issuedOn: string;
  legalBasis: string;
  subjectIds: string[];
}

/** Where each sector answers for a number it may hold: asked before a number is taken as the platform's. */
const HELD_BY: Array<{ subgraph: SubgraphName; query: string; field: string }> = [
  { subgraph: 'courts', query: `query($n: String!) { judgment(documentNumber: $n) { id } }`, field: 'judgment' },
  { subgraph: 'market', query: `query($n: String!) { administrativePenalty(decisionNumber: $n) { id } }`, field: 'administrativePenalty' },
  { subgraph: 'social-security', query: `query($n: String!) { wageArrearsCase(caseNumber: $n) { id } }`, field: 'wageArrearsCase' },
  { subgraph: 'finance', query: `query($n: String!) { governmentContract(contractNumber: $n) { id } }`, field: 'governmentContract' },
];

const sectorOfCaller = (context: Context) => (context.identity.caller.role === 'PLATFORM_OPERATOR' ? 'PLATFORM' : context.identity.caller.sector!);

const reload = async (context: Context, id: string) => (await legalDocumentsById(context.db, [id]))[0] ?? null;

export async function registerLegalDocument(context: Context, input: RegisterLegalDocumentInput, urlOf: (name: SubgraphName) => string | undefined) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT'], article: 'Art. 33', step: 'Registering a basis document of the third kind' });
  requireText({ documentNumber: input.documentNumber, title: input.title, issuer: input.issuer, legalBasis: input.legalBasis }, 'Art. 33');
  const number = input.documentNumber.trim();
  // The law that makes it a basis is named, as 《…》 (Art. 33 (三)).
  if (!/《[^》]+》/.test(input.legalBasis)) {
    throw basisViolation('A document of the third kind is a basis only where a law names it: cite the law as 《…》 in legalBasis (Art. 33).', 'LAW_NAMED', number);
  }
  if (input.issuedOn > context.today) {
    throw basisViolation(`Document ${number} is dated ${input.issuedOn}, after today: only a document in effect is registered (Art. 33).`, 'BASIS_IN_EFFECT', number, { because: 'NOT_YET_EFFECTIVE' });
  }
  const subjectIds = [...new Set(input.subjectIds.map((id) => id.trim()))];
  if (subjectIds.length === 0) throw errors.badUserInput('Name the subjects the document concerns: a record on it is made only against them (Art. 33).', { argument: 'input.subjectIds' });
  const known = await context.db('subjects').whereIn('id', subjectIds).pluck('id');
  const unknown = subjectIds.filter((id) => !known.includes(id));
  if (unknown.length) throw errors.badUserInput(`Not in the register: ${unknown.join(', ')}.`, { argument: 'input.subjectIds' });

  // Another sector's document is checked where it is held, never registered here as "other".
  const format = sectorFormatOf(number);
  if (format) {
    throw basisViolation(
      `${number} is in the ${format.lookup.sector} sector's format (a ${format.lookup.what}): it is that sector's document, checked by the ${format.lookup.subgraph} subgraph, not a document of the third kind (Art. 33).`,
      'BASIS_KIND',
      number,
      { sector: format.lookup.sector },
    );
  }
  const identity = { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders };
  const held = await Promise.all(
    HELD_BY.map(async (sector) => {
      const url = urlOf(sector.subgraph);
      if (!url) throw errors.subgraphUnavailable(sector.subgraph, `The ${sector.subgraph} subgraph did not answer whether it holds ${number}; nothing was registered, try again.`);
      const answer = await callSubgraph<Record<string, { id: string } | null>>(url, sector.query, { n: number }, identity);
      return answer.data?.[sector.field] ? sector.subgraph : null;
    }),
  );
  const holder = held.find((name) => name !== null);
  if (holder) {
    throw basisViolation(`${number} is a document the ${holder} subgraph holds: it is checked there under its own kind, not registered as a document of the third kind (Art. 33).`, 'BASIS_KIND', number, { subgraph: holder });
  }

  const key = numberKey(number);
  const id = await context.db.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext(?))`, [`legal-document:${key}`]);
    const existing = await legalDocumentByKey(trx, key);
    if (existing) {
      throw basisViolation(`Document ${number} is already registered (${existing.id}): one document, one registration (Art. 33).`, 'ONE_REGISTRATION', number, { documentId: String(existing.id) });
    }
    return insertLegalDocument(trx, {
      documentNumber: number,
      numberKey: key,
      title: input.title.trim(),
      issuer: input.issuer.trim(),
      issuedOn: input.issuedOn,
      legalBasis: input.legalBasis.trim(),
      sector: sectorOfCaller(context),
      registeredBy: context.identity.caller.sub ?? 'unknown',
      subjectIds,
    });
  });
  return reload(context, id);
}

/** An operator verifies a registered document against the original (审慎): never the one who registered it. */
export async function verifyLegalDocument(context: Context, id: string, note: string) {
  requireActor(context, { roles: ['PLATFORM_OPERATOR'], purposes: ['JOINT_PUNISHMENT'], article: 'Art. 33', step: 'Verifying a basis document of the third kind' });
  requireText({ note }, 'Art. 33');
  await context.db.transaction(async (trx) => {
    const document = /^\d{1,18}$/.test(id) ? await lockLegalDocument(trx, id) : undefined;
    if (!document) throw errors.badUserInput(`No registered document ${id}.`, { argument: 'id' });
    if (document.status !== 'REGISTERED') {
      throw basisViolation(`Document ${document.documentNumber} is ${document.status}: only a registered document is verified (Art. 33).`, 'REGISTERED_AND_VERIFIED', document.documentNumber, { status: document.status });
    }
    if (document.registeredBy === context.identity.caller.sub) {
      throw basisViolation(`Document ${document.documentNumber} is verified by an operator other than the one who registered it (Art. 33: 审慎).`, 'REGISTERED_AND_VERIFIED', document.documentNumber);
    }
    await markVerified(trx, id, context.identity.caller.sub ?? 'unknown', note.trim());
  });
  return reload(context, id);
}

/**
 * The registering sector or an operator revokes a document (withdrawn, overturned on
 * review): in the same transaction every record resting on it leaves view and sharing,
 * and their measures stop (Art. 33, 39).
 */
export async function revokeLegalDocument(context: Context, id: string, reason: string) {
  requireActor(context, { roles: GOVERNMENT, purposes: ['JOINT_PUNISHMENT', 'OBJECTION_HANDLING'], article: 'Art. 33', step: 'Revoking a basis document of the third kind' });
  requireText({ reason }, 'Art. 33');
  await context.db.transaction(async (trx) => {
    const document = /^\d{1,18}$/.test(id) ? await lockLegalDocument(trx, id) : undefined;
    const owns = document && (context.identity.caller.role === 'PLATFORM_OPERATOR' || document.registeringSector === context.identity.caller.sector);
    // Design §5: another sector's document is refused as a missing one.
    if (!document || !owns) throw errors.badUserInput(`No registered document ${id} of yours.`, { argument: 'id' });
    if (document.status === 'REVOKED') {
      throw basisViolation(`Document ${document.documentNumber} was already revoked (Art. 33).`, 'BASIS_IN_EFFECT', document.documentNumber, { because: 'REVOKED' });
    }
    await markRevoked(trx, id, context.identity.caller.sub ?? 'unknown', reason.trim());
    const resting = await recordsOnBasis(trx, document.registeringSector, document.documentNumber);
    if (resting.length) {
      await explainChange(trx, `the document it rests on, ${document.documentNumber}, was revoked (Art. 33): ${reason.trim()}`);
      for (const recordId of resting) await removeRecord(trx, recordId, `basis revoked: ${reason.trim()}`);
    }
  });
  return reload(context, id);
}

/** The operators' queue (the field is the platform's own: not shared, not open). */
export function legalDocumentsAwaitingVerification(context: Context, first: number) {
  if (!Number.isInteger(first) || first < 1 || first > 500) throw errors.badUserInput(`first must be between 1 and 500, got ${first}.`, { argument: 'first' });
  return documentsToVerify(context.db, first);
}
