import { naturalDecimals, roundHalfAway } from './round.ts';

export interface NumberOptions {
  /** Exactly this many decimals (0–10); by default as many as the number has, at most 2. */
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
  // Beyond 1e21 toFixed writes exponents; no report figure comes near.
  if (Math.abs(n) >= 1e21) throw new Error(`getal te groot om op te maken: ${n}`);
  const { decimals: wanted } = opts;
  if (wanted !== undefined && !(Number.isInteger(wanted) && wanted >= 0 && wanted <= 10)) {
    throw new Error(
      `aantal decimalen moet een geheel getal van 0 tot en met 10 zijn, niet ${wanted}`,
    );
  }
  const decimals = wanted ?? naturalDecimals(n, 2);
  const rounded = roundHalfAway(n, decimals);
  const [int = '0', frac] = Math.abs(rounded).toFixed(decimals).split('.');
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${group(int)}${frac ? `,${frac}` : ''}`;
}
