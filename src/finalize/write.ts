/**
 * Outputs are written atomically: every file goes to a temporary name first and is renamed over
 * the old one only when all of them are written, so a failed build leaves output/ as it was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

export function writeOutputs(files: readonly OutputFile[]): string[] {
  const temps: Array<{ temp: string; final: string }> = [];
  try {
    for (const f of files) {
      mkdirSync(path.dirname(f.path), { recursive: true });
      const temp = `${f.path}.${process.pid}.tmp`;
      writeFileSync(temp, f.data);
      temps.push({ temp, final: f.path });
    }
    for (const t of temps) renameSync(t.temp, t.final);
    return temps.map((t) => t.final);
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw e;
  }
}
