/**
 * `jaarverslag new-year JJJJ`: a new year's edition from the latest one. The year folder is
 * made in a temporary folder beside it and renamed into place; the series files get their new
 * year last, each written atomically. Nothing is written when the year exists or an earlier
 * edition does not validate.
 */
import { cpSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listYears, rel, resolveContext } from '../context.ts';
import type { BuildFlags } from '../context.ts';
import { checkData } from '../core/check.ts';
import { SERIES_DIR } from '../data/load.ts';
import { BareNumberError, emptyYearFile, extendSeries, nextEdition } from '../data/new-year.ts';
import { UsageError } from '../errors.ts';
import { inputRoots, readInputText } from '../files.ts';

export interface NewYearResult {
  from: number;
  to: number;
  folder: string;
  /** Values emptied in the year's files, and cells added to the series: all to be filled in. */
  emptied: number;
  added: number;
}

/** Create `to` from the latest earlier edition of a publication. */
export function newYear(flags: BuildFlags, to: number): NewYearResult {
  // The latest edition, checked first: a broken year is not copied forward.
  const from = resolveContext({ ...flags, year: undefined });
  if (listYears(from.publication, from.dataDir).includes(to)) {
    throw new UsageError(`${from.publication} heeft al een editie ${to}; er is niets veranderd`);
  }
  if (to <= from.year) {
    throw new UsageError(
      `new-year maakt een jaar na het laatste (${from.year}); ${to} is niet later`,
    );
  }
  checkData(from);
  // Every file read goes through the one confinement check (inside the project or data folder).
  const read = (file: string) =>
    readInputText(file, { kind: 'gegevens', roots: inputRoots(from), file: rel(from, file) });
  const folder = path.join(from.publicationDir, String(to));
  const temp = path.join(from.publicationDir, `.${to}.nieuw-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  let emptied = 0;
  const emptyFile = (text: string, original: string) => {
    try {
      return emptyYearFile(text, from.year, to);
    } catch (e) {
      if (!(e instanceof BareNumberError)) throw e;
      throw new UsageError(
        `${rel(from, original)}: "${e.key}" is een los getal dat geen aantal is; schrijf het met zijn eenheid ({waarde: …, eenheid: …}), dan kan new-year het leegmaken. Er is niets veranderd.`,
      );
    }
  };
  try {
    cpSync(from.editionDir, temp, { recursive: true });
    for (const name of readdirSync(temp)) {
      const file = path.join(temp, name);
      if (name === 'editie.yaml') {
        writeFileSync(file, nextEdition(read(file), from.year, to));
      } else if (/\.ya?ml$/.test(name)) {
        const result = emptyFile(read(file), path.join(from.editionDir, name));
        writeFileSync(file, result.text);
        emptied += result.count;
      }
    }
    renameSync(temp, folder);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw e;
  }
  let added = 0;
  const seriesDir = path.join(from.publicationDir, SERIES_DIR);
  let names: string[] = [];
  try {
    names = readdirSync(seriesDir).filter((n) => n.endsWith('.yaml'));
  } catch {
    // no series
  }
  for (const name of names) {
    const file = path.join(seriesDir, name);
    const result = extendSeries(read(file), from.year, to);
    if (!result.count) continue;
    const part = `${file}.${process.pid}.tmp`;
    writeFileSync(part, result.text);
    renameSync(part, file);
    added += result.count;
  }
  return { from: from.year, to, folder: rel(from, folder), emptied, added };
}

export function newYearCommand(flags: BuildFlags, year: string | undefined): number {
  if (!year || !/^\d{4}$/.test(year)) {
    throw new UsageError('gebruik: jaarverslag new-year JJJJ [--publication NAAM]');
  }
  const r = newYear(flags, Number(year));
  console.log(
    `${r.folder} gemaakt uit ${r.from}: ${r.emptied + r.added} waarden in te vullen (${r.emptied} in de bestanden van ${r.to}, ${r.added} in de reeksen).`,
  );
  console.log(
    `"jaarverslag status --year ${r.to}" toont ze per hoofdstuk, met de waarde van ${r.from} ernaast.`,
  );
  return 0;
}
