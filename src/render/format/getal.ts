import { naturalDecimals, roundHalfAway } from './round.ts';

export interface NumberOptions {
  /** Exactly this many decimals; by default as many as the number has, at most 2. */
  decimals?: number;
}

/** Groups of three digits with a full stop: 1234567 -> 1.234.567. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * A number the Dutch way: 14849 -> "14.849", 3.3 -> "3,3", -102 -> "-102".
 * A minus is the ASCII hyphen-minus, so that a reader's search finds it.
 */
export function formatGetal(n: number, opts: NumberOptions = {}): string {
  if (!Number.isFinite(n)) throw new Error(`geen eindig getal: ${n}`);
  const decimals = opts.decimals ?? naturalDecimals(n, 2);
  const rounded = roundHalfAway(n, decimals);
  const [int = '0', frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${group(int)}${frac ? `,${frac}` : ''}`;
}
