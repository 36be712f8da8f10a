/**
 * The PDF/A-2 decisions on small pdf-lib documents: the conformance level from structure and
 * fonts, the transparency scanner through q/Q and graphics states, the page group taken out where
 * nothing is transparent, the print flag, and the Dutch error that names the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { PDFNumber } from 'pdf-lib';
import {
  contentOperations,
  findTransparency,
  makePdfA,
  mapStructureTypes,
  PdfAError,
  pdfaConformance,
  srgbProfilePath,
} from '../../src/finalize/pdfa.ts';
import { xmpPacket } from '../../src/finalize/pdfua.ts';
import { ROOT } from '../support/fixture.ts';

const icc = new Uint8Array(readFileSync(srgbProfilePath(ROOT)));

/** A one-page document painting `content`, with a graphics state /G1 of fill alpha `ca`. */
async function page(content: string, options: { ca?: number; toUnicode?: boolean } = {}) {
  const doc = await PDFDocument.create();
  const p = doc.addPage([100, 100]);
  const ctx = doc.context;
  const fontFile = ctx.register(ctx.stream('font'));
  const descendant = ctx.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: 'AAAAAA+Proef',
    FontDescriptor: ctx.obj({ Type: 'FontDescriptor', FontFile2: fontFile }),
  });
  const font = ctx.obj({
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: 'AAAAAA+Proef',
    Encoding: 'Identity-H',
    DescendantFonts: [descendant],
    ...(options.toUnicode === false ? {} : { ToUnicode: ctx.register(ctx.stream('cmap')) }),
  });
  p.node.set(
    PDFName.of('Resources'),
    ctx.obj({
      Font: { F1: ctx.register(font) },
      ExtGState: { G1: ctx.obj({ Type: 'ExtGState', ca: options.ca ?? 0.5, BM: 'Normal' }) },
    }),
  );
  p.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(content)));
  doc.context.trailerInfo.ID = ctx.obj(['00', '00']);
  return doc;
}

function tag(doc: PDFDocument, types: string[]) {
  const kids = types.map((s) => doc.context.obj({ Type: 'StructElem', S: s }));
  const root = doc.context.obj({ Type: 'StructTreeRoot', K: kids });
  doc.catalog.set(PDFName.of('StructTreeRoot'), doc.context.register(root));
  doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
}

describe('the conformance level', () => {
  it('is A when tagged and every font maps to Unicode, U untagged, B without a map', async () => {
    const tagged = await page('BT /F1 12 Tf <0001> Tj ET');
    tag(tagged, ['Document', 'P']);
    expect(pdfaConformance(tagged)).toBe('A');
    expect(pdfaConformance(await page('BT /F1 12 Tf <0001> Tj ET'))).toBe('U');
    const noMap = await page('BT /F1 12 Tf <0001> Tj ET', { toUnicode: false });
    tag(noMap, ['P']);
    expect(pdfaConformance(noMap)).toBe('B');
  });

  it('asks every structure type to be PDF 1.7 or role-mapped; maps Strong to Span', async () => {
    const doc = await page('');
    tag(doc, ['P', 'Strong', 'Eigen']);
    expect(pdfaConformance(doc)).toBe('U');
    expect(mapStructureTypes(doc)).toEqual(['Eigen']);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(root.lookup(PDFName.of('RoleMap'), PDFDict).get(PDFName.of('Strong'))).toBe(
      PDFName.of('Span'),
    );
    expect(pdfaConformance(doc)).toBe('U');
    root.lookup(PDFName.of('RoleMap'), PDFDict).set(PDFName.of('Eigen'), PDFName.of('P'));
    expect(pdfaConformance(doc)).toBe('A');
  });
});

describe('the transparency scanner', () => {
  it('finds a fill painted with an alpha below 1, on its page', async () => {
    const doc = await page('q /G1 gs 0 0 10 10 re f Q');
    expect(findTransparency(doc)).toEqual([{ page: 1, what: ['doorzichtige vulling (/ca 0,5)'] }]);
  });

  it('follows q/Q: a state set and restored before painting is no transparency', async () => {
    expect(findTransparency(await page('q /G1 gs Q 0 0 10 10 re f'))).toEqual([]);
    expect(findTransparency(await page('/G1 gs BT ET'))).toEqual([]);
    expect(findTransparency(await page('/G1 gs 0 0 10 10 re S'))).toEqual([]);
    expect(findTransparency(await page('/G1 gs 0 0 10 10 re f', { ca: 1 }))).toEqual([]);
  });

  it('takes out a page group where nothing is transparent, keeps it where something is', async () => {
    const clean = await page('0 0 10 10 re f');
    clean.getPage(0).node.set(PDFName.of('Group'), clean.context.obj({ S: 'Transparency' }));
    expect(findTransparency(clean)).toEqual([]);
    expect(clean.getPage(0).node.get(PDFName.of('Group'))).toBeUndefined();
  });

  it('reads strings, dictionaries and inline images without taking them for operators', () => {
    const ops = contentOperations(
      '/P <</MCID 3>> BDC (a Q\\) f) Tj EMC BI /W 1 /H 1 ID \x00Q f\n EI q',
    ).map((o) => o.op);
    expect(ops).toEqual(['BDC', 'Tj', 'EMC', 'BI', 'ID', 'q']);
  });
});

describe('makePdfA', () => {
  it('fails in Dutch, naming the page, when a page is transparent', async () => {
    const doc = await page('q /G1 gs 0 0 10 10 re f Q');
    doc.addPage([100, 100]);
    let thrown: unknown;
    try {
      makePdfA(doc, { iccProfile: icc });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PdfAError);
    expect((thrown as Error).message).toMatch(/pagina 1: transparantie: doorzichtige vulling/);
  });

  it('writes the sRGB OutputIntent and prints every annotation', async () => {
    const doc = await page('0 0 10 10 re f');
    const link = doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 5, 5], F: 2 });
    doc.getPage(0).node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
    expect(makePdfA(doc, { iccProfile: icc })).toEqual({ conformance: 'U' });
    expect((link.get(PDFName.of('F')) as PDFNumber).asNumber()).toBe(4);
    expect(doc.catalog.get(PDFName.of('OutputIntents'))).toBeDefined();
  });

  it('refuses a profile that is not RGB', async () => {
    const cmyk = new Uint8Array(icc);
    cmyk.set(Buffer.from('CMYK'), 16);
    const doc = await page('');
    expect(() => makePdfA(doc, { iccProfile: cmyk })).toThrow(/kleurruimte 'CMYK'/);
  });
});

describe('the XMP packet', () => {
  it('has pdfaid and the pdfuaid extension schema only when asked', () => {
    const d = {
      title: 'T',
      author: 'A',
      subject: 'S',
      keywords: ['a', 'b c'],
      language: 'nl-NL',
      producer: 'P',
      date: new Date('2025-03-14T12:00:00.750Z'),
    };
    const draft = xmpPacket(d);
    expect(draft).not.toMatch(/pdfaid|pdfaExtension/);
    expect(draft).toContain('<pdf:Keywords>a, b c</pdf:Keywords>');
    // Whole seconds, as the Info dictionary's D:20250314120000Z.
    expect(draft).toContain('<xmp:CreateDate>2025-03-14T12:00:00Z</xmp:CreateDate>');
    const final = xmpPacket({ ...d, pdfa: { part: 2, conformance: 'A' } });
    expect(final).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(final).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(final).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
  });
});
