/** The text a reader would copy out of a PDF, read back by PDF.js: pdfkit writes glyph ids, not characters. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes }).promise;
  let text = '';
  for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
    for (const item of (await (await pdf.getPage(pageNumber)).getTextContent()).items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
    }
  }
  await pdf.destroy();
  return text;
}

/** Where the PDF wraps a line is not part of the report: compare without whitespace. */
export const squashed = (text: string) => text.replace(/\s+/g, '');
