/**
 * What is still to be filled in for an edition: every value that is missing (null), located in
 * its YAML file, with last year's value beside it and grouped by the chapters whose prose names
 * it. Pure: the command (src/commands/status.ts) loads the editions and prints the text.
 *
 * Missing is: a number `x: null`, a quantity `{waarde: null}`, a table cell `null` (parts
 * included), a stated total `totaal.vermeld[i]: null` or part of it
 * (`totaal.onderdelen[j].vermeld[i]: null`), `datum: null` in editie.yaml, and a figure without
 * numbers (`soort: ontbreekt`) that is not left out on purpose (`weglaten: true`). Derived values
 * (`soort: afgeleid`) and the cells of a computed column (`berekend`) are computed, never typed:
 * they are not listed. A series (reeksen/) counts only as far as the edition shows it.
 */
import { formatDatum, formatEuro, formatGetal, formatProcent } from '../render/format/index.ts';
import { yearOf } from './history.ts';
import type { Cel, Eenheid, Fact, Rij, Tabel } from './schema.ts';
import {
  cellOptional,
  cellUnit,
  columnPath,
  columnUnit,
  computedColumn,
  rowAtPath,
  tableValues,
} from './table.ts';
import type { Edition } from './validate.ts';
import { locate } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

/** One value still to be filled in. */
export interface MissingValue {
  /** File as the messages name it (relative to the project root where it is inside). */
  file: string;
  line: number;
  column: number;
  /** The fact it belongs to ("koopmarkt.aanbod_groei"); undefined for the edition's date. */
  fact: string | undefined;
  /** The field path in the file: `nieuwe_verhuringen.rijen[1].onderdelen[9].waarden[7]`. */
  field: string;
  /** How a person names it: `huursector.nieuwe_verhuringen, rij "Woonservice / Smilde", kolom 2025`. */
  name: string;
  /** Last year's value, as printed beside it ("vorig jaar 18,9%", "2020: 25"), when there is one. */
  vorig?: string | undefined;
}

/** The edition before this one, as far as it could be read. */
export type PreviousEdition =
  | { year: number; edition: Edition }
  /** It exists but does not validate: its values are unknown. */
  | { year: number; edition?: undefined };

/** A chapter as `checkData` rendered it, with its prose file. */
export interface StatusChapter {
  nummer: number;
  titel: string;
  /** The prose file (path for messages). */
  file: string;
  /** Its Markdown with the {{…}} expressions. */
  text: string;
}

export interface StatusGroup {
  /** "Hoofdstuk 2 Woningmarkt (2-woningmarkt.md)", "Editie (editie.yaml)", "Niet in de tekst". */
  title: string;
  items: MissingValue[];
}

export interface StatusReport {
  /** Every missing value once, in file order. */
  items: MissingValue[];
  /** The same values per chapter; a value named in two chapters is in both. Empty groups left out. */
  groups: StatusGroup[];
  /** The previous edition's year when it did not validate (its values are "onbekend"). */
  previousInvalid?: number | undefined;
}

type Path = readonly PropertyKey[];

const fieldOf = (path: Path): string =>
  path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    '',
  );

const SINGULAR = { dagen: 'dag', maanden: 'maand', jaren: 'jaar' } as const;
const PLURAL = { dagen: 'dagen', maanden: 'maanden', jaren: 'jaar' } as const;

/** A value the Dutch way, with its unit: 18,9% · € 300.000 · 37 dagen · 14.849 · -13 (saldo). */
export function formatValue(value: Cel | undefined, eenheid: Eenheid | undefined): string {
  if (value === null || value === undefined) return 'leeg';
  if (value === '-') return '-';
  switch (eenheid) {
    case 'procent':
    case 'mutatie':
      return formatProcent(value);
    case 'euro':
      // A plain space: this is terminal text, not a printed page.
      return formatEuro(value).replace('\u00a0', ' ');
    case 'dagen':
    case 'maanden':
    case 'jaren':
      // "37 dagen", "1 dag"; "5 jaar", as Dutch counts years.
      return `${formatGetal(value)} ${(value === 1 ? SINGULAR : PLURAL)[eenheid]}`;
    default:
      return formatGetal(value);
  }
}

/** "vorig jaar 23" when `year` is the year before `of`, else "2020: 23". */
function beside(year: number, of: number, value: string): string {
  return year === of - 1 ? `vorig jaar ${value}` : `${year}: ${value}`;
}

/** Last year's number or quantity, with its unit (a bare number takes this year's). */
function previousNumber(p: Fact | undefined, eenheid: Eenheid | undefined): string | undefined {
  if (typeof p === 'number') return formatValue(p, eenheid);
  if (typeof p === 'object' && !('soort' in p)) return formatValue(p.waarde, p.eenheid);
  return undefined;
}

const isTable = (fact: Fact | undefined): fact is Tabel =>
  typeof fact === 'object' && 'soort' in fact && fact.soort === 'tabel';

/** Every missing value of an edition; `previous` gives last year's values beside them. */
export function missingValues(edition: Edition, previous?: PreviousEdition): MissingValue[] {
  const out: MissingValue[] = [];
  const at = (src: YamlSource, path: Path) => {
    const place = locate(src, path);
    return { file: src.file, line: place.line, column: place.column, field: fieldOf(path) };
  };
  const jaar = edition.editie.jaar;
  /** Last year's text for a value of a year file: from the previous edition. */
  const fromPrevious = (find: (prev: Edition) => string | undefined): string | undefined => {
    if (!previous) return undefined;
    if (!previous.edition) return 'vorig jaar: onbekend';
    const value = find(previous.edition);
    return value === undefined ? undefined : beside(previous.year, jaar, value);
  };

  if (edition.editie.datum === null) {
    out.push({
      ...at(edition.editieSource, ['datum']),
      fact: undefined,
      name: 'editie.datum (de datum van de editie)',
      vorig: fromPrevious((prev) =>
        prev.editie.datum === null ? 'leeg' : formatDatum(prev.editie.datum),
      ),
    });
  }

  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      const id = `${namespace}.${name}`;
      const seriesSrc = edition.factSources.get(id);
      const src = seriesSrc ?? edition.sources.get(namespace);
      if (!src) continue;
      const prevFact = (prev: Edition): Fact | undefined => {
        const file = prev.facts[namespace];
        return file && Object.hasOwn(file, name) ? file[name] : undefined;
      };
      // A number typed as null (`x: null`), should the schema let it through.
      if ((fact as unknown) === null) {
        out.push({
          ...at(src, [name]),
          fact: id,
          name: id,
          vorig: fromPrevious((prev) => previousNumber(prevFact(prev), undefined)),
        });
        continue;
      }
      if (typeof fact !== 'object') continue;
      if (!('soort' in fact)) {
        if (fact.waarde !== null) continue;
        out.push({
          ...at(src, [name, 'waarde']),
          fact: id,
          name: id,
          vorig: fromPrevious((prev) => previousNumber(prevFact(prev), fact.eenheid)),
        });
        continue;
      }
      if (fact.soort === 'ontbreekt') {
        if (fact.weglaten) continue;
        out.push({
          ...at(src, [name]),
          fact: id,
          name: `${id}, figuur "${fact.titel}": de cijfers ontbreken (soort: ontbreekt)`,
          vorig: fromPrevious((prev) => {
            const p = prevFact(prev);
            if (isTable(p)) return 'ingevuld (een tabel)';
            if (typeof p === 'object' && 'soort' in p && p.soort === 'ontbreekt')
              return p.weglaten ? 'weggelaten' : 'ook ontbrekend';
            return undefined;
          }),
        });
        continue;
      }
      if (fact.soort === 'foto' || fact.soort === 'link') {
        // A photo without its file, a link without its address: to be given before a final.
        const field = fact.soort === 'foto' ? 'bestand' : 'adres';
        if (fact[field as 'bestand' & 'adres'] !== null) continue;
        out.push({
          ...at(src, [name, field]),
          fact: id,
          name:
            fact.soort === 'foto'
              ? `${id}, foto${fact.bijschrift ? ` "${fact.bijschrift}"` : ''}: het bestand ontbreekt`
              : `${id}, link "${fact.tekst}": het adres ontbreekt`,
          vorig: fromPrevious((prev) => {
            const p = prevFact(prev);
            if (typeof p !== 'object' || !('soort' in p) || p.soort !== fact.soort)
              return undefined;
            return p.soort === 'foto'
              ? (p.bestand ?? 'ook ontbrekend')
              : (p.adres ?? 'ook ontbrekend');
          }),
        });
        continue;
      }
      if (fact.soort !== 'tabel') continue; // derived values are computed, not filled in
      out.push(
        ...missingCells(fact, {
          id,
          at: (path) => at(src, [name, ...path]),
          vorig: seriesSrc
            ? (cell) => previousInSeries(fact, cell)
            : (cell) =>
                fromPrevious((prev) => {
                  const p = prevFact(prev);
                  return isTable(p) ? previousInTable(p, cell) : undefined;
                }),
        }),
      );
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** A cell of a table: in a row (labels from the top row down), in the stated total or a part of it. */
interface CellRef {
  /** Row indices from the top (parts under their row); empty for the total row and its parts. */
  rows: number[];
  labels: string[];
  /** A part of the total (`totaal.onderdelen`): its index and label. */
  totalPart?: { index: number; label: string } | undefined;
  column: number;
  /** The column's full name ("Actium / Netto huur / aantal"), to find it in another table. */
  columnName: string;
  eenheid: Eenheid;
}

function missingCells(
  table: Tabel,
  how: {
    id: string;
    at: (path: Path) => Omit<MissingValue, 'fact' | 'name' | 'vorig'>;
    vorig: (cell: CellRef) => string | undefined;
  },
): MissingValue[] {
  const missing = tableValues(table).filter((v) => {
    if (v.cel !== null) return false;
    if (v.row) return !cellOptional(table, v.row, v.column);
    const kolom = table.kolommen[v.column];
    // A total's share of the whole is not asked for, nor a computed column.
    const share = typeof kolom === 'object' && kolom.aandeel_van !== undefined;
    return !computedColumn(table, v.column) && !(share && !v.totalPart);
  });
  return missing.map((v) => ({
    ...how.at(v.path),
    fact: how.id,
    name: `${how.id}, ${v.label}`,
    vorig: how.vorig({
      rows: v.rows,
      labels: v.rowLabels,
      totalPart: v.totalPart,
      column: v.column,
      columnName: v.columnName,
      eenheid: v.eenheid,
    }),
  }));
}

/** The same cell (row and column by their names) in last year's table. */
function previousInTable(table: Tabel, cell: CellRef): string | undefined {
  const c = table.kolommen.findIndex((k) => columnPath(k) === cell.columnName);
  if (c < 0) return undefined;
  if (cell.rows.length === 0) {
    const part = cell.totalPart;
    const stated = part
      ? table.totaal?.onderdelen?.find((p) => p.label === part.label)?.vermeld[c]
      : table.totaal?.vermeld?.[c];
    return stated === undefined ? undefined : formatValue(stated, columnUnit(table, c));
  }
  const row = rowAtPath(table.rijen, cell.labels);
  const value = row?.waarden[c];
  return row && value !== undefined ? formatValue(value, cellUnit(table, row, c)) : undefined;
}

/**
 * Last year in a series: the previous year column in the same row, or (years down the rows) the
 * previous year row in the same column.
 */
function previousInSeries(table: Tabel, cell: CellRef): string | undefined {
  const columnYear = yearOf(table.kolommen[cell.column]);
  if (columnYear !== undefined) {
    const before = yearOf(table.kolommen[cell.column - 1]);
    if (before === undefined) return undefined;
    const stated = cell.totalPart
      ? table.totaal?.onderdelen?.[cell.totalPart.index]?.vermeld
      : table.totaal?.vermeld;
    const value =
      cell.rows.length === 0
        ? stated?.[cell.column - 1]
        : rowAt(table.rijen, cell.rows)?.waarden[cell.column - 1];
    return value === undefined
      ? undefined
      : beside(before, columnYear, formatValue(value, cell.eenheid));
  }
  // Years down the rows: only whole rows are years, parts are not.
  if (cell.rows.length !== 1) return undefined;
  const r = cell.rows[0] ?? 0;
  const rowYear = yearOf(table.rijen[r]?.label);
  const prev = table.rijen[r - 1];
  const before = yearOf(prev?.label);
  if (rowYear === undefined || !prev || before === undefined) return undefined;
  const value = prev.waarden[cell.column];
  return value === undefined
    ? undefined
    : beside(before, rowYear, formatValue(value, cell.eenheid));
}

function rowAt(rows: readonly Rij[], indices: readonly number[]): Rij | undefined {
  let row: Rij | undefined;
  let level: readonly Rij[] = rows;
  for (const i of indices) {
    row = level[i];
    if (!row) return undefined;
    level = row.onderdelen ?? [];
  }
  return row;
}

/** How many values are still to be filled in. */
export function countMissing(edition: Edition): number {
  return missingValues(edition).length;
}

/** Texts between quotes, emptied: a label in a formula or expression is not a name. */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
/** `namespace.name`, not part of a longer path or a data variable (@root). */
const DOTTED = /(?<![\w.@])([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)(?![\w])/g;

/** The facts ("namespace.name") that a prose text's {{…}} expressions name. */
export function namesInProse(text: string, facts: Edition['facts']): Set<string> {
  const out = new Set<string>();
  const uncommented = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, '');
  for (const expression of uncommented.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    const bare = (expression[1] ?? '').replace(QUOTED, '""');
    for (const [, namespace, name] of bare.matchAll(DOTTED)) {
      const file = namespace === undefined ? undefined : facts[namespace];
      if (file && name !== undefined && Object.hasOwn(file, name)) out.add(`${namespace}.${name}`);
    }
  }
  return out;
}

/** The facts a derived value's formula names: its own file's first, then `namespace.name`. */
function formulaUses(namespace: string, formula: string, facts: Edition['facts']): string[] {
  const out: string[] = [];
  const bare = formula.replace(QUOTED, '""');
  for (const m of bare.matchAll(/(\(\s*)?(?<![\w.@])([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?/g)) {
    const [, helper, first, second] = m;
    if (helper || first === undefined) continue; // (som …): a helper, not a name
    const own = facts[namespace];
    if (own && Object.hasOwn(own, first)) out.push(`${namespace}.${first}`);
    else if (second !== undefined && facts[first] && Object.hasOwn(facts[first], second))
      out.push(`${first}.${second}`);
  }
  return out;
}

/**
 * The chapters (indices) each fact belongs to: those whose prose names it. A fact no chapter
 * names itself belongs to the chapters that name a derived value computed from it.
 */
export function chaptersOfFacts(edition: Edition, texts: readonly string[]): Map<string, number[]> {
  const uses = new Map<string, string[]>();
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact === 'object' && 'soort' in fact && fact.soort === 'afgeleid')
        uses.set(`${namespace}.${name}`, formulaUses(namespace, fact.formule, edition.facts));
    }
  }
  const direct = new Map<string, number[]>();
  const reached = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, id: string, chapter: number) => {
    const list = map.get(id) ?? [];
    if (!list.includes(chapter)) map.set(id, [...list, chapter]);
  };
  texts.forEach((text, chapter) => {
    const named = namesInProse(text, edition.facts);
    const todo = [...named];
    const seen = new Set(todo);
    for (const id of named) add(direct, id, chapter);
    while (todo.length) {
      for (const used of uses.get(todo.pop() ?? '') ?? []) {
        if (seen.has(used)) continue;
        seen.add(used);
        todo.push(used);
        add(reached, used, chapter);
      }
    }
  });
  const out = new Map(reached);
  for (const [id, chapters] of direct) out.set(id, chapters);
  return out;
}

/** The chapters as checkData gives them: rendered titles beside their prose files. */
export function statusChapters(
  prose: ReadonlyArray<{ file: string; text: string }>,
  chapters: ReadonlyArray<{ nummer: number; titel: string }>,
): StatusChapter[] {
  return prose.map((p, i) => ({
    nummer: chapters[i]?.nummer ?? i + 1,
    titel: chapters[i]?.titel ?? p.file,
    file: p.file,
    text: p.text,
  }));
}

const baseName = (file: string): string => file.split('/').at(-1) ?? file;

/** Every missing value of an edition, grouped per chapter. */
export function statusReport(input: {
  edition: Edition;
  chapters: readonly StatusChapter[];
  previous?: PreviousEdition | undefined;
}): StatusReport {
  const { edition, chapters, previous } = input;
  const items = missingValues(edition, previous);
  const byFact = chaptersOfFacts(
    edition,
    chapters.map((c) => c.text),
  );
  const editie: MissingValue[] = [];
  const perChapter = chapters.map((): MissingValue[] => []);
  const nowhere: MissingValue[] = [];
  for (const item of items) {
    if (item.fact === undefined) {
      editie.push(item);
      continue;
    }
    const found = byFact.get(item.fact) ?? [];
    if (!found.length) nowhere.push(item);
    for (const i of found) perChapter[i]?.push(item);
  }
  const groups: StatusGroup[] = [
    { title: `Editie (${baseName(edition.editieSource.file)})`, items: editie },
    ...chapters.map((c, i) => ({
      title: `Hoofdstuk ${c.nummer} ${c.titel} (${baseName(c.file)})`,
      items: perChapter[i] ?? [],
    })),
    { title: 'Niet in de tekst', items: nowhere },
  ].filter((g) => g.items.length > 0);
  return {
    items,
    groups,
    previousInvalid: previous && !previous.edition ? previous.year : undefined,
  };
}

/** The report as the command prints it. */
export function formatStatus(label: string, report: StatusReport): string {
  const n = report.items.length;
  const lines = [`${label}: ${n} ${n === 1 ? 'waarde' : 'waarden'} nog in te vullen`];
  if (report.previousInvalid !== undefined && n > 0) {
    lines.push(
      `(de editie ${report.previousInvalid} is niet geldig, dus de waarden van vorig jaar zijn onbekend; "jaarverslag check --year ${report.previousInvalid}" zegt waarom)`,
    );
  }
  const place = (v: MissingValue) => `${v.file}:${v.line}:${v.column}`;
  const width = Math.max(0, ...report.items.map((v) => place(v).length));
  for (const group of report.groups) {
    lines.push('', group.title);
    for (const v of group.items) {
      lines.push(`  ${place(v).padEnd(width)}  ${v.name}${v.vorig ? `   (${v.vorig})` : ''}`);
    }
  }
  return lines.join('\n');
}
