import type { HelperOptions } from 'handlebars';
import { formatDatum } from '../format/index.ts';
import { HelperError, lineOf, missingMark } from './values.ts';

/** {{datum x}} → 1 januari 2025 */
export function datum(value: unknown, options: HelperOptions) {
  if (value === null) return missingMark();
  if (typeof value !== 'string') {
    throw new HelperError(
      `{{datum …}} verwacht een datum als "2025-01-01", gevonden ${String(value)}`,
      lineOf(options),
    );
  }
  try {
    return formatDatum(value);
  } catch (e) {
    throw new HelperError(`{{datum …}}: ${(e as Error).message}`, lineOf(options));
  }
}
