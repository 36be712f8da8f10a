import { readdirSync } from 'node:fs';

/** Whether a process is still running: stale temporary files and profiles are named by pid. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Entries of `dir` named `<prefix><pid>-…` whose process is gone: left behind by a build or
 * preview that was killed before it could remove them. Never this process's own.
 */
export function staleEntries(dir: string, prefix: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isRunning(pid);
  });
}
