/**
 * What a hostile or careless input can still do, tried for real: each layer of the print
 * page's defence on its own (a listener on the loopback address counts zero connections), a
 * killed build leaves no Chromium behind, and the outputs are replaced together or not at all.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { EnvironmentError } from '../../src/errors.ts';
import { chromiumPath, launchBrowser, closeBrowser } from '../../src/print/browser.ts';
import { printHtml } from '../../src/print/print.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/render/policy.ts';
import { fixtureCopy, ROOT } from '../support/fixture.ts';
import { attackPage, listen } from '../support/listener.ts';
import type { Listener } from '../support/listener.ts';
import { pageTexts } from '../support/pdf.ts';

const EDITIE = 'proef/2024/editie.yaml';
const PROSE = 'proef/2024/tekst/2-verder.md';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A browser as Puppeteer starts it by default: no closed network, scripts on. */
async function plainBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

async function visit(browser: Browser, html: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' }).catch(() => undefined);
    await sleep(1500);
    return await page.evaluate(() => document.getElementById('t')?.textContent ?? '');
  } finally {
    await page.close();
  }
}

const POLICY = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`;

describe('no connection leaves the print page', () => {
  let l: Listener;
  let plain: Browser;
  beforeAll(async () => {
    l = await listen();
    plain = await plainBrowser();
  });
  afterAll(async () => {
    await plain.close();
    await l.close();
  });

  it('control: a default browser does reach the listener with the attack page', async () => {
    const before = l.count();
    expect(await visit(plain, attackPage(l))).toBe('SCRIPT LIEP');
    expect(l.count() - before).toBeGreaterThan(3);
  });

  it('layer 1, the browser: started with a closed network, nothing gets out even with scripts on', async () => {
    const before = l.count();
    const browser = await launchBrowser();
    try {
      // Scripts are on here on purpose: this layer alone must hold.
      expect(await visit(browser, attackPage(l))).toBe('SCRIPT LIEP');
    } finally {
      await closeBrowser(browser);
    }
    expect(l.seen.slice(-5)).toBeDefined();
    expect(l.count() - before).toBe(0);
  });

  it('layer 2, the Content-Security-Policy: a default browser loads and runs nothing', async () => {
    const before = l.count();
    // Without preconnect and dns-prefetch hints: a CSP does not govern those (layer 1 does).
    const page = attackPage(l, { policy: POLICY })
      .split('\n')
      .filter((line) => !/preconnect|dns-prefetch/.test(line))
      .join('\n');
    expect(await visit(plain, page)).toBe('start');
    expect(l.count() - before).toBe(0);
  });

  it('layer 3, the print page runs no JavaScript', async () => {
    const browser = await plainBrowser();
    try {
      const html =
        '<!DOCTYPE html><html><head></head><body><p id="t">zonder script</p>' +
        "<script>document.getElementById('t').textContent = 'SCRIPT LIEP';</script></body></html>";
      const printed = await printHtml(browser, html, 'proef');
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'jv-js-')), 'p.pdf');
      writeFileSync(file, printed.pdf);
      const text = pageTexts(file).join(' ');
      expect(text).toContain('zonder script');
      expect(text).not.toContain('SCRIPT LIEP');
    } finally {
      await browser.close();
    }
  });

  it('the whole build: a title that tries to break out of <style> is printed as text, nothing leaves', async () => {
    const base = `http://127.0.0.1:${l.tcpPort}`;
    const titles = [
      `Jaarverslag</style><link rel=prefetch href=${base}/x><style>`,
      `Jaarverslag</style><script>document.body.innerHTML='GEHACKT';fetch('${base}/s')</script><style>`,
    ];
    const clean = await build(
      resolveContext({
        dataDir: fixtureCopy('minimaal').dataDir,
        outDir: mkdtempSync(path.join(tmpdir(), 'jv-out-')),
        publication: 'proef',
        year: 2024,
      }),
    );
    for (const title of titles) {
      const before = l.count();
      const copy = fixtureCopy('minimaal', {
        [EDITIE]: (t) =>
          t.replace('titel: Jaarverslag Wonen 2024', `titel: ${JSON.stringify(title)}`),
      });
      const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
      const result = await build(
        resolveContext({ dataDir: copy.dataDir, outDir, publication: 'proef', year: 2024 }),
      );
      expect(l.count() - before).toBe(0);
      const pages = pageTexts(result.pdfPath);
      expect(pages).toHaveLength(result.pages);
      expect(result.pages).toBe(clean.pages);
      // The script did not run: the body is the report, not "GEHACKT" alone.
      expect(pages.join(' ')).toContain('Proefdorp telt 1.234 inwoners');
      expect(pages.some((p) => p.trim() === 'GEHACKT')).toBe(false);
      // The running header of the contents page shows the title as the text it is.
      expect(pages[1]).toContain(title.slice(0, 30));
      const html = readFileSync(result.htmlPath, 'utf8');
      expect(html).not.toMatch(/<script|<link/i);
      // A reader's browser gets the same policy as the print page.
      expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    }
  });
});

/** Processes whose command line contains `marker` (Chromium's --user-data-dir). */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(marker))
        found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Start a CLI build of a longer edition with its own temp folder; resolve once Chromium runs. */
async function buildUntilChromium(): Promise<{
  child: ReturnType<typeof spawn>;
  temp: string;
  marker: string;
}> {
  const copy = fixtureCopy('minimaal', {
    // Long enough that printing takes a while.
    [PROSE]: (t) =>
      `${t}\n${Array.from({ length: 400 }, (_, i) => `Alinea ${i + 1}: de woningmarkt in het proefdorp ontwikkelt zich volgens verwachting.\n`).join('\n')}`,
  });
  const temp = mkdtempSync(path.join(tmpdir(), 'jv-tmp-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/jaarverslag.js'), 'build'], {
    env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir, TMPDIR: temp },
    stdio: 'ignore',
  });
  const marker = `--user-data-dir=${temp}/jaarverslag-chromium-${child.pid}-`;
  const started = Date.now();
  while (processesWith(marker).length === 0) {
    if (Date.now() - started > 60_000 || child.exitCode !== null)
      throw new Error('Chromium started not within 60 s');
    await sleep(10);
  }
  return { child, temp, marker };
}

async function gone(marker: string, ms = 15_000): Promise<number[]> {
  const until = Date.now() + ms;
  let left = processesWith(marker);
  while (left.length && Date.now() < until) {
    await sleep(100);
    left = processesWith(marker);
  }
  return left;
}

describe('Chromium dies with the build', () => {
  it('SIGKILL of the build: no Chromium process survives; the next launch removes its profile', async () => {
    const { child, temp, marker } = await buildUntilChromium();
    expect(processesWith(marker).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(await gone(marker)).toEqual([]);
    // The killed build could not remove its profile folder; the next launch does.
    const left = () => readdirSync(temp).filter((n) => n.startsWith('jaarverslag-chromium-'));
    expect(left()).toHaveLength(1);
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      await closeBrowser(await launchBrowser());
    } finally {
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
    }
    expect(left()).toEqual([]);
  });

  it('SIGTERM of the build: Chromium closed, profile folder removed, exit code 143', async () => {
    const { child, temp, marker } = await buildUntilChromium();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(await gone(marker, 2_000)).toEqual([]);
    expect(readdirSync(temp).filter((n) => n.startsWith('jaarverslag-chromium-'))).toEqual([]);
  });

  it('a temp folder Chromium cannot use is a message that names it, not a stack trace', async () => {
    const saved = process.env.TMPDIR;
    const missing = path.join(tmpdir(), 'jv-bestaat-niet', 'diep');
    process.env.TMPDIR = missing;
    try {
      await expect(launchBrowser()).rejects.toThrow(
        `de tijdelijke map ${missing} is niet te gebruiken voor Chromium (ENOENT)`,
      );
      await expect(launchBrowser()).rejects.toBeInstanceOf(EnvironmentError);
    } finally {
      process.env.TMPDIR = saved;
      if (saved === undefined) delete process.env.TMPDIR;
    }
    expect(existsSync(missing)).toBe(false);
  });
});

describe('the outputs are replaced together or not at all', () => {
  it('when the HTML cannot be replaced, the PDF is not replaced either', async () => {
    const copy = fixtureCopy('minimaal');
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const ctx = resolveContext({ dataDir: copy.dataDir, outDir, publication: 'proef', year: 2024 });
    const first = await build(ctx);
    const pdfBefore = readFileSync(first.pdfPath);
    // PDF, HTML and the tables' CSV files (open data), as the first build left them.
    const filesBefore = readdirSync(path.dirname(first.pdfPath)).sort();
    // Something that is not a file stands where the HTML goes.
    const { rmSync } = await import('node:fs');
    rmSync(first.htmlPath);
    mkdirSync(path.join(first.htmlPath, 'iets'), { recursive: true });
    const changed = fixtureCopy('minimaal', {
      'proef/2024/cijfers.yaml': (t) => t.replace('inwoners: 1234', 'inwoners: 4321'),
    });
    await expect(
      build(resolveContext({ dataDir: changed.dataDir, outDir, publication: 'proef', year: 2024 })),
    ).rejects.toThrow(`${first.htmlPath} is geen bestand (een map)`);
    expect(readFileSync(first.pdfPath).equals(pdfBefore)).toBe(true);
    expect(readdirSync(path.dirname(first.pdfPath)).sort()).toEqual(filesBefore);
    expect(filesBefore).toEqual(
      expect.arrayContaining([path.basename(first.pdfPath), path.basename(first.htmlPath)]),
    );
  });
});
