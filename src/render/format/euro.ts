import { formatGetal } from './getal.ts';
import type { NumberOptions } from './getal.ts';
import { roundHalfAway } from './round.ts';

/**
 * An amount in euros: 454.47 -> "€ 454,47", 300000 -> "€ 300.000", 650.4 -> "€ 650,40".
 * Cents always show two decimals; whole amounts (also after rounding to cents: 454.999) none.
 * A minus goes after the sign: "€ -12,50". A no-break space (U+00A0) between the euro sign
 * and the number keeps them together at a line end.
 */
export function formatEuro(n: number, opts: NumberOptions = {}): string {
  const decimals = opts.decimals ?? (Number.isInteger(roundHalfAway(n, 2)) ? 0 : 2);
  return `€\u00a0${formatGetal(n, { decimals })}`;
}
