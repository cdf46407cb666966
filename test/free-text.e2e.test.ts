/**
 * Free text under the same rule as the fields it sits beside (design §5, Art. 24, 42): a
 * finance agency that sees a person's name masked must not read it whole in the notice's
 * reason or the record's summary; an entitled caller reads the same text whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('free_text', { subjects: 400 });
}, 120_000);
afterAll(async () => t?.stop());

const RECORDS = `query($id: ID!) { subject(id: $id) { name idNumber dishonestyRecords { id summary notice { reason } } } }`;

describe('free text (design §5)', () => {
  it('masks the person\'s name and ID number inside reasons and summaries for callers who see them masked, and only for them', async () => {
    // A person whose own name is written in a record's notice, as agencies' texts do.
    const row = await t.databases.dbs
      .platform('dishonesty_records as d')
      .join('subjects as s', 's.id', 'd.subject_id')
      .where('s.kind', 'NATURAL_PERSON')
      .whereRaw(`strpos(d.notice_reason, s.name) > 0`)
      .where('d.status', 'ACTIVE')
      .whereRaw(`d.disclosure_until >= (now() at time zone 'Asia/Shanghai')::date`)
      .first('d.id', 's.id as subjectId', 's.name', 's.id_number as idNumber');
    expect(row).toBeDefined();
    // An ID number in free text too: an agency's summary quoting it.
    await t.databases.dbs.platform('dishonesty_records').where('id', row.id).update({ summary: `当事人${row.name}（身份证号${row.idNumber}）拒不履行` });

    const operator = await t.headersFor({ sub: '12150000MB0000000P', role: 'PLATFORM_OPERATOR', sector: 'PLATFORM' }, 'JOINT_PUNISHMENT');
    const whole = (await t.query(RECORDS, { id: row.subjectId }, operator)).data!.subject;
    const record = whole.dishonestyRecords.find((entry: { id: string }) => entry.id === String(row.id));
    // The entitled caller (the platform, which keeps the record) reads the text whole: the name and number are there to hide.
    expect(whole.name).toBe(row.name);
    expect(record.notice.reason).toContain(row.name);
    expect(record.summary).toContain(row.idNumber);

    const finance = await t.headersFor({ sub: '11150000MB0000000F', role: 'SECTOR_AGENCY', sector: 'FINANCE' }, 'JOINT_PUNISHMENT');
    for (const headers of [finance, {}]) {
      const response = await t.query(RECORDS, { id: row.subjectId }, headers);
      const text = JSON.stringify(response);
      const masked = response.data!.subject.dishonestyRecords.find((entry: { id: string }) => entry.id === String(row.id));
      expect(response.data!.subject.name).toBe(row.name[0] + '*'.repeat([...row.name].length - 1));
      expect(text).not.toContain(row.name);
      expect(text).not.toContain(row.idNumber);
      expect(masked.summary).toContain(`${row.idNumber.slice(0, 6)}********${row.idNumber.slice(-4)}`);
      if (headers === finance) expect(masked.notice.reason).toContain(response.data!.subject.name);
    }
  });
});
