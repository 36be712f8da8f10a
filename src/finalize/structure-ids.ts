/**
 * Chromium names structure elements that others refer to (a table's header cells, named in each
 * data cell's /Headers) after its internal DOM node numbers: "node00001316". Those numbers count
 * every node the page made before, so they depend on how many measuring prints the layout stage
 * ran; a build with a warm layout cache and one without would differ in nothing but these names.
 * Renumbering them in order (node00000001, node00000002, …) makes the PDF the same bytes either
 * way. The order is kept, so the ID tree stays sorted.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';

const NODE_ID = /^node(\d+)$/;

const textOf = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

/** Renumber Chromium's node ids in the structure tree; returns how many there were. */
export function canonicalStructureIds(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const idTree = root?.lookupMaybe(PDFName.of('IDTree'), PDFDict);
  if (!idTree) return 0;
  // The ID tree's nodes, and the names it holds.
  const treeNodes: PDFDict[] = [];
  const found = new Set<string>();
  const walk = (node: PDFDict) => {
    treeNodes.push(node);
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    names?.asArray().forEach((o, i) => {
      const t = textOf(o);
      if (i % 2 === 0 && t !== undefined && NODE_ID.test(t)) found.add(t);
    });
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) {
      const d = doc.context.lookup(kid);
      if (d instanceof PDFDict) walk(d);
    }
  };
  walk(idTree);
  if (found.size === 0) return 0;
  const ordered = [...found].sort(
    (a, b) => Number(NODE_ID.exec(a)?.[1]) - Number(NODE_ID.exec(b)?.[1]),
  );
  const renamed = new Map(
    ordered.map((id, i) => [id, `node${String(i + 1).padStart(8, '0')}`] as const),
  );
  const rename = (o: PDFObject | undefined): PDFObject | undefined => {
    const t = textOf(o);
    const to = t === undefined ? undefined : renamed.get(t);
    return to === undefined ? undefined : PDFString.of(to);
  };
  const renameList = (list: PDFObject | undefined, step = 1) => {
    const array = list instanceof PDFArray ? list : undefined;
    if (!array) return;
    for (let i = 0; i < array.size(); i += step) {
      const to = rename(array.get(i));
      if (to) array.set(i, to);
    }
  };
  for (const node of treeNodes) {
    renameList(node.lookup(PDFName.of('Names')), 2);
    renameList(node.lookup(PDFName.of('Limits')));
  }
  // Structure elements: their own /ID, and the header cells a data cell names.
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || !object.has(PDFName.of('S'))) continue;
    const id = rename(object.get(PDFName.of('ID')));
    if (id) object.set(PDFName.of('ID'), id);
    forEachAttribute(object, (attribute) => renameList(attribute.lookup(PDFName.of('Headers'))));
  }
  return found.size;
}

/** A structure element's attribute dictionaries (/A: one, or an array of them). */
function forEachAttribute(element: PDFDict, fn: (attribute: PDFDict) => void): void {
  const a = element.get(PDFName.of('A'));
  const lookup = (o: PDFObject | undefined) =>
    o instanceof PDFDict ? o : o ? element.context.lookup(o) : undefined;
  if (a instanceof PDFArray) {
    for (const item of a.asArray()) {
      const d = lookup(item);
      if (d instanceof PDFDict) fn(d);
    }
  } else {
    const d = lookup(a);
    if (d instanceof PDFDict) fn(d);
  }
}
