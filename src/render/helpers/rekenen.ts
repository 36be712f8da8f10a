import { round } from '../../data/table.ts';
import { HelperError, lineOf, numberArg, splitArgs } from './values.ts';

/** {{verschil a b}} → a − b (null when either is missing) */
export function verschil(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const [a, b] = values.map((v) => numberArg(v, 'verschil', options));
  return a === null || b === null || a === undefined || b === undefined ? null : round(a - b);
}

/** {{som a b …}} → a + b + … (null when any is missing) */
export function som(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const ns = values.map((v) => numberArg(v, 'som', options));
  return ns.some((n) => n === null) ? null : round(ns.reduce<number>((s, n) => s + (n ?? 0), 0));
}

/** {{absoluut x}} → |x| (for "102 minder" from a negative difference) */
export function absoluut(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const n = numberArg(values[0], 'absoluut', options);
  return n === null ? null : Math.abs(n);
}

/** {{verschil_absoluut a b}} → |a − b|: how far apart, whichever is larger ("102 mensen") */
export function verschil_absoluut(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const [a, b] = values.map((v) => numberArg(v, 'verschil_absoluut', options));
  return a === null || b === null || a === undefined || b === undefined
    ? null
    : Math.abs(round(a - b));
}

/** {{aandeel a b}} → a / b × 100: a's share of b in percent (null when either is missing) */
export function aandeel(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const [a, b] = values.map((v) => numberArg(v, 'aandeel', options));
  if (a === null || b === null || a === undefined || b === undefined) return null;
  if (b === 0) {
    throw new HelperError(
      `{{aandeel …}}: het geheel (de tweede waarde) is 0; van 0 is geen aandeel te berekenen (delen door 0)`,
      lineOf(options),
    );
  }
  return round((a / b) * 100);
}
