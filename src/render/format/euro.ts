import { formatGetal } from './getal.ts';
import type { NumberOptions } from './getal.ts';

/**
 * An amount in euros: 454.47 -> "€ 454,47", 300000 -> "€ 300.000", 650.4 -> "€ 650,40".
 * Cents always show two decimals; whole amounts none. A no-break space (U+00A0) keeps the
 * sign with the number at a line end.
 */
export function formatEuro(n: number, opts: NumberOptions = {}): string {
  const decimals = opts.decimals ?? (Number.isInteger(n) ? 0 : 2);
  return `€\u00a0${formatGetal(n, { decimals })}`;
}
