import type { Knex } from 'knex';
import { createDisclosureLedger } from '@credit-hub/runtime';

/** Design §6: the requests this subgraph answered with subject data, for audit:verify's completeness report. */
export async function up(knex: Knex): Promise<void> {
  await createDisclosureLedger(knex);
}
