/**
 * The layout decisions of an earlier print, kept by the content they were made for: the same
 * HTML printed by the same Chromium with the same layout code gives the same pages, so a rebuild
 * applies them at once and measures once to confirm, instead of finding them print by print.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderHash, writeCacheEntry } from '../figures/cache.ts';

export interface LayoutDecisions {
  /** Words whose soft hyphens were taken out, by number. */
  unhyphenate: number[];
  /** The moves of flow blocks, in the order they were made. */
  moves: Array<[number, number, 'after' | 'before']>;
}

export interface LayoutCache {
  get(key: string): LayoutDecisions | undefined;
  set(key: string, decisions: LayoutDecisions): void;
}

let codeHash: string | undefined;

/** The print code as one hash: other code, other decisions. */
function layoutCodeHash(): string {
  codeHash ??= folderHash(path.dirname(fileURLToPath(import.meta.url)));
  return codeHash;
}

/** The key of one print: the document, the browser and the layout code. */
export function layoutKey(html: string, browserVersion: string): string {
  return createHash('sha256')
    .update(layoutCodeHash())
    .update(browserVersion)
    .update(html)
    .digest('hex');
}

function isDecisions(value: unknown): value is LayoutDecisions {
  const v = value as Partial<LayoutDecisions> | null;
  return (
    !!v &&
    Array.isArray(v.unhyphenate) &&
    v.unhyphenate.every((n) => Number.isInteger(n)) &&
    Array.isArray(v.moves) &&
    v.moves.every(
      (m) =>
        Array.isArray(m) &&
        Number.isInteger(m[0]) &&
        Number.isInteger(m[1]) &&
        (m[2] === 'after' || m[2] === 'before'),
    )
  );
}

/** A cache in a folder; anything unreadable is a miss (it only costs time). */
export function folderLayoutCache(dir: string): LayoutCache {
  const file = (key: string) => path.join(dir, `${key}.json`);
  return {
    get(key) {
      try {
        const value: unknown = JSON.parse(readFileSync(file(key), 'utf8'));
        return isDecisions(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, decisions) {
      writeCacheEntry(file(key), JSON.stringify(decisions));
    },
  };
}
