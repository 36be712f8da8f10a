/**
 * The same quantity in two publications. A number (a quantity or a derived value) can say that it
 * is the same as a value of another publication:
 *
 *   midden_drenthe_gerealiseerd:
 *     soort: afgeleid
 *     formule: '(cel statushouders "Midden-Drenthe" "Gerealiseerd")'
 *     zelfde_als: {publicatie: midden-drenthe, waarde: huursector.statushouders_gehuisvest}
 *
 * After an edition validated, every such fact is compared with that value in the other
 * publication's edition of the same year, read from the same data folder through the same loaders
 * (so through the same input check, src/files.ts) and validated the same way, each other edition
 * once. Numbers that differ are a warning with both values and both places; a reference that
 * cannot be followed (no such publication, year or value, a value that is no number, the other
 * data with errors) is an error at the `zelfde_als`. Only the other edition's data is read: its
 * prose and its own `zelfde_als` are its own check's business (so two publications may point at
 * each other).
 */
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import { listPublications, listYears, resolveContext } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { DataError } from '../errors.ts';
import { formatGetal } from '../render/format/index.ts';
import { isComputed } from './derive.ts';
import { loadEdition } from './load.ts';
import type { Afgeleid, Fact, Grootheid, ZelfdeAls } from './schema.ts';
import type { Edition } from './validate.ts';
import { validate } from './validate.ts';
import { diagnosticAt, locate } from './yaml-source.ts';
import type { Place, YamlSource } from './yaml-source.ts';

export interface CrossOptions {
  /** A final edition: a missing value on either side is an error, not a warning. */
  final: boolean;
}

/** Rule name of every diagnostic of this module. */
export const RULE = 'zelfde';

/** The other publication's edition, or why it cannot be compared with (a message). */
type Other = { edition: Edition } | { problem: string; notYet?: boolean };

/** A value of the other edition: its number (null: missing) and where it stands. */
interface OtherValue {
  value: number | null;
  file: string;
  place: Place;
}

/** A fact that declares itself the same as another publication's value. */
interface Declaration {
  name: string;
  fact: (Grootheid | Afgeleid) & { zelfde_als: ZelfdeAls };
  src: YamlSource;
}

/** Every `zelfde_als` of a validated edition, compared with the other publications. */
export function crossPublicationDiagnostics(
  ctx: BuildContext,
  edition: Edition,
  opts: CrossOptions,
): Diagnostic[] {
  const declarations = declarationsOf(edition);
  if (!declarations.length) return [];
  // Each other publication's edition is read and validated once, however many facts name it.
  const others = new Map<string, Other>();
  const open = (publication: string): Other => {
    let other = others.get(publication);
    if (!other) {
      other = openOther(ctx, publication);
      others.set(publication, other);
    }
    return other;
  };
  const out: Diagnostic[] = [];
  for (const declaration of declarations) out.push(...compare(ctx, declaration, open, opts));
  return out;
}

function declarationsOf(edition: Edition): Declaration[] {
  const out: Declaration[] = [];
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    const src = edition.sources.get(namespace);
    if (!src) continue; // only a series file (reeksen/): tables, which declare nothing
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact === 'object' && 'zelfde_als' in fact && fact.zelfde_als) {
        out.push({ name, fact: { ...fact, zelfde_als: fact.zelfde_als }, src });
      }
    }
  }
  return out;
}

/** Read and validate the other publication's edition of the same year, from the same data folder. */
function openOther(ctx: BuildContext, publication: string): Other {
  const publications = listPublications(ctx.dataDir).filter((p) => p !== ctx.publication);
  if (!publications.includes(publication)) {
    return {
      problem: `onbekende publicatie "${publication}"; er zijn: ${publications.join(', ') || 'geen andere'}`,
    };
  }
  const years = listYears(publication, ctx.dataDir);
  if (!years.includes(ctx.year)) {
    return {
      problem: `${publication} heeft geen editie ${ctx.year}; er zijn: ${years.join(', ') || 'geen'}`,
      // A new year may start before the other publication's: nothing to compare with yet.
      notYet: true,
    };
  }
  const otherCtx = resolveContext({
    root: ctx.root,
    dataDir: ctx.dataDir,
    outDir: path.dirname(path.dirname(ctx.outDir)),
    publication,
    year: ctx.year,
  });
  try {
    return { edition: validate(loadEdition(otherCtx)) };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const n = e.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      problem:
        `de gegevens van ${publication} ${ctx.year} hebben ${n} ${n === 1 ? 'fout' : 'fouten'}, ` +
        `dus er valt niet mee te vergelijken; "jaarverslag check --publication ${publication} --year ${ctx.year}" toont ze`,
    };
  }
}

/** What a fact that is not a number is, for the message. */
function kindOf(fact: Fact): string {
  if (typeof fact !== 'object') return 'een tekst';
  if (!('soort' in fact)) return 'een grootheid';
  switch (fact.soort) {
    case 'tabel':
      return 'een tabel (soort: tabel)';
    case 'ontbreekt':
      return 'een figuur zonder cijfers (soort: ontbreekt)';
    case 'foto':
      return 'een foto (soort: foto)';
    case 'link':
      return 'een link (soort: link)';
    default:
      // A derived value that was not computed: validate() computes every one.
      return 'een afgeleide waarde zonder uitkomst';
  }
}

/** The named value of the other edition, or why it is not a number there. */
function otherValue(
  edition: Edition,
  label: string,
  id: string,
): { found: OtherValue } | { problem: string } {
  const [namespace = '', name = ''] = id.split('.');
  const facts = Object.hasOwn(edition.facts, namespace) ? edition.facts[namespace] : undefined;
  const src = edition.factSources.get(id) ?? edition.sources.get(namespace);
  if (!facts) {
    return { problem: `${label} heeft geen "${id}": geen gegevensbestand ${namespace}.yaml` };
  }
  const fact = Object.hasOwn(facts, name) ? facts[name] : undefined;
  if (fact === undefined || !src) {
    return {
      problem: `${label} heeft geen "${id}": geen "${name}" in ${src?.file ?? `${namespace}.yaml`}`,
    };
  }
  if (typeof fact === 'number') {
    return { found: { value: fact, file: src.file, place: locate(src, [name]) } };
  }
  if (typeof fact === 'object' && !('soort' in fact)) {
    return { found: { value: fact.waarde, file: src.file, place: locate(src, [name, 'waarde']) } };
  }
  if (isComputed(fact)) {
    // A derived value is where its name stands.
    return { found: { value: fact.waarde, file: src.file, place: locate(src, [], name) } };
  }
  const at = locate(src, [], name);
  return {
    problem:
      `"${id}" is in ${label} ${kindOf(fact)} (${src.file}:${at.line}:${at.column}); verwacht een getal: ` +
      'een getal, een grootheid {waarde, eenheid} of een afgeleide waarde (soort: afgeleid)',
  };
}

/** Equal up to the noise of binary fractions (a derived 0.1 + 0.2 is the stated 0.3). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** A number as the report writes it (1.234, 3,3); as JavaScript does where that cannot (1e21). */
function show(n: number, decimals?: number): string {
  try {
    return formatGetal(n, { decimals });
  } catch {
    return String(n);
  }
}

/**
 * Both numbers as the report writes them (at most two decimals), with more decimals only where
 * two would hide the difference.
 */
function formatPair(a: number, b: number): [string, string] {
  const pair = (decimals?: number): [string, string] => [show(a, decimals), show(b, decimals)];
  let shown = pair();
  for (let decimals = 3; shown[0] === shown[1] && decimals <= 10; decimals++)
    shown = pair(decimals);
  return shown;
}

function compare(
  ctx: BuildContext,
  { name, fact, src }: Declaration,
  open: (publication: string) => Other,
  opts: CrossOptions,
): Diagnostic[] {
  const ref = fact.zelfde_als;
  const at = (field: 'publicatie' | 'waarde', severity: Diagnostic['severity'], message: string) =>
    diagnosticAt(src, [name, 'zelfde_als', field], { severity, rule: RULE, message });
  if (ref.publicatie === ctx.publication) {
    return [
      at(
        'publicatie',
        'error',
        `"${ref.publicatie}" is deze publicatie zelf; zelfde_als vergelijkt met een waarde van een andere publicatie (binnen één publicatie: een afgeleide waarde)`,
      ),
    ];
  }
  const other = open(ref.publicatie);
  if ('problem' in other) {
    // The other edition not being there yet is a gap (like a missing value), not a mistake.
    const severity = other.notYet && !opts.final ? 'warning' : 'error';
    return [at('publicatie', severity, other.problem)];
  }
  const label = `${ref.publicatie} ${ctx.year}`;
  const there = otherValue(other.edition, label, ref.waarde);
  if ('problem' in there) return [at('waarde', 'error', there.problem)];

  const { found } = there;
  const opposite = ref.teken === 'tegengesteld';
  const where = `${ref.waarde}, ${found.file}:${found.place.line}:${found.place.column}`;
  const here = isComputed(fact) ? fact.waarde : 'soort' in fact ? null : fact.waarde;
  // The message is about the fact (its name as the field), placed at its zelfde_als.
  const report = (severity: Diagnostic['severity'], message: string): Diagnostic[] => [
    diagnosticAt(src, [name], {
      severity,
      rule: RULE,
      message,
      at: locate(src, [name, 'zelfde_als']),
    }),
  ];
  const missing = opts.final ? 'error' : 'warning';
  if (here === null) {
    const theirs = found.value === null ? 'ontbreekt ook' : show(found.value);
    return report(
      missing,
      `de waarde ontbreekt hier (null); niet te vergelijken met ${label} (${where}: ${theirs})`,
    );
  }
  if (found.value === null) {
    return report(
      missing,
      `${show(here)} hier, maar ${label} geeft geen waarde (null) (${where}); niet te vergelijken`,
    );
  }
  const expected = opposite ? -found.value : found.value;
  if (same(here, expected)) return [];
  const [mine, theirs] = opposite ? formatPair(here, expected) : formatPair(here, found.value);
  const message = opposite
    ? `${mine} hier, maar ${label} zegt ${show(found.value)} (${where}); met tegengesteld teken is dat ${theirs}`
    : `${mine} hier, maar ${label} zegt ${theirs} (${where})`;
  return report('warning', message);
}
