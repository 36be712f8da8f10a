/** The messages of a check that fails, as the terminal shows their first lines. */
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';

/** The first line of each error (only errors: warnings that came with them are left out). */
export function errorLines(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof DataError)
      return e.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
    throw e;
  }
  return [];
}
