/**
 * The PDF outline (bookmarks), written from the report's own contents: chapters, sections and
 * sub-sections, each pointing at its heading's named destination. Chromium's generated outline
 * lists every heading (run-in headings too) and, in Chromium 156, repeats the text of headings
 * that open a page with this house style ("InhoudInhoud"); ours is exact.
 */
import { PDFDict, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** The named destination: the heading's HTML id. */
  anchor: string;
  level: number;
}

interface Node {
  entry: OutlineEntry;
  ref: PDFRef;
  children: Node[];
}

function tree(doc: PDFDocument, entries: readonly OutlineEntry[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const entry of entries) {
    const node: Node = { entry, ref: doc.context.nextRef(), children: [] };
    while (stack.length && (stack.at(-1)?.entry.level ?? 0) >= entry.level) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

function count(nodes: Node[]): number {
  return nodes.reduce((n, node) => n + 1 + count(node.children), 0);
}

/** Replace the document's outline; entries whose destination is missing are left out. */
export function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const known = entries.filter((e) => dests?.has(PDFName.of(e.anchor)));
  const rootRef = doc.context.nextRef();
  const roots = tree(doc, known);
  const write = (nodes: Node[], parent: PDFRef) => {
    nodes.forEach((node, i) => {
      const fields: Record<string, PDFObject> = {
        Title: PDFString.of(node.entry.title),
        Parent: parent,
        Dest: dests?.get(PDFName.of(node.entry.anchor)) as PDFObject,
      };
      const prev = nodes[i - 1];
      const next = nodes[i + 1];
      if (prev) fields.Prev = prev.ref;
      if (next) fields.Next = next.ref;
      const first = node.children[0];
      const last = node.children.at(-1);
      if (first && last) {
        fields.First = first.ref;
        fields.Last = last.ref;
        // Chapters open, deeper levels closed.
        fields.Count = PDFNumber.of(
          node.entry.level === 1 ? count(node.children) : -count(node.children),
        );
      }
      doc.context.assign(node.ref, doc.context.obj(fields));
      write(node.children, node.ref);
    });
  };
  write(roots, rootRef);
  const outlineFields: Record<string, PDFObject> = {
    Type: PDFName.of('Outlines'),
    Count: PDFNumber.of(count(roots)),
  };
  const first = roots[0];
  const last = roots.at(-1);
  if (first && last) {
    outlineFields.First = first.ref;
    outlineFields.Last = last.ref;
  }
  doc.context.assign(rootRef, doc.context.obj(outlineFields));
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}
