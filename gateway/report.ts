/**
 * The printable credit report at a stable URL (Art. 38, 44): GET /report/<subject id>, or
 * /report/me for a credit subject, with the same Authorization and X-Credit-Purpose as any
 * request. It asks the graph for `creditReport` (so every sector applies its policy and
 * audits) and renders HTML a person would rather read than JSON.
 */
import express, { type Router } from 'express';

const QUERY = `query Report($id: ID!) { subject(id: $id) { id kind creditReport {
  subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } } } }`;
const ME_QUERY = `query Report { subject: me { id kind creditReport {
  subjectName generatedAt verificationHash sections { sector agency withheld entries { label value source } } } } }`;

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const SECTOR_TITLES: Record<string, string> = {
  PLATFORM: '公共信用信息平台',
  COURTS: '司法',
  MARKET: '市场监管',
  SOCIAL_SECURITY: '人力资源和社会保障',
  FINANCE: '财政与金融',
};

interface Report {
  subjectName: string;
  generatedAt: string;
  verificationHash: string;
  sections: Array<{ sector: string; agency: string; withheld: string[]; entries: Array<{ label: string; value: string; source: string }> }>;
}

export function renderReport(subject: { id: string; kind: string }, report: Report): string {
  const sections = report.sections
    .map(
      (section) => `<section><h2>${escape(SECTOR_TITLES[section.sector] ?? section.sector)} <small>${escape(section.agency)}</small></h2>
${section.entries.length ? `<table><tr><th>项目</th><th>内容</th><th>来源</th></tr>${section.entries.map((entry) => `<tr><td>${escape(entry.label)}</td><td>${escape(entry.value)}</td><td>${escape(entry.source)}</td></tr>`).join('')}</table>` : '<p class="none">无记录 · no records</p>'}
${section.withheld.length ? `<p class="withheld">未向本查询方披露 · withheld from this caller: ${section.withheld.map(escape).join(', ')}</p>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>信用报告 ${escape(report.subjectName)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:960px;margin:2em auto;color:#222}h1{font-size:1.6em}h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:.2em}
small{color:#666;font-weight:normal}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;font-size:.92em}
.none{color:#666}.withheld{color:#8a5a00;font-size:.85em}footer{margin-top:2em;font-size:.8em;color:#555;word-break:break-all}@media print{body{margin:0}}</style></head>
<body><h1>信用报告 · Credit report</h1><p><strong>${escape(report.subjectName)}</strong> · ${escape(subject.id)} · ${escape(subject.kind)}</p>
${sections}
<footer>生成时间 Generated ${escape(report.generatedAt)} · 校验值 Verification sha256 ${escape(report.verificationHash)} · 《内蒙古自治区社会信用条例》第三十八条</footer></body></html>`;
}

export function reportRouter(graphqlUrl: () => string): Router {
  const router = express.Router();
  router.get('/:id', async (req, res) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const name of ['authorization', 'x-credit-purpose', 'x-request-id']) {
      const value = req.header(name);
      if (value) headers[name] = value;
    }
    const me = req.params.id === 'me';
    const response = await fetch(graphqlUrl(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: me ? ME_QUERY : QUERY, variables: me ? {} : { id: req.params.id } }),
    });
    const body = (await response.json()) as { data?: { subject: { id: string; kind: string; creditReport: Report | null } | null }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const subject = body.data?.subject;
    if (!subject?.creditReport) {
      const error = body.errors?.[0];
      const status = error?.extensions?.code === 'UNAUTHENTICATED' ? 401 : error?.extensions?.code === 'BAD_USER_INPUT' ? 400 : error ? 403 : 404;
      res.status(status).type('text/plain').send(error ? `${error.extensions?.code ?? 'ERROR'}: ${error.message}` : 'No such subject.');
      return;
    }
    res.type('html').send(renderReport(subject, subject.creditReport));
  });
  return router;
}
