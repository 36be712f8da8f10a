/**
 * How an error reads for the user, in the terminal and in the preview page: located messages for
 * data and prose, one Dutch line for the rest, a stack trace only for developers (DEBUG=1).
 */
import { formatDiagnostics, sortDiagnostics } from './diagnostics.ts';
import { DataError, fromSystemError, JaarverslagError } from './errors.ts';

export interface ErrorText {
  text: string;
  exitCode: number;
}

export function errorText(thrown: unknown, debug = process.env.DEBUG === '1'): ErrorText {
  // A file-system error (a read-only or missing TMPDIR, a full disk) is the user's to fix.
  const e = thrown instanceof JaarverslagError ? thrown : (fromSystemError(thrown) ?? thrown);
  if (e instanceof DataError) {
    const n = e.diagnostics.filter((d) => d.severity === 'error').length;
    return {
      text: `${formatDiagnostics(sortDiagnostics(e.diagnostics))}\n\n${n} ${n === 1 ? 'fout' : 'fouten'}; er is niets geschreven.`,
      exitCode: e.exitCode,
    };
  }
  if (e instanceof JaarverslagError) {
    const trace = debug ? `\n${e.stack ?? ''}\n${String(e.cause ?? '')}` : '';
    return { text: `jaarverslag: ${e.message}${trace}`, exitCode: e.exitCode };
  }
  const err = e as Error | undefined;
  return {
    text:
      `jaarverslag: onverwachte fout: ${err?.message ?? String(e)}\n` +
      (debug ? (err?.stack ?? '') : '(zet DEBUG=1 voor de stacktrace)'),
    exitCode: 1,
  };
}
