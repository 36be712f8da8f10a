/**
 * Charts are rendered once per content. The key is a hash of everything the SVG follows from:
 * the table, the theme, the id prefix, the chart code itself (every file of this folder), the
 * Vega and Vega-Lite versions and the font files. A changed number, colour, font or line of
 * chart code gives a new key; nothing stale is ever reused. Entries are small SVG files under
 * output/.cache/figuren/, written atomically; a damaged entry is rendered again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let codeHash: string | undefined;

/** A package's version, from the package.json above its entry point (not all export it). */
export function packageVersion(name: string): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (dir !== path.dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === name) return json.version ?? '?';
    } catch {
      // not here: one folder up
    }
    dir = path.dirname(dir);
  }
  return '?';
}

/**
 * A hash of every file of a code folder (names and contents), and of `extra`: the code a cache
 * entry follows from. Other code, another key.
 */
export function folderHash(dir: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort())
    hash.update(name).update(readFileSync(path.join(dir, name)));
  for (const e of extra) hash.update(e);
  return hash.digest('hex');
}

/** Write a cache entry atomically (a temporary file, then a rename); a failure only costs time. */
export function writeCacheEntry(file: string, data: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** The chart code and the libraries it uses, as one hash (computed once per process). */
function chartCodeHash(): string {
  codeHash ??= folderHash(
    path.dirname(fileURLToPath(import.meta.url)),
    ['vega', 'vega-lite'].map((pkg) => `${pkg}@${packageVersion(pkg)}`),
  );
  return codeHash;
}

/** The cache key of one chart. `fontFiles` are identified by path, size and modification time. */
export function chartKey(input: unknown, fontFiles: readonly string[]): string {
  const fonts = fontFiles.map((f) => {
    const s = statSync(f, { throwIfNoEntry: false });
    return `${f}:${s?.size ?? 0}:${s?.mtimeMs ?? 0}`;
  });
  return createHash('sha256')
    .update(chartCodeHash())
    .update(JSON.stringify({ input, fonts }))
    .digest('hex');
}

export interface ChartCache {
  get(key: string): string | undefined;
  set(key: string, svg: string): void;
}

/** A cache in a folder (and in memory, for the preview and `--all`). */
export function folderCache(dir: string): ChartCache {
  const memory = new Map<string, string>();
  const file = (key: string) => path.join(dir, `${key}.svg`);
  return {
    get(key) {
      const known = memory.get(key);
      if (known) return known;
      try {
        const svg = readFileSync(file(key), 'utf8');
        if (!svg.startsWith('<svg') || !svg.trimEnd().endsWith('</svg>')) return undefined;
        memory.set(key, svg);
        return svg;
      } catch {
        return undefined;
      }
    },
    set(key, svg) {
      memory.set(key, svg);
      writeCacheEntry(file(key), svg);
    },
  };
}
