/** n × 10^exp, computed on the decimal notation so that no binary rounding error creeps in. */
function shift(n: number, exp: number): number {
  const [mantissa, e = '0'] = String(n).split('e');
  return Number(`${mantissa}e${Number(e) + exp}`);
}

/**
 * Rounding half away from zero on the decimal value as written (2.675 -> 2.68), which
 * Number.prototype.toFixed gets wrong because 2.675 is stored as 2.67499999…
 */
export function roundHalfAway(n: number, decimals: number): number {
  const sign = n < 0 ? -1 : 1;
  return sign * shift(Math.round(shift(Math.abs(n), decimals)), -decimals);
}

/** Decimals a number needs, up to `max` (0.1 + 0.2 needs 1 at max 2). */
export function naturalDecimals(n: number, max: number): number {
  for (let d = 0; d < max; d++) if (roundHalfAway(n, d) === roundHalfAway(n, max)) return d;
  return max;
}
