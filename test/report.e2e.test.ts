/**
 * The credit report (Art. 38, 44): every sector as the caller may see it, with sources, a
 * generation time and a verification hash; printable HTML at /report/<id> and PDF at
 * /report/<id>.pdf; each sector audits what it disclosed for it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerClaims } from '@credit-hub/runtime';
import { showcaseWith, startTestHub, type TestHub } from './hub.js';
import { pdfText, squashed } from './pdf-text.js';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub('report');
});
afterAll(async () => t?.stop());

const REPORT = `creditReport { subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } }`;
const MARKET_AGENCY: CallerClaims = { sub: '11150000MB0000000M', role: 'SECTOR_AGENCY', sector: 'MARKET' };

const reportUrl = (path: string) => `${t.hub.gateway.url.replace(/\/graphql$/, '')}/report/${path}`;

async function fetchPdf(path: string, headers: Record<string, string>) {
  const response = await fetch(reportUrl(path), { headers });
  expect(response.status, response.status === 200 ? '' : await response.text()).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  // A copy for PDF.js, which takes over the buffer it is given.
  return { response, bytes, text: squashed(await pdfText(bytes.slice())) };
}

/** The report content a holder sends to /report/verify, as the graph gave it. */
const toVerify = (subjectId: string, report: any, overrides: Record<string, unknown> = {}) => ({
  subjectId,
  subjectName: report.subjectName,
  generatedAt: report.generatedAt,
  sections: report.sections,
  verificationHash: report.verificationHash,
  ...overrides,
});

async function verify(body: unknown): Promise<{ status: number; genuine?: boolean; text: string }> {
  const response = await fetch(reportUrl('verify'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, ...(response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) };
}

/**
 * The hub's own former digest (before issue #13): plain sha256 over the subject, a name, the
 * generation time and the sections. A curious caller tries candidate names with it.
 */
function plainDigest(subjectId: string, name: string, report: any): string {
  const sections = report.sections.map((section: any) => ({
    sector: section.sector,
    agency: section.agency,
    entries: section.entries.map((entry: any) => ({ label: entry.label, value: entry.value, source: entry.source })),
    withheld: section.withheld,
  }));
  return createHash('sha256').update(JSON.stringify({ subject: subjectId, name, generatedAt: report.generatedAt, sections })).digest('hex');
}

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
    const agency = MARKET_AGENCY;
    const requestId = `report-${Date.now()}`;
    const response = await t.query(`query($id: ID!) { subject(id: $id) { ${REPORT} } }`, { id: subject.id }, {
      ...(await t.headersFor(agency, 'REGULATORY_SUPERVISION')),
      'x-request-id': requestId,
    });
    const courts = response.data!.subject.creditReport.sections.find((section: any) => section.sector === 'COURTS');
    // Enforcement cases are not shared for REGULATORY_SUPERVISION.
    expect(courts.withheld).toContain('Subject.enforcementCases');
    const logged = await t.databases.audit('access_log').where({ client_request_id: requestId, subgraph: 'courts' }).select('caller_sub', 'purpose', 'fields_denied');
    expect(logged[0]).toMatchObject({ caller_sub: agency.sub, purpose: 'REGULATORY_SUPERVISION' });
    expect(logged.flatMap((row) => row.fields_denied)).toContain('Subject.enforcementCases');
  });

  it('prints as HTML at /report/<id>, and names a bad id', async () => {
    const subject = showcaseWith('PERSON');
    const base = t.hub.gateway.url.replace(/\/graphql$/, '');
    const html = await fetch(`${base}/report/me`, { headers: await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }) });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('cache-control')).toBe('no-store');
    const text = await html.text();
    expect(text).toContain(subject.name);
    expect(text).toMatch(/Verification code \(HMAC-SHA256\) [0-9a-f]{64}/);
    expect(text).toContain('POST /report/verify');
    const bad = await fetch(`${base}/report/91150102MA0N3QK81X`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('BAD_USER_INPUT');
  });

  it('prints as PDF at /report/me.pdf: Chinese text, every entry, and the hash of the report the graph gives the same caller', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const headers = await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' });
    const fromGraph = (await t.query(`{ me { ${REPORT} } }`, {}, headers)).data!.me.creditReport;
    const { response, bytes, text } = await fetchPdf('me.pdf', headers);

    expect(response.headers.get('content-disposition')).toBe(`inline; filename="credit-report-${subject.id}.pdf"`);
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(text).toContain(squashed('信用报告 · Credit report'));
    expect(text).toContain(subject.name);
    expect(text).toContain(subject.id);
    expect(text).toContain('《内蒙古自治区社会信用条例》第三十八条');
    for (const title of ['公共信用信息平台', '司法', '市场监管', '人力资源和社会保障', '财政与金融']) expect(text).toContain(title);
    for (const section of fromGraph.sections) {
      expect(text).toContain(squashed(section.agency));
      for (const entry of section.entries) {
        expect(text).toContain(squashed(entry.value));
        expect(text).toContain(squashed(entry.source));
      }
    }

    // The code covers the generation time, so each request has its own: the PDF's must verify
    // as the code of exactly the content the graph gives this caller, at the time the PDF states.
    const generatedAt = /Generated(\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(text)?.[1];
    const code = /\(HMAC-SHA256\)([0-9a-f]{64})/.exec(text)?.[1];
    expect(generatedAt).toBeDefined();
    expect(text).toContain(squashed('POST /report/verify'));
    expect(await verify(toVerify(subject.id, fromGraph))).toMatchObject({ status: 200, genuine: true });
    expect(await verify(toVerify(subject.id, fromGraph, { generatedAt, verificationHash: code }))).toMatchObject({ status: 200, genuine: true });
    // The PDF's code is not the graph's (another generation time): each code fits its own content only.
    expect(await verify(toVerify(subject.id, fromGraph, { verificationHash: code }))).toMatchObject({ status: 200, genuine: generatedAt === fromGraph.generatedAt });
  });

  it('leaves out of the PDF what the policy withholds from the caller, and each sector audits the PDF request', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const own = (await t.query(`{ me { ${REPORT} } }`, {}, await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }))).data!.me.creditReport;
    const enforcementCases = own.sections.flatMap((section: any) => section.entries).filter((entry: any) => entry.label === '执行案件');
    expect(enforcementCases.length).toBeGreaterThan(0);

    const requestId = `report-pdf-${Date.now()}`;
    const { text } = await fetchPdf(`${subject.id}.pdf`, { ...(await t.headersFor(MARKET_AGENCY, 'REGULATORY_SUPERVISION')), 'x-request-id': requestId });
    expect(text).toContain(subject.name);
    expect(text).toContain(squashed('未向本查询方披露 · withheld from this caller: Subject.enforcementCases'));
    expect(text).not.toContain('执行案件');
    for (const entry of enforcementCases) expect(text).not.toContain(squashed(entry.value));
    const logged = await t.databases.audit('access_log').where({ client_request_id: requestId, subgraph: 'courts' }).select('caller_sub', 'purpose', 'fields_denied');
    expect(logged[0]).toMatchObject({ caller_sub: MARKET_AGENCY.sub, purpose: 'REGULATORY_SUPERVISION' });
    expect(logged.flatMap((row) => row.fields_denied)).toContain('Subject.enforcementCases');
  });

  it('gives the PDF for Accept: application/pdf on the plain URL, and HTML to a browser', async () => {
    const subject = showcaseWith('PERSON');
    const headers = await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' });
    const pdf = await fetch(reportUrl('me'), { headers: { ...headers, accept: 'application/pdf' } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('vary')).toContain('Accept');
    expect(squashed(await pdfText(new Uint8Array(await pdf.arrayBuffer())))).toContain(subject.name);
    const html = await fetch(reportUrl('me'), { headers: { ...headers, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.headers.get('content-type')).toContain('text/html');
  });

  it('verifies a genuine report at /report/verify and not one with a single entry changed (Art. 38, 44)', async () => {
    const subject = showcaseWith('ALL_SECTORS');
    const report = (await t.query(`{ me { ${REPORT} } }`, {}, await t.headersFor({ sub: subject.id, role: 'CREDIT_SUBJECT' }))).data!.me.creditReport;
    expect(await verify(toVerify(subject.id, report))).toMatchObject({ status: 200, genuine: true });

    const tampered = structuredClone(report);
    const entry = tampered.sections.find((section: any) => section.entries.length > 0).entries[0];
    entry.value = `${entry.value} `;
    expect(await verify(toVerify(subject.id, tampered))).toMatchObject({ status: 200, genuine: false });
    // Another subject, another time, a dropped withheld note: each alone breaks it.
    expect(await verify(toVerify(showcaseWith('PERSON').id, report))).toMatchObject({ genuine: false });
    expect(await verify(toVerify(subject.id, report, { generatedAt: new Date(Date.parse(report.generatedAt) + 1000).toISOString() }))).toMatchObject({ genuine: false });
    expect(await verify(toVerify(subject.id, report, { verificationHash: 'not-a-code' }))).toMatchObject({ genuine: false });
    // A body that is no report is a coded refusal, not a guess.
    const bad = await verify({ subjectId: subject.id });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('BAD_USER_INPUT');
  });

  it('gives the public a code over the masked name only: trying the hidden name gives nothing (design §5, Art. 42)', async () => {
    const person = showcaseWith('PERSON');
    expect([...person.name].length).toBeGreaterThan(1);
    const shown = (await t.query(`query($id: ID!) { subject(id: $id) { ${REPORT} } }`, { id: person.id })).data!.subject.creditReport;
    expect(shown.subjectName).not.toBe(person.name);
    expect(shown.subjectName).toBe([...person.name][0] + '*'.repeat([...person.name].length - 1));
    // The attack that used to work: the true name in the hub's old digest over the shown content
    // reproduced the code. Now neither the true name nor the masked one reproduces it.
    expect(plainDigest(person.id, person.name, shown)).not.toBe(shown.verificationHash);
    expect(plainDigest(person.id, shown.subjectName, shown)).not.toBe(shown.verificationHash);
    // The code verifies over exactly what the public was shown.
    expect(await verify(toVerify(person.id, shown))).toMatchObject({ status: 200, genuine: true });
    // Nor is verification an oracle: the true name in place of the masked one does not verify.
    expect(await verify(toVerify(person.id, shown, { subjectName: person.name }))).toMatchObject({ genuine: false });

    // Positive twin: the person itself is shown its name whole, and that report verifies.
    const own = (await t.query(`{ me { ${REPORT} } }`, {}, await t.headersFor({ sub: person.id, role: 'CREDIT_SUBJECT' }))).data!.me.creditReport;
    expect(own.subjectName).toBe(person.name);
    expect(await verify(toVerify(person.id, own))).toMatchObject({ status: 200, genuine: true });
    expect(await verify(toVerify(person.id, own, { subjectName: shown.subjectName }))).toMatchObject({ genuine: false });
  });

  it.each([
    ['a forged token', 401, 'UNAUTHENTICATED', async () => ({ authorization: 'Bearer forged.token.here', 'x-credit-purpose': 'REGULATORY_SUPERVISION' })],
    ['an agency with no declared purpose', 403, 'PURPOSE_REQUIRED', async () => t.headersFor(MARKET_AGENCY)],
    ['a malformed subject id', 400, 'BAD_USER_INPUT', async () => t.headersFor(MARKET_AGENCY, 'REGULATORY_SUPERVISION')],
  ])('refuses the PDF to %s exactly as the HTML', async (_label, status, code, headersOf) => {
    const id = code === 'BAD_USER_INPUT' ? '91150102MA0N3QK81X' : showcaseWith('ALL_SECTORS').id;
    const headers = await headersOf();
    const html = await fetch(reportUrl(id), { headers });
    const pdf = await fetch(reportUrl(`${id}.pdf`), { headers });
    expect([html.status, pdf.status]).toEqual([status, status]);
    expect(pdf.headers.get('content-type')).toContain('text/plain');
    const [htmlBody, pdfBody] = [await html.text(), await pdf.text()];
    expect(pdfBody).toContain(code);
    expect(pdfBody).toBe(htmlBody);
  });
});
