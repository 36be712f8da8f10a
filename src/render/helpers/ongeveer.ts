/**
 * {{ongeveer waarde "bijna 50"}}: an approximate statement in the prose, printed as written and
 * checked against the data. "bijna N" means 0,9·N ≤ waarde < N; "circa N" and "ongeveer N"
 * within 10% of N; "ruim N" and "iets meer dan N" above N, at most 1,1·N; "meer dan N" above N;
 * "minder dan N" below N. A statement the data does not bear out is a warning with its line.
 */
import type { HelperOptions } from 'handlebars';
import type { Diagnostic } from '../../diagnostics.ts';
import { formatGetal } from '../format/index.ts';
import { HelperError, lineOf, numberArg } from './values.ts';

const PHRASE =
  /^(bijna|circa|ongeveer|ruim|iets meer dan|meer dan|minder dan)\s+(\d+(?:[.,]\d+)?)$/;

/** Whether value bears out "<word> <n>". */
export function statementHolds(word: string, n: number, value: number): boolean {
  switch (word) {
    case 'bijna':
      return value < n && value >= 0.9 * n;
    case 'circa':
    case 'ongeveer':
      return Math.abs(value - n) <= 0.1 * Math.abs(n);
    case 'ruim':
    case 'iets meer dan':
      return value > n && value <= 1.1 * n;
    case 'meer dan':
      return value > n;
    case 'minder dan':
      return value < n;
    default:
      return false;
  }
}

export function ongeveerHelper(file: string, warnings: Diagnostic[]) {
  return (value: unknown, phrase: unknown, options: HelperOptions) => {
    const m = typeof phrase === 'string' ? PHRASE.exec(phrase.trim()) : null;
    if (!m) {
      throw new HelperError(
        `{{ongeveer …}} verwacht een uitspraak als "bijna 50", "circa 11", "ruim 100", "meer dan 14" of "minder dan 5", gevonden ${JSON.stringify(phrase)}`,
        lineOf(options),
      );
    }
    const word = m[1] ?? '';
    const n = Number((m[2] ?? '').replace(',', '.'));
    const v = numberArg(value, 'ongeveer', options);
    if (v !== null && !statementHolds(word, n, v)) {
      warnings.push({
        severity: 'warning',
        file,
        line: lineOf(options),
        rule: 'bewering',
        message: `de tekst zegt "${phrase}", de gegevens geven ${formatGetal(v)}`,
      });
    }
    return String(phrase);
  };
}
