/** The credit report as HTML (Art. 38): printable from a browser. */
import {
  ARTICLE_REFERENCE,
  ENTRY_COLUMNS,
  GENERATED_LABEL,
  HASH_LABEL,
  VERIFY_NOTE,
  NO_RECORDS,
  REPORT_TITLE,
  sectorTitle,
  WITHHELD_NOTE,
  type CreditReport,
  type ReportSubject,
} from './report-content.js';

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export function renderReportHtml(subject: ReportSubject, report: CreditReport): string {
  const sections = report.sections
    .map(
      (section) => `<section><h2>${escape(sectorTitle(section.sector))} <small>${escape(section.agency)}</small></h2>
${section.entries.length ? `<table><tr>${ENTRY_COLUMNS.map((column) => `<th>${column}</th>`).join('')}</tr>${section.entries.map((entry) => `<tr><td>${escape(entry.label)}</td><td>${escape(entry.value)}</td><td>${escape(entry.source)}</td></tr>`).join('')}</table>` : `<p class="none">${NO_RECORDS}</p>`}
${section.withheld.length ? `<p class="withheld">${WITHHELD_NOTE}: ${section.withheld.map(escape).join(', ')}</p>` : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>信用报告 ${escape(report.subjectName)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:960px;margin:2em auto;color:#222}h1{font-size:1.6em}h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:.2em}
small{color:#666;font-weight:normal}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;font-size:.92em}
.none{color:#666}.withheld{color:#8a5a00;font-size:.85em}footer{margin-top:2em;font-size:.8em;color:#555;word-break:break-all}@media print{body{margin:0}}</style></head>
<body><h1>${REPORT_TITLE}</h1><p><strong>${escape(report.subjectName)}</strong> · ${escape(subject.id)} · ${escape(subject.kind)}</p>
${sections}
<footer>${GENERATED_LABEL} ${escape(report.generatedAt)} · ${HASH_LABEL} ${escape(report.verificationHash)} · ${VERIFY_NOTE} · ${ARTICLE_REFERENCE}</footer></body></html>`;
}
