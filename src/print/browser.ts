/**
 * The only module that starts Chromium. Puppeteer never downloads a browser here
 * (.puppeteerrc.cjs): it uses PUPPETEER_EXECUTABLE_PATH or Debian's /usr/bin/chromium.
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer';
import type { Browser } from 'puppeteer';
import { EnvironmentError } from '../errors.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

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

/** Flags for a closed network and a headless machine; --no-sandbox only where it is needed (root). */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(),
  });
}

/** Run with a browser and always close it, whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
