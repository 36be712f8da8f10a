/**
 * Validate a loaded edition against the schema and the rules of units and years. Every problem
 * in every file is collected; the build stops with all of them at once.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics.ts';
import { DataError } from '../errors.ts';
import type { RawEdition } from './load.ts';
import {
  Afgeleid,
  Editie,
  Foto,
  Grootheid,
  Koppeling,
  Ontbrekend,
  Publicatie,
  Tabel,
} from './schema.ts';
import type { Fact, FeitenBestand } from './schema.ts';
import { issueMessage } from './schema-messages.ts';
import { thousandsDiagnostics } from './numbers.ts';
import { deriveValues, editionNames } from './derive.ts';
import { tableRuleDiagnostics, unitProblem } from './rules.ts';
import { seriesUpTo } from './history.ts';
import { diagnosticAt } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

export interface Edition {
  publicatie: Publicatie;
  editie: Editie;
  /** Facts by namespace (the data file's name); derived values computed (their `waarde` set). */
  facts: Record<string, FeitenBestand>;
  /** editie.yaml, to locate warnings about the edition itself. */
  editieSource: YamlSource;
  /** The YAML source of each namespace, to locate later warnings. */
  sources: ReadonlyMap<string, YamlSource>;
  /** The source of each fact that comes from a series file ("namespace.name"), not the year's. */
  factSources: ReadonlyMap<string, YamlSource>;
  /** The id ("namespace.name") of every table or placeholder object. */
  factIds: WeakMap<object, string>;
}

/** Parse with a schema; issues become located diagnostics. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  src: YamlSource,
  value: unknown,
  base: readonly PropertyKey[],
  out: Diagnostic[],
): z.infer<T> | undefined {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push(
          diagnosticAt(src, path, { rule: 'schema', key, message: `onbekend veld "${key}"` }),
        );
      }
    } else {
      out.push(diagnosticAt(src, path, { rule: 'schema', message: issueMessage(issue) }));
    }
  }
  // With only unknown keys wrong, the rest can still be checked: report every problem in one run.
  // (The caller has the errors in `out` already, so the edition is refused all the same.)
  if (issues.every((i) => i.code === 'unrecognized_keys')) {
    const cleaned = structuredClone(value) as Record<PropertyKey, unknown>;
    for (const issue of issues) {
      let target: unknown = cleaned;
      for (const step of issue.path) target = (target as Record<PropertyKey, unknown>)?.[step];
      for (const key of (issue as { keys: string[] }).keys)
        delete (target as Record<string, unknown>)[key];
    }
    const retry = schema.safeParse(cleaned);
    if (retry.success) return retry.data;
  }
  return undefined;
}

const KINDS = {
  tabel: Tabel,
  ontbreekt: Ontbrekend,
  afgeleid: Afgeleid,
  foto: Foto,
  link: Koppeling,
} as const;

/** Where a diagnostic points, as a key. */
const place = (d: Diagnostic): string => `${d.file}:${d.line ?? 0}:${d.column ?? 0}`;

/** One fact: dispatched on its shape so that messages speak of the intended kind. */
function parseFact(
  src: YamlSource,
  name: string,
  value: unknown,
  out: Diagnostic[],
): Fact | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push(
      diagnosticAt(src, [name], {
        rule: 'schema',
        message: `verwacht een getal, een tekst, een grootheid {waarde, eenheid}, een tabel (soort: tabel) of een afgeleide waarde (soort: afgeleid), gevonden ${value === null ? 'niets' : 'een lijst'}`,
      }),
    );
    return undefined;
  }
  if ('soort' in value) {
    const soort = (value as { soort: unknown }).soort;
    const schema = KINDS[soort as keyof typeof KINDS];
    if (!schema) {
      out.push(
        diagnosticAt(src, [name, 'soort'], {
          rule: 'schema',
          message: `verwacht "tabel", "ontbreekt", "afgeleid", "foto" of "link", gevonden ${JSON.stringify(soort)}`,
        }),
      );
      return undefined;
    }
    return parseWith(schema, src, value, [name], out);
  }
  const grootheid = parseWith(Grootheid, src, value, [name], out);
  if (grootheid?.waarde != null) {
    const problem = unitProblem(grootheid.waarde, grootheid.eenheid);
    if (problem)
      out.push(diagnosticAt(src, [name, 'waarde'], { rule: 'eenheid', message: problem }));
  }
  return grootheid;
}

/** A chapter listed twice in editie.yaml would be printed twice: each repeat is an error. */
function repeatedChapters(src: YamlSource, hoofdstukken: readonly string[]): Diagnostic[] {
  const first = new Map<string, number>();
  const out: Diagnostic[] = [];
  hoofdstukken.forEach((name, i) => {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, i);
    else
      out.push(
        diagnosticAt(src, ['hoofdstukken', i], {
          rule: 'schema',
          message: `"${name}" staat al in de lijst (hoofdstukken[${earlier}]); verwacht elk hoofdstuk één keer`,
        }),
      );
  });
  return out;
}

/** A data file's top-level entries with snake_case names; undefined (and a message) if it is no map. */
function namedEntries(
  src: YamlSource,
  what: string,
  out: Diagnostic[],
): Array<[string, unknown]> | undefined {
  const value = src.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push(diagnosticAt(src, [], { rule: 'schema', message: `verwacht een lijst van ${what}` }));
    return undefined;
  }
  return Object.entries(value).filter(([name]) => {
    if (/^[a-z][a-z0-9_]*$/.test(name)) return true;
    out.push(
      diagnosticAt(src, [], {
        rule: 'schema',
        key: name,
        message: `verwacht een naam in snake_case (a-z, 0-9, _), gevonden "${name}"`,
      }),
    );
    return false;
  });
}

/** Validate everything; throws DataError with every error found. Returns the typed edition. */
export function validate(raw: RawEdition): Edition {
  const out: Diagnostic[] = [...raw.diagnostics];
  // Dutch thousands separators first: "300.000" must never pass as 300. Whatever else is said
  // about the same value (a count with decimals, say) follows from the misreading and is left out.
  const misread = [raw.publicatie, raw.editie, ...raw.facts.values()].flatMap((src) =>
    src ? thousandsDiagnostics(src) : [],
  );
  const publicatie =
    raw.publicatie && parseWith(Publicatie, raw.publicatie, raw.publicatie.value, [], out);
  const editie = raw.editie && parseWith(Editie, raw.editie, raw.editie.value, [], out);
  if (editie && raw.editie) out.push(...repeatedChapters(raw.editie, editie.hoofdstukken));
  const facts: Record<string, FeitenBestand> = {};
  const factIds = new WeakMap<object, string>();
  /** Facts (and whole files) that did not validate: a formula naming one gives no second message. */
  const broken = new Set<string>();
  for (const [namespace, src] of raw.facts) {
    const entries = namedEntries(src, 'feiten (naam: waarde)', out);
    if (!entries) {
      broken.add(namespace);
      continue;
    }
    const file: FeitenBestand = {};
    for (const [name, factValue] of entries) {
      const before = out.length;
      const fact = parseFact(src, name, factValue, out);
      if (fact !== undefined) {
        file[name] = fact;
        if (typeof fact === 'object') factIds.set(fact, `${namespace}.${name}`);
        if (typeof fact === 'object' && 'soort' in fact && fact.soort === 'tabel' && editie) {
          out.push(...tableRuleDiagnostics(src, [name], fact, editie.jaar));
        }
      }
      if (fact === undefined || out.slice(before).some((d) => d.severity === 'error'))
        broken.add(`${namespace}.${name}`);
    }
    facts[namespace] = file;
  }
  // Series kept once (reeksen/): merged into their namespace, cut at the edition's year.
  const factSources = new Map<string, YamlSource>();
  for (const [namespace, src] of raw.series) {
    const entries = namedEntries(src, 'reeksen (naam: tabel)', out);
    if (!entries) {
      broken.add(namespace);
      continue;
    }
    const file: FeitenBestand = (facts[namespace] ??= {});
    for (const [name, factValue] of entries) {
      const id = `${namespace}.${name}`;
      if (name in file) {
        broken.add(id);
        out.push(
          diagnosticAt(src, [], {
            rule: 'reeks',
            key: name,
            message: `"${id}" staat ook in het gegevensbestand van het jaar; een reeks staat één keer, in reeksen/`,
          }),
        );
        continue;
      }
      const before = out.length;
      const fact = parseFact(src, name, factValue, out);
      if (fact === undefined || out.slice(before).some((d) => d.severity === 'error')) {
        broken.add(id);
        continue;
      }
      if (typeof fact !== 'object' || !('soort' in fact) || fact.soort !== 'tabel') {
        out.push(
          diagnosticAt(src, [name], {
            rule: 'reeks',
            message:
              'in reeksen/ staan tabellen met jaren (soort: tabel); losse waarden horen bij het jaar',
          }),
        );
        broken.add(id);
        continue;
      }
      const shown = editie ? seriesUpTo(fact, editie.jaar) : { table: fact };
      if (shown.problem) {
        out.push(diagnosticAt(src, [name], { rule: 'reeks', message: shown.problem }));
        broken.add(id);
        continue;
      }
      file[name] = shown.table;
      factIds.set(shown.table, id);
      factSources.set(id, src);
      if (editie) out.push(...tableRuleDiagnostics(src, [name], shown.table, editie.jaar));
    }
  }
  // Derived values, once the numbers they come from are known: with the edition's year, and with
  // every file read (a file that did not parse would make its names look absent).
  if (editie && !raw.diagnostics.some((d) => d.severity === 'error')) {
    out.push(
      ...deriveValues({
        facts,
        sources: raw.facts,
        names: editionNames(facts, editie, publicatie),
        broken,
      }),
    );
  }
  if (misread.length) {
    const misreadAt = new Set(misread.map(place));
    const rest = out.filter((d) => !misreadAt.has(place(d)));
    out.splice(0, out.length, ...misread, ...rest);
  }
  if (out.some((d) => d.severity === 'error') || !publicatie || !editie || !raw.editie) {
    throw new DataError(out);
  }
  return {
    publicatie,
    editie,
    editieSource: raw.editie,
    facts,
    sources: raw.facts,
    factSources,
    factIds,
  };
}
