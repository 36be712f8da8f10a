/**
 * A small family of errors named for the user's problem. One handler (cli.ts) prints them
 * and sets the exit code; stack traces only under DEBUG.
 */
import type { Diagnostic } from './diagnostics.ts';
import { formatDiagnostics } from './diagnostics.ts';

/** Base class: something the user can act on. Exit code 1 unless a subclass says otherwise. */
export class JaarverslagError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong command line: exit code 2. */
export class UsageError extends JaarverslagError {
  override readonly exitCode = 2;
}

/** The data or prose of an edition is wrong: every problem found, each with file and line. */
export class DataError extends JaarverslagError {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `${errors.length} ${errors.length === 1 ? 'fout' : 'fouten'} in de gegevens:\n` +
        formatDiagnostics(errors),
    );
  }
}

/** A template or prose expression could not be rendered (e.g. it names a value that is not there). */
export class TemplateError extends JaarverslagError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${file}${line ? `:${line}` : ''} ${detail}`, options);
  }
}

/** The browser reported a problem while printing: a page error, a console error, a request. */
export class BrowserError extends JaarverslagError {}

/** The environment is missing something (Chromium not found, fonts not installed). */
export class EnvironmentError extends JaarverslagError {}
