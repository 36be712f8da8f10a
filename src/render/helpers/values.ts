/** Turning template arguments into numbers, with errors that name the helper and the place. */
import Handlebars from 'handlebars';
import type { HelperDelegate, HelperOptions } from 'handlebars';

/** An error raised by a helper; carries the line of the expression in the prose. */
export class HelperError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** An argument that names nothing in the data (Handlebars passes undefined, even in strict mode). */
export class MissingValueError extends HelperError {
  constructor(
    readonly helper: string,
    line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(`{{${helper} …}} kreeg een waarde die niet in de gegevens staat`, line);
  }
}

type Loc = { loc?: { start?: { line?: number; column?: number } } };

export function lineOf(options: HelperOptions | undefined): number | undefined {
  return (options as unknown as Loc)?.loc?.start?.line;
}

/** Throw a MissingValueError when any argument is undefined. */
export function requireDefined(helper: string, values: unknown[], options: HelperOptions): void {
  if (values.some((v) => v === undefined)) {
    const start = (options as unknown as Loc)?.loc?.start;
    throw new MissingValueError(helper, start?.line, start?.column);
  }
}

/** The number in a template argument: a number, or a fact {waarde, eenheid}. null = missing. */
export function numberArg(value: unknown, helper: string, options: HelperOptions): number | null {
  requireDefined(helper, [value], options);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value && typeof value === 'object' && 'waarde' in value) {
    const w = (value as { waarde: unknown }).waarde;
    if (w === null) return null;
    if (typeof w === 'number') return w;
  }
  if (value === null) return null;
  throw new HelperError(
    `{{${helper} …}} verwacht een getal of een grootheid {waarde, eenheid}, gevonden ${describe(value)}`,
    lineOf(options),
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'niets';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object')
    return 'soort' in (value as object) ? `een ${(value as { soort: string }).soort}` : 'een lijst';
  return String(value);
}

/** What a missing value looks like in a draft: visible, never an empty string. */
export function missingMark(): Handlebars.SafeString {
  return new Handlebars.SafeString('<span class="ontbreekt">[ontbreekt]</span>');
}

/** The HelperOptions object is always the last argument of a helper. */
export function splitArgs(args: unknown[]): { values: unknown[]; options: HelperOptions } {
  const options = args.at(-1) as HelperOptions;
  return { values: args.slice(0, -1), options };
}

/** How many values a helper takes, and which options (name=value). */
export interface Arity {
  min: number;
  max: number;
  options?: readonly string[];
}

function waarden(n: number): string {
  return `${n} ${n === 1 ? 'waarde' : 'waarden'}`;
}

/**
 * A helper that refuses too few or too many values and options it does not know, with the
 * line of the expression: {{getal}} and {{getal a b}} are errors, not a silent guess.
 */
export function withArity(name: string, arity: Arity, helper: HelperDelegate): HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as HelperOptions | undefined;
    const count = args.length - 1;
    if (count < arity.min || count > arity.max) {
      const expected =
        arity.max === Infinity
          ? `ten minste ${waarden(arity.min)}`
          : arity.min === arity.max
            ? waarden(arity.min)
            : `${arity.min} tot ${waarden(arity.max)}`;
      throw new HelperError(`{{${name} …}} verwacht ${expected}, kreeg ${count}`, lineOf(options));
    }
    const allowed = arity.options ?? [];
    const unknown = Object.keys((options?.hash as object | undefined) ?? {}).filter(
      (key) => !allowed.includes(key),
    );
    if (unknown.length) {
      throw new HelperError(
        `{{${name} …}} kent de optie ${unknown.map((k) => `${k}=`).join(', ')} niet; ${
          allowed.length ? `wel: ${allowed.map((k) => `${k}=`).join(', ')}` : 'er zijn geen opties'
        }`,
        lineOf(options),
      );
    }
    return (helper as (...values: unknown[]) => unknown).apply(this, args);
  };
}
