/**
 * Every input file (data, prose, templates, partials, style sheet, house style, images, fonts)
 * is read through this module, and only through it. One check for all of them, before a byte is
 * read: the real path (symbolic links followed) lies inside one of the allowed folders (the
 * project and the data folder the user chose), it is a regular file, it is not larger than its
 * kind allows, and a text file is valid UTF-8. A refused file is never opened, so no message can
 * show what is in a file outside the project.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import type { BuildContext } from './context.ts';
import type { Diagnostic } from './diagnostics.ts';
import { DataError } from './errors.ts';

/** What an input file is; sets its size limit and whether it is text. */
export type InputKind =
  | 'gegevens'
  | 'tekst'
  | 'sjabloon'
  | 'stijl'
  | 'huisstijl'
  | 'afbeelding'
  | 'lettertype'
  | 'kleurprofiel';

/** Largest size per kind, in bytes. A year's facts and a chapter's prose are a few kilobytes. */
export const MAX_INPUT_BYTES: Readonly<Record<InputKind, number>> = {
  gegevens: 1_000_000,
  tekst: 1_000_000,
  sjabloon: 1_000_000,
  stijl: 1_000_000,
  huisstijl: 1_000_000,
  afbeelding: 10_000_000,
  lettertype: 5_000_000,
  kleurprofiel: 1_000_000,
};

/** One file a build read, as the read log records it. */
export interface InputRead {
  /** The real path (links followed). */
  file: string;
  kind: InputKind;
}

const readLogs = new Set<Map<string, InputKind>>();

/**
 * Record every input read while `fn` runs (the archive lists exactly what a build read). Reads
 * that a module keeps in memory from an earlier build are not seen: callers add what they know.
 */
export async function withReadLog<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; reads: InputRead[] }> {
  const log = new Map<string, InputKind>();
  readLogs.add(log);
  try {
    const result = await fn();
    return { result, reads: [...log].map(([file, kind]) => ({ file, kind })) };
  } finally {
    readLogs.delete(log);
  }
}

export interface InputOptions {
  kind: InputKind;
  /** Folders the file must be in after following links (the project, the data folder). */
  roots: readonly string[];
  /** The path as messages show it (relative to the project root); the absolute path if not given. */
  file?: string | undefined;
  /** Rule name of the size and encoding messages ("yaml" for data files); default "bestand". */
  rule?: string | undefined;
  /** Message for a file that is not there, when the caller can say more than "ontbreekt". */
  missing?: string | undefined;
}

/**
 * An input file that is refused: outside the allowed folders, not a file, too large, not UTF-8,
 * missing or unreadable. A DataError with one located diagnostic; `reason` is the message
 * without the file, for callers that name the file themselves (an image named in the prose).
 */
export class InputFileError extends DataError {
  constructor(
    readonly diagnostic: Diagnostic,
    readonly reason: string,
    readonly code: 'ontbreekt' | 'buiten' | 'geen-bestand' | 'te-groot' | 'codering' | 'onleesbaar',
  ) {
    super([diagnostic]);
  }
}

/**
 * Where font files may be: the project, and its node_modules wherever that really is (a linked
 * node_modules, as pnpm or a shared install makes, is still the project's own packages).
 */
export function fontRoots(root: string): string[] {
  return [root, path.join(root, 'node_modules')];
}

/** The folders a build may read from: the project root and the data folder. */
export function inputRoots(ctx: Pick<BuildContext, 'root' | 'dataDir'>): string[] {
  return [ctx.root, ctx.dataDir];
}

function realRoot(root: string): string | undefined {
  try {
    return fs.realpathSync(root);
  } catch {
    return undefined;
  }
}

/** Whether `real` (a path without links) is `root` itself or inside it. */
function within(root: string, real: string): boolean {
  const relative = path.relative(root, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Whether `file` is inside one of `roots` after following links (of the file and the roots). */
export function isInsideRoots(roots: readonly string[], file: string): boolean {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    // Not there (yet): judge the path itself, with its folder's links followed where it exists.
    const dir = realRoot(path.dirname(path.resolve(file)));
    real = dir ? path.join(dir, path.basename(file)) : path.resolve(file);
  }
  return roots.some((root) => {
    const base = realRoot(root);
    return base !== undefined && within(base, real);
  });
}

const REASONS: Record<string, string> = {
  EACCES: 'geen leesrechten',
  EPERM: 'geen leesrechten',
  ELOOP: 'een symbolische koppeling die naar zichzelf verwijst',
  ENOTDIR: 'een deel van het pad is geen map',
  ENAMETOOLONG: 'het pad is te lang',
};

function kindName(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'een map';
  if (stat.isFIFO()) return 'een pijp (FIFO)';
  if (stat.isSocket()) return 'een socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'een apparaat';
  return 'geen gewoon bestand';
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * The one check, then the read: the file's bytes, or an InputFileError. The file is opened by
 * its real path without following a link there (a link put in its place after the check is
 * refused) and without blocking, and checked again on the open descriptor before reading.
 */
export function readInputBytes(absPath: string, options: InputOptions): Buffer {
  const file = options.file ?? absPath;
  const refuse = (
    code: InputFileError['code'],
    reason: string,
    rule = 'bestand',
    place: { line?: number; column?: number } = {},
  ): never => {
    throw new InputFileError(
      { severity: 'error', file, rule, message: reason, ...place },
      reason,
      code,
    );
  };
  const max = MAX_INPUT_BYTES[options.kind];

  let real: string;
  try {
    real = fs.realpathSync(absPath);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') {
      const dangling = (() => {
        try {
          return fs.lstatSync(absPath).isSymbolicLink();
        } catch {
          return false;
        }
      })();
      return refuse(
        'ontbreekt',
        dangling
          ? 'het bestand is een symbolische koppeling naar een bestand dat niet bestaat'
          : (options.missing ?? 'het bestand ontbreekt'),
      );
    }
    return refuse(
      'onleesbaar',
      `het bestand kan niet gelezen worden: ${REASONS[err.code ?? ''] ?? err.code}`,
    );
  }
  const roots = options.roots.map(realRoot).filter((r): r is string => r !== undefined);
  if (!roots.some((root) => within(root, real))) {
    return refuse(
      'buiten',
      `verwacht een bestand binnen het project of de gegevensmap (${options.roots.join(' of ')}); ` +
        `dit pad verwijst naar ${real}, daarbuiten: het bestand wordt niet gelezen`,
    );
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return refuse('onleesbaar', `het bestand kan niet gelezen worden: ${REASONS[code] ?? code}`);
  }
  if (!stat.isFile())
    return refuse('geen-bestand', `verwacht een bestand, gevonden ${kindName(stat)}`);
  const tooLarge = (size: number) =>
    refuse(
      'te-groot',
      `het bestand is ${size} bytes; verwacht ten hoogste ${max} bytes`,
      options.rule ?? 'bestand',
    );
  if (stat.size > max) return tooLarge(stat.size);

  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return refuse('onleesbaar', `het bestand kan niet gelezen worden: ${REASONS[code] ?? code}`);
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile())
      return refuse('geen-bestand', `verwacht een bestand, gevonden ${kindName(opened)}`);
    if (opened.dev !== stat.dev || opened.ino !== stat.ino) {
      return refuse(
        'onleesbaar',
        'het bestand veranderde terwijl het gelezen werd; probeer het opnieuw',
      );
    }
    // Read at most max + 1 bytes: a file that grew after the check is still refused.
    const buffer = Buffer.alloc(Math.min(opened.size, max) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > max) return tooLarge(length);
      if (length === buffer.length) break;
    }
    for (const log of readLogs) log.set(real, options.kind);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence; -1 when all are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** A text input: checked like every input, then decoded as UTF-8 (a bad byte is an error). */
export function readInputText(absPath: string, options: InputOptions): string {
  const bytes = readInputBytes(absPath, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at));
    const column = [...before].length + 1;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const reason =
      `verwacht tekst in UTF-8, gevonden byte 0x${byte} (een andere codering, zoals ` +
      'Windows-1252?); sla het bestand op als UTF-8';
    throw new InputFileError(
      {
        severity: 'error',
        file: options.file ?? absPath,
        line,
        column,
        rule: options.rule ?? 'bestand',
        message: reason,
      },
      reason,
      'codering',
    );
  }
}
