/** Located messages (file, place, rule, severity), collected and printed together. */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  /** Field path as the user writes it: tabellen.verkocht[2].aantal */
  field?: string | undefined;
  /** Short rule name, e.g. schema, totaal, aandeel, eenheid. */
  rule: string;
  message: string;
  /** A few source lines with a caret under the place. */
  frame?: string | undefined;
}

/** `a.b[2].c` from a path of keys and indices. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One line per diagnostic: `file:line:col field: message`, then the code frame if any. */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.line ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}` : d.file;
  const label = d.severity === 'warning' ? 'waarschuwing' : 'fout';
  const head = `${place} ${label} [${d.rule}] ${d.field ? `${d.field}: ` : ''}${d.message}`;
  return d.frame ? `${head}\n${d.frame}` : head;
}

/** More messages than a person reads; a hostile file with tens of thousands stays readable. */
export const MAX_PRINTED = 200;

/** The messages, at most `max` of them, and a line that says how many more there are. */
export function formatDiagnostics(list: readonly Diagnostic[], max = MAX_PRINTED): string {
  const shown = list.slice(0, max).map(formatDiagnostic);
  const rest = list.length - shown.length;
  if (rest > 0) shown.push(`… en nog ${rest} ${rest === 1 ? 'melding' : 'meldingen'}`);
  return shown.join('\n');
}

/** Sorted by file, then line, so a report reads top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}
