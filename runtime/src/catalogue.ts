/**
 * The platform's catalogues as reviewed data (Art. 30-32), read from migrations/catalogue.json
 * and checked once: punishment measures with the lightest tier of record each may rest on
 * (Art. 32, 35), incentive criteria with the checks a grant must pass (Art. 30), incentive
 * measures (Art. 31). The platform's migration keeps its tables equal to the file; the demo
 * data draws from it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MIGRATIONS_ROOT } from './db.js';

const tier = z.enum(['MINOR', 'GENERAL', 'SERIOUS']);
const sector = z.enum(['PLATFORM', 'COURTS', 'MARKET', 'SOCIAL_SECURITY', 'FINANCE']);

/** What a criterion asks of a subject's records at the moment of the grant, and for as long as the incentive lasts (Art. 30). */
export const incentiveCheck = z.discriminatedUnion('kind', [
  /** No dishonesty record decided in the last `years` (removed-on-objection records excepted). */
  z.object({ kind: z.literal('NO_DISHONESTY_RECORD'), years: z.number().int().min(1).max(10) }),
  /** No serious-dishonesty listing proposed or in force in the last `years`. */
  z.object({ kind: z.literal('NO_SERIOUS_LISTING'), years: z.number().int().min(1).max(10) }),
  /** Not on the courts' list of dishonest judgment debtors now (asked of the courts). */
  z.object({ kind: z.literal('NOT_A_DISHONEST_JUDGMENT_DEBTOR') }),
]);
export type IncentiveCheck = z.infer<typeof incentiveCheck>;

const catalogueSchema = z.object({
  punishmentMeasures: z.array(
    z.object({ code: z.string().regex(/^[A-Z_]+$/), name: z.string().min(1), legalBasis: z.string().min(1), minimumTier: tier, sector, description: z.string().min(1) }),
  ),
  incentiveCriteria: z.array(
    z.object({
      code: z.string().regex(/^[A-Z0-9_]+$/),
      name: z.string().min(1),
      description: z.string().min(1),
      legalBasis: z.string().min(1),
      publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      subjects: z.enum(['ORGANISATION', 'PERSON', 'ANY']),
      decidingAgency: z.string().optional(),
      documentPrefix: z.string().optional(),
      validYears: z.number().int().min(1).max(3).optional(),
      checks: z.array(incentiveCheck).min(1),
    }),
  ),
  incentiveMeasures: z.array(z.object({ code: z.string().regex(/^[A-Z_]+$/), name: z.string().min(1), legalBasis: z.string().min(1), sector })),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const CATALOGUE_PATH = `${MIGRATIONS_ROOT}catalogue.json`;

let loaded: Catalogue | undefined;
/** The catalogue, parsed and checked once; a malformed file stops the start with every problem named. */
export function catalogue(): Catalogue {
  if (loaded) return loaded;
  const parsed = catalogueSchema.safeParse(JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')));
  if (!parsed.success) throw new Error(`${CATALOGUE_PATH}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  for (const list of [parsed.data.punishmentMeasures, parsed.data.incentiveCriteria, parsed.data.incentiveMeasures]) {
    const codes = list.map((entry) => entry.code);
    const twice = codes.filter((code, index) => codes.indexOf(code) !== index);
    if (twice.length) throw new Error(`${CATALOGUE_PATH}: code given twice: ${twice.join(', ')}`);
  }
  return (loaded = parsed.data);
}
