/**
 * A failed build loses nothing, and the printed page loads nothing from outside.
 * Uses the small fixture edition with real Chromium.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { BrowserError, DataError, TemplateError } from '../../src/errors.ts';
import { fixtureCopy } from '../support/fixture.ts';
import { bodyTexts, pageTexts } from '../support/pdf.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

function context(dataDir: string, outDir: string) {
  return resolveContext({ dataDir, outDir, publication: 'proef', year: 2024 });
}

describe('building safely', () => {
  it('builds the small edition: numbers from the data, derived total, figure reference', async () => {
    const copy = fixtureCopy('minimaal');
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const result = await build(context(copy.dataDir, outDir));
    const text = pageTexts(result.pdfPath).join(' ');
    expect(text).toContain('Proefdorp telt 1.234 inwoners, van wie 12,5% starter is.');
    // 14 + 7 in 2024: the total is computed (a derived value), not typed in the prose; so is
    // the change from 2023 and the word for its direction.
    expect(text).toContain(
      'In 2024 werden 21 woningen verkocht (zie figuur 1), 9 meer dan in 2023.',
    );
    expect(text).toContain('Figuur 1. Verkochte woningen per type');
  });

  it('a failed build leaves the earlier PDF and HTML byte for byte as they were', async () => {
    const copy = fixtureCopy('minimaal');
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const first = await build(context(copy.dataDir, outDir));
    const pdfBefore = readFileSync(first.pdfPath);
    const htmlBefore = readFileSync(first.htmlPath);

    // A mistake in the data: the build stops before printing.
    const broken = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('[10, 12, 14]', '[10, 1x2, 14]'),
    });
    await expect(build(context(broken.dataDir, outDir))).rejects.toBeInstanceOf(DataError);
    // A mistake in the prose: a name the data does not have.
    const badProse = fixtureCopy('minimaal', {
      [PROSE]: (t) => t.replace('cijfers.inwoners', 'cijfers.inwonerz'),
    });
    await expect(build(context(badProse.dataDir, outDir))).rejects.toThrow(
      `${badProse.file(PROSE)}:${badProse.lineOf(PROSE, 'inwonerz')} {{getal cijfers.inwonerz}}: "cijfers.inwonerz" staat niet in de gegevens`,
    );
    await expect(build(context(badProse.dataDir, outDir))).rejects.toBeInstanceOf(TemplateError);

    expect(readFileSync(first.pdfPath).equals(pdfBefore)).toBe(true);
    expect(readFileSync(first.htmlPath).equals(htmlBefore)).toBe(true);
  });

  it('a page that refers to a remote resource fails the build and names the URL', async () => {
    const copy = fixtureCopy('minimaal', {
      // A Markdown image with a URL (raw <img> is refused before printing: the allow-list).
      [PROSE]: (t) => `${t}\n![foto](https://example.invalid/foto.png)\n`,
    });
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const attempt = build(context(copy.dataDir, outDir));
    await expect(attempt).rejects.toBeInstanceOf(BrowserError);
    await expect(attempt).rejects.toThrow(
      'geblokkeerd verzoek naar https://example.invalid/foto.png',
    );
  });

  it('a table too long for one page breaks, and repeats its header row on the next page', async () => {
    const rows = Array.from(
      { length: 90 },
      (_, i) => `    - {label: Rij ${i + 1}, waarden: [${i}, ${i + 1}]}`,
    ).join('\n');
    const long = `\nlang:\n  soort: tabel\n  titel: Een lange tabel\n  kop: Kopkolom\n  kolommen: [Eerste, Tweede]\n  rijen:\n${rows}\n`;
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + long,
      [PROSE]: (t) => `${t}\n{{figuur cijfers.lang}}\n`,
    });
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const result = await build(context(copy.dataDir, outDir));
    const pages = bodyTexts(result.pdfPath);
    const withRows = pages.filter((p) => /Rij \d+ \d+ \d+/.test(p));
    expect(withRows.length).toBeGreaterThan(1);
    for (const p of withRows) expect(p).toContain('Kopkolom Eerste Tweede');
    expect(pages.join(' ')).toContain('Rij 90 89 90');
  });
});
