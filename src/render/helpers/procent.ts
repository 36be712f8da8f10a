import type { HelperOptions } from 'handlebars';
import { formatProcent } from '../format/index.ts';
import { missingMark, numberArg } from './values.ts';

/** {{procent x}} → 10,4% */
export function procent(value: unknown, options: HelperOptions) {
  const n = numberArg(value, 'procent', options);
  if (n === null) return missingMark();
  const decimals = options.hash?.decimalen as number | undefined;
  return formatProcent(n, decimals === undefined ? {} : { decimals });
}
