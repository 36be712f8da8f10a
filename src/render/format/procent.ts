import { formatGetal } from './getal.ts';
import type { NumberOptions } from './getal.ts';

/** A percentage: 10.4 -> "10,4%", 61 -> "61%"; no space before the sign (Dutch usage in tables and prose). */
export function formatProcent(n: number, opts: NumberOptions = {}): string {
  return `${formatGetal(n, opts)}%`;
}
