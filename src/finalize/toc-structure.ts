/**
 * The contents as a proper list in the structure tree. Chromium tags each entry as an LI that
 * holds a Link with the number, the title and the page number in it, so a screen reader reads
 * "1Inleiding3". PDF/UA wants a list item's label and body apart: this gives each such entry a
 * Lbl with the number and an LBody with the Link (title and page number), and moves nothing on
 * the page (the same marked content, under other structure elements).
 */
import { PDFArray, PDFDict, PDFName, PDFRef } from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';

const S = PDFName.of('S');
const K = PDFName.of('K');
const P = PDFName.of('P');

function kids(dict: PDFDict): PDFObject[] {
  const k = dict.get(K);
  return k instanceof PDFArray ? k.asArray() : k ? [k] : [];
}

function role(doc: PDFDocument, o: PDFObject | undefined): string | undefined {
  const d = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return d instanceof PDFDict ? (d.get(S) as PDFName | undefined)?.decodeText() : undefined;
}

/** Give every contents entry a Lbl and an LBody; returns how many entries were changed. */
export function labelContentsEntries(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  let changed = 0;
  const visit = (ref: PDFObject, depth: number): void => {
    if (depth > 60) return;
    const dict = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(dict instanceof PDFDict)) return;
    const items = kids(dict);
    // A list whose items each hold one Link: the contents.
    if (
      role(doc, dict) === 'L' &&
      items.length > 0 &&
      items.every((li) => {
        const d = li instanceof PDFRef ? doc.context.lookup(li) : li;
        return (
          d instanceof PDFDict &&
          role(doc, d) === 'LI' &&
          kids(d).length === 1 &&
          role(doc, kids(d)[0]) === 'Link'
        );
      })
    ) {
      for (const li of items) if (li instanceof PDFRef && splitEntry(doc, li)) changed++;
      return;
    }
    for (const k of items) if (k instanceof PDFRef) visit(k, depth + 1);
  };
  visit(root, 0);
  return changed;
}

/** LI > Link > [number, title, page] becomes LI > [Lbl > number, LBody > Link > [title, page]]. */
function splitEntry(doc: PDFDocument, liRef: PDFRef): boolean {
  const li = doc.context.lookup(liRef, PDFDict);
  const linkRef = kids(li)[0];
  if (!(linkRef instanceof PDFRef)) return false;
  const link = doc.context.lookup(linkRef, PDFDict);
  const linkKids = kids(link);
  const number = linkKids[0];
  // The number is a structure element of its own (a span of the entry); without one, leave it.
  if (!(number instanceof PDFRef) || !role(doc, number) || linkKids.length < 2) return false;
  const lbl = doc.context.obj({ Type: 'StructElem', S: 'Lbl', P: liRef, K: [number] });
  const lblRef = doc.context.register(lbl);
  doc.context.lookup(number, PDFDict).set(P, lblRef);
  const body = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: liRef, K: [linkRef] });
  const bodyRef = doc.context.register(body);
  link.set(P, bodyRef);
  link.set(K, doc.context.obj(linkKids.slice(1)));
  li.set(K, doc.context.obj([lblRef, bodyRef]));
  return true;
}
