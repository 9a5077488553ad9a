// Reading a printed PDF's text with pdf.js, for the tests that print (the
// client report, the outcomes report).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Every page's text, one string per page, whitespace collapsed. */
export async function pdfText(bytes) {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: true, isEvalSupported: false }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    // Runs split at ligatures ("cuto" "ff") join without a space; line ends become one.
    pages.push(content.items.map((it) => it.str + (it.hasEOL ? ' ' : '')).join('').replace(/\s+/g, ' '));
  }
  await doc.destroy();
  return pages;
}
