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

describe('platform 0011: one act, one record (Art. 33)', () => {
  it('takes later records of one subject on one document out of view, stops their measures, and then refuses another', async () => {
    const db = await freshDatabase('platform');
    await migrateDatabaseThrough(db, 'platform', '20261202000010_seed_runs.ts');
    const subject = '91150102MA0N3QK81Q';
    await db('subjects').insert({ id: subject, kind: 'LEGAL_PERSON', name: '呼和浩特市青城建设工程有限公司', region: '150100', credit_code: subject, source_agency: '呼和浩特市市场监督管理局', source_system: '企业登记' });
    const record = (summary: string, basis = '呼市监处罚〔2025〕1号') => ({
      subject_id: subject, summary, severity: 'GENERAL', owning_sector: 'MARKET', basis_kind: 'ADMINISTRATIVE_PENALTY', basis_document_number: basis, basis_sector: 'MARKET',
      legal_basis: '《条例》第三十三条', notice_nature: '一般失信', notice_reason: '处罚', notice_basis: basis, notice_removal_conditions: '期满移出', notice_remedies: '可提出异议',
      notice_served_at: new Date(), decided_on: '2025-06-01', disclosure_until: '2026-06-01', source_agency: '呼和浩特市市场监督管理局', source_system: '信用信息报送',
    });
    const [first, second, other] = await db('dishonesty_records').insert([record('第一次'), record('同一处罚第二次'), record('另一处罚', '呼市监处罚〔2025〕2号')]).returning('id');
    const [measure] = await db('applied_measures')
      .insert({ subject_id: subject, measure_code: 'KEY_SUPERVISION', dishonesty_record_id: second!.id, applied_by_sector: 'MARKET', applied_by: '11150000MB0000000M' })
      .returning('id');

    expect(await migrateDatabase(db, 'platform')).toContain('20261204000011_basis_documents_one_record.ts');
    const rows = await db('dishonesty_records').orderBy('id').select('id', 'status');
    expect(rows).toEqual([
      { id: first!.id, status: 'ACTIVE' },
      { id: second!.id, status: 'REMOVED' },
      { id: other!.id, status: 'ACTIVE' },
    ]);
    expect((await db('applied_measures').where('id', measure!.id).first('stopped_at')).stopped_at).not.toBeNull();
    const [change] = await db('record_changes').where({ record_type: 'DishonestyRecord', record_id: second!.id }).orderBy('seq', 'desc').limit(1).select('reason', 'tombstone');
    expect(change).toEqual({ reason: 'one act, one record (Art. 33): a later record of the same subject on the same basis document', tombstone: true });
    await expect(db('dishonesty_records').insert(record('再一次'))).rejects.toMatchObject({ code: '23505', constraint: 'dishonesty_records_one_act' });
  });
});
