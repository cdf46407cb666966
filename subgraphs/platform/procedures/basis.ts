/**
 * Art. 33: a dishonest act is determined only on effective judicial rulings or arbitral
 * awards, effective administrative penalty or adjudication decisions, or other documents
 * the law names. The basis document is looked up in the subgraph of the sector that holds
 * it, on the caller's own token: it must exist, be in effect and concern the subject.
 */
import { errors, type Sector, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, type ForwardedIdentity } from '@credit-hub/runtime';

export type BasisKind = 'JUDICIAL_RULING' | 'ARBITRAL_AWARD' | 'ADMINISTRATIVE_PENALTY' | 'ADMINISTRATIVE_ADJUDICATION' | 'OTHER_LEGAL_DOCUMENT';

export interface VerifiedBasis {
  sector: Sector;
  /** The document's effective or decision date: the disclosure period counts from it. */
  decidedOn: string;
}

interface Lookup {
  subgraph: SubgraphName;
  sector: Sector;
  query: string;
  /** The document, its date and the subjects it concerns, from the answer. */
  read(data: any): { date: string; subjects: string[]; kind?: string } | null;
  kinds?: readonly string[];
}

const LOOKUPS: Record<Exclude<BasisKind, 'OTHER_LEGAL_DOCUMENT'>, Lookup> = {
  JUDICIAL_RULING: {
    subgraph: 'courts',
    sector: 'COURTS',
    query: `query($n: String!) { judgment(documentNumber: $n) { kind effectiveOn parties { subject { id } } } }`,
    read: (data) => data?.judgment && { date: data.judgment.effectiveOn, kind: data.judgment.kind, subjects: data.judgment.parties.map((p: any) => p.subject.id) },
    kinds: ['JUDGMENT', 'RULING', 'MEDIATION'],
  },
  ARBITRAL_AWARD: {
    subgraph: 'courts',
    sector: 'COURTS',
    query: `query($n: String!) { judgment(documentNumber: $n) { kind effectiveOn parties { subject { id } } } }`,
    read: (data) => data?.judgment && { date: data.judgment.effectiveOn, kind: data.judgment.kind, subjects: data.judgment.parties.map((p: any) => p.subject.id) },
    kinds: ['ARBITRAL_AWARD'],
  },
  ADMINISTRATIVE_PENALTY: {
    subgraph: 'market',
    sector: 'MARKET',
    query: `query($n: String!) { administrativePenalty(decisionNumber: $n) { decidedOn subject { id } } }`,
    read: (data) => data?.administrativePenalty && { date: data.administrativePenalty.decidedOn, subjects: [data.administrativePenalty.subject.id] },
  },
  // The labour inspectorate's determination of wage arrears is an administrative decision.
  ADMINISTRATIVE_ADJUDICATION: {
    subgraph: 'social-security',
    sector: 'SOCIAL_SECURITY',
    query: `query($n: String!) { wageArrearsCase(caseNumber: $n) { determinedOn subject { id } } }`,
    read: (data) => data?.wageArrearsCase && { date: data.wageArrearsCase.determinedOn, subjects: [data.wageArrearsCase.subject.id] },
  },
};

const violation = (message: string) => errors.procedureViolation(message, 'Art. 33');

export async function verifyBasis(
  input: { subjectId: string; basisKind: BasisKind; basisDocumentNumber: string; legalBasis: string },
  options: { urlOf: (name: SubgraphName) => string | undefined; identity: ForwardedIdentity; today: string; callerSector: Sector | null },
): Promise<VerifiedBasis> {
  if (input.basisKind === 'OTHER_LEGAL_DOCUMENT') {
    // Other documents count only where a law names them: the legal basis must cite it.
    if (!/《[^》]+》/.test(input.legalBasis)) {
      throw violation('An OTHER_LEGAL_DOCUMENT basis must name the law that provides for it, as 《…》 in legalBasis (Art. 33).');
    }
    if (!options.callerSector) throw violation('The sector issuing the document must record it.');
    return { sector: options.callerSector, decidedOn: options.today };
  }
  const lookup = LOOKUPS[input.basisKind];
  const url = options.urlOf(lookup.subgraph);
  if (!url) throw violation(`The ${lookup.subgraph} subgraph, which holds ${input.basisKind} documents, is not reachable.`);
  const answer = await callSubgraph<any>(url, lookup.query, { n: input.basisDocumentNumber.trim() }, options.identity);
  const document = lookup.read(answer.data);
  if (!document) {
    throw violation(`No ${input.basisKind} numbered ${input.basisDocumentNumber} exists in the ${lookup.subgraph} subgraph.`);
  }
  if (lookup.kinds && document.kind && !lookup.kinds.includes(document.kind)) {
    throw violation(`Document ${input.basisDocumentNumber} is a ${document.kind}, not a ${input.basisKind}.`);
  }
  if (document.date > options.today) throw violation(`Document ${input.basisDocumentNumber} is not yet in effect (${document.date}).`);
  if (!document.subjects.includes(input.subjectId)) {
    throw violation(`Document ${input.basisDocumentNumber} does not concern subject ${input.subjectId}.`);
  }
  return { sector: lookup.sector, decidedOn: document.date };
}
