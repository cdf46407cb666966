/**
 * The printable credit report at a stable URL (Art. 38, 44): GET /report/<subject id>, or
 * /report/me for a credit subject, with the same Authorization and X-Credit-Purpose as any
 * request. It asks the graph for `creditReport` (so every sector applies its policy and
 * audits) and renders HTML a person would rather read than JSON, or PDF at
 * /report/<id>.pdf (or with Accept: application/pdf) for a caller who files it.
 *
 * POST /report/verify takes a report's content as JSON and answers whether it is genuine.
 * The check runs in the platform, which alone holds the key of the verification codes
 * (design §5); the gateway only passes the content on.
 */
import express, { type Request, type Router } from 'express';
import type { CreditReport, ReportSubject } from './report-content.js';
import { renderReportHtml } from './report-html.js';
import { renderReportPdf } from './report-pdf.js';
import { FORWARDED_HEADERS } from './forwarded-headers.js';

const REPORT_FIELDS = `id kind creditReport {
  subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } }`;
const QUERY = `query Report($id: ID!) { subject(id: $id) { ${REPORT_FIELDS} } }`;
const ME_QUERY = `query Report { subject: me { ${REPORT_FIELDS} } }`;


type Fetched = { subject: ReportSubject; report: CreditReport } | { refusal: { status: number; message: string } };

/** The report through the graph on the caller's own headers; a refusal as an HTTP status. */
async function fetchReport(graphqlUrl: string, req: Request, id: string, internalHeaders: Record<string, string>): Promise<Fetched> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...internalHeaders };
  for (const name of FORWARDED_HEADERS) {
    const value = req.header(name);
    if (value) headers[name] = value;
  }
  const me = id === 'me';
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: me ? ME_QUERY : QUERY, variables: me ? {} : { id } }),
  });
  const body = (await response.json()) as {
    data?: { subject: (ReportSubject & { creditReport: CreditReport | null }) | null };
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  const subject = body.data?.subject;
  if (subject?.creditReport) return { subject: { id: subject.id, kind: subject.kind }, report: subject.creditReport };
  const error = body.errors?.[0];
  const status = error?.extensions?.code === 'UNAUTHENTICATED' ? 401 : error?.extensions?.code === 'BAD_USER_INPUT' ? 400 : error ? 403 : 404;
  return { refusal: { status, message: error ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}` : 'No such subject.' } };
}

const VERIFY_QUERY = `query Verify($report: CreditReportInput!) { genuine: verifyCreditReport(report: $report) }`;

/** The report content a holder sends to /report/verify: the CreditReport fields and the subject id. */
function reportToVerify(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { subjectId, subjectName, generatedAt, sections, verificationHash } = body as Record<string, unknown>;
  return { subjectId, subjectName: subjectName ?? null, generatedAt, sections, verificationHash };
}

/** `internalHeaders` mark the route's own calls to /graphql, so the caller's rate is counted once (on /report). */
export function reportRouter(graphqlUrl: () => string, internalHeaders: Record<string, string> = {}): Router {
  const router = express.Router();
  // Art. 38, 44: anyone holding a report may check it. The answer is yes or no about the
  // content sent, so it needs no token or purpose and discloses nothing the holder lacks.
  router.post('/verify', express.json({ limit: '1mb' }), async (req, res) => {
    res.set('cache-control', 'no-store');
    const report = reportToVerify(req.body);
    if (!report) {
      res.status(400).type('text/plain').send('BAD_USER_INPUT: send the report as JSON: { subjectId, subjectName, generatedAt, sections, verificationHash }.');
      return;
    }
    const requestId = req.header('x-request-id');
    const answer = await fetch(graphqlUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...internalHeaders, ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify({ query: VERIFY_QUERY, variables: { report } }),
    })
      .then((response) => response.json() as Promise<{ data?: { genuine?: boolean } | null; errors?: Array<{ message: string; extensions?: { code?: string } }> }>)
      .catch(() => null);
    if (typeof answer?.data?.genuine === 'boolean') {
      res.json({ genuine: answer.data.genuine });
      return;
    }
    const error = answer?.errors?.[0];
    if (error?.extensions?.code === 'BAD_USER_INPUT') {
      res.status(400).type('text/plain').send(`BAD_USER_INPUT: ${error.message}`);
      return;
    }
    res.status(502).type('text/plain').send('SUBGRAPH_UNAVAILABLE: the platform did not answer; try again.');
  });
  router.get('/verify', (_req, res) => {
    res.status(405).set('allow', 'POST').type('text/plain').send('POST the report as JSON: { subjectId, subjectName, generatedAt, sections, verificationHash }.');
  });
  router.get('/:id', async (req, res) => {
    // A stable URL per format (/report/<id>.pdf); the plain URL also negotiates by Accept.
    const pdfPath = /^(.+)\.pdf$/.exec(req.params.id);
    if (!pdfPath) res.vary('Accept');
    const asPdf = pdfPath !== null || req.accepts(['text/html', 'application/pdf']) === 'application/pdf';
    // A report is personal credit information: no shared or browser cache may keep it.
    res.set('cache-control', 'no-store');
    const fetched = await fetchReport(graphqlUrl(), req, pdfPath?.[1] ?? req.params.id, internalHeaders).catch(() => ({
      refusal: { status: 502, message: 'SUBGRAPH_UNAVAILABLE: the credit graph did not answer; try again.' },
    }));
    if ('refusal' in fetched) {
      res.status(fetched.refusal.status).type('text/plain').send(fetched.refusal.message);
      return;
    }
    const { subject, report } = fetched;
    if (!asPdf) {
      res.type('html').send(renderReportHtml(subject, report));
      return;
    }
    res
      .type('application/pdf')
      // Subject ids are checked by the graph; the filter only keeps the header well-formed.
      .set('content-disposition', `inline; filename="credit-report-${subject.id.replace(/[^0-9A-Za-z_-]/g, '')}.pdf"`)
      .send(await renderReportPdf(subject, report));
  });
  return router;
}
