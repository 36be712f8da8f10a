/**
 * The yearly path end to end: create 2025 from 2024 in a copy of the real data, fill it
 * through the workbook (filled by code), build it, and read the new values back from the PDF;
 * status goes from N open values to 0; a bad cell changes nothing and names sheet!cell.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newYear } from '../../src/commands/new-year.ts';
import { missingCount } from '../../src/commands/status.ts';
import { importWorkbook, writeWorkbook } from '../../src/commands/workbook.ts';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { publicationCopy } from '../support/fixture.ts';
import { layoutTexts, pageTexts } from '../support/pdf.ts';

/** Every YAML file of the publication, path → text. */
function snapshot(dataDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.yaml')) out.set(f, readFileSync(f, 'utf8'));
    }
  };
  walk(dataDir);
  return out;
}

/** Fill every open cell: the rows of the chapter sheets and the empty cells of the series' grids. */
async function fill(file: string, value: (name: string, field: string) => unknown) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  book.eachSheet((sheet) => {
    if (sheet.getCell('D1').value !== 'Bestand') return;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.getCell(3).value = value(
        String(row.getCell(1).value),
        String(row.getCell(5).value),
      ) as never;
    });
  });
  // The grids: which cell is which field is in the hidden sheet the workbook keeps for import.
  book.getWorksheet('_velden')?.eachRow((row, n) => {
    if (n === 1) return;
    const sheet = book.getWorksheet(String(row.getCell(1).value));
    const cell = sheet?.getCell(String(row.getCell(2).value));
    if (!sheet || !cell) return;
    const label = String(sheet.getCell(Number(cell.row), 1).value);
    const year = String(sheet.getCell(1, Number(cell.col)).value);
    cell.value = value(`${sheet.name}: ${label} ${year}`, String(row.getCell(4).value)) as never;
  });
  await book.xlsx.writeFile(file);
}

describe('the fill-in workbook', () => {
  it('new-year, fill through the workbook, build: the new values in text, tables and charts', async () => {
    const dataDir = publicationCopy('midden-drenthe');
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const flags = { dataDir, outDir, publication: 'midden-drenthe', year: 2025 };
    newYear({ dataDir, publication: 'midden-drenthe' }, 2025);
    const open = missingCount(flags);
    const { file, rows } = await writeWorkbook(flags);
    // Every open value has a row, but Figuur 3: a figure without numbers needs a whole table.
    expect(rows).toBe(open - 1);

    // A bad cell: nothing changes, and the message names sheet!cell and the field.
    await fill(file, (name) => (name.includes('aanbod_groei') ? '8t4' : null));
    const before = snapshot(dataDir);
    await expect(importWorkbook(flags, file)).rejects.toThrow(
      /!C\d+ aanbod_groei\.waarde: verwacht een getal, gevonden "8t4"/,
    );
    expect(snapshot(dataDir)).toEqual(before);

    // Everything filled: dates as dates, the market's growth negative, sold homes 41, else 7.
    await fill(file, (name, field) => {
      if (field.endsWith('datum')) return '2026-03-02';
      if (name === 'koopmarkt.aanbod_groei') return -4.2;
      // Figuur 1's grid: Tussenwoning (row 0), 2025 (column 5).
      if (
        name.endsWith(': Tussenwoning 2025') &&
        field === 'verkocht_naar_type.rijen[0].waarden[5]'
      )
        return 41;
      return 7;
    });
    const { filled } = await importWorkbook(flags, file);
    expect(filled).toBe(open - 1);
    // Left: Figuur 3, whose numbers the source never gave.
    expect(missingCount(flags)).toBe(1);
    // Comments in the YAML are still there.
    expect(
      readFileSync(path.join(dataDir, 'midden-drenthe', 'reeksen', 'koopmarkt.yaml'), 'utf8'),
    ).toContain('# Figuur 1.');

    const result = await build(resolveContext(flags));
    const text = pageTexts(result.pdfPath).join('\n');
    expect(text).toContain('met 4,2% afgenomen');
    expect(text).not.toContain('[ontbreekt]');
    expect(text).toContain('Cijfers ontbreken.');
    expect(layoutTexts(result.pdfPath).join('\n')).toMatch(
      /Tussenwoning\s+26\s+38\s+25\s+30\s+23\s+41/,
    );
    // The chart of Figuur 1 has the new year on its axis.
    const html = readFileSync(result.htmlPath, 'utf8');
    const figure = html.slice(html.indexOf('Figuur 1.'), html.indexOf('Figuur 2.'));
    expect(figure).toMatch(/<svg[\s\S]*>2025<[\s\S]*<\/svg>/);
  });
});
