import type { HelperOptions } from 'handlebars';
import { formatEuro } from '../format/index.ts';
import { missingMark, numberArg } from './values.ts';

/** {{euro x}} → € 454,47 */
export function euro(value: unknown, options: HelperOptions) {
  const n = numberArg(value, 'euro', options);
  if (n === null) return missingMark();
  return formatEuro(n);
}
