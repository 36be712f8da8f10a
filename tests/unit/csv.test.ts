/** Tables as open data: the CSV beside the HTML edition, read back as a spreadsheet would. */
import { describe, expect, it } from 'vitest';
import type { Tabel } from '../../src/data/schema.ts';
import type { Placement } from '../../src/render/helpers/figuur.ts';
import {
  csvField,
  csvFileName,
  csvFiles,
  csvNumber,
  tableCsv,
  tableRecords,
} from '../../src/render/csv.ts';
import { table } from '../support/charts.ts';

/**
 * An RFC 4180 reader with `;` for the comma, written here from the RFC, not from the code: the
 * records of a file, each a list of fields.
 */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length) throw new Error('the last record has no CRLF');
  return records;
}

/** The file without its byte order mark, as records. */
const records = (csv: string) => readCsv(csv.slice(1));

describe('a table as CSV', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    const csv = tableCsv(table({}));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('separates fields with ";": a header with the label column, then a row per table row', () => {
    const csv = tableCsv(table({ kop: 'Woningtype' }));
    expect(csv.slice(1).split('\r\n')[0]).toBe('Woningtype;2022;2023;2024');
    expect(records(csv)).toEqual([
      ['Woningtype', '2022', '2023', '2024'],
      ['Rijwoning', '10', '12', '14'],
      // "-" as the source prints it; a missing cell (null) empty
      ['Vrijstaand', '5', '-', ''],
    ]);
  });

  it('writes a decimal comma and no thousands separator, from the data', () => {
    expect(csvNumber(14849)).toBe('14849');
    expect(csvNumber(10.4)).toBe('10,4');
    expect(csvNumber(-13)).toBe('-13');
    expect(csvNumber(454.47)).toBe('454,47');
    expect(csvNumber(0.1 + 0.2)).toBe('0,3');
    expect(csvNumber(1e-7)).toBe('0,0000001');
    const shares = table({
      eenheid: 'procent',
      rijen: [{ label: 'Aandeel', waarden: [10.4, 12.25, 1130.5] }],
    });
    expect(records(tableCsv(shares))[1]).toEqual(['Aandeel', '10,4', '12,25', '1130,5']);
  });

  it('guards a text that a spreadsheet would run as a formula; numbers keep their minus', () => {
    const risky = table({
      kop: '=HYPERLINK("http://x")',
      kolommen: ['+1', 'Saldo'],
      rijen: [
        { label: '@SUM(A1)', waarden: [-13, 2] },
        { label: '-streep', waarden: [5, -321] },
      ],
    });
    expect(records(tableCsv(risky))).toEqual([
      [`'=HYPERLINK("http://x")`, "'+1", 'Saldo'],
      ["'@SUM(A1)", '-13', '2'],
      ["'-streep", '5', '-321'],
    ]);
  });

  it('quotes a field with ";", a quote or a line end, doubling its quotes (RFC 4180)', () => {
    expect(csvField('gewoon')).toBe('gewoon');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('de "kern"voorraad')).toBe('"de ""kern""voorraad"');
    expect(csvField('twee\nregels')).toBe('"twee\nregels"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('1,5')).toBe('1,5');
    const odd = table({
      kop: 'Soort; "type"',
      kolommen: [{ label: 'aantal', groep: ['Huur; sociaal'] }],
      rijen: [{ label: 'Regel\nmet "einde"', waarden: [1] }],
    });
    expect(records(tableCsv(odd))).toEqual([
      ['Soort; "type"', 'Huur; sociaal / aantal'],
      ['Regel\nmet "einde"', '1'],
    ]);
  });

  it('names nested rows by their path and column groups joined with " / "', () => {
    const nested = table({
      kop: 'Dorp',
      kolommen: [
        { label: 'aantal', groep: ['Actium', 'Netto huur'] },
        { label: '%', groep: ['Actium', 'Netto huur'], eenheid: 'procent' },
      ],
      rijen: [
        {
          label: 'Actium',
          waarden: [30, null],
          onderdelen: [
            { label: 'Smilde', waarden: [20, 66.7] },
            { label: 'Beilen', waarden: [10, 33.3] },
          ],
        },
        { label: 'Woonservice', waarden: [null, null] },
      ],
    });
    expect(records(tableCsv(nested))).toEqual([
      ['Dorp', 'Actium / Netto huur / aantal', 'Actium / Netto huur / %'],
      ['Actium', '30', ''],
      ['Actium / Smilde', '20', '66,7'],
      ['Actium / Beilen', '10', '33,3'],
      ['Woonservice', '', ''],
    ]);
  });

  it('ends with the total row: stated, else computed; and its parts by path', () => {
    const withTotal: Tabel = table({
      kolommen: [2023, 2024, { label: 'saldo', berekend: { bij: [2024], af: [2023] } }],
      rijen: [
        {
          label: 'Noord',
          waarden: [10, 12, null],
          onderdelen: [
            { label: 'Markt', waarden: [6, 7, null] },
            { label: 'Corporatie', waarden: [4, 5, null] },
          ],
        },
        {
          label: 'Zuid',
          waarden: [20, 21, null],
          onderdelen: [
            { label: 'Markt', waarden: [15, 16, null] },
            { label: 'Corporatie', waarden: [5, 5, null] },
          ],
        },
      ],
      totaal: {
        label: 'Drenthe',
        vermeld: [30, null, null],
        onderdelen: [{ label: 'Markt', vermeld: [21, null, null] }],
      },
    });
    const rows = records(tableCsv(withTotal));
    // a computed column shows its computed value where the source leaves it empty
    expect(rows[1]).toEqual(['Noord', '10', '12', '2']);
    expect(rows[2]).toEqual(['Noord / Markt', '6', '7', '1']);
    expect(rows.at(-2)).toEqual(['Drenthe', '30', '33', '3']);
    expect(rows.at(-1)).toEqual(['Drenthe / Markt', '21', '23', '2']);
    expect(tableRecords(withTotal)).toHaveLength(1 + 6 + 2);
  });

  it('leaves a total empty where rows are missing, as the printed table does', () => {
    const rows = records(
      tableCsv(table({ totaal: { label: 'Totaal', vermeld: [15, null, null] } })),
    );
    // 2023: 12 + "-" = 12; 2024: 14 + missing = unknown
    expect(rows.at(-1)).toEqual(['Totaal', '15', '12', '']);
  });
});

describe('the CSV files of a report', () => {
  it('are named after the HTML edition and the table id, one per placed table', () => {
    expect(
      csvFileName('jaarverslag-wonen-midden-drenthe-2024', 'koopmarkt.verkocht_naar_type'),
    ).toBe('jaarverslag-wonen-midden-drenthe-2024-koopmarkt-verkocht_naar_type.csv');
    const placements: Placement[] = [
      { id: 'a.figuur', kind: 'figuur', fact: table({}), number: 1 },
      {
        id: 'a.ontbreekt',
        kind: 'figuur',
        fact: { soort: 'ontbreekt', titel: 'X', reden: 'nog niet', weglaten: false },
        number: 2,
      },
      { id: 'b.tabel', kind: 'tabel', fact: table({ grafiek: undefined }) },
      {
        id: 'b.foto',
        kind: 'foto',
        fact: { soort: 'foto', alt: 'Een foto', bestand: null },
      } as unknown as Placement,
    ];
    const files = csvFiles('verslag', placements);
    expect(files.map((f) => f.name)).toEqual(['verslag-a-figuur.csv', 'verslag-b-tabel.csv']);
    expect(files[0]?.data).toBe(tableCsv(table({})));
  });
});
