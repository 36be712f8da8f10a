/**
 * The yearly path: `new-year 2025` on a copy of the real publication makes 2025 from 2024 with
 * every value of 2025 empty and every series one year longer; 2024 prints as it did; a draft of
 * the half-filled year builds and shows each gap; filled-in values appear in text and tables.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newYear } from '../../src/commands/new-year.ts';
import { missingCount } from '../../src/commands/status.ts';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { checkData } from '../../src/core/check.ts';
import { DataError, UsageError } from '../../src/errors.ts';
import { editFile, publicationCopy } from '../support/fixture.ts';
import { layoutTexts, pageTexts } from '../support/pdf.ts';

async function pdfOf(dataDir: string, year: number, final = false) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
  return build(resolveContext({ dataDir, outDir, publication: 'midden-drenthe', year, final }));
}

describe('next year', () => {
  it('new-year 2025: 2024 unchanged, 2025 empty and visible as gaps, filled values printed', async () => {
    const dataDir = publicationCopy('midden-drenthe');
    const flags = { dataDir, publication: 'midden-drenthe' };
    const before = pageTexts((await pdfOf(dataDir, 2024)).pdfPath);

    const made = newYear(flags, 2025);
    expect(made.from).toBe(2024);
    expect(made.emptied).toBeGreaterThan(50);
    expect(made.added).toBeGreaterThan(10);
    // Again: refused, nothing changed.
    const series = path.join(dataDir, 'midden-drenthe', 'reeksen', 'koopmarkt.yaml');
    const seriesText = readFileSync(series, 'utf8');
    expect(() => newYear(flags, 2025)).toThrow(UsageError);
    expect(readFileSync(series, 'utf8')).toBe(seriesText);

    // 2024 prints exactly as before.
    expect(pageTexts((await pdfOf(dataDir, 2024)).pdfPath)).toEqual(before);

    // 2025: the edition's year everywhere the prose says {{jaar}}; every value a visible gap.
    const { edition } = checkData(
      resolveContext({ dataDir, publication: 'midden-drenthe', year: 2025 }),
    );
    expect(edition.editie.jaar).toBe(2025);
    expect(edition.editie.titel).toBe('Jaarverslag Wonen 2025');
    expect(edition.editie.datum).toBeNull();
    const draft = await pdfOf(dataDir, 2025);
    const text = pageTexts(draft.pdfPath).join('\n');
    expect(text).toContain('Activiteiten wonen 2025 en vooruitblik 2026');
    expect(text.match(/\[ontbreekt\]/g)?.length ?? 0).toBeGreaterThan(20);
    // The series one column longer: Figuur 1's table has 2025 after 2024.
    expect(layoutTexts(draft.pdfPath).join('\n')).toMatch(/2023\s+2024\s+2025/);
    // A table with no number yet gets no empty chart (Figuur 2: the quarters of 2025).
    expect(draft.pages).toBeGreaterThan(0);
    expect(text).not.toContain('0,000000');
    // A final edition refuses until everything is there.
    await expect(pdfOf(dataDir, 2025, true)).rejects.toBeInstanceOf(DataError);

    // status: 2024's own gaps (the source's), and for 2025 every value emptied or added.
    const open2024 = missingCount({ ...flags, year: 2024 });
    const open2025 = missingCount({ ...flags, year: 2025 });
    expect(open2025).toBeGreaterThan(made.emptied);

    // Type the new numbers once: they appear in the prose and in the table.
    const year = path.join(dataDir, 'midden-drenthe', '2025');
    editFile(path.join(year, 'koopmarkt.yaml'), (t) =>
      t.replace('aanbod_groei: {waarde: null', 'aanbod_groei: {waarde: -4.2'),
    );
    editFile(series, (t) =>
      t
        .replace('[26, 38, 25, 30, 23, null]', '[26, 38, 25, 30, 23, 41]')
        .replace('[28, 36, 28, 26, 30, null]', '[28, 36, 28, 26, 30, 44]'),
    );
    // Three values typed: three fewer to fill in.
    expect(missingCount({ ...flags, year: 2025 })).toBe(open2025 - 3);
    expect(missingCount({ ...flags, year: 2024 })).toBe(open2024);
    const filled = pageTexts((await pdfOf(dataDir, 2025)).pdfPath).join('\n');
    // The wording follows the sign: "met 4,2% afgenomen" instead of last year's "toegenomen".
    expect(filled).toContain('met 4,2% afgenomen');
    expect(layoutTexts((await pdfOf(dataDir, 2025)).pdfPath).join('\n')).toMatch(
      /Tussenwoning\s+26\s+38\s+25\s+30\s+23\s+41/,
    );
  });
});
