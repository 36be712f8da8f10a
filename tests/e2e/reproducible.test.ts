/**
 * Reproducible builds: the same inputs and program give a byte-identical PDF and HTML on every
 * run, draft or final. Dates come from the data or SOURCE_DATE_EPOCH (never the moment of the
 * build); the document /ID is derived from the content.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { withBrowser } from '../../src/print/browser.ts';
import type { Browser } from 'puppeteer';
import { editFile, fixtureCopy, publicationCopy, ROOT } from '../support/fixture.ts';

/** Build the small edition into a folder of its own, with a running browser. */
const buildProef = (browser: Browser, dataDir: string, final = false) =>
  build(
    resolveContext({
      dataDir,
      publication: 'proef',
      year: 2024,
      outDir: mkdtempSync(path.join(tmpdir(), 'jv-repro-')),
      final,
    }),
    { browser },
  );

async function facts(file: string) {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const info = doc.context.lookup(doc.context.trailerInfo.Info) as unknown as {
    get(n: PDFName): unknown;
  };
  const date = info.get(PDFName.of('CreationDate'));
  const id = doc.context.trailerInfo.ID;
  const ids = id instanceof PDFArray ? id.asArray().map((x) => (x as PDFHexString).asString()) : [];
  const producer = info.get(PDFName.of('Producer'));
  return {
    date: date instanceof PDFString ? date.asString() : undefined,
    ids,
    producer:
      producer instanceof PDFString || producer instanceof PDFHexString
        ? producer.decodeText()
        : undefined,
  };
}

afterEach(() => {
  delete process.env.SOURCE_DATE_EPOCH;
});

describe('reproducible builds', () => {
  it('a draft without a date: two builds give the same bytes, no date of the build in them', async () => {
    const copy = fixtureCopy('minimaal', {
      'proef/2024/editie.yaml': (t) => t.replace('datum: 2025-03-14', 'datum: null'),
    });
    const [a, b] = await withBrowser(async (browser) => [
      await buildProef(browser, copy.dataDir),
      await buildProef(browser, copy.dataDir),
    ]);
    expect(readFileSync(a.pdfPath).equals(readFileSync(b.pdfPath))).toBe(true);
    expect(readFileSync(a.htmlPath, 'utf8')).toBe(readFileSync(b.htmlPath, 'utf8'));
    const f = await facts(a.pdfPath);
    expect(f.date).toBeUndefined();
    // A document ID from the content: two equal halves of 32 hexadecimal digits.
    expect(f.ids).toHaveLength(2);
    expect(f.ids[0]).toMatch(/^[0-9a-f]{32}$/i);
    expect(f.ids[1]).toBe(f.ids[0]);
    // The Chromium that printed it is named.
    expect(f.producer).toMatch(/^jaarverslag \(\S*Chrom\S*\/\d+\.\d+/);
  });

  it("SOURCE_DATE_EPOCH gives a draft its date; the edition's own date wins in a final", async () => {
    const draft = fixtureCopy('minimaal', {
      'proef/2024/editie.yaml': (t) => t.replace('datum: 2025-03-14', 'datum: null'),
    });
    process.env.SOURCE_DATE_EPOCH = '1700000000'; // 2023-11-14 22:13:20 UTC
    const final = fixtureCopy('minimaal');
    const [d, f1, f2] = await withBrowser(async (browser) => [
      await buildProef(browser, draft.dataDir),
      await buildProef(browser, final.dataDir, true),
      await buildProef(browser, final.dataDir, true),
    ]);
    expect((await facts(d.pdfPath)).date).toMatch(/^D:20231114221320/);
    expect((await facts(f1.pdfPath)).date).toMatch(/^D:20250314120000/);
    expect(readFileSync(f1.pdfPath).equals(readFileSync(f2.pdfPath))).toBe(true);
    // Different content, different ID.
    expect((await facts(d.pdfPath)).ids[0]).not.toBe((await facts(f1.pdfPath)).ids[0]);
  });

  it('a first build (nothing cached, no earlier edition) and a rebuild give the same bytes, when the layout stage decides things', async () => {
    const dataDir = publicationCopy('midden-drenthe');
    // Another subtitle (with the real one the two happen to print alike), and no layout
    // decisions kept from earlier builds: the first build decides its layout anew.
    editFile(path.join(dataDir, 'midden-drenthe', '2024', 'editie.yaml'), (t) =>
      t.replace(/^ondertitel: .*$/m, 'ondertitel: Proef een'),
    );
    rmSync(path.join(ROOT, 'output', '.cache', 'opmaak'), { recursive: true, force: true });
    // The same output folder: the rebuild also has the first build's edition to start from.
    const ctx = resolveContext({
      dataDir,
      publication: 'midden-drenthe',
      year: 2024,
      outDir: mkdtempSync(path.join(tmpdir(), 'jv-repro-')),
    });
    const [first, firstPdf, firstHtml, again] = await withBrowser(async (browser) => {
      const a = await build(ctx, { browser });
      const bytes = [readFileSync(a.pdfPath), readFileSync(a.htmlPath, 'utf8')] as const;
      return [a, ...bytes, await build(ctx, { browser })] as const;
    });
    // The first decided (words taken out of hyphenation, figures moved), the second reused it.
    expect(first.layout?.cached).toBeFalsy();
    const decided =
      Object.values(first.layout?.unhyphenated ?? {}).reduce((a, b) => a + b, 0) +
      (first.layout?.floated.length ?? 0);
    expect(decided).toBeGreaterThan(0);
    expect(again.layout?.cached).toBe(true);
    expect(firstPdf.equals(readFileSync(again.pdfPath))).toBe(true);
    expect(firstHtml).toBe(readFileSync(again.htmlPath, 'utf8'));
  });
});
