/**
 * The only module that starts Chromium. Puppeteer never downloads a browser here
 * (.puppeteerrc.cjs): it uses PUPPETEER_EXECUTABLE_PATH or Debian's /usr/bin/chromium.
 *
 * Chromium dies with the build. It runs in its own process group (Puppeteer spawns it detached)
 * and talks to us over a pipe, so it exits by itself when this process is gone, even after a
 * SIGKILL. On exit and on SIGINT/SIGTERM/SIGHUP the group is killed and its profile folder
 * removed; a profile folder that a killed build left behind is removed by the next launch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import type { Browser } from 'puppeteer';
import { EnvironmentError } from '../errors.ts';
import { staleEntries } from '../pid.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Profile folders are named for the process that made them, so a later build can tell stale ones. */
const PROFILE_PREFIX = 'jaarverslag-chromium-';

/** Where Chromium is, or a message that says how to install it. */
export function chromiumPath(): string {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new EnvironmentError(
        `PUPPETEER_EXECUTABLE_PATH wijst naar ${fromEnv}, maar dat bestand bestaat niet`,
      );
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new EnvironmentError(
      'Chromium niet gevonden. Installeer het (Debian: apt-get install chromium) of zet PUPPETEER_EXECUTABLE_PATH.',
    );
  }
  return found;
}

/**
 * No connection leaves the browser, whatever the page says: every scheme, loopback included,
 * goes to a proxy that is not there; host names resolve to nothing; WebRTC may not send UDP
 * outside a proxy; no pings, prefetches or background traffic.
 */
export const CLOSED_NETWORK_ARGS: readonly string[] = [
  // Port 9 (discard) on loopback: nothing listens there, so every request fails at once.
  '--proxy-server=socks5://127.0.0.1:9',
  // Chromium bypasses the proxy for loopback unless told not to.
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--no-pings',
  '--dns-prefetch-disable',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
];

/** Flags for a closed network and a headless machine; --no-sandbox only where it is needed (root). */
export function chromiumArgs(): string[] {
  const args = [
    ...CLOSED_NETWORK_ARGS,
    '--no-first-run',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

/** Remove profile folders of builds that are no longer running (killed before they could). */
export function removeStaleProfiles(dir: string = tmpdir()): string[] {
  const stale = staleEntries(dir, PROFILE_PREFIX);
  for (const name of stale) removeProfile(path.join(dir, name));
  return stale;
}

interface Running {
  browser: Browser;
  profile: string;
}

const running = new Set<Running>();

/** Kill a browser's whole process group at once and remove its profile; safe to call twice. */
function killNow(r: Running): void {
  const pid = r.browser.process()?.pid;
  if (pid) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  removeProfile(r.profile);
  running.delete(r);
}

/** Remove a profile folder; never throws (a folder left behind is removed by a later launch). */
function removeProfile(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
  } catch {
    // removeStaleProfiles takes it next time
  }
}

const SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
let handlersInstalled = false;
/** Launches under way: a signal then waits for them, so their browser can be killed too. */
const launching = new Set<Promise<Browser>>();

function killAll(): void {
  for (const r of [...running]) killNow(r);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      const finish = () => {
        killAll();
        process.exit(128 + number);
      };
      if (launching.size === 0) return finish();
      // A browser still starting: wait for it (not long), then kill it with the rest.
      setTimeout(finish, 5_000);
      void Promise.allSettled([...launching]).then(finish);
    });
  }
}

function makeProfile(): string {
  const base = tmpdir();
  try {
    return mkdtempSync(path.join(base, `${PROFILE_PREFIX}${process.pid}-`));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new EnvironmentError(
      `de tijdelijke map ${base} is niet te gebruiken voor Chromium (${code}); zet TMPDIR naar een map waarin geschreven kan worden`,
      { cause: e },
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  removeStaleProfiles();
  installHandlers();
  const profile = makeProfile();
  let browser: Browser;
  const launch = puppeteer.launch({
    executablePath,
    headless: true,
    // A pipe, not a WebSocket: Chromium quits when the pipe closes, i.e. when we die.
    pipe: true,
    userDataDir: profile,
    args: chromiumArgs(),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  launching.add(launch);
  try {
    browser = await launch;
    running.add({ browser, profile });
  } catch (e) {
    removeProfile(profile);
    throw new EnvironmentError(
      `Chromium (${executablePath}) kon niet starten: ${((e as Error).message ?? '').split('\n')[0]}`,
      { cause: e },
    );
  } finally {
    launching.delete(launch);
  }
  return browser;
}

/** Close a browser started by launchBrowser; its process group is killed if it does not close. */
export async function closeBrowser(browser: Browser): Promise<void> {
  const entry = [...running].find((r) => r.browser === browser);
  try {
    await browser.close();
  } finally {
    if (entry) killNow(entry);
  }
}

/** Run with a browser and always close it, whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await closeBrowser(browser);
  }
}

/**
 * Start Chromium now and run `fn` with it still starting: the caller's own work (data, prose,
 * figures, loading modules) overlaps the launch, a process of its own. A launch failure is
 * reported where `fn` awaits the browser; the browser is always closed.
 */
export async function whileBrowserStarts<T>(
  fn: (browser: Promise<Browser>) => Promise<T>,
): Promise<T> {
  const browser = launchBrowser();
  browser.catch(() => undefined);
  try {
    return await fn(browser);
  } finally {
    const started = await browser.catch(() => undefined);
    if (started) await closeBrowser(started);
  }
}
