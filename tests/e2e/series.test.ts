/**
 * Adding a year to the series never changes what an earlier edition prints: the 2024 PDF's text
 * is the same before and after 2025 is added to every series (real Chromium, the real data).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { editFile, publicationCopy } from '../support/fixture.ts';
import { pageTexts } from '../support/pdf.ts';

async function text2024(dataDir: string): Promise<string[]> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
  const result = await build(
    resolveContext({ dataDir, outDir, publication: 'midden-drenthe', year: 2024 }),
  );
  return pageTexts(result.pdfPath);
}

describe('series kept once', () => {
  it('adding 2025 to every series leaves the 2024 edition exactly as it was', async () => {
    const dataDir = publicationCopy('midden-drenthe');
    const before = await text2024(dataDir);
    const reeksen = path.join(dataDir, 'midden-drenthe', 'reeksen');
    // 2025 as a column: Figuur 1 (with its stated total), Figuur 4 (every row and part).
    editFile(path.join(reeksen, 'koopmarkt.yaml'), (t) =>
      t
        .replace(
          'kolommen: [2018, 2019, 2020, 2023, 2024]',
          'kolommen: [2018, 2019, 2020, 2023, 2024, 2025]',
        )
        .replace(/(waarden: \[[^\]]*)\]/g, '$1, 7777]')
        .replace('vermeld: [359, 355, 385, 292, 300]', 'vermeld: [359, 355, 385, 292, 300, 9999]'),
    );
    editFile(path.join(reeksen, 'huursector.yaml'), (t) =>
      t
        .replace(
          'kolommen: [2018, 2019, 2020, 2021, 2022, 2023, 2024]',
          'kolommen: [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]',
        )
        .replace(/(waarden: \[[^\]]*)\]/g, '$1, 7777]'),
    );
    // 2025 as a row (Figuur 7), and 1 January 2026 for the inhabitants.
    editFile(path.join(reeksen, 'woningbouw.yaml'), (t) =>
      t
        .replace(
          '    - {label: "2024", waarden: [56, 11, 14849]}',
          '    - {label: "2024", waarden: [56, 11, 14849]}\n    - {label: "2025", waarden: [7777, 7777, 22613]}',
        )
        .replace('2023, 2024, 2025]', '2023, 2024, 2025, 2026]')
        .replace('34123, 34021]', '34123, 34021, 7777]'),
    );
    const after = await text2024(dataDir);
    expect(after.join('\n')).not.toContain('7.777');
    expect(after).toEqual(before);
  });
});
