/**
 * Outputs are replaced together or not at all. Every file is first written to a temporary name
 * beside its target; only when all are written are they moved into place, each old file moved
 * aside first. If any step fails, the new files are taken away and the old ones put back, and
 * every temporary file is removed, so a failed build leaves output/ exactly as it was.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.ts';
import { isRunning } from '../pid.ts';

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/** The file operations used; tests put in one that fails at a chosen step. */
export interface WriteFs {
  writeFileSync(file: string, data: string | Uint8Array): void;
  renameSync(from: string, to: string): void;
}

const TEMP = /\.(\d+)\.(?:tmp|old)$/;

/** Temporary files that a killed build left beside the outputs. */
function removeStale(dir: string, names: readonly string[]): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || !names.some((n) => entry.startsWith(`${n}.`))) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !isRunning(pid)) fs.rmSync(path.join(dir, entry), { force: true });
  }
}

function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: 'de schijf is vol',
    EACCES: 'geen schrijfrechten',
    EPERM: 'geen schrijfrechten',
    EROFS: 'het bestandssysteem is alleen-lezen',
    EISDIR: 'er staat een map op die plaats',
    ENOTDIR: 'een deel van het pad is geen map',
  };
  return reasons[err.code ?? ''] ?? err.message ?? String(e);
}

function keepCopy(file: string, copy: string): void {
  try {
    fs.linkSync(file, copy);
  } catch {
    fs.copyFileSync(file, copy);
  }
}

export function writeOutputs(files: readonly OutputFile[], io: WriteFs = fs): string[] {
  // A target that is there but is no file (a folder, say) cannot be replaced: refuse first.
  for (const f of files) {
    const stat = fs.lstatSync(f.path, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) {
      throw new EnvironmentError(
        `${f.path} is geen bestand (${stat.isDirectory() ? 'een map' : 'iets anders'}); haal het weg of kies een andere uitvoermap. Er is niets geschreven.`,
      );
    }
  }
  const steps = files.map((f) => ({
    final: f.path,
    temp: `${f.path}.${process.pid}.tmp`,
    old: `${f.path}.${process.pid}.old`,
    data: f.data,
    hadOld: false,
    placed: false,
  }));
  try {
    for (const s of steps) {
      fs.mkdirSync(path.dirname(s.final), { recursive: true });
      removeStale(path.dirname(s.final), [path.basename(s.final)]);
    }
    for (const s of steps) io.writeFileSync(s.temp, s.data);
    for (const s of steps) {
      if (fs.existsSync(s.final)) {
        // Keep the old file under a second name; the rename below replaces the target in one
        // step, so a reader never finds it missing.
        keepCopy(s.final, s.old);
        s.hadOld = true;
      }
      io.renameSync(s.temp, s.final);
      s.placed = true;
    }
  } catch (e) {
    // Undo in reverse: take the new file away, put the old one back.
    for (const s of [...steps].reverse()) {
      try {
        if (s.hadOld) {
          fs.renameSync(s.old, s.final);
          // rename() between two links of one file does nothing: the old name is still there.
          fs.rmSync(s.old, { force: true });
        } else if (s.placed) fs.rmSync(s.final, { force: true });
      } catch {
        // keep undoing the others
      }
      fs.rmSync(s.temp, { force: true });
    }
    const failed = e as NodeJS.ErrnoException;
    throw new EnvironmentError(
      `de uitvoer kon niet worden geschreven${failed.path ? ` (${failed.path})` : ''}: ${why(e)}. De vorige uitvoer is ongewijzigd.`,
      { cause: e },
    );
  }
  for (const s of steps) if (s.hadOld) fs.rmSync(s.old, { force: true });
  return steps.map((s) => s.final);
}
