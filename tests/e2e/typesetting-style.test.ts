/**
 * End to end: the typesetting of both publications, read back from the real PDFs that Chromium
 * prints. What is checked are invariants of the stylesheets, not page numbers or positions:
 *
 * - the dotted leaders of the contents are drawn once, on the contents page, not again (off-page)
 *   on every page: a page's count of path painting operators stays small;
 * - within a paragraph consecutive baselines are always the same distance apart: the line height
 *   of the stylesheet, a whole number of CSS px (Chromium snaps line boxes to whole px, a
 *   fractional line height alternates between two distances);
 * - in the tables of the figures each number stands right-aligned under its column heading, and
 *   the numeric columns are spread evenly over the table.
 *
 * Not checked: the running header on a chapter's opening page. It stays, because Chromium cannot
 * leave it out: it applies `@page name:first` only to the first page of the document, not to the
 * first page of a run of named pages, and has no string-set or running elements.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { ROOT } from '../support/fixture.ts';

const PUBLICATIONS = ['midden-drenthe', 'provincie-drenthe'] as const;

/** CSS px in PDF points: Chromium lays out at 96 px per inch, the PDF has 72 points per inch. */
const PT_PER_PX = 72 / 96;

/**
 * At most this many path painting operators on a page other than the contents page. A chart
 * draws a path for each bar, gridline, tick and legend symbol, and a table a rule for each row:
 * the busiest page of either report has about 200. One copy of the contents' dotted leaders is
 * over 2,000 (Chromium fills each dot of a 1px dotted border as a rectangle of its own), which is
 * what every page carried when the leaders were transformed.
 */
const MAX_PATHS_PER_PAGE = 1000;

// ---------------------------------------------------------------------------------------------
// The content streams: operators per page

const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);

/** The operators of a content stream, in order (operands, strings, names and dictionaries skipped). */
function operators(stream: string): string[] {
  const ops: string[] = [];
  const n = stream.length;
  let i = 0;
  while (i < n) {
    const c = stream[i] ?? '';
    if (c === '(') {
      // A literal string, with nested parentheses and backslash escapes.
      let depth = 1;
      i++;
      while (i < n && depth > 0) {
        const d = stream[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
        i++;
      }
    } else if (c === '<' && stream[i + 1] !== '<') {
      while (i < n && stream[i] !== '>') i++; // a hex string
      i++;
    } else if (c === '%') {
      while (i < n && stream[i] !== '\n' && stream[i] !== '\r') i++;
    } else if (c === '/') {
      i++;
      while (i < n && !/[\s/<>[\]()%{}]/.test(stream[i] ?? ' ')) i++; // a name
    } else if (/[A-Za-z'"]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9*'"]/.test(stream[j] ?? ' ')) j++;
      ops.push(stream.slice(i, j));
      i = j;
    } else {
      i++;
    }
  }
  return ops;
}

interface StreamFacts {
  bytes: number;
  paths: number;
  glyphs: number;
}

/** For each page: the size of its decompressed content stream and how many paths and texts it paints. */
async function contentStreams(file: string): Promise<StreamFacts[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref))
        : [contents];
    let text = '';
    for (const s of streams) {
      if (s instanceof PDFRawStream)
        text += Buffer.from(decodePDFRawStream(s).decode()).toString('latin1');
    }
    const ops = operators(text);
    return {
      bytes: text.length,
      paths: ops.filter((o) => PATH_PAINTING.has(o)).length,
      glyphs: ops.filter((o) => TEXT_SHOWING.has(o)).length,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The text of each page, with the structure element (P, TD, …) each piece belongs to

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

interface Piece {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size in points. */
  size: number;
  /** The structure element it is tagged with, if any. */
  node?: StructNode;
}

interface PageFacts {
  pieces: Piece[];
  tree: StructNode | null;
}

async function readPages(file: string): Promise<PageFacts[]> {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  try {
    const pages: PageFacts[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tree = (await page.getStructTree()) as StructNode | null;
      // Which structure element each marked-content id belongs to.
      const owner = new Map<string, StructNode>();
      const walk = (node: StructNode, parent: StructNode | undefined) => {
        if (node.type === 'content' && node.id && parent) owner.set(node.id, parent);
        for (const child of node.children ?? []) walk(child, node.role ? node : parent);
      };
      if (tree) walk(tree, undefined);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: Array<string | undefined> = [];
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') open.pop();
          else open.push(item.id || undefined);
          continue;
        }
        if (!item.str.trim()) continue;
        const id = open.find((o) => o !== undefined);
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        pieces.push({
          str: item.str,
          x,
          y,
          width: item.width,
          size: Math.hypot(a, b),
          node: id === undefined ? undefined : owner.get(id),
        });
      }
      pages.push({ pieces, tree });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Every structure element below `node` (itself included) with one of the roles. */
function elements(node: StructNode | null | undefined, roles: string[]): StructNode[] {
  if (!node) return [];
  const own = node.role && roles.includes(node.role) ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((c) => elements(c, roles))];
}

/** The structure elements below `node` (itself included), to map pieces to their ancestors. */
function descendants(node: StructNode): Set<StructNode> {
  const all = new Set<StructNode>();
  const walk = (n: StructNode) => {
    all.add(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(node);
  return all;
}

// ---------------------------------------------------------------------------------------------
// What the stylesheet defines

interface Definition {
  /** Body text size in points, from `html { font-size }`. */
  bodySize: number;
  /** Body line height in CSS px, from `html { line-height }`. */
  lineHeightPx: number;
}

function definition(publication: string): Definition {
  const css = readFileSync(path.join(ROOT, 'templates', publication, 'stijl.css'), 'utf8');
  const html = /(?:^|\n)html\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  const size = /font-size:\s*([\d.]+)pt/.exec(html);
  const line = /line-height:\s*([\d.]+)(px)?\s*;/.exec(html);
  if (!size || !line) throw new Error(`${publication}: html { font-size: …pt; line-height: … }`);
  const bodySize = Number(size[1]);
  // A line height without a unit is a factor of the font size.
  const lineHeightPx = Number(line[1]) * (line[2] ? 1 : bodySize / PT_PER_PX);
  return { bodySize, lineHeightPx };
}

// ---------------------------------------------------------------------------------------------

const near = (a: number, b: number, within: number) => Math.abs(a - b) <= within;

describe.each(PUBLICATIONS)('the typesetting of %s 2024', (publication) => {
  let streams: StreamFacts[];
  let pages: PageFacts[];
  let tablesInHtml: number;
  /** Index (0-based) of the contents page. */
  let contentsAt: number;
  const defined = definition(publication);

  beforeAll(async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), `jv-e2e-zetwerk-${publication}-`));
    const result = await build(resolveContext({ publication, year: 2024, outDir }));
    streams = await contentStreams(result.pdfPath);
    pages = await readPages(result.pdfPath);
    tablesInHtml = (readFileSync(result.htmlPath, 'utf8').match(/<table\b/g) ?? []).length;
    contentsAt = pages.findIndex((p) => p.pieces.some((t) => /^inhoud$/i.test(t.str.trim())));
  });

  it('defines a whole number of px as the body line height', () => {
    expect(Number.isInteger(defined.lineHeightPx)).toBe(true);
    // Close to what it was (1.45 times the font size): the look stays.
    const ratio = defined.lineHeightPx / (defined.bodySize / PT_PER_PX);
    expect(ratio).toBeGreaterThan(1.35);
    expect(ratio).toBeLessThan(1.55);
  });

  it('draws the contents leaders once: no other page paints more than a few hundred paths', () => {
    expect(contentsAt).toBeGreaterThan(0);
    const heavy = streams
      .map((s, i) => ({ page: i + 1, ...s }))
      .filter((s, i) => i !== contentsAt && s.paths >= MAX_PATHS_PER_PAGE);
    expect(heavy, 'pagina’s met meer dan een paar honderd paden').toEqual([]);
  });

  it('paints no more on the contents page than its leaders and text need', () => {
    const page = pages[contentsAt];
    const stream = streams[contentsAt];
    expect(page && stream).toBeTruthy();
    if (!page || !stream) return;
    // The entries: lines that end in a page number. A leader runs between the entry's first
    // text and its page number; a 1px dotted line has a dot every 2px of it.
    const lines = new Map<number, Piece[]>();
    for (const p of page.pieces) {
      const key = Math.round(p.y * 4) / 4;
      lines.set(key, [...(lines.get(key) ?? []), p]);
    }
    let entries = 0;
    let dots = 0;
    for (const line of lines.values()) {
      const sorted = [...line].sort((a, b) => a.x - b.x);
      const first = sorted[0];
      const last = sorted.at(-1);
      if (!first || !last || sorted.length < 2 || !/^\d+$/.test(last.str.trim())) continue;
      entries++;
      dots += (last.x - first.x) / PT_PER_PX / 2;
    }
    expect(entries).toBeGreaterThanOrEqual(4);
    // At least something per entry (a leader), at most one set of dots plus the page's few rules.
    expect(stream.paths).toBeGreaterThanOrEqual(entries);
    expect(stream.paths).toBeLessThanOrEqual(Math.ceil(dots) + 50);
    // Text pages cost about 30 bytes a glyph (Chromium positions every glyph); the leaders
    // (about 14 bytes a dot) may add at most that much.
    expect(stream.bytes).toBeLessThanOrEqual(40 * stream.glyphs + 14 * Math.ceil(dots) + 10_000);
  });

  it('keeps the baselines of every paragraph the same distance apart: its line height', () => {
    /** Distances between consecutive baselines within a paragraph, by the paragraph's font size. */
    const distances = new Map<number, number[]>();
    for (const page of pages) {
      const blocks = new Map<StructNode, Piece[]>();
      for (const p of page.pieces) {
        if (!p.node) continue;
        blocks.set(p.node, [...(blocks.get(p.node) ?? []), p]);
      }
      // Pieces belong to the innermost element; gather them by the paragraph (or list body)
      // they stand in.
      const paragraphs = elements(page.tree, ['P', 'LBody']).filter(
        (e) => elements({ children: e.children ?? [] }, ['P']).length === 0,
      );
      for (const paragraph of paragraphs) {
        const inside = descendants(paragraph);
        const pieces = [...blocks].filter(([n]) => inside.has(n)).flatMap(([, p]) => p);
        if (pieces.length === 0) continue;
        // The paragraph's own size: the most used one (a smaller superscript is no line).
        const count = new Map<number, number>();
        for (const p of pieces) {
          const s = Math.round(p.size * 10) / 10;
          count.set(s, (count.get(s) ?? 0) + 1);
        }
        const size = [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
        // Its baselines in drawing order; a step up is the next column, not the next line.
        const baselines: number[] = [];
        for (const p of pieces) {
          if (Math.round(p.size * 10) / 10 !== size) continue;
          if (!baselines.some((b) => near(b, p.y, 0.5))) baselines.push(p.y);
        }
        for (let k = 1; k < baselines.length; k++) {
          const d = (baselines[k - 1] ?? 0) - (baselines[k] ?? 0);
          if (d > 0) distances.set(size, [...(distances.get(size) ?? []), d]);
        }
      }
    }
    const body = distances.get(defined.bodySize) ?? [];
    expect(body.length, 'regels in alinea’s met de broodtekst').toBeGreaterThan(100);
    const expected = defined.lineHeightPx * PT_PER_PX;
    const off = body.filter((d) => !near(d, expected, 0.02));
    expect(off, `afstand tussen de basislijnen anders dan ${expected}pt`).toEqual([]);
    // Every other size of paragraph text (lead, quote, source lines) keeps a steady rhythm too:
    // one distance, a whole number of px.
    for (const [size, list] of distances) {
      const first = list[0] ?? 0;
      expect(
        list.every((d) => near(d, first, 0.02)),
        `${size}pt: ${[...new Set(list.map((d) => d.toFixed(2)))].join(', ')}`,
      ).toBe(true);
      const px = first / PT_PER_PX;
      expect(near(px, Math.round(px), 0.02), `${size}pt: ${px}px`).toBe(true);
    }
  });

  it('stands every number in a table right under its column heading, the columns evenly spread', () => {
    let tables = 0;
    for (const [index, page] of pages.entries()) {
      const where = (node: StructNode) => {
        const inside = descendants(node);
        const own = page.pieces.filter((p) => p.node && inside.has(p.node));
        if (own.length === 0) return undefined;
        return {
          right: Math.max(...own.map((p) => p.x + p.width)),
          text: own.map((p) => p.str).join(' '),
        };
      };
      for (const table of elements(page.tree, ['Table'])) {
        const rows = elements(table, ['TR']);
        const cells = (row: StructNode) => elements({ children: row.children ?? [] }, ['TH', 'TD']);
        const headerRows = rows.filter((r) => cells(r).every((c) => c.role === 'TH'));
        const bodyRows = rows.filter((r) => cells(r).some((c) => c.role === 'TD'));
        if (bodyRows.length === 0) continue;
        tables++;
        const label = `pagina ${index + 1}, tabel ${tables}`;
        const columns = Math.max(
          ...bodyRows.map((r) => cells(r).filter((c) => c.role === 'TD').length),
        );
        // The headings of the numeric columns: the last ones of the last header row.
        const headings = cells(headerRows.at(-1) ?? { children: [] }).slice(-columns);
        expect(headings.length, label).toBe(columns);
        const rights = headings.map((h) => where(h)?.right ?? Number.NaN);
        for (const row of bodyRows) {
          // Chromium leaves an empty cell out of the structure: a row's cells are matched to the
          // heading that ends nearest, in the order of the headings.
          let previous = -1;
          for (const cell of cells(row).filter((c) => c.role === 'TD')) {
            const at = where(cell);
            if (!at) continue;
            const k = rights.reduce(
              (best, r, i) =>
                Math.abs(r - at.right) < Math.abs((rights[best] ?? Infinity) - at.right) ? i : best,
              0,
            );
            const heading = rights[k] ?? Number.NaN;
            expect(
              near(at.right, heading, 0.5),
              `${label}: "${at.text}" eindigt op ${at.right.toFixed(2)}, de dichtstbijzijnde kop op ${heading.toFixed(2)}`,
            ).toBe(true);
            expect(k, `${label}: "${at.text}" staat in de volgorde van de koppen`).toBeGreaterThan(
              previous,
            );
            previous = k;
          }
        }
        // Evenly spread: the right edges of the numeric columns stand equally far apart.
        const edges = rights.filter((r) => !Number.isNaN(r));
        expect(edges.length, label).toBe(columns);
        const steps = edges.slice(1).map((r, k) => r - (edges[k] ?? 0));
        for (const step of steps) {
          expect(step, label).toBeGreaterThan(0);
          expect(near(step, steps[0] ?? 0, 1), `${label}: ${steps.map((s) => s.toFixed(2))}`).toBe(
            true,
          );
        }
      }
    }
    // Every table of the edition was found in the PDF.
    expect(tables).toBe(tablesInHtml);
  });
});
