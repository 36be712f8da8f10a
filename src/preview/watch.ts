/**
 * Watch folder trees for saved changes: one non-recursive fs.watch per directory.
 *
 * Not fs.watch(dir, { recursive: true }): on Linux, Node 20 builds that from one watcher per
 * *file*, and after an editor saves by writing a new file and renaming it over the old one (vim,
 * JetBrains' safe write, many others) that file's watcher is left on the deleted inode: every
 * later save of the file goes unseen. A directory's own watcher (inotify on the directory) sees
 * every write, create, rename and delete of its entries, so we watch directories only and walk
 * the tree again after each change to pick up new or removed sub-folders.
 */
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { lstatSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files an editor writes beside the real one (swap, backup, lock and probe files). */
const SCRATCH = /(^\.#)|(^#.*#$)|(~$)|(\.sw[a-z]$)|(^4913$)|(\.tmp$)|(\.kate-swp$)/i;

/** A tree with more folders than this is not a publication; stop before inotify runs out. */
const MAX_DIRECTORIES = 500;

export interface TreeWatcher {
  close(): void;
}

/**
 * Call `onChange(file)` (an absolute path) for every change under the given roots. Roots that do
 * not exist are skipped (and picked up when the tree is walked again after a change elsewhere).
 */
export function watchTrees(
  roots: readonly string[],
  onChange: (file: string) => void,
  onError: (message: string) => void = () => undefined,
): TreeWatcher {
  const watchers = new Map<string, { watcher: FSWatcher; ino: number }>();
  let closed = false;

  const directories = (): Map<string, number> => {
    const found = new Map<string, number>();
    const walk = (dir: string, root: boolean) => {
      if (found.size >= MAX_DIRECTORIES) return;
      let stat;
      try {
        // A root may be a link (a data folder kept elsewhere); links inside the tree are not
        // followed, so a link out of it cannot make us watch the disk.
        stat = root ? statSync(dir) : lstatSync(dir);
      } catch {
        return;
      }
      if (!stat.isDirectory()) return;
      found.set(dir, stat.ino);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory() && !e.name.startsWith('.')) walk(path.join(dir, e.name), false);
      }
    };
    for (const root of roots) walk(path.resolve(root), true);
    return found;
  };

  const sync = () => {
    if (closed) return;
    const wanted = directories();
    for (const [dir, entry] of watchers) {
      // Gone, or replaced by another directory of the same name: its watcher sees nothing now.
      if (wanted.get(dir) !== entry.ino) {
        entry.watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, ino] of wanted) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: true }, (_event, name) => {
          if (closed) return;
          const file = name ? path.join(dir, name.toString()) : dir;
          if (name && SCRATCH.test(path.basename(name.toString()))) return;
          onChange(file);
          // A new or removed sub-folder, a folder renamed: walk again.
          sync();
        });
        watcher.on('error', (e) => {
          watcher.close();
          watchers.delete(dir);
          if (!closed && (e as NodeJS.ErrnoException).code !== 'ENOENT') {
            onError(`${dir} wordt niet meer gevolgd: ${e.message}`);
          }
        });
        watchers.set(dir, { watcher, ino });
      } catch (e) {
        onError(`${dir} kan niet gevolgd worden: ${(e as Error).message}`);
      }
    }
  };

  sync();
  return {
    close() {
      closed = true;
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
