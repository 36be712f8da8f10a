import type { HelperOptions } from 'handlebars';
import { formatGetal } from '../format/index.ts';
import { missingMark, numberArg } from './values.ts';

/** {{getal x}} → 14.849 · 3,3; {{getal x decimalen=1}} */
export function getal(value: unknown, options: HelperOptions) {
  const n = numberArg(value, 'getal', options);
  if (n === null) return missingMark();
  const decimals = options.hash?.decimalen as number | undefined;
  return formatGetal(n, decimals === undefined ? {} : { decimals });
}
