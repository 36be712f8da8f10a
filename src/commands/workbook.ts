/**
 * The numbers arrive in spreadsheets, so they can go in through one. `workbook` writes an .xlsx
 * with a sheet per chapter: one row per value still to be filled in (what it is, last year's
 * value, an empty cell for this year, and where it lands in the YAML). `import` writes the filled
 * cells back into the YAML through the yaml Document API (comments and layout kept), checks every
 * cell first and the whole edition after, and changes nothing at all when anything is wrong:
 * every problem is reported as Blad!cel with the field.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { BuildFlags } from '../context.ts';
import { resolveContext } from '../context.ts';
import { checkData } from '../core/check.ts';
import { DataError, JaarverslagError } from '../errors.ts';
import { inputRoots, readInputText } from '../files.ts';
import { writeOutputs } from '../finalize/write.ts';
import type { Cel, Rij, Tabel } from '../data/schema.ts';
import { columnPath } from '../data/table.ts';
import { editionStatus } from './status.ts';

const HEADER = ['Naam', 'Vorig jaar', 'Waarde', 'Bestand', 'Veld'];
const VALUE_COLUMN = 3;

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Blad';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base} ${i}`;
  taken.add(name);
  return name;
}

const PLACES = '_velden';
const key = (file: string, field: string) => `${file}#${field}`;

interface GridCell {
  row: number;
  /** 0: the label column; 1…: the table's columns. */
  column: number;
  text?: string;
  value?: number | string | null;
  field?: string;
}

/** A table laid out as a grid: every row and part with its label, the stated totals (and their parts) last. */
function gridCells(name: string, table: Tabel): GridCell[] {
  const out: GridCell[] = [];
  let row = 0;
  const add = (label: string, cells: readonly Cel[], field: string) => {
    out.push({ row, column: 0, text: label });
    cells.forEach((v, j) => out.push({ row, column: j + 1, value: v, field: `${field}[${j}]` }));
    row++;
  };
  const visit = (rows: readonly Rij[], field: string, prefix: string) =>
    rows.forEach((r, i) => {
      const label = prefix ? `${prefix} / ${r.label}` : r.label;
      add(label, r.waarden, `${field}[${i}].waarden`);
      if (r.onderdelen) visit(r.onderdelen, `${field}[${i}].onderdelen`, label);
    });
  visit(table.rijen, `${name}.rijen`, '');
  if (table.totaal?.vermeld)
    add(table.totaal.label, table.totaal.vermeld, `${name}.totaal.vermeld`);
  table.totaal?.onderdelen?.forEach((part, i) =>
    add(
      `${table.totaal?.label ?? 'Totaal'} / ${part.label}`,
      part.vermeld,
      `${name}.totaal.onderdelen[${i}].vermeld`,
    ),
  );
  return out;
}

/** A field that takes one value: a number's `waarde`, a table cell, a stated total, the date. */
function fillable(field: string): boolean {
  return /(\.waarde|\[\d+\]|^datum)$/.test(field);
}

/** Write the fill-in workbook of an edition; returns its path and the number of rows. */
export async function writeWorkbook(flags: BuildFlags): Promise<{ file: string; rows: number }> {
  const { ctx, report, edition } = editionStatus(flags);
  const book = new ExcelJS.Workbook();
  book.creator = 'jaarverslag';
  const taken = new Set<string>();
  const placed = new Set<string>();
  let rows = 0;
  // The series first, as grids: the table as it stands, the empty cells to fill in.
  const open = new Set(
    report.items.filter((i) => fillable(i.field)).map((i) => key(i.file, i.field)),
  );
  const places: Array<[string, string, string, string]> = [];
  for (const [id, src] of edition.factSources) {
    const [namespace, name] = id.split('.') as [string, string];
    const table = edition.facts[namespace]?.[name];
    if (!table || typeof table !== 'object' || !('soort' in table) || table.soort !== 'tabel')
      continue;
    const cells = gridCells(name, table);
    if (!cells.some((c) => c.field && open.has(key(src.file, c.field)))) continue;
    const sheet = book.addWorksheet(sheetName(`Reeks ${table.titel}`, taken));
    sheet.addRow([table.kop ?? '', ...table.kolommen.map(columnPath)]);
    sheet.getRow(1).font = { bold: true };
    sheet.getColumn(1).width = 36;
    for (const c of cells) {
      const cell = sheet.getCell(c.row + 2, c.column + 1);
      if (c.column === 0) cell.value = c.text ?? '';
      else if (c.field && open.has(key(src.file, c.field))) {
        places.push([sheet.name, cell.address, src.file, c.field]);
        placed.add(key(src.file, c.field));
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        rows++;
      } else cell.value = c.value ?? null;
    }
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  }
  for (const group of report.groups) {
    // A value named in two chapters is filled in once, on the first chapter's sheet.
    // Only single values have a cell; a figure without numbers (soort: ontbreekt) needs a whole
    // table, written in the YAML (status lists it).
    const items = group.items.filter(
      (i) => fillable(i.field) && !placed.has(`${i.file}#${i.field}`),
    );
    if (!items.length) continue;
    const sheet = book.addWorksheet(sheetName(group.title, taken));
    sheet.addRow([...HEADER.slice(0, 2), `Waarde ${ctx.year}`, ...HEADER.slice(3)]);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((c, i) => (c.width = [60, 16, 14, 40, 50][i] ?? 20));
    for (const item of items) {
      placed.add(`${item.file}#${item.field}`);
      sheet.addRow([item.name, item.vorig ?? '', null, item.file, item.field]);
      rows++;
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  if (places.length) {
    // Which grid cell is which field: read back by import, hidden from the person filling in.
    const map = book.addWorksheet(PLACES);
    map.addRow(['Blad', 'Cel', 'Bestand', 'Veld']);
    for (const p of places) map.addRow(p);
    map.state = 'veryHidden';
  }
  const file = path.join(ctx.outDir, `invulblad-${ctx.publication}-${ctx.year}.xlsx`);
  mkdirSync(ctx.outDir, { recursive: true });
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  writeOutputs([{ path: file, data: buffer }]);
  return { file, rows };
}

/** `a.b[1].c` back to ['a', 'b', 1, 'c']. */
function pathOf(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** A cell's value as the YAML wants it, or a message saying what was expected. */
function cellValue(raw: unknown, field: string): { value: unknown } | { problem: string } {
  const isDate = field.endsWith('datum');
  if (raw instanceof Date) {
    if (isDate) return { value: raw.toISOString().slice(0, 10) };
    return { problem: 'verwacht een getal, gevonden een datum' };
  }
  if (typeof raw === 'object' && raw && 'result' in raw) raw = (raw as { result: unknown }).result;
  if (typeof raw === 'number' && Number.isFinite(raw) && !isDate) return { value: raw };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (isDate && /^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: text };
    if (!isDate && text === '-' && /waarden\[\d+\]$/.test(field)) return { value: '-' };
    // A Dutch number typed as text: 14.849 or 10,4 is read as the person meant it.
    if (!isDate && /^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(text)) {
      return { value: Number(text.replace(/\./g, '').replace(',', '.')) };
    }
    return {
      problem: `verwacht ${isDate ? 'een datum (JJJJ-MM-DD)' : 'een getal'}, gevonden "${text}"`,
    };
  }
  return { problem: `verwacht ${isDate ? 'een datum' : 'een getal'}` };
}

/** Read a filled workbook into the YAML of the edition; nothing changes unless all is right. */
export async function importWorkbook(
  flags: BuildFlags,
  workbookFile: string,
): Promise<{ filled: number; files: string[] }> {
  const ctx = resolveContext({ ...flags, final: false, strict: false });
  const book = new ExcelJS.Workbook();
  try {
    const bytes = readFileSync(path.resolve(workbookFile));
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch (e) {
    throw new JaarverslagError(
      `${workbookFile}: geen werkmap die te lezen is (${(e as Error).message})`,
      { cause: e },
    );
  }
  const problems: string[] = [];
  const edits = new Map<string, Array<{ path: Array<string | number>; value: unknown }>>();
  let filled = 0;
  const take = (where: string, raw: unknown, file: string, field: string) => {
    if (raw === null || raw === undefined || raw === '') return;
    const result = cellValue(raw, field);
    if ('problem' in result) {
      problems.push(`${where} ${field}: ${result.problem}`);
      return;
    }
    const abs = path.resolve(ctx.root, file);
    edits.set(abs, [...(edits.get(abs) ?? []), { path: pathOf(field), value: result.value }]);
    filled++;
  };
  // The series' grids, through the hidden list of which cell is which field.
  book.getWorksheet(PLACES)?.eachRow((row, n) => {
    if (n === 1) return;
    const [sheetName, address, file, field] = [1, 2, 3, 4].map((c) =>
      String(row.getCell(c).value ?? ''),
    );
    const cell = sheetName && address ? book.getWorksheet(sheetName)?.getCell(address) : undefined;
    take(`${sheetName}!${address}`, cell?.value, file ?? '', field ?? '');
  });
  book.eachSheet((sheet) => {
    if (sheet.name === PLACES || sheet.getCell('D1').value !== 'Bestand') return;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const value = row.getCell(VALUE_COLUMN);
      take(
        `${sheet.name}!${value.address}`,
        value.value,
        String(row.getCell(4).value ?? ''),
        String(row.getCell(5).value ?? ''),
      );
    });
  });
  if (problems.length) throw cellErrors(problems);
  // Apply every edit in memory, each at a place that must already be there (and be empty).
  const roots = inputRoots(ctx);
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const [file, list] of edits) {
    const text = readInputText(file, { kind: 'gegevens', roots });
    before.set(file, text);
    const doc = parseDocument(text);
    for (const e of list) {
      const parent = doc.getIn(e.path.slice(0, -1), true);
      const target = doc.getIn(e.path, true);
      // Only an empty single value is filled in: never a table, a placeholder or a number typed already.
      if (
        !(isMap(parent) || isSeq(parent)) ||
        !doc.hasIn(e.path) ||
        isMap(target) ||
        isSeq(target)
      ) {
        problems.push(
          `${path.relative(ctx.root, file)} ${e.path.join('.')}: die plaats bestaat niet (meer)`,
        );
        continue;
      }
      doc.setIn(e.path, e.value);
    }
    after.set(file, doc.toString({ lineWidth: 100, flowCollectionPadding: false }));
  }
  if (problems.length) throw cellErrors(problems);
  const files = [...after.keys()];
  writeOutputs(files.map((f) => ({ path: f, data: after.get(f) ?? '' })));
  // The whole edition, as `check` sees it: a value the schema refuses undoes the import.
  try {
    checkData(ctx);
  } catch (e) {
    writeOutputs(files.map((f) => ({ path: f, data: before.get(f) ?? '' })));
    if (e instanceof DataError) {
      throw new DataError([
        ...e.diagnostics,
        {
          severity: 'error',
          file: workbookFile,
          rule: 'import',
          message: 'de werkmap is niet ingelezen: er is niets veranderd',
        },
      ]);
    }
    throw e;
  }
  return { filled, files };
}

function cellErrors(problems: string[]): JaarverslagError {
  return new JaarverslagError(
    `de werkmap is niet ingelezen, er is niets veranderd:\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
}

export async function workbookCommand(flags: BuildFlags): Promise<number> {
  const { file, rows } = await writeWorkbook(flags);
  console.log(`${file} (${rows} waarden in te vullen)`);
  return 0;
}

export async function importCommand(flags: BuildFlags, file: string | undefined): Promise<number> {
  if (!file) throw new JaarverslagError('gebruik: jaarverslag import WERKMAP.xlsx [--year JJJJ]');
  const { filled, files } = await importWorkbook(flags, file);
  console.log(`${filled} waarden ingelezen in ${files.length} bestanden.`);
  return 0;
}
