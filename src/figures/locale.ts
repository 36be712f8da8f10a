/**
 * Dutch numbers and dates for Vega: 1.200, 10,4, € 300.000, 1 januari 2025. The chart spec
 * carries the locale (config.locale), so nothing process-wide is changed and the spec alone
 * says how its labels read. The minus is the ASCII hyphen-minus, as in the report's prose.
 */
import * as vega from 'vega';
import { MAANDEN } from '../render/format/datum.ts';

export const NUMBER_LOCALE = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['€\u00a0', ''],
  minus: '-',
  percent: '%',
};

export const TIME_LOCALE = {
  dateTime: '%a %e %B %Y %X',
  date: '%d-%m-%Y',
  time: '%H:%M:%S',
  periods: ['', ''],
  days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  months: MAANDEN,
  shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

/** vega's `locale(number, time)` (in vega-format; not in vega's typings). */
const makeLocale = (
  vega as unknown as {
    locale: (number: object, time: object) => { format: (spec: string) => (n: number) => string };
  }
).locale;

const dutch = makeLocale(NUMBER_LOCALE, TIME_LOCALE);

/** A number formatted exactly as the chart will print it (d3-format specifier, Dutch locale). */
export function formatNumber(value: number, specifier: string): string {
  return dutch.format(specifier)(value);
}
