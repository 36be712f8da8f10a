/**
 * Next year's edition from the latest one: the same chapters, prose and figure definitions, with
 * every value that belongs to the new year empty (null: "to be filled in", which `status` lists
 * and a draft shows as a visible gap), and every series one year longer with that year empty.
 * The YAML is edited through the yaml library's Document API, so comments and layout stay.
 * Pure functions here (text in, text out); the command writes the files.
 */
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node } from 'yaml';
import { yearOf } from './history.ts';

const TO_STRING = { lineWidth: 100, flowCollectionPadding: false } as const;

function nullScalar(): Scalar {
  return new Scalar(null);
}

/** A flow sequence of `n` nulls, written [null, null, …] like the tables around it. */
function nullRow(n: number): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (let i = 0; i < n; i++) seq.items.push(nullScalar());
  return seq;
}

function emptyCells(seq: unknown): number {
  if (!isSeq(seq)) return 0;
  seq.items = seq.items.map(() => nullScalar());
  return seq.items.length;
}

/** Every cell of a table row (and its parts) empty; returns how many cells. */
function emptyRow(row: unknown): number {
  if (!isMap(row)) return 0;
  let n = emptyCells(row.get('waarden', true));
  const parts = row.get('onderdelen', true);
  if (isSeq(parts)) for (const part of parts.items) n += emptyRow(part);
  return n;
}

/** A year's fact with its values emptied; returns how many values were emptied. */
function emptyFact(map: YAMLMap, key: unknown, value: unknown): number {
  if (isScalar(value) && typeof value.value === 'number') {
    // A bare number cannot be null (the schema reads null as no value at all): it becomes a
    // quantity to fill in. Only a count can be written bare without saying what it is.
    if (!Number.isInteger(value.value) || value.value < 0) {
      throw new BareNumberError(String(isScalar(key) ? key.value : key));
    }
    const quantity = new YAMLMap();
    quantity.flow = true;
    quantity.set('waarde', nullScalar());
    quantity.set('eenheid', 'aantal');
    // The number's comment stays with the value.
    if (value.comment) quantity.comment = value.comment;
    map.set(key, quantity);
    return 1;
  }
  if (!isMap(value)) return 0;
  const soort = value.get('soort');
  if (value.has('waarde') && soort === undefined) {
    value.set('waarde', null);
    return 1;
  }
  if (soort !== 'tabel') return 0; // placeholders, derived values, texts: carried over as they are
  let n = 0;
  const rows = value.get('rijen', true);
  if (isSeq(rows)) for (const row of rows.items) n += emptyRow(row);
  const total = value.get('totaal', true);
  if (isMap(total)) {
    n += emptyCells(total.get('vermeld', true));
    const parts = total.get('onderdelen', true);
    if (isSeq(parts))
      for (const part of parts.items) if (isMap(part)) n += emptyCells(part.get('vermeld', true));
  }
  return n;
}

/** A bare number that is not a count: new-year cannot tell its unit. */
export class BareNumberError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

export interface Rewritten {
  text: string;
  /** Values emptied (year files) or cells added (series). */
  count: number;
}

function topLevel(doc: Document): YAMLMap | undefined {
  return isMap(doc.contents) ? doc.contents : undefined;
}

/** A year's fact file for the new year: every number emptied, everything else kept. */
export function emptyYearFile(text: string, from: number, to: number): Rewritten {
  const doc = parseDocument(text);
  const map = topLevel(doc);
  let count = 0;
  for (const pair of map?.items ?? []) {
    if (map) count += emptyFact(map, pair.key, pair.value);
  }
  const note = ` Jaar ${to}, gemaakt uit ${from} met "jaarverslag new-year": vul elke lege waarde (null) in; "jaarverslag status" toont ze.`;
  doc.commentBefore = doc.commentBefore ? `${note}\n${doc.commentBefore}` : note;
  return { text: doc.toString(TO_STRING), count };
}

/** editie.yaml for the new year: its year, no date yet, the year in the title moved on. */
export function nextEdition(text: string, from: number, to: number): string {
  const doc = parseDocument(text);
  doc.set('jaar', to);
  doc.set('datum', null);
  const titel = doc.get('titel');
  // The title names the edition's year ("Jaarverslag Wonen 2024"); it is the edition's own
  // name, not prose, so its year is moved on here. Prose follows from {{jaar}}.
  if (typeof titel === 'string') doc.set('titel', titel.replace(String(from), String(to)));
  return doc.toString(TO_STRING);
}

/** The last year a series table has, and whether its years run along the columns. */
function lastYear(table: YAMLMap): { last: number; columns: boolean; width: number } | undefined {
  const columns = table.get('kolommen', true);
  const rows = table.get('rijen', true);
  if (!isSeq(columns) || !isSeq(rows)) return undefined;
  const columnYears = columns.items.map((k) => yearOf(isScalar(k) ? k.value : undefined));
  if (columnYears.some((y) => y !== undefined)) {
    const last = Math.max(...columnYears.filter((y): y is number => y !== undefined));
    return { last, columns: true, width: columns.items.length };
  }
  const rowYears = rows.items.map((r) => yearOf(isMap(r) ? r.get('label') : undefined));
  if (rowYears.length && rowYears.every((y) => y !== undefined)) {
    return {
      last: Math.max(...(rowYears as number[])),
      columns: false,
      width: columns.items.length,
    };
  }
  return undefined;
}

function appendCell(row: unknown): number {
  if (!isMap(row)) return 0;
  let n = 0;
  const cells = row.get('waarden', true);
  if (isSeq(cells)) {
    cells.items.push(nullScalar());
    n++;
  }
  const parts = row.get('onderdelen', true);
  if (isSeq(parts)) for (const part of parts.items) n += appendCell(part);
  return n;
}

/**
 * A series file with the new year added, empty: a column (or row) after the last year that the
 * old edition showed. A series that already runs further is left as it is.
 */
export function extendSeries(text: string, from: number, to: number): Rewritten {
  const doc = parseDocument(text);
  const map = topLevel(doc);
  let count = 0;
  for (const pair of map?.items ?? []) {
    const table = pair.value;
    if (!isMap(table) || table.get('soort') !== 'tabel') continue;
    const ahead = table.get('tot') === 'volgend_jaar' ? 1 : 0;
    const shape = lastYear(table);
    if (!shape || shape.last !== from + ahead) continue;
    const year = to + ahead;
    if (shape.columns) {
      const columns = table.get('kolommen', true) as unknown as YAMLSeq;
      columns.items.push(new Scalar(year));
      const rows = table.get('rijen', true) as unknown as YAMLSeq;
      for (const row of rows.items) count += appendCell(row);
      const total = table.get('totaal', true);
      const parts = isMap(total) ? total.get('onderdelen', true) : undefined;
      const stated = [
        isMap(total) ? total.get('vermeld', true) : undefined,
        ...(isSeq(parts)
          ? parts.items.map((p) => (isMap(p) ? p.get('vermeld', true) : undefined))
          : []),
      ];
      for (const cells of stated) {
        if (!isSeq(cells)) continue;
        cells.items.push(nullScalar());
        count++;
      }
    } else {
      const rows = table.get('rijen', true) as unknown as YAMLSeq;
      const row = new YAMLMap();
      row.flow = true;
      row.set('label', new Scalar(String(year)));
      (row.get('label', true) as Scalar).type = Scalar.QUOTE_DOUBLE;
      row.set('waarden', nullRow(shape.width));
      rows.items.push(row as unknown as Node);
      count += shape.width;
    }
  }
  return { text: doc.toString(TO_STRING), count };
}
