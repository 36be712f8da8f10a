/** What the commands print: warnings together, and progress on a terminal only. */
import type { Diagnostic } from '../diagnostics.ts';
import { formatDiagnostics, sortDiagnostics } from '../diagnostics.ts';

export function printWarnings(list: readonly Diagnostic[]): void {
  if (list.length) console.error(formatDiagnostics(sortDiagnostics(list)));
}

/**
 * Stage-by-stage progress on one terminal line; silent when stderr is not a terminal.
 * JAARVERSLAG_TIMING=1 prints instead each stage's start, in ms since the process started.
 */
export function progress(label: string): { stage(name: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  const timing = process.env.JAARVERSLAG_TIMING === '1';
  const started = performance.now();
  const show = (text: string) => {
    if (tty && !timing) process.stderr.write(`\r\x1b[2K${text}`);
  };
  const mark = (name: string) => {
    if (timing) console.error(`tijd ${performance.now().toFixed(0)} ms: ${label}: ${name}`);
  };
  return {
    stage: (name) => {
      mark(name);
      show(`${label}: ${name} … ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    done: () => {
      mark('klaar');
      show('');
    },
  };
}
