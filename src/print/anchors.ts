/**
 * Where things landed in a printed PDF: the page of each named destination (element id).
 * Read with pdf-lib, which the build has loaded anyway for the metadata: Chromium writes the
 * destinations as a /Dests dictionary in the catalog, each [pageRef /XYZ x y zoom].
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';

/** Map of destination name (the HTML id) to 1-based page number, and the loaded document. */
export async function destinationPages(
  pdf: Uint8Array,
): Promise<{ pages: Map<string, number>; document: PDFDocument }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = new Map([...destinationPositions(doc)].map(([name, p]) => [name, p.page]));
  return { pages, document: doc };
}

/** Where a named destination points: its page (1-based) and its position on it, in PDF points. */
export interface Position {
  page: number;
  x: number;
  /** From the bottom of the page, as PDF coordinates go. */
  y: number;
}

/** Every named destination with its page and position. */
export function destinationPositions(doc: PDFDocument): Map<string, Position> {
  const pageOf = new Map<string, number>();
  doc.getPages().forEach((page, i) => pageOf.set(page.ref.toString(), i + 1));
  const out = new Map<string, Position>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
    const target = dest instanceof PDFDict ? dest.lookup(PDFName.of('D')) : dest;
    if (!(target instanceof PDFArray)) continue;
    const ref = target.get(0);
    const page = ref instanceof PDFRef ? pageOf.get(ref.toString()) : undefined;
    const x = Number(target.get(2)?.toString());
    const y = Number(target.get(3)?.toString());
    if (page !== undefined && Number.isFinite(x) && Number.isFinite(y))
      out.set(name.decodeText(), { page, x, y });
  }
  return out;
}
