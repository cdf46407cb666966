/**
 * The credit report as PDF (Art. 38): the same content as the HTML rendering, for a caller
 * who files or prints it. pdfkit is pure JavaScript, so the hub needs no browser; the
 * Chinese text needs an embedded CJK font from npm, Noto Sans SC (SIL OFL 1.1) as the TrueType
 * files @expo-google-fonts ships, which pdfkit subsets to the glyphs the report uses.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
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
  type ReportSection,
  type ReportSubject,
} from './report-content.js';

const require = createRequire(import.meta.url);
/**
 * Whole TrueType files (27,000+ hanzi, Latin, CJK punctuation). Not the WOFF files of other
 * font packages: fontkit inflates a WOFF table again for every glyph it reads, and cannot
 * subset WOFF2 (a four-glyph subset came out at 590 KB). Named by path, not passed as
 * bytes: pdfkit's table restores the font by its source after every cell and caches fonts
 * by name or path only, so bytes would be parsed again for each cell.
 */
const FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

const MARGIN = 50;
const COLOURS = { text: '#222222', muted: '#666666', withheld: '#8a5a00', rule: '#cccccc', cellBorder: '#dddddd', headerFill: '#f3f3f3' };

export function renderReportPdf(subject: ReportSubject, report: CreditReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true, // page numbers are written once the page count is known
    lang: 'zh-CN',
    info: { Title: `信用报告 ${report.subjectName}`, Subject: subject.id, CreationDate: new Date(report.generatedAt) },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font(FONTS.bold).fontSize(20).fillColor(COLOURS.text).text(REPORT_TITLE);
  doc.moveDown(0.4).fontSize(13).text(report.subjectName);
  doc.font(FONTS.regular).fontSize(10).fillColor(COLOURS.muted).text(`${subject.id} · ${subject.kind}`);
  for (const section of report.sections) writeSection(doc, section);

  doc.moveDown(1.5);
  keepTogether(doc, 50); // the verification footer is never split from its hash
  doc.font(FONTS.regular).fontSize(8).fillColor(COLOURS.muted);
  doc.text(`${GENERATED_LABEL} ${report.generatedAt}`);
  doc.text(`${HASH_LABEL} ${report.verificationHash}`);
  doc.text(VERIFY_NOTE);
  doc.text(ARTICLE_REFERENCE);
  numberPages(doc, subject.id);
  doc.end();
  return finished;
}

function writeSection(doc: PDFKit.PDFDocument, section: ReportSection): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.moveDown(1.2);
  keepTogether(doc, 90); // a heading never ends a page without its first entries
  doc.font(FONTS.bold).fontSize(13).fillColor(COLOURS.text).text(sectorTitle(section.sector), MARGIN, doc.y, { width });
  doc.font(FONTS.regular).fontSize(9).fillColor(COLOURS.muted).text(section.agency, { width });
  const ruleY = doc.y + 2;
  doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + width, ruleY).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  doc.moveDown(0.5);

  if (section.entries.length) {
    // pdfkit's table wraps long values inside their cell and moves a row that does not fit to the next page.
    doc.font(FONTS.regular).fontSize(9).fillColor(COLOURS.text).table({
      columnStyles: [72, '*', 150],
      defaultStyle: { border: 0.5, borderColor: COLOURS.cellBorder, padding: 4 },
      data: [
        ENTRY_COLUMNS.map((text) => ({ text, type: 'TH' as const, backgroundColor: COLOURS.headerFill, font: { src: FONTS.bold } })),
        ...section.entries.map((entry) => [entry.label, entry.value, entry.source]),
      ],
    });
  } else {
    doc.font(FONTS.regular).fontSize(9).fillColor(COLOURS.muted).text(NO_RECORDS, MARGIN, doc.y, { width });
  }
  if (section.withheld.length) {
    doc.moveDown(0.3).font(FONTS.regular).fontSize(8.5).fillColor(COLOURS.withheld);
    doc.text(`${WITHHELD_NOTE}: ${section.withheld.join(', ')}`, MARGIN, doc.y, { width });
  }
}

/** Starts a new page unless `height` points still fit on this one. */
function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** "id · page / pages" in the bottom margin of every page, so a loose printed page is traceable. */
function numberPages(doc: PDFKit.PDFDocument, subjectId: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(FONTS.regular).fontSize(8).fillColor(COLOURS.muted);
    doc.text(`${subjectId} · ${index - start + 1} / ${count}`, MARGIN, doc.page.height - MARGIN / 2 - 8, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}
