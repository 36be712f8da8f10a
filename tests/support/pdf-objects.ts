/** Reading a PDF's objects for the structure checks: content streams, annotations, catalog. */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

export async function load(file: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(file), { updateMetadata: false });
}

function bytes(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const raw = filter === PDFName.of('FlateDecode') ? inflateSync(stream.contents) : stream.contents;
  return Buffer.from(raw).toString('latin1');
}

/** The content of each page, all its streams joined. */
export function pageContents(doc: PDFDocument): string[] {
  return doc.getPages().map((page) => {
    const c = page.node.get(PDFName.of('Contents'));
    const refs: PDFObject[] = c instanceof PDFArray ? c.asArray() : c ? [c] : [];
    return refs
      .map((r) => doc.context.lookup(r))
      .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
      .map(bytes)
      .join('\n');
  });
}

/**
 * Painting operators that stand outside every marked-content sequence (neither tagged content
 * nor an artifact): text shown, paths painted, images and shadings drawn.
 */
export function paintingOutsideMarks(content: string): string[] {
  const found: string[] = [];
  let depth = 0;
  for (const raw of content.split('\n')) {
    const line = raw.trim();
    if (/(BDC|BMC)$/.test(line)) depth++;
    else if (line === 'EMC') depth = Math.max(0, depth - 1);
    else if (
      depth === 0 &&
      (/(Tj|TJ)$/.test(line) || /^(S|s|f|F|f\*|B|B\*|b|b\*)$/.test(line) || / (Do|sh)$/.test(line))
    )
      found.push(line);
  }
  return found;
}

const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

/** Every link annotation with its /Contents (undefined when it has none). */
export function links(doc: PDFDocument): Array<{ page: number; contents?: string | undefined }> {
  const out: Array<{ page: number; contents?: string | undefined }> = [];
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const ref of annots?.asArray() ?? []) {
      const a = doc.context.lookup(ref);
      if (a instanceof PDFDict && a.get(PDFName.of('Subtype')) === PDFName.of('Link'))
        out.push({ page: i + 1, contents: text(a.get(PDFName.of('Contents'))) });
    }
  });
  return out;
}

/** The catalog's XMP metadata packet, as text. */
export function xmp(doc: PDFDocument): string | undefined {
  const m = doc.catalog.lookup(PDFName.of('Metadata'));
  return m instanceof PDFRawStream ? Buffer.from(bytes(m), 'latin1').toString('utf8') : undefined;
}

/** /DisplayDocTitle of the viewer preferences, and the catalog's /Lang. */
export function catalogFacts(doc: PDFDocument): {
  displayDocTitle: boolean;
  lang?: string | undefined;
} {
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    displayDocTitle: String(prefs?.get(PDFName.of('DisplayDocTitle'))) === 'true',
    lang: text(doc.catalog.get(PDFName.of('Lang'))),
  };
}
