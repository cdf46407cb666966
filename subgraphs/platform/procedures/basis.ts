/**
 * Art. 33: a dishonest act is determined only on effective judicial rulings or arbitral
 * awards, effective administrative penalty or adjudication decisions, or other documents
 * the law names, lawfully, objectively, prudently and relevantly (合法、客观、审慎、关联).
 *
 * - The first two kinds are looked up in the sector subgraph that holds them, on the
 *   caller's own token, and the sector answers (`bindingOf`) whether the document binds
 *   this subject (a judgment's losing party or an enforcement debtor, the party a penalty
 *   punishes, the employer found in arrears) and whether it stands: in effect, not removed,
 *   revoked or overturned (Art. 39), not repaired (Art. 40).
 * - The third kind is as checkable: registered with the platform first (issuer, date, the
 *   subjects it concerns, the law that makes it a basis) and verified by an operator. A
 *   number in a sector's own format is that sector's document and is checked there, never
 *   taken on the caller's word; a government contract is finance's (Art. 12-13).
 *
 * Every refusal is PROCEDURE_VIOLATION naming Art. 33, the rule and the document number.
 */
import type { Knex } from 'knex';
import { errors, type Sector, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, type ForwardedIdentity } from '@credit-hub/runtime';
import { legalDocumentByKey } from '../store/legal-documents.js';

export type BasisKind = 'JUDICIAL_RULING' | 'ARBITRAL_AWARD' | 'ADMINISTRATIVE_PENALTY' | 'ADMINISTRATIVE_ADJUDICATION' | 'OTHER_LEGAL_DOCUMENT';

/** The rules of Art. 33 a basis can fail, as `extensions.rule`. */
export type BasisRule = 'LAW_NAMED' | 'BASIS_EXISTS' | 'BASIS_KIND' | 'BASIS_IN_EFFECT' | 'RELEVANCE' | 'REGISTERED_AND_VERIFIED' | 'ONE_REGISTRATION' | 'ONE_ACT_ONE_RECORD';

export interface VerifiedBasis {
  sector: Sector;
  /** The document's effective or decision date: the disclosure period counts from it. */
  decidedOn: string;
  /** The number as the holder of the document keeps it: what the record rests on. */
  documentNumber: string;
}

export const basisViolation = (message: string, rule: BasisRule, documentNumber: string, extra: Record<string, unknown> = {}) =>
  errors.procedureViolation(message, 'Art. 33', { rule, documentNumber, ...extra });

/** A sector's answer about its document and one subject (runtime/src/basis-binding.ts). */
interface Binding {
  binds: boolean;
  role: string | null;
  inEffect: boolean;
  notInEffectBecause: string | null;
}

interface SectorDocument {
  date: string;
  kind?: string;
  binding: Binding | null;
}

interface Lookup {
  subgraph: SubgraphName;
  sector: Sector;
  /** What the sector calls the document, for messages. */
  what: string;
  query: string;
  read(data: any): SectorDocument | null;
  /** The sector's kinds of document that are this basis kind (a court holds judgments and awards). */
  kinds?: readonly string[];
}

const BINDING = `bindingOf(subjectId: $s) { binds role inEffect notInEffectBecause }`;
const JUDGMENT_QUERY = `query($n: String!, $s: ID!) { judgment(documentNumber: $n) { kind effectiveOn ${BINDING} } }`;
const readJudgment = (data: any): SectorDocument | null =>
  data?.judgment ? { date: data.judgment.effectiveOn, kind: data.judgment.kind, binding: data.judgment.bindingOf ?? null } : null;

const LOOKUPS: Record<Exclude<BasisKind, 'OTHER_LEGAL_DOCUMENT'>, Lookup> = {
  JUDICIAL_RULING: { subgraph: 'courts', sector: 'COURTS', what: 'judicial ruling', query: JUDGMENT_QUERY, read: readJudgment, kinds: ['JUDGMENT', 'RULING', 'MEDIATION'] },
  ARBITRAL_AWARD: { subgraph: 'courts', sector: 'COURTS', what: 'arbitral award', query: JUDGMENT_QUERY, read: readJudgment, kinds: ['ARBITRAL_AWARD'] },
  ADMINISTRATIVE_PENALTY: {
    subgraph: 'market',
    sector: 'MARKET',
    what: 'administrative penalty decision',
    query: `query($n: String!, $s: ID!) { administrativePenalty(decisionNumber: $n) { decidedOn ${BINDING} } }`,
    read: (data) => (data?.administrativePenalty ? { date: data.administrativePenalty.decidedOn, binding: data.administrativePenalty.bindingOf ?? null } : null),
  },
  // The labour inspectorate's determination of wage arrears is an administrative decision.
  ADMINISTRATIVE_ADJUDICATION: {
    subgraph: 'social-security',
    sector: 'SOCIAL_SECURITY',
    what: 'wage arrears determination',
    query: `query($n: String!, $s: ID!) { wageArrearsCase(caseNumber: $n) { determinedOn ${BINDING} } }`,
    read: (data) => (data?.wageArrearsCase ? { date: data.wageArrearsCase.determinedOn, binding: data.wageArrearsCase.bindingOf ?? null } : null),
  },
};

/** A government contract (Art. 12-13): a document of the third kind that finance holds and checks. */
export const CONTRACT_LOOKUP: Lookup = {
  subgraph: 'finance',
  sector: 'FINANCE',
  what: 'government contract',
  query: `query($n: String!, $s: ID!) { governmentContract(contractNumber: $n) { dueOn ${BINDING} } }`,
  read: (data) => (data?.governmentContract ? { date: data.governmentContract.dueOn, binding: data.governmentContract.bindingOf ?? null } : null),
};

/**
 * A document number as a key: the same number whatever its spelling (full-width or ASCII
 * brackets and digits, spaces), so one document is never registered, or counted, twice.
 */
export function numberKey(number: string): string {
  return number
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〔［【]/g, '[')
    .replace(/[〕］】]/g, ']');
}

/** Numbers in a sector's own format (on the key): that sector's documents, checked there. */
const SECTOR_FORMATS: Array<{ pattern: RegExp; lookup: Lookup; kind: BasisKind }> = [
  // （2024）内0105民初1234号, （2024）呼和浩特仲裁字第123号, （2024）内0102执567号
  { pattern: /^\(\d{4}\).+号$/, lookup: { ...LOOKUPS.JUDICIAL_RULING, what: 'court or arbitration document', kinds: undefined }, kind: 'JUDICIAL_RULING' },
  // 呼市监处罚〔2024〕123号
  { pattern: /处罚\[\d{4}\]\d+号$/, lookup: LOOKUPS.ADMINISTRATIVE_PENALTY, kind: 'ADMINISTRATIVE_PENALTY' },
  // 包人社监责改〔2024〕12号
  { pattern: /监责改\[\d{4}\]\d+号$/, lookup: LOOKUPS.ADMINISTRATIVE_ADJUDICATION, kind: 'ADMINISTRATIVE_ADJUDICATION' },
  // HT150200-2023-00042
  { pattern: /^HT\d{6}-\d{4}-\d{5}$/, lookup: CONTRACT_LOOKUP, kind: 'OTHER_LEGAL_DOCUMENT' },
];

export const sectorFormatOf = (number: string) => SECTOR_FORMATS.find((format) => format.pattern.test(numberKey(number)));

const NOT_STANDING: Record<string, string> = {
  NOT_YET_EFFECTIVE: 'it is not yet in effect',
  REMOVED: 'it was removed, revoked or overturned (Art. 39)',
  REPAIRED: 'the act it determined was repaired (Art. 40)',
  NOTHING_OVERDUE: 'nothing on it is overdue past its term (Art. 12)',
};

export interface BasisOptions {
  urlOf: (name: SubgraphName) => string | undefined;
  identity: ForwardedIdentity;
  today: string;
  db: Knex;
}

/** The document as its sector holds it, checked to bind the subject and to stand now; refused otherwise. */
export async function checkInSector(lookup: Lookup, label: string, number: string, subjectId: string, options: BasisOptions): Promise<SectorDocument> {
  const url = options.urlOf(lookup.subgraph);
  if (!url) throw basisViolation(`The ${lookup.subgraph} subgraph, which holds ${lookup.what}s, is not reachable: ${number} cannot be checked.`, 'BASIS_EXISTS', number);
  const answer = await callSubgraph<any>(url, lookup.query, { n: number, s: subjectId }, options.identity);
  const document = lookup.read(answer.data);
  // Withdrawn, repaired or past its period, a document is not shown outside its sector: it is not in effect for this caller either.
  if (!document) throw basisViolation(`No ${lookup.what} numbered ${number} is in effect in the ${lookup.subgraph} subgraph (Art. 33).`, 'BASIS_EXISTS', number);
  if (lookup.kinds && document.kind && !lookup.kinds.includes(document.kind)) {
    throw basisViolation(`Document ${number} is a ${document.kind}, not a ${label} (Art. 33).`, 'BASIS_KIND', number, { found: document.kind });
  }
  const binding = document.binding;
  if (!binding) {
    throw basisViolation(`The ${lookup.subgraph} subgraph did not say whether ${number} binds subject ${subjectId}: ${answer.errors[0]?.message ?? 'no answer'}`, 'RELEVANCE', number);
  }
  if (!binding.inEffect) {
    const because = binding.notInEffectBecause ?? 'NOT_YET_EFFECTIVE';
    throw basisViolation(`Document ${number} grounds no record now: ${NOT_STANDING[because] ?? because} (Art. 33: a basis must be in effect when cited).`, 'BASIS_IN_EFFECT', number, { because });
  }
  if (!binding.binds) {
    throw basisViolation(
      `Document ${number} does not bind subject ${subjectId}${binding.role ? ` (its ${binding.role})` : ''}: a basis grounds a record only against the party it binds, such as the losing party or obligor, the party punished, the employer in arrears (Art. 33: 关联).`,
      'RELEVANCE',
      number,
      { role: binding.role },
    );
  }
  return document;
}

/** A document of the third kind registered with the platform: verified, standing, and concerning the subject. */
async function checkRegistered(number: string, subjectId: string, options: BasisOptions): Promise<VerifiedBasis> {
  const document = await legalDocumentByKey(options.db, numberKey(number));
  if (!document || document.status === 'REGISTERED') {
    throw basisViolation(
      `${number} is ${document ? `registered (${document.id}) but not yet verified by an operator` : 'not registered with the platform'}: a document of the third kind of Art. 33 grounds a record only once registered with its issuer, date, the subjects it concerns and the law that makes it a basis (registerLegalDocument), and verified by an operator (verifyLegalDocument).`,
      'REGISTERED_AND_VERIFIED',
      number,
      document ? { documentId: String(document.id) } : {},
    );
  }
  if (document.status === 'REVOKED') {
    throw basisViolation(`Document ${number} grounds no record now: it was revoked (Art. 33: a basis must be in effect when cited).`, 'BASIS_IN_EFFECT', number, { because: 'REVOKED' });
  }
  if (document.issuedOn > options.today) {
    throw basisViolation(`Document ${number} grounds no record now: it is not yet in effect (${document.issuedOn}).`, 'BASIS_IN_EFFECT', number, { because: 'NOT_YET_EFFECTIVE' });
  }
  if (!document.partyIds.includes(subjectId)) {
    throw basisViolation(`Document ${number} does not concern subject ${subjectId}: a basis grounds a record only against the subjects it concerns (Art. 33: 关联).`, 'RELEVANCE', number);
  }
  return { sector: document.registeringSector as Sector, decidedOn: document.issuedOn, documentNumber: document.documentNumber };
}

export async function verifyBasis(
  input: { subjectId: string; basisKind: BasisKind; basisDocumentNumber: string; legalBasis: string },
  options: BasisOptions,
): Promise<VerifiedBasis> {
  const number = input.basisDocumentNumber.trim();
  if (input.basisKind !== 'OTHER_LEGAL_DOCUMENT') {
    const lookup = LOOKUPS[input.basisKind];
    const document = await checkInSector(lookup, input.basisKind, number, input.subjectId, options);
    return { sector: lookup.sector, decidedOn: document.date, documentNumber: number };
  }
  // Other documents count only where a law names them: the legal basis must cite it.
  if (!/《[^》]+》/.test(input.legalBasis)) {
    throw basisViolation('An OTHER_LEGAL_DOCUMENT basis must name the law that provides for it, as 《…》 in legalBasis (Art. 33).', 'LAW_NAMED', number);
  }
  const format = sectorFormatOf(number);
  if (!format) return checkRegistered(number, input.subjectId, options);
  // Another sector's number: that sector's document, checked there and cited as what it is.
  const document = await checkInSector(format.lookup, format.lookup.what, number, input.subjectId, options);
  if (format.kind === 'OTHER_LEGAL_DOCUMENT') return { sector: format.lookup.sector, decidedOn: options.today, documentNumber: number };
  const kind = format.kind === 'JUDICIAL_RULING' && document.kind === 'ARBITRAL_AWARD' ? 'ARBITRAL_AWARD' : format.kind;
  throw basisViolation(
    `${number} is a ${format.lookup.what} of the ${format.lookup.sector} sector, not a document of the third kind: cite it as ${kind}, checked by the ${format.lookup.subgraph} subgraph (Art. 33).`,
    'BASIS_KIND',
    number,
    { found: kind },
  );
}
