/**
 * `jaarverslag preview` (`npm run dev`): the live preview on http://127.0.0.1:<port>/ until
 * Ctrl+C. The server, the builds and the page are in src/preview/.
 */
import type { BuildFlags } from '../context.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_PORT, startPreview } from '../preview/server.ts';
import type { Preview } from '../preview/server.ts';

const SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;

/** `--port N`: 0 (any free port) to 65535; the default when not given. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port verwacht een poortnummer van 0 tot 65535, gevonden "${value}"`);
  }
  return Number(value);
}

export async function previewCommand(flags: BuildFlags, port: string | undefined): Promise<number> {
  const chosen = parsePort(port);
  let preview: Preview | undefined;
  let signalled: keyof typeof SIGNALS | undefined;
  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const stop = async () => {
    const code = 128 + SIGNALS[signalled ?? 'SIGTERM'];
    if (preview) await preview.close().catch(() => undefined);
    finish(code);
  };
  // Ours before Chromium's: print/browser.ts installs its own handlers when it launches, and they
  // end the process once the browser is killed. By then close() has already done, synchronously,
  // what must not be left behind: watchers, server and temporary folder.
  const handlers = Object.fromEntries(
    Object.keys(SIGNALS).map((name) => [
      name,
      () => {
        if (signalled) return;
        signalled = name as keyof typeof SIGNALS;
        console.error(`\nvoorbeeld gestopt (${name})`);
        void stop();
      },
    ]),
  );
  const unlisten = () => {
    for (const [name, handler] of Object.entries(handlers)) process.off(name, handler);
  };
  for (const [name, handler] of Object.entries(handlers)) process.on(name, handler);
  try {
    preview = await startPreview({ ...flags, port: chosen });
  } catch (e) {
    unlisten();
    throw e;
  }
  // A signal while it was starting.
  if (signalled) void stop();
  else console.log(`Voorbeeld: ${preview.url}  (Ctrl+C stopt)`);
  const code = await finished;
  unlisten();
  return code;
}
