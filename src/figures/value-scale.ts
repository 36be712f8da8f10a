/**
 * The value axis of a chart: a domain that ends on a tick at or beyond every value drawn, and
 * the ticks on it.
 *
 * Left to Vega, a `nice` domain is rounded for 10 ticks while the axis draws about 5: for bars
 * of 86 and 87 the domain ended at 90 and the ticks at 80, so the tallest bars rose above the
 * top gridline. Here the domain is rounded with the tick count the axis is drawn with (d3's
 * `nice`, which Vega uses), and the spec carries that exact domain and exactly its ticks: the
 * last tick is the end of the domain, at or above the largest value drawn (a stack's total for
 * stacked bars), the first at or below the smallest (0 for bars, or below it).
 */
import * as vega from 'vega';

export interface ValueScale {
  /** From the first tick to the last. */
  domain: [number, number];
  /** Every tick, both ends of the domain among them. */
  ticks: number[];
}

/** The part of a d3 linear scale used here (vega's `scale('linear')`; untyped in vega). */
interface Linear {
  domain(values: number[]): Linear;
  domain(): number[];
  nice(count: number): Linear;
  ticks(count: number): number[];
}

const linear = (): Linear => (vega.scale('linear') as () => Linear)();

/** About this many ticks on a value axis (lying bars, with more room across, get one more). */
export const VALUE_TICKS = 5;

/**
 * The value scale for the values drawn (bar ends, stack ends, points), with about `count`
 * ticks. `zero`: the domain includes 0, where bars start. `below`: room under the smallest
 * value as a share of the values' span (a line's point off the axis line). Whole numbers get no
 * ticks between whole numbers (no tick at 0,5 house).
 */
export function valueScale(
  values: Iterable<number>,
  options: { count: number; zero: boolean; below?: number },
): ValueScale {
  let lo = options.zero ? 0 : Infinity;
  let hi = options.zero ? 0 : -Infinity;
  let whole = true;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (lo > hi) [lo, hi] = [0, 1];
  lo -= (hi - lo) * (options.below ?? 0);
  if (lo === hi) {
    // Only zeros (bars), or one value on a line: an axis from 0 to 1, or around the value.
    const room = Math.abs(lo) / 10;
    if (room === 0) hi = 1;
    else [lo, hi] = [lo - room, hi + room];
  }
  const count = whole ? Math.max(1, Math.min(options.count, Math.ceil(hi - lo))) : options.count;
  const scale = linear().domain([lo, hi]).nice(count);
  const [first = lo, last = hi] = scale.domain();
  return { domain: [first, last], ticks: scale.ticks(count) };
}

/** The share of the way from the domain's start to its end at which `value` lies. */
export function share(scale: ValueScale, value: number): number {
  const [lo, hi] = scale.domain;
  return hi === lo ? 0 : (value - lo) / (hi - lo);
}

/** The scale of a spec that draws exactly this domain (the axis takes `ticks`, see valueAxis). */
export function valueDomain(scale: ValueScale): object {
  return { domain: scale.domain, nice: false, zero: false };
}
