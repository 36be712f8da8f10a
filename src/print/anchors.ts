/** Where things landed in a printed PDF: the page of each named destination (element id). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Map of destination name (the HTML id) to 1-based page number. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await getDocument({ data: pdf.slice(), verbosity: 0, isEvalSupported: false })
    .promise;
  try {
    const dests = (await doc.getDestinations()) as Record<string, unknown[]>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(dests)) {
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') {
        pages.set(name, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
      }
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
