/**
 * Data migrations on the data of the release before them (migrations are forward-only, so
 * a deployed database meets each one exactly once).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Knex } from 'knex';
import { createDb, ensureDatabase, migrateDatabase, migrateDatabaseThrough, withDatabase } from '@credit-hub/runtime';
import './provided.js';

const opened: Knex[] = [];
afterAll(async () => Promise.all(opened.map((db) => db.destroy())));

async function freshDatabase(name: string): Promise<Knex> {
  const url = withDatabase(inject('postgresServerUrl'), `t_migrations_${name}_${randomBytes(3).toString('hex')}`);
  await ensureDatabase(url, new URL(url).pathname.slice(1));
  const db = createDb(url);
  opened.push(db);
  return db;
}

describe('market 0005: objections to any record (Art. 39)', () => {
  it('names penalty objection flags by record type and id, keeping their outcome', async () => {
    const db = await freshDatabase('market');
    await migrateDatabaseThrough(db, 'market', '20261127000004_change_log.ts');
    const [penalty] = await db('administrative_penalties')
      .insert({
        subject_id: '91150102MA0N3QK81Q', decision_number: '呼市监处罚〔2025〕1号', violation: '未按规定公示年度报告', basis: '《企业信息公示暂行条例》第十八条',
        penalty_kind: '警告', authority: '呼和浩特市市场监督管理局', decided_on: '2025-06-01', disclosure_until: '2026-06-01',
        source_agency: '呼和浩特市市场监督管理局', source_system: '国家企业信用信息公示系统',
      })
      .returning('id');
    await db('objection_flags').insert([
      { objection_id: '7', decision_number: '呼市监处罚〔2025〕1号', outcome: 'PENDING' },
      { objection_id: '3', decision_number: '呼市监处罚〔2025〕1号', outcome: 'UPHELD' },
    ]);

    expect(await migrateDatabase(db, 'market')).toContain('20261127000005_objections_for_every_record.ts');
    const flags = await db('objection_flags').orderBy('objection_id').select('objection_id', 'subject_id', 'record_type', 'record_id', 'outcome', 'effect');
    expect(flags).toEqual([
      { objection_id: '3', subject_id: '91150102MA0N3QK81Q', record_type: 'AdministrativePenalty', record_id: String(penalty!.id), outcome: 'UPHELD', effect: 'outcome UPHELD' },
      { objection_id: '7', subject_id: '91150102MA0N3QK81Q', record_type: 'AdministrativePenalty', record_id: String(penalty!.id), outcome: 'PENDING', effect: 'shown under objection' },
    ]);
  });
});

describe('audit 0002: the client reference beside the request id (design §4, §6)', () => {
  it('keeps rows written before it verifying, and chains new rows that carry a reference', async () => {
    const { appendAccessLog, verifyAccessLog } = await import('@credit-hub/runtime');
    const audit = await freshDatabase('audit');
    await migrateDatabaseThrough(audit, 'audit', '20261127000001_access_log.ts');
    const entry = (requestId: string, clientRequestId?: string) => ({
      at: new Date(), requestId, clientRequestId, subgraph: 'courts', callerSub: '11150000MB0MAR000X', callerRole: 'SECTOR_AGENCY',
      callerSector: 'MARKET', purpose: 'PUBLIC_PROCUREMENT', subjectIds: ['91150102MA0N3QK81Q'], fieldsDisclosed: ['Subject.judgments'], fieldsDenied: [],
    });
    await appendAccessLog(audit, [entry('before-1')]);

    expect(await migrateDatabase(audit, 'audit')).toContain('20261128000001_client_request_id.ts');
    await appendAccessLog(audit, [entry('after-1', 'client-ref-1'), entry('after-2')]);
    expect(await verifyAccessLog(audit)).toMatchObject({ ok: true, rows: 3 });
    expect(await audit('access_log').orderBy('seq').pluck('client_request_id')).toEqual([null, 'client-ref-1', null]);

    // The reference is covered by the chain: changing it breaks the link (triggers set aside as an attacker would).
    await audit.raw('alter table access_log disable trigger access_log_no_update');
    await audit('access_log').where({ request_id: 'after-1' }).update({ client_request_id: 'other-ref' });
    expect(await verifyAccessLog(audit)).toMatchObject({ ok: false, reason: expect.stringContaining('altered') });
  });
});
