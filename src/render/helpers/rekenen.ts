import { round } from '../../data/table.ts';
import { numberArg, splitArgs } from './values.ts';

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
