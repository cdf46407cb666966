/**
 * The policy engine (design §5): one set of pure functions, used by every subgraph's
 * graphql-shield rules and masking middleware, deciding for a caller, a declared purpose
 * and a record whether a field may be seen, whole or masked.
 *
 *   Art. 24: collection, sharing, disclosure and use must be lawful, legitimate, necessary.
 *   Art. 26: non-public information is disclosed only by law, agreement or the subject's choice.
 *   Art. 38: a subject may see everything about itself.
 *   Art. 40: a repaired record leaves public view and is no longer shared.
 *   Art. 42: no use beyond the scope the subject agreed to.
 */
import type { AccessClass } from './typedefs.js';
import type { Role, Sector } from './purposes.js';
import { isPersonPseudonym } from './ids.js';

export interface PolicyCaller {
  role: Role;
  sub: string | null;
  sector: Sector | null;
}

export interface PolicyRequest {
  caller: PolicyCaller;
  /** The purpose the caller declared (or the implied one); null only for a subject's self-query. */
  purpose: string | null;
  /** Sector of the subgraph answering: the owner of its records. */
  ownerSector: Sector;
  /** Whether a credit service agency holds the subject's authorisation for the purpose (Art. 26). */
  authorised?: (subjectId: string) => boolean;
}

/** What the policy needs to know about the record a field belongs to. */
export interface RecordFacts {
  /** Subjects the record is about; the caller is "self" when it is one of them. */
  subjectIds: readonly string[];
  /** Whether the record is disclosed now: within its disclosure period, not repaired, not removed. */
  disclosedNow: boolean;
  repaired: boolean;
  removed: boolean;
  /** Whether the record concerns a natural person (personal information is masked). */
  concernsPerson: boolean;
  /**
   * A record whose procedure has not published it yet (Art. 36: a serious-dishonesty listing
   * before it is decided, served and published): seen only by the subject, the owning agency
   * and the sector that proposed it (Art. 42: unpublished information does not leak).
   */
  unpublished?: boolean;
  /**
   * Names of the natural persons the record concerns or names, where its store knows them
   * (`subjectName`, or a `personNames` list such as a judgment's natural-person parties): masked inside free text.
   */
  personNames?: readonly string[];
  /** The sector that proposed a record kept by the platform (a listing); it follows its own proposal. */
  proposingSector?: Sector | null;
}

/**
 * Record types whose disclosure waits for their procedure to publish them, declared once
 * here: before their publication date (`publishedOn`) they are not disclosed to anyone but
 * the subject, the owner and the proposer. A row of such a type without `publishedOn` is
 * taken as unpublished (deny by default).
 *   Art. 31: incentive subjects are published on the platform.
 *   Art. 36: a serious-dishonesty listing is published only after notice, objection, decision and service.
 */
export const PUBLISHED_BY_PROCEDURE: ReadonlySet<string> = new Set(['SeriousDishonestyListing', 'IncentiveListing']);

export type Decision =
  | { allow: true; masked: boolean }
  | { allow: false; reason: DenialReason; article: string; message: string };

export type DenialReason =
  | 'NOT_OPEN'
  | 'PURPOSE_NOT_PERMITTED'
  | 'NOT_SHARED'
  | 'NOT_AUTHORISED'
  | 'NOT_DISCLOSED'
  | 'NOT_PUBLISHED'
  | 'REPAIRED';

// Shared, not allocated per call: a decision is asked for every field of every record.
const ALLOW_WHOLE: Decision = Object.freeze({ allow: true, masked: false });
const ALLOW_MASKED: Decision = Object.freeze({ allow: true, masked: true });
const allow = (masked: boolean): Decision => (masked ? ALLOW_MASKED : ALLOW_WHOLE);
const deny = (reason: DenialReason, article: string, message: string): Decision => ({ allow: false, reason, article, message });

export function isSelf(request: PolicyRequest, record: RecordFacts): boolean {
  const { sub } = request.caller;
  return request.caller.role === 'CREDIT_SUBJECT' && sub !== null && record.subjectIds.includes(sub);
}

const isGovernment = (role: Role) => role === 'SECTOR_AGENCY' || role === 'PLATFORM_OPERATOR';
const ownsRecord = (request: PolicyRequest) => isGovernment(request.caller.role) && request.caller.sector === request.ownerSector;

/** Purposes under which personal information is needed whole (identity is the point). */
const IDENTITY_PURPOSES = new Set(['JUDICIAL_ENFORCEMENT']);

/**
 * Whether a record is visible at all (row level), before any field is looked at.
 * Invisible records are left out of lists, so their existence does not leak (Art. 40).
 */
export function recordVisible(request: PolicyRequest, record: RecordFacts): boolean {
  if (isSelf(request, record) || ownsRecord(request)) return true; // Art. 38; the owning agency keeps its records
  if (record.unpublished) return proposedBy(request, record); // Art. 36, 42: not before publication
  return record.disclosedNow; // Art. 40: repaired or past its period: gone from public view and from sharing
}

const proposedBy = (request: PolicyRequest, record: RecordFacts) =>
  isGovernment(request.caller.role) && record.proposingSector != null && request.caller.sector === record.proposingSector;

/** The decision for one field of one record. */
export function decideField(access: AccessClass, request: PolicyRequest, record: RecordFacts): Decision {
  const personal = access.personal && record.concernsPerson;
  if (isSelf(request, record)) return allow(false); // Art. 38: everything about itself, whole

  if (!recordVisible(request, record)) {
    if (record.unpublished) return deny('NOT_PUBLISHED', 'Art. 36', 'The record is not published yet; only its subject, owner and proposer see it.');
    return record.repaired
      ? deny('REPAIRED', 'Art. 40', 'The record was repaired; it is no longer disclosed or shared.')
      : deny('NOT_DISCLOSED', 'Art. 24', 'The record is outside its disclosure period.');
  }

  const { role } = request.caller;
  const purpose = request.purpose;
  const masked = personal && !ownsRecord(request) && !(purpose !== null && IDENTITY_PURPOSES.has(purpose));

  if (isGovernment(role)) {
    if (access.share === 'UNCONDITIONAL') return allow(masked);
    if (access.share === 'CONDITIONAL') {
      if (purpose !== null && access.purposes.includes(purpose)) return allow(masked);
      if (ownsRecord(request)) return allow(masked);
      if (access.open === 'PUBLIC') return allow(personal); // what the public sees, an agency sees too
      return deny(
        'PURPOSE_NOT_PERMITTED',
        'Art. 24',
        `Shared only for ${access.purposes.join(', ') || 'no purpose'}; declared ${purpose ?? 'none'}.`,
      );
    }
    if (ownsRecord(request)) return allow(masked);
    if (access.open === 'PUBLIC') return allow(personal);
    return deny('NOT_SHARED', 'Art. 24', `Not shared outside the ${request.ownerSector} sector.`);
  }

  // The public, credit subjects about others, and credit service agencies (Art. 26, 44).
  if (access.open === 'PUBLIC') return allow(personal);
  if (access.open === 'AUTHORIZED' && role === 'CREDIT_SERVICE_AGENCY') {
    if (purpose === null || !access.purposes.includes(purpose)) {
      return deny('PURPOSE_NOT_PERMITTED', 'Art. 26', `Opened only for ${access.purposes.join(', ')}; declared ${purpose ?? 'none'}.`);
    }
    const granted = record.subjectIds.some((subjectId) => request.authorised?.(subjectId) ?? false);
    if (granted) return allow(personal);
    return deny('NOT_AUTHORISED', 'Art. 42', 'The subject has not authorised this agency for this purpose.');
  }
  return deny('NOT_OPEN', 'Art. 26', 'Not open to the public.');
}

/** A resident ID number inside text: 17 digits and a check character, not part of a longer number. */
const ID_NUMBER_IN_TEXT = /(?<![0-9])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;

/**
 * Whether free text of this record must have its personal values masked for this caller:
 * exactly when a personal field of the record would be shown masked (Art. 24, 42).
 */
export function freeTextMasked(access: AccessClass, request: PolicyRequest, record: RecordFacts): boolean {
  // A record about an organisation can still name persons (a judgment's natural-person parties).
  const namesPersons = (record.personNames?.length ?? 0) > 0;
  if (!record.concernsPerson && !namesPersons) return false;
  const decision = decideField({ ...access, personal: true }, request, { ...record, concernsPerson: true });
  return decision.allow && decision.masked;
}

/**
 * Free text with the personal values in it masked (design §5, "masked means unrecoverable"):
 * every resident ID number, and each name of the persons the record concerns, masked as the
 * fields that hold them are. The rest of the text stays readable.
 */
export function maskFreeText(text: unknown, personNames: readonly string[] = []): unknown {
  if (typeof text !== 'string') return text;
  let masked = text.replace(ID_NUMBER_IN_TEXT, (number) => maskValue(number) as string);
  // Longest first, so a name that contains another is masked whole.
  for (const name of [...personNames].sort((a, b) => b.length - a.length)) {
    if ([...name].length >= 2) masked = masked.split(name).join(maskValue(name) as string);
  }
  return masked;
}

/** Masks personal information (design §5): ID numbers keep 6 + 4 characters, names the first. */
export function maskValue(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  if (/^\d{17}[\dX]$/i.test(value)) return `${value.slice(0, 6)}${'*'.repeat(8)}${value.slice(-4)}`;
  const chars = [...value];
  return chars.length <= 1 ? value : chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * Facts a nested value object (a Source, a notice, a basis document) inherits from the
 * record it belongs to; set by the enforcement middleware, read before the row's own keys.
 */
export const INHERITED_FACTS = Symbol.for('credit-hub.inherited-facts');

const SUBJECT_KEYS = ['subjectId', 'partyId', 'agencyId', 'enterpriseId'] as const;
/** A record of several subjects looked up by its own number (a judgment by document number) names them all. */
const SUBJECT_LIST_KEY = 'partyIds';

/** A subject key: a credit code or a person's pseudonym (record ids are numbers). */
const isSubjectKey = (id: string) => isPersonPseudonym(id) || /^[0-9A-Y]{18}$/.test(id);

const SUBJECT_KINDS: ReadonlySet<string> = new Set(['NATURAL_PERSON', 'LEGAL_PERSON', 'UNINCORPORATED_ORG', 'GOVERNMENT_AGENCY']);

/** Whether a row names the subjects it is about (else it inherits its parent's facts). */
export function namesItsSubjects(row: Record<string, unknown>): boolean {
  for (const key of SUBJECT_KEYS) if (typeof row[key] === 'string') return true;
  return Array.isArray(row[SUBJECT_LIST_KEY]);
}

/**
 * Facts of a row by the conventions every store follows: `subjectId` (or the parties of a
 * contract, or `partyIds` for a record looked up by its own number), `disclosureUntil`, `repairedAt` / status REPAIRED, `removedAt` / `removedOn`,
 * and `kind` on register rows. A Subject reference `{ id }` is about that subject.
 */
export function factsOfRow(row: Record<string | symbol, unknown>, today: string, typeName?: string): RecordFacts {
  const inherited = row[INHERITED_FACTS] as RecordFacts | undefined;
  if (inherited) return inherited;
  // One array per row: facts are read for every record of a 1,000-subject batch.
  const subjectIds: string[] = [];
  for (const key of SUBJECT_KEYS) {
    const value = row[key];
    if (typeof value === 'string') subjectIds.push(value);
  }
  const parties = row[SUBJECT_LIST_KEY];
  if (Array.isArray(parties)) for (const party of parties) if (typeof party === 'string' && !subjectIds.includes(party)) subjectIds.push(party);
  if (subjectIds.length === 0 && typeof row.id === 'string' && isSubjectKey(row.id)) subjectIds.push(row.id);
  const repaired = row.repairedAt != null || row.status === 'REPAIRED';
  // removedAt is the moment a record was taken out (a timestamp, always past); removedOn a date that may lie ahead.
  const removed = row.status === 'REMOVED' || row.removedAt != null || (row.removedOn != null && String(row.removedOn) <= today);
  const until = typeof row.disclosureUntil === 'string' ? row.disclosureUntil : null;
  // `kind` is the subject's kind on register rows only: a judgment's or a commitment's own kind says nothing of persons.
  const subjectKind = SUBJECT_KINDS.has(row.kind as string) ? (row.kind as string) : undefined;
  const concernsPerson = subjectKind === 'NATURAL_PERSON' || (subjectKind === undefined && subjectIds.some(isPersonPseudonym));
  const disclosedNow = !repaired && !removed && (until === null || until >= today);
  const facts: RecordFacts = { subjectIds, disclosedNow, repaired, removed, concernsPerson };
  // The persons a record names, masked inside its free text: the subject's name, or the names its store lists.
  if (concernsPerson && typeof row.subjectName === 'string') facts.personNames = [row.subjectName];
  // A person's register row names the person: what nested records inherit from it.
  else if (subjectKind === 'NATURAL_PERSON' && typeof row.name === 'string') facts.personNames = [row.name];
  if (Array.isArray(row.personNames)) facts.personNames = [...(facts.personNames ?? []), ...row.personNames.filter((name): name is string => typeof name === 'string')];
  if (typeName === undefined || !PUBLISHED_BY_PROCEDURE.has(typeName)) return facts;
  const unpublished = !(typeof row.publishedOn === 'string' && row.publishedOn <= today);
  const proposingSector = typeof row.proposingSector === 'string' ? (row.proposingSector as Sector) : null;
  return { ...facts, disclosedNow: disclosedNow && !unpublished, unpublished, proposingSector };
}
