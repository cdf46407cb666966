/**
 * A sector's answer about one of its documents (Art. 33: 合法、客观、审慎、关联): whether it
 * binds a subject, and whether it stands now. The platform asks it, on the recording
 * agency's token, before it records an act on the document; each sector knows who its
 * documents bind (a judgment's losing party, a penalty's punished party, the employer in
 * arrears, the government body that owes) and whether they were removed or repaired.
 */

/** Why a document does not stand now. */
export type NotInEffectBecause = 'NOT_YET_EFFECTIVE' | 'REMOVED' | 'REPAIRED' | 'NOTHING_OVERDUE';

export interface BasisBinding {
  /** The subject asked about: the answer is about it (audited against it, design §6). */
  subjectId: string;
  binds: boolean;
  role: string | null;
  inEffect: boolean;
  notInEffectBecause: NotInEffectBecause | null;
}

/**
 * The answer, from what the sector knows of the document. Never carries the removal marks
 * themselves (`removedAt`, a REMOVED status): the answer is about the subject asked, and is
 * shown to whoever may see the document, withdrawn or not.
 */
export function basisBinding(answer: {
  subjectId: string;
  role: string | null;
  binds: boolean;
  effectiveOn: string | null;
  today: string;
  removed: boolean;
  repaired?: boolean;
  /** A further reason the document grounds nothing now (a contract with nothing overdue). */
  otherwise?: NotInEffectBecause | null;
}): BasisBinding {
  const because: NotInEffectBecause | null = answer.removed
    ? 'REMOVED'
    : answer.repaired
      ? 'REPAIRED'
      : answer.effectiveOn === null || answer.effectiveOn > answer.today
        ? 'NOT_YET_EFFECTIVE'
        : (answer.otherwise ?? null);
  return { subjectId: answer.subjectId, binds: answer.binds, role: answer.role, inEffect: because === null, notInEffectBecause: because };
}

/** A document that binds one party (the party a penalty punishes, the employer found in arrears): the answer for a subject. */
export function bindingOfParty(
  document: { partyId: string; role: string; effectiveOn: string; removedAt: Date | null; repairedAt?: Date | null },
  subjectId: string,
  today: string,
): BasisBinding {
  const bound = document.partyId === subjectId;
  return basisBinding({
    subjectId,
    role: bound ? document.role : null,
    binds: bound,
    effectiveOn: document.effectiveOn,
    today,
    removed: document.removedAt != null,
    repaired: document.repairedAt != null,
  });
}
