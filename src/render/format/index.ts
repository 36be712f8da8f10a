/** Dutch formatting for numbers, percentages, amounts and dates: one function per file. */
export { formatGetal } from './getal.ts';
export type { NumberOptions } from './getal.ts';
export { formatProcent } from './procent.ts';
export { formatEuro } from './euro.ts';
export { formatDatum } from './datum.ts';
