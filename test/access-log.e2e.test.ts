/**
 * The access log on the response path (design §6, Art. 42): a subgraph whose audit write
 * fails withholds the response, however fast the data was ready. Real subgraph, real audit
 * database, whose append function is taken away for the length of one request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorAgency, startSubgraphUnderTest, subjectsWith, type SubgraphUnderTest } from './subgraph.js';

let courts: SubgraphUnderTest;
beforeAll(async () => {
  courts = await startSubgraphUnderTest('courts');
});
afterAll(async () => courts?.stop());

const AGENCY = sectorAgency('MARKET', 'PUBLIC_PROCUREMENT');
const SELECTION = 'id judgments { id documentNumber parties { name } }';

describe('access log write before the response', () => {
  it('withholds every field of a response whose audit write fails, and answers again once the log can be written', async () => {
    const ids = (await subjectsWith(courts.db, 'judgment_parties')).slice(0, 20);
    const audit = courts.databases.audit;
    const rowsBefore = Number(((await audit('access_log').count({ n: '*' })) as [{ n: string }])[0].n);

    await audit.raw('alter function access_log_append(text, jsonb) rename to access_log_append_unavailable');
    let withheld;
    try {
      withheld = await courts.entities(ids, SELECTION, AGENCY);
    } finally {
      await audit.raw('alter function access_log_append_unavailable(text, jsonb) rename to access_log_append');
    }
    expect(withheld.data).toBeUndefined();
    expect(withheld.errors).toEqual([
      { message: 'The access log could not be written; no data is returned.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(JSON.stringify(withheld)).not.toContain(ids[0]);

    const answered = await courts.entities(ids, SELECTION, AGENCY);
    expect(answered.errors).toBeUndefined();
    expect(answered.data!._entities).toHaveLength(ids.length);
    const rowsAfter = Number(((await audit('access_log').count({ n: '*' })) as [{ n: string }])[0].n);
    expect(rowsAfter).toBeGreaterThan(rowsBefore);
  });
});
