/**
 * A YAML file parsed with its source positions kept, so that any value can be traced back to
 * file:line:column. Hostile input (alias bombs, deep nesting, huge files) ends in a clear error.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { fieldPath } from '../diagnostics.ts';
import { InputFileError, MAX_INPUT_BYTES, readInputText } from '../files.ts';

/** Larger data files are refused: a year's facts are a few kilobytes. */
export const MAX_YAML_BYTES = MAX_INPUT_BYTES.gegevens;
/** Nesting deeper than this is refused before it can exhaust the stack. */
export const MAX_YAML_DEPTH = 40;
/** Aliases expand to at most this many nodes (billion-laughs guard). */
export const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  /** Path relative to the project root (for messages). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain value; undefined when the file did not parse. */
  value: unknown;
}

export interface Place {
  line: number;
  column: number;
}

/**
 * Read (through the one input check: inside `roots`, a regular file, at most 1 MB, UTF-8) and
 * parse; problems are returned as diagnostics, never thrown.
 */
export function readYaml(
  absPath: string,
  file: string,
  roots: readonly string[],
): { source?: YamlSource; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readInputText(absPath, { kind: 'gegevens', roots, file, rule: 'yaml' });
  } catch (e) {
    if (e instanceof InputFileError) return { diagnostics: [e.diagnostic] };
    throw e;
  }
  return parseYaml(text, file);
}

export function parseYaml(
  text: string,
  file: string,
): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const depth = nestingDepth(text);
  if (depth.depth > MAX_YAML_DEPTH) {
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          line: depth.line,
          rule: 'yaml',
          message: `de gegevens zijn dieper genest dan ${MAX_YAML_DEPTH} niveaus`,
        },
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return {
      severity: 'error',
      file,
      line: pos.line,
      column: pos.col,
      rule: 'yaml',
      message: firstLine(e.message),
      frame: codeFrame(text, pos.line, pos.col),
    };
  });
  if (diagnostics.length > 0) return { diagnostics };
  try {
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { source: { file, text, doc, lines, value }, diagnostics: [] };
  } catch (e) {
    return {
      diagnostics: [
        {
          severity: 'error',
          file,
          rule: 'yaml',
          message: `${firstLine((e as Error).message)} (ten hoogste ${MAX_ALIAS_COUNT} alias-verwijzingen)`,
        },
      ],
    };
  }
}

/** The node a path points at, or undefined when the path is not in the file. */
export function nodeAt(src: YamlSource, path: readonly PropertyKey[]): Node | undefined {
  let node: Node | undefined = src.doc.contents ?? undefined;
  for (const step of path) {
    node = child(node, step);
    if (!node) return undefined;
  }
  return node;
}

/** The line and column of a character offset in the source. */
export function placeOf(src: YamlSource, offset: number): Place {
  const pos = src.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Where a path points in the source. For a key that is not there, the nearest existing parent;
 * with `key`, the key itself (for "unknown key" messages).
 */
export function locate(src: YamlSource, path: readonly PropertyKey[], key?: string): Place {
  let node: unknown = src.doc.contents;
  let found: Node | undefined = src.doc.contents ?? undefined;
  for (const step of path) {
    const next = child(node, step);
    if (!next) break;
    node = next;
    found = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find(
      (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key,
    );
    if (pair && isScalar(pair.key)) found = pair.key;
  }
  const offset = found?.range?.[0] ?? 0;
  const pos = src.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function child(node: unknown, step: PropertyKey): Node | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
    return (pair?.value as Node | null) ?? undefined;
  }
  if (isSeq(node) && typeof step === 'number')
    return (node.items[step] as Node | null) ?? undefined;
  return undefined;
}

/** A located diagnostic for a path in a YAML source, with a code frame. */
export function diagnosticAt(
  src: YamlSource,
  path: readonly PropertyKey[],
  init: {
    severity?: Diagnostic['severity'];
    rule: string;
    message: string;
    key?: string;
    /** A more precise place inside the value at `path` (a name inside a formula). */
    at?: Place;
  },
): Diagnostic {
  const place = init.at ?? locate(src, path, init.key);
  const field = fieldPath(init.key === undefined ? path : [...path, init.key]);
  return {
    severity: init.severity ?? 'error',
    file: src.file,
    line: place.line,
    column: place.column,
    field: field || undefined,
    rule: init.rule,
    message: init.message,
    frame: codeFrame(src.text, place.line, place.column),
  };
}

/** Two lines of context and a caret under the column. */
export function codeFrame(text: string, line: number, column: number): string {
  const all = linesOf(text);
  const from = Math.max(1, line - 1);
  const to = Math.min(all.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${all[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

/**
 * The lines of the file last framed: a file with many messages is split once, not once per
 * message (a 1 MB file with thousands of errors would otherwise take minutes).
 */
let framed: { text: string; lines: string[] } | undefined;
function linesOf(text: string): string[] {
  if (framed?.text !== text) framed = { text, lines: text.split('\n') };
  return framed.lines;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** Bracket/indent nesting measured on the text, before the parser recurses into it. */
function nestingDepth(text: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let maxLine = 1;
  let line = 1;
  let indentLevels = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      let j = i + 1;
      let spaces = 0;
      while (text[j] === ' ') {
        spaces++;
        j++;
      }
      indentLevels = Math.floor(spaces / 2);
      if (depth + indentLevels > max) {
        max = depth + indentLevels;
        maxLine = line;
      }
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth + indentLevels > max) {
        max = depth + indentLevels;
        maxLine = line;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, line: maxLine };
}
