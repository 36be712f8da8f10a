/**
 * Named derived values: a value that follows from others, defined once in the data beside the
 * numbers it comes from, and named in the prose like any other number.
 *
 *   sociale_huurvoorraad:
 *     soort: afgeleid
 *     formule: '(som woningen_actium woningen_woonservice)'
 *     eenheid: aantal
 *
 * The formula is one expression in the prose's own language: a Handlebars subexpression
 * `(rekenregel waarde …)` with the prose's arithmetic helpers (som, verschil, verschil_absoluut,
 * absoluut, aandeel, cel, totaal, the very same functions), a name, or a number. A name is first a fact of
 * the same data file (`kernvoorraad`), then anything the prose can name (`woningbouw.inwoners`,
 * `jaar`, `vorig_jaar`, `volgend_jaar`); it may be another derived value. Handlebars only parses
 * the formula: it is evaluated here, names are looked up as own properties only (never a
 * prototype), and every problem is located at the formula in the YAML, at the name or bracket it
 * is about where the formula is written on one line.
 *
 * Evaluated once, after validation and before anything reads the facts: the result is the fact's
 * `waarde` (src/data/schema.ts, BerekendAfgeleid), so {{getal x}} and the checks see a number.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { isScalar } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { ARITHMETIC_HELPERS, VALUE_HELPERS } from '../render/helpers/index.ts';
import { HelperError } from '../render/helpers/values.ts';
import { formatGetal } from '../render/format/index.ts';
import { MAX_DERIVED_CHAIN, MAX_FORMULA_LENGTH, MAX_FORMULA_NESTING } from './limits.ts';
import { unitProblem } from './rules.ts';
import type { Afgeleid, BerekendAfgeleid, Editie, FeitenBestand, Publicatie } from './schema.ts';
import { diagnosticAt, locate, nodeAt, placeOf } from './yaml-source.ts';
import type { Place, YamlSource } from './yaml-source.ts';

/** What the prose (and a formula, after its own file) can name: the facts by file, and the edition's own. */
export function editionNames(
  facts: Record<string, FeitenBestand>,
  editie: Editie,
  publicatie: Publicatie | undefined,
): Record<string, unknown> {
  const jaar = editie.jaar;
  return {
    ...facts,
    editie,
    ...(publicatie ? { publicatie } : {}),
    jaar,
    vorig_jaar: jaar - 1,
    volgend_jaar: jaar + 1,
  };
}

/** Whether a fact is a derived value that has been computed. */
export function isComputed(fact: unknown): fact is BerekendAfgeleid {
  return (
    !!fact &&
    typeof fact === 'object' &&
    (fact as { soort?: unknown }).soort === 'afgeleid' &&
    'waarde' in fact
  );
}

export interface DeriveInput {
  /** The validated facts by namespace; each derived value gets its `waarde` here. */
  facts: Record<string, FeitenBestand>;
  sources: ReadonlyMap<string, YamlSource>;
  /** Everything a formula can name after its own file: editionNames(). */
  names: Record<string, unknown>;
  /**
   * "namespace.name" of facts with an error of their own, and namespaces whose file did not
   * validate: a formula that uses one fails without a message of its own (the fact's own message
   * says what is wrong).
   */
  broken?: ReadonlySet<string>;
}

/** A problem with a formula, at a character offset in it. */
class FormulaError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** A value the formula uses could not be computed; that value's own message says why. */
class UsesFailed extends Error {}

interface Derived {
  id: string;
  namespace: string;
  name: string;
  fact: Afgeleid;
  src: YamlSource;
  state: 'todo' | 'busy' | 'done' | 'failed';
}

type Loc = hbs.AST.SourceLocation;

/** The formula is parsed as the one argument of a mustache: {{f <formule>}}. */
const PREFIX = '{{f ';

const HELPER_LIST = Object.keys(ARITHMETIC_HELPERS).join(', ');

/** What Handlebars' parser found where the formula went wrong, in words. */
const GOT: Record<string, string> = {
  CLOSE: 'de formule houdt op voordat alle haakjes gesloten zijn (ontbreekt er een ")"?)',
  CLOSE_SEXPR: 'een ")" te veel',
  OPEN_SEXPR: 'een "(" op een plaats waar die niet kan staan',
  INVALID:
    'een teken dat in een formule niet kan staan (ontbreekt er een aanhalingsteken, of staan er haakjes direct na een naam?)',
  EQUALS: 'een "=" zonder naam ervoor',
};

function parseMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const got = /got '([A-Z_]+)'\s*$/.exec(message)?.[1];
  if (got && GOT[got]) return `ongeldige formule: ${GOT[got]}`;
  if (/^Lexical error/.test(message) || got) return `ongeldige formule: ${GOT.INVALID}`;
  return `ongeldige formule: ${message.split('\n')[0] ?? message}`;
}

/** Depth of brackets inside brackets. */
function nesting(node: hbs.AST.Expression): number {
  if (node.type !== 'SubExpression') return 0;
  const sub = node as hbs.AST.SubExpression;
  const inner = [...sub.params, ...(sub.hash?.pairs.map((p) => p.value) ?? [])];
  return 1 + Math.max(0, ...inner.map(nesting));
}

/** A derived value's formula as one expression, or a FormulaError. */
function parseFormula(formula: string, offsetOf: (loc: Loc | undefined) => number) {
  if (formula.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(
      `verwacht een formule van ten hoogste ${formatGetal(MAX_FORMULA_LENGTH)} tekens, gevonden ${formatGetal(formula.length)}; splits de berekening in afgeleide waarden die elkaar gebruiken`,
      0,
    );
  }
  const braces = formula.search(/\{\{|\}\}/);
  if (braces >= 0) {
    throw new FormulaError(
      'een formule staat zonder {{ }}: schrijf bijvoorbeeld (som a b) of (totaal tabel "kolom")',
      braces,
    );
  }
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(`${PREFIX}${formula}}}`);
  } catch (e) {
    throw new FormulaError(parseMessage(e), 0);
  }
  const statement = ast.body[0] as hbs.AST.MustacheStatement | undefined;
  if (ast.body.length !== 1 || statement?.type !== 'MustacheStatement') {
    throw new FormulaError('ongeldige formule: verwacht één uitdrukking, zoals (som a b)', 0);
  }
  const [first, second] = statement.params;
  if (!first) throw new FormulaError('de formule is leeg: verwacht bijvoorbeeld (som a b)', 0);
  if (second || statement.hash) {
    const call =
      first.type === 'PathExpression' &&
      Object.hasOwn(VALUE_HELPERS, (first as hbs.AST.PathExpression).original);
    throw new FormulaError(
      call
        ? `een berekening staat tussen haakjes: schrijf (${formula.trim()})`
        : 'verwacht één uitdrukking: een naam, een getal of een berekening tussen haakjes, zoals (som a b)',
      offsetOf((second ?? statement.hash)?.loc),
    );
  }
  if (nesting(first) > MAX_FORMULA_NESTING) {
    throw new FormulaError(
      `verwacht ten hoogste ${MAX_FORMULA_NESTING} haakjes binnen elkaar; splits de berekening in afgeleide waarden die elkaar gebruiken`,
      0,
    );
  }
  return first;
}

/** What a formula gave, in words, when it is not a number. */
function describeResult(value: unknown): string {
  if (typeof value === 'string') return `de tekst ${JSON.stringify(value)}`;
  if (value === undefined) return 'niets';
  if (typeof value !== 'object' || value === null) return String(value);
  const soort = (value as { soort?: unknown }).soort;
  if (soort === 'tabel') return 'een tabel';
  if (soort === 'ontbreekt') return 'een figuur zonder cijfers (soort: ontbreekt)';
  return Array.isArray(value) ? 'een lijst' : 'een groep gegevens';
}

/** The number a formula's result stands for; null when a value it uses is missing. */
function resultNumber(value: unknown): number | null {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new FormulaError(`de formule geeft ${String(value)}, verwacht een eindig getal`, 0);
  }
  if (value && typeof value === 'object' && 'waarde' in value) {
    const waarde = (value as { waarde: unknown }).waarde;
    if (waarde === null || (typeof waarde === 'number' && Number.isFinite(waarde))) return waarde;
  }
  const table = (value as { soort?: unknown } | undefined)?.soort === 'tabel';
  throw new FormulaError(
    `de formule geeft ${describeResult(value)}, verwacht een getal${table ? '; kies er een getal uit met (cel tabel "rij" "kolom") of (totaal tabel "kolom")' : ''}`,
    0,
  );
}

class Deriver {
  private readonly out: Diagnostic[] = [];
  private readonly stack: Derived[] = [];
  private readonly byFact = new Map<object, Derived>();

  constructor(private readonly input: DeriveInput) {
    for (const [namespace, file] of Object.entries(input.facts)) {
      for (const [name, fact] of Object.entries(file)) {
        if (typeof fact !== 'object' || !('soort' in fact) || fact.soort !== 'afgeleid') continue;
        const src = input.sources.get(namespace);
        if (!src) continue;
        this.byFact.set(fact, {
          id: `${namespace}.${name}`,
          namespace,
          name,
          fact,
          src,
          state: 'todo',
        });
      }
    }
  }

  run(): Diagnostic[] {
    for (const d of this.byFact.values()) {
      try {
        this.evaluate(d);
      } catch (e) {
        if (!(e instanceof UsesFailed)) throw e;
      }
    }
    return this.out;
  }

  private broken(id: string): boolean {
    return this.input.broken?.has(id) ?? false;
  }

  /** Compute one derived value (once); its result is its `waarde`. */
  private evaluate(d: Derived): BerekendAfgeleid {
    if (d.state === 'done') return d.fact as BerekendAfgeleid;
    if (d.state === 'failed') throw new UsesFailed();
    d.state = 'busy';
    this.stack.push(d);
    const offsetOf = (loc: Loc | undefined) => formulaOffset(d.fact.formule, loc);
    try {
      const expression = parseFormula(d.fact.formule, offsetOf);
      const waarde = resultNumber(this.value(expression, d, offsetOf));
      if (waarde !== null && d.fact.eenheid) {
        const problem = unitProblem(waarde, d.fact.eenheid);
        if (problem) {
          throw new FormulaError(
            `de uitkomst past niet bij eenheid ${d.fact.eenheid}: ${problem}${waarde < 0 ? '; laat eenheid weg bij een verschil dat negatief kan zijn' : ''}`,
            0,
          );
        }
      }
      const computed = Object.assign(d.fact, { waarde });
      d.state = 'done';
      return computed;
    } catch (e) {
      d.state = 'failed';
      if (e instanceof FormulaError) this.report(d, e);
      else if (!(e instanceof UsesFailed)) throw e;
      throw new UsesFailed();
    } finally {
      this.stack.pop();
    }
  }

  private report(d: Derived, e: FormulaError): void {
    this.out.push(
      diagnosticAt(d.src, [d.name, 'formule'], {
        rule: 'afgeleid',
        message: e.message,
        at: formulaPlace(d.src, [d.name, 'formule'], d.fact.formule, e.offset),
      }),
    );
  }

  /** A value in the formula: a name, a literal or a calculation. */
  private value(
    node: hbs.AST.Expression,
    d: Derived,
    offsetOf: (loc: Loc | undefined) => number,
  ): unknown {
    switch (node.type) {
      case 'SubExpression':
        return this.call(node as hbs.AST.SubExpression, d, offsetOf);
      case 'PathExpression':
        return this.lookup(node as hbs.AST.PathExpression, d, offsetOf);
      case 'NumberLiteral':
        return (node as hbs.AST.NumberLiteral).value;
      case 'StringLiteral':
        return (node as hbs.AST.StringLiteral).value;
      default:
        throw new FormulaError(
          `${String((node as { original?: unknown }).original)} kan in een formule niet staan; verwacht een naam uit de gegevens, een getal, een tekst tussen aanhalingstekens of een berekening zoals (som a b)`,
          offsetOf(node.loc),
        );
    }
  }

  private call(
    sub: hbs.AST.SubExpression,
    d: Derived,
    offsetOf: (loc: Loc | undefined) => number,
  ): unknown {
    const path = sub.path as hbs.AST.PathExpression;
    const name = path.type === 'PathExpression' ? path.original : undefined;
    const helper =
      name !== undefined && Object.hasOwn(ARITHMETIC_HELPERS, name)
        ? ARITHMETIC_HELPERS[name]
        : undefined;
    if (!helper || name === undefined) {
      const what = name ?? String((path as { original?: unknown }).original ?? '');
      throw new FormulaError(
        name !== undefined && Object.hasOwn(VALUE_HELPERS, name)
          ? `(${name} …) hoort in de tekst, niet in een formule; een formule rekent met ${HELPER_LIST}`
          : `"${what}" is geen rekenregel; een formule rekent met ${HELPER_LIST}`,
        offsetOf(path.loc),
      );
    }
    const args = sub.params.map((p) => this.value(p, d, offsetOf));
    const hash = Object.fromEntries(
      (sub.hash?.pairs ?? []).map((pair) => [pair.key, this.value(pair.value, d, offsetOf)]),
    );
    const options = { name, hash, data: {}, loc: sub.loc } as unknown as HelperOptions;
    try {
      return helper.call(undefined, ...args, options);
    } catch (e) {
      if (!(e instanceof HelperError)) throw e;
      throw new FormulaError(
        e.message.replaceAll(`{{${name} …}}`, `(${name} …)`),
        offsetOf(sub.loc),
      );
    }
  }

  /** A name: first a fact of the formula's own file, then what the prose can name. */
  private lookup(
    path: hbs.AST.PathExpression,
    d: Derived,
    offsetOf: (loc: Loc | undefined) => number,
  ): unknown {
    const at = offsetOf(path.loc);
    const [first, ...rest] = path.parts;
    if (path.data || path.depth > 0 || /^(this\b|\.)/.test(path.original) || first === undefined) {
      throw new FormulaError(
        `in een formule staat een naam uit de gegevens (kernvoorraad, woningbouw.inwoners, jaar), niet ${path.original}`,
        at,
      );
    }
    const own = this.input.facts[d.namespace] ?? {};
    let value: unknown;
    let where: string;
    if (Object.hasOwn(own, first)) {
      value = own[first];
      where = `${d.namespace}.${first}`;
    } else if (Object.hasOwn(this.input.names, first)) {
      value = this.input.names[first];
      where = first;
    } else {
      if (this.broken(`${d.namespace}.${first}`) || this.broken(first)) throw new UsesFailed();
      throw new FormulaError(
        `"${path.original}" staat niet in de gegevens: geen "${first}" in ${d.namespace}.yaml, en geen gegevensbestand ${first}.yaml of waarde van de editie (jaar, vorig_jaar, volgend_jaar)`,
        at,
      );
    }
    if (this.broken(where)) throw new UsesFailed();
    value = this.settle(value, at);
    for (const part of rest) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
        if (this.broken(`${where}.${part}`)) throw new UsesFailed();
        throw new FormulaError(
          `"${path.original}" staat niet in de gegevens: ${where} heeft geen "${part}"`,
          at,
        );
      }
      value = (value as Record<string, unknown>)[part];
      where = `${where}.${part}`;
      if (this.broken(where)) throw new UsesFailed();
      value = this.settle(value, at);
    }
    return value;
  }

  /** A derived value that a formula names is computed first; a cycle is an error. */
  private settle(value: unknown, at: number): unknown {
    const target = value && typeof value === 'object' ? this.byFact.get(value) : undefined;
    if (!target) return value;
    if (target.state === 'busy') {
      const from = this.stack.indexOf(target);
      const cycle = [...this.stack.slice(from), target].map((x) => x.id).join(' → ');
      throw new FormulaError(
        `kringverwijzing: ${cycle}; een afgeleide waarde kan niet (via andere) van zichzelf afhangen`,
        at,
      );
    }
    if (target.state === 'todo' && this.stack.length >= MAX_DERIVED_CHAIN) {
      throw new FormulaError(
        `verwacht ten hoogste ${MAX_DERIVED_CHAIN} afgeleide waarden die op elkaar voortbouwen (${this.stack[0]?.id} → … → ${target.id})`,
        at,
      );
    }
    return this.evaluate(target);
  }
}

/** The offset in the formula of a place in the parsed text {{f <formule>}}. */
function formulaOffset(formula: string, loc: Loc | undefined): number {
  if (!loc) return 0;
  const text = `${PREFIX}${formula}`;
  let offset = 0;
  for (let line = 1; line < loc.start.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return Math.max(0, offset + loc.start.column - PREFIX.length);
}

/**
 * Where an offset in a formula is in the YAML file: exactly, when the formula stands there as
 * written (a plain or quoted scalar on one line, without escapes); else the formula's start.
 */
function formulaPlace(
  src: YamlSource,
  path: readonly PropertyKey[],
  formula: string,
  offset: number,
): Place {
  const node = nodeAt(src, path);
  if (isScalar(node) && node.range) {
    const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
    const start = node.range[0] + (quoted ? 1 : 0);
    const written = src.text.slice(start, start + formula.length);
    if ((quoted || node.type === 'PLAIN') && written === formula && !formula.includes('\n')) {
      return placeOf(src, start + Math.min(Math.max(offset, 0), formula.length));
    }
  }
  return locate(src, path);
}

/**
 * Compute every derived value of an edition (each once, in any order the formulas need): its
 * result becomes its `waarde`. Returns the located errors: a formula that does not parse, names
 * something that is not there, goes round in a circle, makes a helper fail, or does not give a
 * number (or one its eenheid does not allow).
 */
export function deriveValues(input: DeriveInput): Diagnostic[] {
  return new Deriver(input).run();
}
