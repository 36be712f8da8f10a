/**
 * The live preview: a local web server that shows the report as the printed PDF's pages, built
 * again on every saved change to the data, prose, templates or style sheet.
 *
 * - The real build (`build` from core/build.ts), with one Chromium kept running between builds,
 *   writing into a temporary folder of its own: the preview never touches output/.
 * - One build at a time: a change during a build queues exactly one more.
 * - Server-Sent Events (/events) tell the page that a build is done; the page fetches the PDF
 *   and draws its pages with pdf.js (client/preview.js).
 * - A failed build shows its message, as the command line prints it, in the page and in the
 *   terminal; the server keeps running and the next good build brings the report back.
 *
 * What it serves, and nothing else: the page, its script and style sheet, two pdf.js files (an
 * allow-list, assets.ts), the current PDF, /events and /status. It listens on 127.0.0.1 only,
 * answers only requests addressed to 127.0.0.1 or localhost (so a web page that rebinds its own
 * host name to 127.0.0.1 cannot read the report), and maps no URL to the file system.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { resolveContext } from '../context.ts';
import type { BuildContext, BuildFlags } from '../context.ts';
import { build } from '../core/build.ts';
import { formatDiagnostics, sortDiagnostics } from '../diagnostics.ts';
import { errorText } from '../error-text.ts';
import { staleEntries } from '../pid.ts';
import { closeBrowser, launchBrowser } from '../print/browser.ts';
import { loadAssets } from './assets.ts';
import { handle, HOST, listen, SECURITY_HEADERS, send } from './http.ts';
import { watchTrees } from './watch.ts';

export const DEFAULT_PORT = 4173;
export { HOST, PREVIEW_CSP } from './http.ts';

export interface PreviewOptions extends Omit<BuildFlags, 'outDir'> {
  /** Port on 127.0.0.1; 0 takes any free one. Default 4173. */
  port?: number | undefined;
  /** Quiet time after the last change before a build starts, in ms. Default 100. */
  debounceMs?: number | undefined;
  /** Where the terminal lines go (build results, errors, warnings). Default: stderr. */
  log?: ((line: string) => void) | undefined;
}

export interface Preview {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  readonly host: typeof HOST;
  readonly port: number;
  /** Stop watching, close the server and its connections, close Chromium, remove the temp folder. */
  close(): Promise<void>;
}

/** What the page is told after every change of state (/status, and each event on /events). */
export interface PreviewStatus {
  publication: string;
  year: number;
  /** Number of the last finished build, good or failed; 0 before the first. */
  build: number;
  /** A build is under way. */
  building: boolean;
  /** Whether the last finished build succeeded; null before the first. */
  ok: boolean | null;
  /** The failed build's message as the command line prints it (file:line:column, code frame). */
  error: string | null;
  /** Number of the build whose PDF /report.pdf serves; 0 while there is none. */
  pdf: number;
  pages: number;
  /** From the first saved change to the finished PDF, in ms. */
  ms: number;
  /** The last good build's warnings, formatted as the command line prints them. */
  warnings: string;
  warningCount: number;
}

/** Open /events connections at most (a page each); more is a runaway tab. */
const MAX_EVENT_CLIENTS = 32;
const TEMP_PREFIX = 'jaarverslag-voorbeeld-';

/** Start the preview; resolves once the server listens (the first build runs in the background). */
export async function startPreview(options: PreviewOptions = {}): Promise<Preview> {
  const log = options.log ?? ((line: string) => console.error(line));
  const port = options.port ?? DEFAULT_PORT;
  const debounceMs = options.debounceMs ?? 100;
  // Wrong names are usage errors, before anything starts. The output folder is replaced below.
  resolveContext({ ...options, outDir: undefined });
  const assets = loadAssets();
  removeStaleTemp();
  const temp = mkdtempSync(path.join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  const ctx = resolveContext({ ...options, outDir: temp });
  const removeTemp = () => rmSync(temp, { recursive: true, force: true, maxRetries: 5 });

  let closed = false;
  let pdf: { build: number; bytes: Buffer } | undefined;
  const status: PreviewStatus = {
    publication: ctx.publication,
    year: ctx.year,
    build: 0,
    building: false,
    ok: null,
    error: null,
    pdf: 0,
    pages: 0,
    ms: 0,
    warnings: '',
    warningCount: 0,
  };

  // --- Server-Sent Events ---------------------------------------------------------------------
  const clients = new Set<ServerResponse>();
  const message = () => `event: status\ndata: ${JSON.stringify(status)}\n\n`;
  const broadcast = () => {
    const m = message();
    for (const c of clients) c.write(m);
  };
  // A comment now and then keeps idle connections (and proxies, if any) from timing out.
  const ping = setInterval(() => {
    for (const c of clients) c.write(': wacht\n\n');
  }, 15_000);
  ping.unref();

  // --- HTTP -----------------------------------------------------------------------------------
  let actualPort = port;
  const server = createServer((req, res) =>
    handle(req, res, {
      assets,
      allowedHosts: () => [`${HOST}:${actualPort}`, `localhost:${actualPort}`],
      pdf: () => pdf,
      pdfName: `${ctx.baseName.replace(/[^A-Za-z0-9._-]/g, '-')}-voorbeeld.pdf`,
      status: () => status,
      events: (response) => {
        if (clients.size >= MAX_EVENT_CLIENTS || closed) {
          send(response, 503, 'text/plain; charset=utf-8', 'te veel open vensters\n');
          return;
        }
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        response.write(`retry: 1000\n\n${message()}`);
        clients.add(response);
        response.on('close', () => clients.delete(response));
      },
    }),
  );
  try {
    actualPort = await listen(server, port);
  } catch (e) {
    removeTemp();
    throw e;
  }

  // --- Chromium, kept running between builds ----------------------------------------------------
  let browser: Promise<Browser> | undefined;
  const browserNow = (): Promise<Browser> => {
    if (!browser) {
      const launching = launchBrowser();
      browser = launching;
      // A failed launch is reported by the build that waits for it; the next build tries again.
      launching.catch(() => {
        if (browser === launching) browser = undefined;
      });
    }
    const current = browser;
    return current.then((b) => {
      if (b.connected || closed) return b;
      // Chromium went away (crashed, killed): start a new one.
      if (browser === current) browser = undefined;
      void closeBrowser(b).catch(() => undefined);
      return browserNow();
    });
  };

  // --- Builds: one at a time, one more queued -------------------------------------------------
  let attempts = 0;
  let firstChange = 0;
  let running: Promise<void> | undefined;
  let again = false;
  let shownWarnings: string | undefined;

  const buildOnce = async (): Promise<void> => {
    const since = firstChange || performance.now();
    firstChange = 0;
    const n = ++attempts;
    status.building = true;
    broadcast();
    try {
      // Quick over byte-identical: the preview builds into a temporary folder, for the eye.
      const result = await build(ctx, { browser: browserNow(), reproducible: false });
      const bytes = readFileSync(result.pdfPath);
      if (closed) return;
      const ms = Math.round(performance.now() - since);
      const warnings = formatDiagnostics(sortDiagnostics(result.diagnostics));
      pdf = { build: n, bytes };
      Object.assign(status, {
        build: n,
        building: again,
        ok: true,
        error: null,
        pdf: n,
        pages: result.pages,
        ms,
        warnings,
        warningCount: result.diagnostics.length,
      });
      const count = result.diagnostics.length;
      const said = count ? `, ${count} ${count === 1 ? 'waarschuwing' : 'waarschuwingen'}` : '';
      log(`${clock()} build ${n}: ${result.pages} pagina's in ${ms} ms${said}`);
      // Warnings once, and again when they change: not the same screenful after every save.
      if (warnings && warnings !== shownWarnings) log(warnings);
      shownWarnings = warnings;
    } catch (e) {
      if (closed) return;
      const { text } = errorText(e);
      Object.assign(status, { build: n, building: again, ok: false, error: text });
      log(`${clock()} build ${n} mislukt:\n${text}`);
      // The next good build shows its warnings again.
      shownWarnings = undefined;
    }
    broadcast();
  };

  const request = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await buildOnce();
        } while (again && !closed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  // --- Watching ---------------------------------------------------------------------------------
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    if (closed) return;
    if (!firstChange) firstChange = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void request();
    }, debounceMs);
  };
  const watcher = watchTrees(watchedFolders(ctx), changed, (m) => log(`${clock()} ${m}`));

  // Chromium starts while the first build reads the data and draws the figures.
  void request();

  const url = `http://${HOST}:${actualPort}/`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host: HOST,
    port: actualPort,
    close() {
      if (closing) return closing;
      // Everything that can stop at once stops at once (a signal handler may exit right after).
      closed = true;
      clearTimeout(timer);
      clearInterval(ping);
      watcher.close();
      for (const c of clients) c.end();
      clients.clear();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      removeTemp();
      closing = (async () => {
        const starting = browser;
        browser = undefined;
        const started = await starting?.catch(() => undefined);
        if (started) await closeBrowser(started).catch(() => undefined);
        // A build under way fails now that its browser is gone; wait for it to let go.
        await running?.catch(() => undefined);
        await serverClosed;
        removeTemp();
      })();
      return closing;
    },
  };
}

/** data/<publication>/ (or the chosen data folder's) and templates/: everything a build reads. */
export function watchedFolders(ctx: BuildContext): string[] {
  // All of templates/, not only the set publicatie.yaml names: the name can change with an edit,
  // and a failed build cannot say which set it is.
  return [ctx.publicationDir, path.join(ctx.root, 'templates')];
}

/** Temporary folders of previews that were killed before they could remove them. */
function removeStaleTemp(): void {
  for (const name of staleEntries(tmpdir(), TEMP_PREFIX)) {
    rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
}

function clock(): string {
  return new Date().toLocaleTimeString('nl-NL', { hour12: false });
}
