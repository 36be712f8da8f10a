/** Small editions for tests: a copy of a fixture with some files changed, in a temporary folder. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');

export interface FixtureCopy {
  dataDir: string;
  /** Absolute path of a file in the copy, from its path under data/. */
  file(relative: string): string;
  /** 1-based line of the first line containing `needle` in a file of the copy. */
  lineOf(relative: string, needle: string): number;
  /** 1-based column of `needle` on that line. */
  columnOf(relative: string, needle: string): number;
}

/** Copy tests/fixtures/<name>/data to a temporary folder and apply text edits to its files. */
export function fixtureCopy(
  name: string,
  edits: Record<string, (text: string) => string> = {},
): FixtureCopy {
  const dir = mkdtempSync(path.join(tmpdir(), `jv-${name}-`));
  const dataDir = path.join(dir, 'data');
  cpSync(path.join(FIXTURES, name, 'data'), dataDir, { recursive: true });
  for (const [relative, edit] of Object.entries(edits)) {
    const file = path.join(dataDir, relative);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  const lines = (relative: string) =>
    readFileSync(path.join(dataDir, relative), 'utf8').split('\n');
  const lineOf = (relative: string, needle: string) => {
    const i = lines(relative).findIndex((l) => l.includes(needle));
    if (i < 0) throw new Error(`${needle} not in ${relative}`);
    return i + 1;
  };
  return {
    dataDir,
    file: (relative) => path.join(dataDir, relative),
    lineOf,
    columnOf: (relative, needle) =>
      (lines(relative)[lineOf(relative, needle) - 1] ?? '').indexOf(needle) + 1,
  };
}

/** A copy of a real publication's data (data/<name>) in a temporary folder; returns the data folder. */
export function publicationCopy(name: string): string {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), `jv-${name}-`)), 'data');
  cpSync(path.join(ROOT, 'data', name), path.join(dataDir, name), { recursive: true });
  return dataDir;
}

/** Change a file in place; an edit that changes nothing is a mistake in the test. */
export function editFile(file: string, change: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`edit changed nothing in ${file}`);
  writeFileSync(file, after);
}
