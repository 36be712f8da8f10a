/**
 * PDF/A-2 for the archive, read back from the real PDF of the small edition built as final (real
 * Chromium): the XMP identifies it as PDF/A-2 level A and PDF/UA-1 (with the pdfuaid schema
 * declared) and says what the Info dictionary says; an sRGB OutputIntent; the tags kept; every
 * font embedded; no transparency, no JavaScript, every annotation printed; qpdf finds the file
 * sound. A draft of the same edition carries none of the PDF/A identification.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { PDFDocument } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { findTransparency, makePdfA, srgbProfile } from '../../src/finalize/pdfa.ts';
import { withBrowser } from '../../src/print/browser.ts';
import { fixtureCopy, ROOT } from '../support/fixture.ts';
import { catalogFacts, load, xmp } from '../support/pdf-objects.ts';

let finalPdf = '';
let draftPdf = '';
let edition: { titel: string; datum: string };
let publication: { uitgever: string; taal: string; trefwoorden: string[] };

beforeAll(async () => {
  const copy = fixtureCopy('minimaal');
  edition = parse(readFileSync(copy.file('proef/2024/editie.yaml'), 'utf8')) as typeof edition;
  publication = parse(
    readFileSync(copy.file('proef/publicatie.yaml'), 'utf8'),
  ) as typeof publication;
  await withBrowser(async (browser) => {
    for (const final of [true, false]) {
      const outDir = mkdtempSync(path.join(tmpdir(), 'jv-pdfa-'));
      const ctx = resolveContext({
        dataDir: copy.dataDir,
        publication: 'proef',
        year: 2024,
        outDir,
        final,
      });
      const result = await build(ctx, { browser });
      if (final) finalPdf = result.pdfPath;
      else draftPdf = result.pdfPath;
    }
  });
}, 120_000);

const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;

function info(doc: PDFDocument): Record<string, string | undefined> {
  const dict = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
  return Object.fromEntries(dict.entries().map(([k, v]) => [k.decodeText(), text(v)]));
}

/** A PDF date (D:YYYYMMDDHHmmSS with Z or an offset) as an instant. */
function pdfDate(date: string): number {
  const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|([+-])(\d\d)'?(\d\d)'?)?$/.exec(date);
  if (!m) throw new Error(`no PDF date: ${date}`);
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +m[10]!) * 60_000 : 0;
  return utc - offset;
}

/** The one value of an XMP property, simple or in an rdf:Alt/Seq/Bag of one. */
function xmpValue(packet: string, property: string): string | undefined {
  const m = new RegExp(`<${property}>([\\s\\S]*?)</${property}>`).exec(packet);
  if (!m) return undefined;
  const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]!);
  const raw = li ? li[1]! : m[1]!;
  return raw
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * How many structure elements of each type the StructTreeRoot holds (marked-content and object
 * references not counted).
 */
function structureElements(doc: PDFDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'));
  if (!(root instanceof PDFDict)) return counts;
  const seen = new Set<PDFObject>();
  const walk = (o: PDFObject | undefined) => {
    if (!o || seen.has(o)) return;
    seen.add(o);
    const v = doc.context.lookup(o);
    if (v instanceof PDFArray) return v.asArray().forEach(walk);
    if (!(v instanceof PDFDict)) return;
    const type = v.get(PDFName.of('Type'));
    if (type === PDFName.of('MCR') || type === PDFName.of('OBJR')) return;
    const s = v.get(PDFName.of('S'));
    if (s instanceof PDFName) counts.set(s.decodeText(), (counts.get(s.decodeText()) ?? 0) + 1);
    walk(v.get(PDFName.of('K')));
  };
  walk(root.get(PDFName.of('K')));
  return counts;
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

/** The file with every stream decompressed and every object on its own, as text. */
function qdf(file: string): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'jv-pdfa-qdf-')), 'qdf.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
  return readFileSync(out, 'latin1');
}

describe('the final edition as PDF/A-2', () => {
  it('identifies itself in the XMP as PDF/A-2 level A and PDF/UA-1, pdfuaid declared', async () => {
    const packet = xmp(await load(finalPdf)) ?? '';
    expect(packet).toMatch(/^<\?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    expect(packet).toMatch(/<\?xpacket end="w"\?>$/);
    expect(packet).not.toMatch(/bytes=|encoding=/);
    expect(xmpValue(packet, 'pdfaid:part')).toBe('2');
    expect(xmpValue(packet, 'pdfaid:conformance')).toBe('A');
    expect(xmpValue(packet, 'pdfuaid:part')).toBe('1');
    expect(packet).toContain('xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"');
    expect(packet).toContain('xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"');
    // The extension schema that tells a PDF/A reader what pdfuaid:part is.
    expect(packet).toContain('xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"');
    expect(packet).toContain('xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"');
    expect(packet).toContain('xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"');
    const schema = /<pdfaExtension:schemas>([\s\S]*)<\/pdfaExtension:schemas>/.exec(packet)?.[1];
    expect(schema).toBeDefined();
    expect(xmpValue(schema!, 'pdfaSchema:namespaceURI')).toBe('http://www.aiim.org/pdfua/ns/id/');
    expect(xmpValue(schema!, 'pdfaSchema:prefix')).toBe('pdfuaid');
    expect(xmpValue(schema!, 'pdfaProperty:name')).toBe('part');
    expect(xmpValue(schema!, 'pdfaProperty:valueType')).toBe('Integer');
    expect(xmpValue(schema!, 'pdfaProperty:category')).toBe('internal');
  });

  it('says in the XMP what the Info dictionary and the catalog say', async () => {
    const doc = await load(finalPdf);
    const packet = xmp(doc) ?? '';
    const i = info(doc);
    // The Info dictionary says what the data says…
    expect(i.Title).toBe(edition.titel);
    expect(i.Author).toBe(publication.uitgever);
    for (const word of publication.trefwoorden) expect(i.Keywords).toContain(word);
    expect(catalogFacts(doc).lang).toBe(publication.taal);
    // … and the XMP says the same, entry for entry.
    expect(xmpValue(packet, 'dc:title')).toBe(i.Title);
    expect(xmpValue(packet, 'dc:creator')).toBe(i.Author);
    expect(xmpValue(packet, 'dc:description')).toBe(i.Subject);
    expect(xmpValue(packet, 'dc:language')).toBe(catalogFacts(doc).lang);
    expect(xmpValue(packet, 'pdf:Keywords')).toBe(i.Keywords);
    expect(xmpValue(packet, 'pdf:Producer')).toBe(i.Producer);
    expect(xmpValue(packet, 'xmp:CreatorTool')).toBe(i.Creator);
    // The same instants: Info's D:…Z and the XMP's ISO 8601, on the edition's date.
    const created = xmpValue(packet, 'xmp:CreateDate') ?? '';
    const modified = xmpValue(packet, 'xmp:ModifyDate') ?? '';
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(Date.parse(created)).toBe(pdfDate(i.CreationDate ?? ''));
    expect(Date.parse(modified)).toBe(pdfDate(i.ModDate ?? ''));
    expect(new Date(Date.parse(created)).toISOString().slice(0, 10)).toBe(
      String(edition.datum).slice(0, 10),
    );
  });

  it('has an sRGB OutputIntent with an ICC profile of three components', async () => {
    const doc = await load(finalPdf);
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'));
    expect(intents).toBeInstanceOf(PDFArray);
    expect((intents as PDFArray).size()).toBe(1);
    const intent = doc.context.lookup((intents as PDFArray).get(0)) as PDFDict;
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(text(intent.get(PDFName.of('OutputConditionIdentifier')))).toMatch(/sRGB/);
    const profile = intent.lookup(PDFName.of('DestOutputProfile'));
    expect(profile).toBeInstanceOf(PDFRawStream);
    const stream = profile as PDFRawStream;
    expect((stream.dict.get(PDFName.of('N')) as PDFNumber).asNumber()).toBe(3);
    const icc = Buffer.from(decodePDFRawStream(stream).decode());
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');
    expect(icc.subarray(16, 20).toString('latin1')).toBe('RGB ');
    expect(icc.readUInt32BE(0)).toBe(icc.length);
  });

  it('has a document ID: two equal halves of 32 hexadecimal digits', async () => {
    const doc = await load(finalPdf);
    const id = doc.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    const ids = (id as PDFArray).asArray().map((x) => (x as PDFHexString).asString());
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/i);
    expect(ids[1]).toBe(ids[0]);
    expect(readFileSync(finalPdf, 'latin1')).toMatch(/^%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}/);
  });

  it('keeps every tag: the PDF/A step takes no structure element away', async () => {
    // The step itself, on the draft of the same edition (Chromium's tags, PDF/UA done): the
    // same elements of every type before and after, the file saved and read again.
    const draft = await load(draftPdf);
    const before = structureElements(draft);
    expect(total(before)).toBeGreaterThan(20);
    makePdfA(draft, { iccProfile: srgbProfile(ROOT) });
    const after = structureElements(await PDFDocument.load(await draft.save()));
    expect(after).toEqual(before);
    // The final edition: tagged, marked, the same types of element as the draft. (The draft has
    // a few more elements: its cover says "Concept".)
    const final = await load(finalPdf);
    const counts = structureElements(final);
    expect(total(counts)).toBeGreaterThan(20);
    expect(total(counts)).toBeLessThanOrEqual(total(before));
    expect([...counts.keys()].sort()).toEqual([...before.keys()].sort());
    const markInfo = final.catalog.lookup(PDFName.of('MarkInfo')) as PDFDict;
    expect(String(markInfo.get(PDFName.of('Marked')))).toBe('true');
  });

  it('embeds every font, each with a map to Unicode', () => {
    const rows = execFileSync('pdffonts', [finalPdf], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(rows.length).toBeGreaterThan(0);
    // The columns emb, sub, uni, then the object number: emb and uni must say yes.
    for (const row of rows) expect(row).toMatch(/\s(yes)\s+(yes|no)\s+(yes)\s+\d+\s+\d+\s*$/);
  });

  it('paints nothing transparent and holds no JavaScript: the scanner and the file agree', async () => {
    expect(findTransparency(await load(finalPdf))).toEqual([]);
    const file = qdf(finalPdf);
    for (const m of file.matchAll(/\/SMask\s*(\/?\w+)/g)) expect(m[1]).toBe('/None');
    for (const m of file.matchAll(/\/(CA|ca)\s+([\d.]+)/g)) expect(Number(m[2])).toBe(1);
    for (const m of file.matchAll(/\/BM\s*\/(\w+)/g))
      expect(['Normal', 'Compatible']).toContain(m[1]);
    expect(file).not.toMatch(/\/S\s*\/Transparency/);
    expect(file).not.toMatch(/\/JavaScript|\/JS[\s(<]|\/AA[\s<]|\/OpenAction|\/Encrypt/);
    expect(file).not.toMatch(/\/DeviceCMYK/);
  });

  it('prints every annotation and hides none', async () => {
    const doc = await load(finalPdf);
    const flags: number[] = [];
    for (const page of doc.getPages()) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (const ref of annots?.asArray() ?? []) {
        const annot = doc.context.lookup(ref) as PDFDict;
        const f = annot.get(PDFName.of('F'));
        flags.push(f instanceof PDFNumber ? f.asNumber() : 0);
      }
    }
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter((f) => (f & 4) === 0 || (f & (1 | 2 | 32 | 256)) !== 0)).toEqual([]);
  });

  it('passes qpdf --check', () => {
    const check = spawnSync('qpdf', ['--check', finalPdf], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/No syntax or stream encoding errors/);
  });
});

describe('a draft', () => {
  it('carries no PDF/A identification and no OutputIntent, but stays PDF/UA', async () => {
    const doc = await load(draftPdf);
    const packet = xmp(doc) ?? '';
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(packet).not.toMatch(/pdfaid|pdfaExtension/);
    expect(doc.catalog.get(PDFName.of('OutputIntents'))).toBeUndefined();
    // The keywords are one text in both places, in a draft too.
    expect(xmpValue(packet, 'pdf:Keywords')).toBe(info(doc).Keywords);
  });
});
