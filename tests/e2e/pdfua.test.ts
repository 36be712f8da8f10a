/**
 * PDF/UA, read back from the real PDFs of both publications: everything painted is tagged
 * content or an artifact, the XMP identifies the file as PDF/UA-1 with title and language, every
 * link says where it goes, and the contents are a list with a label and a body per entry.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { withBrowser } from '../../src/print/browser.ts';
import { ROOT } from '../support/fixture.ts';
import { structureElements } from '../support/pdf.ts';
import {
  catalogFacts,
  links,
  load,
  pageContents,
  paintingOutsideMarks,
  xmp,
} from '../support/pdf-objects.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDict, PDFName } from 'pdf-lib';

const PUBLICATIONS = ['midden-drenthe', 'provincie-drenthe'];
const pdfs = new Map<string, string>();

beforeAll(async () => {
  await withBrowser(async (browser) => {
    for (const publication of PUBLICATIONS) {
      const outDir = mkdtempSync(path.join(tmpdir(), `jv-ua-${publication}-`));
      const result = await build(resolveContext({ publication, year: 2024, outDir }), { browser });
      pdfs.set(publication, result.pdfPath);
    }
  });
}, 180_000);

/** What the data says the edition is called. */
const titleOf = (publication: string) =>
  (
    parse(readFileSync(path.join(ROOT, 'data', publication, '2024', 'editie.yaml'), 'utf8')) as {
      titel: string;
    }
  ).titel;

interface Node {
  role?: string;
  children?: Node[];
}

describe.each(PUBLICATIONS)('%s as PDF/UA', (publication) => {
  it('paints nothing outside tagged content or an artifact, on any page', async () => {
    const doc = await load(pdfs.get(publication) as string);
    const pages = pageContents(doc);
    expect(pages.length).toBeGreaterThan(10);
    const loose = pages.map((c, i) => [i + 1, paintingOutsideMarks(c).length]).filter(([, n]) => n);
    expect(loose).toEqual([]);
    // … and the running header and page numbers are there, as artifacts.
    expect(pages.every((c) => c.includes('/Artifact BMC'))).toBe(true);
  });

  it('carries XMP that identifies it as PDF/UA-1, with its title and language', async () => {
    const packet = xmp(await load(pdfs.get(publication) as string)) ?? '';
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(packet).toContain(`<rdf:li xml:lang="x-default">${titleOf(publication)}</rdf:li>`);
    expect(packet).toMatch(
      /<dc:language><rdf:Bag><rdf:li>nl-NL<\/rdf:li><\/rdf:Bag><\/dc:language>/,
    );
    const facts = catalogFacts(await load(pdfs.get(publication) as string));
    expect(facts).toEqual({ displayDocTitle: true, lang: 'nl-NL' });
  });

  it('uses only PDF 1.7 structure types, or maps each other one to such a type (RoleMap)', async () => {
    // ISO 32000-1, 14.8.4: the standard structure types PDF/UA-1 builds on.
    const STANDARD = new Set(
      (
        'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 ' +
        'H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference ' +
        'BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
      ).split(' '),
    );
    const doc = await load(pdfs.get(publication) as string);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
    const used = new Set<string>();
    for (const [, o] of doc.context.enumerateIndirectObjects()) {
      const s = o instanceof PDFDict ? o.get(PDFName.of('S')) : undefined;
      if (o instanceof PDFDict && o.has(PDFName.of('P')) && s instanceof PDFName)
        used.add(s.decodeText());
    }
    expect(used.size).toBeGreaterThan(5);
    const unmapped = [...used].filter((t) => {
      if (STANDARD.has(t)) return false;
      const to = roleMap?.get(PDFName.of(t));
      return !(to instanceof PDFName && STANDARD.has(to.decodeText()));
    });
    expect(unmapped).toEqual([]);
  });

  it('says on every link where it goes', async () => {
    const all = links(await load(pdfs.get(publication) as string));
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((l) => !l.contents?.trim())).toEqual([]);
    expect(all.some((l) => /^Ga naar \S/.test(l.contents ?? ''))).toBe(true);
  });

  it('gives every /Figure a Dutch text alternative (/Alt)', async () => {
    const figures = await structureElements(pdfs.get(publication) as string, 'Figure');
    // The charts (5 municipal, 3 provincial) and the provincial photos.
    expect(figures.length).toBeGreaterThanOrEqual(3);
    expect(figures.filter((f) => !f.alt?.trim())).toEqual([]);
  });

  it('tags the contents as a list: each entry a label (its number) and a body (the link)', async () => {
    const doc = await getDocument({
      data: new Uint8Array(readFileSync(pdfs.get(publication) as string)),
    }).promise;
    // The contents page: the first page whose structure has a list of links.
    let items: Node[] = [];
    for (let p = 1; p <= 4 && !items.length; p++) {
      const tree = (await (await doc.getPage(p)).getStructTree()) as Node;
      const lists: Node[] = [];
      const walk = (n: Node) => {
        if (n.role === 'L') lists.push(n);
        n.children?.forEach(walk);
      };
      walk(tree);
      const toc = lists.find((l) =>
        l.children?.some((li) => JSON.stringify(li).includes('"Link"')),
      );
      items = toc?.children?.filter((c) => c.role === 'LI') ?? [];
    }
    await doc.destroy();
    expect(items.length).toBeGreaterThan(8);
    for (const li of items) {
      expect(li.children?.map((c) => c.role)).toEqual(['Lbl', 'LBody']);
      expect(li.children?.[1]?.children?.map((c) => c.role)).toEqual(['Link']);
    }
  });
});
