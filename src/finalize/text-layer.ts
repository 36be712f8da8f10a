/**
 * A clean text layer: Chromium writes every soft hyphen into the PDF as an invisible glyph with
 * /ActualText U+00AD (about 2.700 in a report), so that search and copy find "wo­ning­markt"
 * instead of "woningmarkt". Only the hyphens printed at line ends belong in the text: they are
 * glyphs of their own, outside these spans. This removes the spans and their invisible glyph and
 * keeps the text position operator, so nothing on the page moves.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { PDFRef } from 'pdf-lib';
import { markArtifacts } from './artifacts.ts';
import type { PDFDocument, PDFObject } from 'pdf-lib';

/**
 * A stream's decoded bytes as a Latin-1 string (content streams are bytes, not text): inflated
 * with Node's zlib when it is plain Flate (fast), else by pdf-lib; '' for what is no stream.
 */
export function streamText(stream: PDFObject | undefined): string {
  if (stream instanceof PDFRawStream) {
    const filter = stream.dict.get(PDFName.of('Filter'));
    const bytes =
      filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))
        ? inflateSync(stream.contents)
        : decodePDFRawStream(stream).decode();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
  return stream instanceof PDFStream ? Buffer.from(stream.getContents()).toString('latin1') : '';
}

/**
 * One soft hyphen as Chromium (Skia) writes it: a marked span around one invisible glyph, with
 * the operators that place it (Td, or Tf and Tm where a text run starts).
 */
const SOFT_HYPHEN = /\/Span<<\/ActualText <FEFF00AD> >> BDC\n((?:(?!EMC\n)[^\n]*\n){1,4}?)EMC\n/g;
/** A glyph shown: the operand and the operator, at the end of a line of the span. */
const SHOW = / ?<[0-9A-Fa-f]*> Tj$/;

/**
 * Remove the soft hyphens from every page's text and mark what is not content as artifacts
 * (artifacts.ts): one pass over each page's content, written once.
 */
export function cleanTextLayer(doc: PDFDocument): { removed: number; artifacts: number } {
  let removed = 0;
  let artifacts = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs: PDFObject[] =
      contents instanceof PDFArray ? contents.asArray() : [contents as PDFObject];
    const parts: string[] = [];
    let changed = false;
    for (const ref of refs) {
      const stream = doc.context.lookup(ref as PDFRef);
      if (!(stream instanceof PDFRawStream)) return { removed, artifacts };
      const text = streamText(stream);
      const clean = text.replace(SOFT_HYPHEN, (_: string, inner: string) => {
        removed++;
        // Keep what moves the text position or sets the font; drop the glyph itself.
        return inner
          .split('\n')
          .map((line) => line.replace(SHOW, ''))
          .filter((line) => line.trim() !== '')
          .map((line) => `${line}\n`)
          .join('');
      });
      const marked = markArtifacts(clean);
      artifacts += marked.wrapped;
      changed ||= clean !== text || marked.wrapped > 0;
      parts.push(marked.content);
    }
    if (!changed) continue;
    const stream = doc.context.stream(deflateSync(Buffer.from(parts.join('\n'), 'latin1')), {
      Filter: 'FlateDecode',
    });
    page.node.set(PDFName.of('Contents'), doc.context.register(stream));
    // The old streams are no longer used: not written again.
    for (const ref of refs) if (ref instanceof PDFRef) doc.context.delete(ref);
  }
  return { removed, artifacts };
}
