/**
 * End to end: the numbers of every table as open data beside the HTML edition, and every chart a
 * described figure in the tagged PDF. The real Midden-Drenthe 2024 report, built with Chromium into
 * a temporary folder and read back; the expected numbers come from the published report
 * (tests/reference/bron/), not from our own output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import type { BuildResult } from '../../src/core/build.ts';
import { checkData } from '../../src/core/check.ts';
import type { Tabel } from '../../src/data/schema.ts';
import { linkUrls, pageTexts, structureElements } from '../support/pdf.ts';

const BASE = 'jaarverslag-wonen-midden-drenthe-2024';

/** The folder of the PDF and the HTML edition: <temporary folder>/midden-drenthe/2024. */
let outDir: string;
let result: BuildResult;
/** The tables placed in the report (figures and unnumbered tables), by id. */
let placed: Array<{ id: string; kind: string; table: Tabel | undefined }>;

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'jv-open-data-'));
  const ctx = resolveContext({ publication: 'midden-drenthe', year: 2024, outDir: root });
  result = await build(ctx);
  outDir = ctx.outDir;
  const { chapters } = checkData(ctx);
  placed = chapters.flatMap((c) =>
    c.placements.flatMap((p) =>
      p.kind === 'foto'
        ? []
        : [{ id: p.id, kind: p.kind, table: p.fact.soort === 'tabel' ? p.fact : undefined }],
    ),
  );
});

/** The records of a CSV file: byte order mark off, CRLF lines, `;` fields (none quoted here). */
function csvRecords(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(1, -2)
    .split('\r\n')
    .map((line) => line.split(';'));
}

describe('open data: a CSV beside the HTML edition for every table', () => {
  it('writes one CSV per table in the report, named after the HTML edition and the table', () => {
    const tables = placed.filter((p) => p.table);
    // Nine figures, one without numbers yet (Figuur 3), and the unnumbered table of rent limits.
    expect(placed.filter((p) => p.kind === 'figuur')).toHaveLength(9);
    expect(tables).toHaveLength(9);
    const expected = tables.map((p) => `${BASE}-${p.id.replace('.', '-')}.csv`).sort();
    const written = readdirSync(outDir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(written).toEqual(expected);
    expect(written).toContain(`${BASE}-koopmarkt-verkocht_naar_type.csv`);
    expect(written).toContain(`${BASE}-huursector-huurprijsgrenzen.csv`);
    // Beside the PDF and the HTML, written with them.
    expect(path.dirname(result.htmlPath)).toBe(outDir);
    expect(path.dirname(result.pdfPath)).toBe(outDir);
  });

  it('gives Figuur 1 (koopmarkt.verkocht_naar_type) with the rows and numbers of the published table', () => {
    const rows = csvRecords(path.join(outDir, `${BASE}-koopmarkt-verkocht_naar_type.csv`));
    // tests/reference/bron/jaarverslag-wonen-2024-midden-drenthe.txt, lines 44-63
    expect(rows).toEqual([
      [
        'Aantal verkochte woningen Midden-Drenthe naar type',
        '2018',
        '2019',
        '2020',
        '2023',
        '2024',
      ],
      ['Tussenwoning', '26', '38', '25', '30', '23'],
      ['Hoekwoning', '28', '36', '28', '26', '30'],
      ['Twee-onder-een-kap', '113', '105', '138', '95', '84'],
      ['Vrijstaand', '175', '167', '184', '129', '150'],
      ['Appartement', '17', '9', '10', '12', '13'],
      ['Totaal', '359', '355', '385', '292', '300'],
    ]);
  });

  it('writes decimal commas, no thousands separator, and groups joined with " / " (Figuur 6)', () => {
    const rows = csvRecords(path.join(outDir, `${BASE}-huursector-kernvoorraad.csv`));
    expect(rows[0]?.slice(1, 3)).toEqual([
      'Actium / Netto huur / aantal',
      'Actium / Netto huur / %',
    ]);
    // tests/reference/bron/…, lines 278 and 293: "105 10,4% 76 7,5% 352 16,3% 39 1,8%", "1.014 … 2.153"
    expect(rows[1]).toEqual([
      '< kwaliteitskortingsgrens',
      '105',
      '10,4',
      '76',
      '7,5',
      '352',
      '16,3',
      '39',
      '1,8',
    ]);
    expect(rows.at(-1)?.slice(0, 2)).toEqual(['Totaal zelfstandige woningen', '1014']);
    expect(rows.at(-1)?.[5]).toBe('2153');
  });

  it('names the parts of a row by their path, and keeps "-" and empty cells (Figuur 4)', () => {
    const rows = csvRecords(path.join(outDir, `${BASE}-huursector-nieuwe_verhuringen.csv`));
    const labels = rows.map((r) => r[0]);
    expect(labels).toContain('Actium / Smilde');
    expect(labels).toContain('Woonservice / Smilde');
    expect(labels.at(-1)).toBe('Totaal');
    const drijber = rows.find((r) => r[0] === 'Woonservice / Drijber');
    expect(drijber).toEqual(['Woonservice / Drijber', '-', '1', '-', '1', '-', '-', '1']);
    // Zwiggelte: only 2024 is given, the other years are empty (null), never 0
    const zwiggelte = rows.find((r) => r[0] === 'Woonservice / Zwiggelte');
    expect(zwiggelte).toEqual(['Woonservice / Zwiggelte', '', '', '', '', '', '', '1']);
  });

  it('links every CSV from its figure in the HTML edition, with a relative href that exists', () => {
    const html = readFileSync(result.htmlPath, 'utf8');
    const links = [
      ...html.matchAll(/<p class="cijfers-downloaden"><a href="([^"]+)"[^>]*>([^<]*)<\/a>/g),
    ];
    const written = readdirSync(outDir).filter((f) => f.endsWith('.csv'));
    expect(links.map((m) => m[1]).sort()).toEqual(written.sort());
    for (const [, href, text] of links) {
      expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|\.\./i);
      expect(existsSync(path.resolve(path.dirname(result.htmlPath), href ?? ''))).toBe(true);
      expect(text).toBe('Download de cijfers (CSV)');
    }
    // Each link sits in its own figure, after the figure's table.
    const figure1 = html.slice(html.indexOf('id="figuur-1"'), html.indexOf('id="figuur-2"'));
    expect(figure1).toMatch(/<\/table>[\s\S]*koopmarkt-verkocht_naar_type\.csv/);
  });

  it('keeps the download links out of the PDF: no text, no link', async () => {
    const pages = pageTexts(result.pdfPath);
    expect(pages.join(' ')).not.toContain('Download de cijfers');
    for (let n = 1; n <= pages.length; n++) {
      for (const url of await linkUrls(result.pdfPath, n)) expect(url).not.toMatch(/\.csv$/);
    }
  });
});

describe('charts in the tagged PDF', () => {
  it('tags every chart as a Figure whose /Alt is the Dutch description from the data', async () => {
    const charts = placed.filter((p) => p.table?.grafiek);
    expect(charts).toHaveLength(5);
    const figures = await structureElements(result.pdfPath, 'Figure');
    const described = figures.filter((f) => f.alt).map((f) => f.alt);
    expect(described).toEqual(charts.map((c) => c.table?.grafiek?.beschrijving.trim()));
    expect(described.every((alt) => /grafiek van/i.test(alt ?? ''))).toBe(true);
  });
});
