/**
 * A small family of errors named for the user's problem. One handler (cli.ts) prints them
 * and sets the exit code; stack traces only under DEBUG.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** What a file-system error code means, for the user. */
const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'geen toegang (de rechten staan het niet toe)',
  EPERM: 'geen toegang (de rechten staan het niet toe)',
  EROFS: 'het bestandssysteem is alleen-lezen',
  ENOSPC: 'de schijf is vol',
  EDQUOT: 'het schijfquotum is op',
  ENOENT: 'bestaat niet',
  EISDIR: 'is een map; verwacht een bestand',
  ENOTDIR: 'een deel van het pad is geen map',
  ENAMETOOLONG: 'het pad is te lang',
  ELOOP: 'symbolische koppelingen verwijzen in een kring naar elkaar',
  EMFILE: 'te veel open bestanden',
};

/** System calls that make something: failing in the temporary folder, they blame TMPDIR. */
const CREATING = new Set(['mkdtemp', 'mkdir', 'write', 'rename', 'copyfile', 'symlink', 'link']);

function isInsideDir(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A Node file-system error (the error itself or anywhere in its cause chain: EACCES, EROFS,
 * ENOSPC, ENOENT, EISDIR, …) as an EnvironmentError in Dutch that names the path; a path in the
 * temporary folder names TMPDIR, the setting that chooses it. Undefined for any other error.
 */
export function fromSystemError(error: unknown): EnvironmentError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 10; depth++) {
    const e = current as NodeJS.ErrnoException & { dest?: string };
    const reason = e.code ? SYSTEM_REASONS[e.code] : undefined;
    if (reason) {
      const where = e.path ?? e.dest;
      const temp = path.resolve(tmpdir());
      // The temporary folder itself, or something being made in it (a browser profile).
      const inTemp =
        where !== undefined &&
        (path.resolve(where) === temp ||
          (CREATING.has(e.syscall ?? '') && isInsideDir(temp, path.resolve(where))));
      if (inTemp) {
        return new EnvironmentError(
          `de tijdelijke map ${temp} is niet te gebruiken: ${where}: ${reason} (${e.code}); ` +
            'zet TMPDIR op een bestaande map waarin geschreven kan worden',
          { cause: error },
        );
      }
      const action = e.syscall ? ` (${e.syscall}, ${e.code})` : ` (${e.code})`;
      return new EnvironmentError(`${where ?? 'een bestand of map'}: ${reason}${action}`, {
        cause: error,
      });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
