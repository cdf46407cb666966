/**
 * The credit report (Art. 38, 44): every sector as the caller may see it, with sources, a
 * generation time and a verification hash; printable HTML at /report/<id>; each sector
 * audits what it disclosed for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('report');
});
afterAll(async () => t?.stop());

const REPORT = `creditReport { subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } }`;

describe('credit report', () => {
  it('gives the subject every sector of its own report, with sources and a hash', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const response = await t.query(`{ me { ${REPORT} } }`, {}, await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }));
    expect(response.errors).toBeUndefined();
    const report = response.data!.me.creditReport;
    expect(report.subjectName).toBe(subject.name);
    expect(report.verificationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.sections.map((section: any) => section.sector)).toEqual(['PLATFORM', 'COURTS', 'MARKET', 'SOCIAL_SECURITY', 'FINANCE']);
    for (const section of report.sections) {
      expect(section.withheld, section.sector).toEqual([]);
      expect(section.entries.length, section.sector).toBeGreaterThan(0);
      for (const entry of section.entries) expect(entry.source).toContain(' · ');
    }
  });

  it('withholds from another caller what the policy withholds, and each sector audits it', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const agency: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };
    const requestId = `report-${Date.now()}`;
    const response = await t.query(`query($id: ID!) { subject(id: $id) { ${REPORT} } }`, { id: subject.id }, {
      ...(await t.headersFor(agency, 'REGULATORY_SUPERVISION')),
      'x-request-id': requestId,
    });
    const courts = response.data!.subject.creditReport.sections.find((section: any) => section.sector === 'COURTS');
    // Enforcement cases are not shared for REGULATORY_SUPERVISION.
    expect(courts.withheld).toContain('Subject.enforcementCases');
    const logged = await t.databases.audit('access_log').where({ request_id: requestId, subgraph: 'courts' }).select('caller_sub', 'purpose', 'fields_denied');
    expect(logged[0]).toMatchObject({ caller_sub: agency.sub, purpose: 'REGULATORY_SUPERVISION' });
    expect(logged.flatMap((row) => row.fields_denied)).toContain('Subject.enforcementCases');
  });

  it('prints as HTML at /report/<id>, and names a bad id', async () => {
    const subject = showcaseWith('PERSON');
    const base = t.hub.gateway.url.replace(/\/graphql$/, '');
    const html = await fetch(`${base}/report/me`, { headers: await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }) });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(text).toContain(subject.name);
    expect(text).toMatch(/Verification sha256 [0-9a-f]{64}/);
    const bad = await fetch(`${base}/report/91150102MA0N3QK81X`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('BAD_USER_INPUT');
  });
});
