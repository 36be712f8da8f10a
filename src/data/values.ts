/**
 * Every value of an edition by name, as a reviewer compares two versions: "which numbers
 * changed, old → new, in which field". Each value has a stable name that a person reads
 * (`huursector.nieuwe_verhuringen, rij "Actium", kolom 2024`), the place it is typed
 * (file:line) and its text as the report prints it. Pure; a build keeps the record beside its
 * outputs (.waarden.json) so that the next build's review can compare with it.
 */
import { formatDatum } from '../render/format/index.ts';
import { chaptersOfFacts, formatValue } from './status.ts';
import { tableValues } from './table.ts';
import type { Edition } from './validate.ts';
import { locate } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

/** The values record a build keeps beside its outputs. */
export const VALUES_FILE = '.waarden.json';
/** The folder beside the outputs with the version the last build replaced (the review compares). */
export const PREVIOUS_DIR = 'vorige';

export interface ValueRecord {
  /** How a person names it; unique within an edition. */
  name: string;
  /** The fact it belongs to ("koopmarkt.aanbod"); undefined for the edition's own fields. */
  fact?: string | undefined;
  file: string;
  line: number;
  /** The value as text, with its unit: "18,9%", "€ 300.000", "leeg". */
  value: string;
  /** Computed from other values (a derived value), not typed. */
  computed?: boolean | undefined;
  /** Where it appears: the chapters that name it or show its table ("2. Woningmarkt"). */
  chapters: string[];
}

/** The record a build keeps beside its outputs, for the next review. */
export interface ValuesFile {
  versie: 1;
  /** "Concept 26 november 2026 · inhoud 3f9a1c2e", or the final edition's title and date. */
  label: string;
  contentHash: string;
  final: boolean;
  waarden: ValueRecord[];
}

type Path = Array<string | number>;

/** Every value of an edition, in file order. `chapters`: titles and prose, to say where each shows. */
export function editionValues(
  edition: Edition,
  chapters: ReadonlyArray<{
    nummer: number;
    titel: string;
    text: string;
    facts: readonly string[];
  }> = [],
): ValueRecord[] {
  const out: ValueRecord[] = [];
  const named = chaptersOfFacts(
    edition,
    chapters.map((c) => c.text),
  );
  const whereOf = (fact: string | undefined): string[] => {
    if (!fact) return [];
    const indices = new Set(named.get(fact) ?? []);
    chapters.forEach((c, i) => {
      if (c.facts.includes(fact)) indices.add(i);
    });
    return [...indices]
      .sort((a, b) => a - b)
      .map((i) => chapters[i])
      .filter((c) => c !== undefined)
      .map((c) => `${c.nummer}. ${c.titel}`);
  };
  const push = (
    src: YamlSource,
    path: Path,
    name: string,
    fact: string | undefined,
    value: string,
    computed = false,
  ) => {
    const place = locate(src, path);
    out.push({
      name,
      fact,
      file: src.file,
      line: place.line,
      value,
      ...(computed ? { computed } : {}),
      chapters: whereOf(fact),
    });
  };

  const ed = edition.editie;
  push(edition.editieSource, ['titel'], 'editie.titel', undefined, ed.titel);
  push(
    edition.editieSource,
    ['datum'],
    'editie.datum',
    undefined,
    ed.datum ? formatDatum(ed.datum) : 'leeg',
  );

  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      const id = `${namespace}.${name}`;
      const src = edition.factSources.get(id) ?? edition.sources.get(namespace);
      if (!src) continue;
      if (typeof fact === 'number' || (fact as unknown) === null) {
        push(src, [name], id, id, formatValue(fact as number | null, undefined));
      } else if (typeof fact === 'string') {
        push(src, [name], id, id, fact);
      } else if (!('soort' in fact)) {
        push(src, [name, 'waarde'], id, id, formatValue(fact.waarde, fact.eenheid));
      } else if (fact.soort === 'afgeleid') {
        const waarde = (fact as { waarde?: number | null }).waarde ?? null;
        push(src, [name, 'formule'], id, id, formatValue(waarde, fact.eenheid), true);
      } else if (fact.soort === 'foto') {
        push(src, [name, 'bestand'], `${id}, foto`, id, fact.bestand ?? 'leeg');
      } else if (fact.soort === 'link') {
        push(src, [name, 'adres'], `${id}, link "${fact.tekst}"`, id, fact.adres ?? 'leeg');
      } else if (fact.soort === 'ontbreekt') {
        push(src, [name], id, id, 'de cijfers ontbreken');
      } else if (fact.soort === 'tabel') {
        for (const v of tableValues(fact))
          push(src, [name, ...v.path], `${id}, ${v.label}`, id, formatValue(v.cel, v.eenheid));
      }
    }
  }
  return out;
}

/** One value that differs between two versions (or is only in one). */
export interface ValueChange {
  name: string;
  file: string;
  line: number;
  old: string;
  new: string;
  chapters: string[];
}

/** The values that differ, by name: changed, added ("—" before) or removed ("—" after). */
export function valueChanges(
  before: readonly ValueRecord[],
  after: readonly ValueRecord[],
): ValueChange[] {
  const old = new Map(before.map((v) => [v.name, v]));
  const out: ValueChange[] = [];
  for (const v of after) {
    const was = old.get(v.name);
    old.delete(v.name);
    if (was && was.value === v.value) continue;
    out.push({
      name: v.name,
      file: v.file,
      line: v.line,
      old: was ? was.value : '—',
      new: v.value,
      chapters: v.chapters,
    });
  }
  for (const was of old.values()) {
    out.push({
      name: was.name,
      file: was.file,
      line: was.line,
      old: was.value,
      new: '—',
      chapters: was.chapters,
    });
  }
  return out;
}
