/**
 * Words for the direction of a change, chosen from the data so that a sentence stays true when
 * the numbers change: {{meer_minder x}} is "meer", "minder" or "even veel" as x is above, below
 * or at zero; with two values, {{meer_minder nieuw oud}} compares them. {{verandering x "gestegen"
 * "gedaald"}} writes the whole phrase: "met 6% gestegen", "met 2% gedaald", "gelijk gebleven".
 */
import type { HelperOptions } from 'handlebars';
import { round } from '../../data/table.ts';
import { formatGetal, formatProcent } from '../format/index.ts';
import { HelperError, lineOf, missingMark, numberArg, splitArgs } from './values.ts';

/** The words of each direction helper: up, down, no change. */
export const RICHTING_WOORDEN = {
  meer_minder: ['meer', 'minder', 'even veel'],
  toegenomen: ['toegenomen', 'afgenomen', 'gelijk gebleven'],
  gestegen: ['gestegen', 'gedaald', 'gelijk gebleven'],
  verhoogd: ['verhoogd', 'verlaagd', 'gelijk gebleven'],
} as const satisfies Record<string, readonly [string, string, string]>;

/** One value is a signed change; two values are new and old. null when a value is missing. */
function change(values: unknown[], helper: string, options: HelperOptions): number | null {
  const [a, b] = values.map((v) => numberArg(v, helper, options));
  if (a === null || a === undefined || b === null) return null;
  return b === undefined ? a : round(a - b);
}

/** {{meer_minder x}}, {{toegenomen nieuw oud}}, …: the word for the direction of the change. */
export function richting(helper: keyof typeof RICHTING_WOORDEN) {
  const [up, down, same] = RICHTING_WOORDEN[helper];
  return (...args: unknown[]) => {
    const { values, options } = splitArgs(args);
    const d = change(values, helper, options);
    if (d === null) return missingMark();
    return d > 0 ? up : d < 0 ? down : same;
  };
}

function word(value: unknown, position: string, options: HelperOptions): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  throw new HelperError(
    `{{verandering …}} verwacht als ${position} waarde een woord tussen aanhalingstekens, zoals "gestegen", gevonden ${typeof value === 'string' ? '""' : String(value)}`,
    lineOf(options),
  );
}

/** Whether a value is a percentage: a fact with the unit procent or mutatie. */
function isPercentage(value: unknown): boolean {
  const eenheid =
    value && typeof value === 'object' ? (value as { eenheid?: unknown }).eenheid : undefined;
  return eenheid === 'mutatie' || eenheid === 'procent';
}

/**
 * {{verandering x "toegenomen" "afgenomen"}} → "met 18,9% toegenomen" · "met 2% afgenomen" ·
 * "gelijk gebleven". A fourth value is the phrase for no change ("evenveel"); voor="…" is what
 * stands before the number (default "met"; voor="" for none); decimalen=N as in {{procent}}.
 * The number is printed without its sign (the word says which way) as a percentage when x has
 * the unit mutatie or procent; a change that prints as 0 is no change.
 */
export function verandering(...args: unknown[]) {
  const { values, options } = splitArgs(args);
  const [value, upWord, downWord, sameWord] = values;
  const up = word(upWord, 'tweede', options);
  const down = word(downWord, 'derde', options);
  const same = values.length > 3 ? word(sameWord, 'vierde', options) : 'gelijk gebleven';
  const voor = options.hash?.voor ?? 'met';
  if (typeof voor !== 'string') {
    throw new HelperError(
      `{{verandering …}} verwacht bij voor= een tekst tussen aanhalingstekens, zoals voor="met circa", gevonden ${String(voor)}`,
      lineOf(options),
    );
  }
  const n = numberArg(value, 'verandering', options);
  if (n === null) return missingMark();
  const decimals = options.hash?.decimalen as number | undefined;
  const opts = decimals === undefined ? {} : { decimals };
  const size = isPercentage(value)
    ? formatProcent(Math.abs(n), opts)
    : formatGetal(Math.abs(n), opts);
  if (!/[1-9]/.test(size)) return same;
  return [voor.trim(), size, n > 0 ? up : down].filter(Boolean).join(' ');
}
