/**
 * The live preview, for real: the server builds the small edition with Chromium, a second
 * Chromium opens the page, and saved edits to the data show up in the page by themselves (no
 * reload), a mistake as the located message the command line prints, its fix as the report again.
 * Also: it listens on 127.0.0.1 only and serves nothing outside its allow-list.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import { errorText } from '../../src/error-text.ts';
import { chromiumPath } from '../../src/print/browser.ts';
import { startPreview } from '../../src/preview/server.ts';
import { watchTrees } from '../../src/preview/watch.ts';
import type { Preview, PreviewStatus } from '../../src/preview/server.ts';
import { fixtureCopy, ROOT } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';
const WAIT = { timeout: 90_000, polling: 'mutation' } as const;

/** A browser as a user has it: not the build's closed-network one. */
function userBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** Watch the page for CSP violations and script errors from the first byte on. */
async function openPreview(
  browser: Browser,
  url: string,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(url);
  return { page, problems };
}

/** The report is on screen (not an error) and its pages' text contains `needle`. */
function waitForReport(page: Page, needle: string) {
  return page.waitForFunction(
    (n: string) =>
      document.body.dataset.state === 'klaar' &&
      document.getElementById('fout')?.hidden === true &&
      (document.getElementById('paginas')?.textContent ?? '').includes(n),
    WAIT,
    needle,
  );
}

/** The error panel is shown and contains `needle`; resolves to its whole text. */
async function waitForError(page: Page, needle: string): Promise<string> {
  await page.waitForFunction(
    (n: string) =>
      document.getElementById('fout')?.hidden === false &&
      (document.getElementById('fouttekst')?.textContent ?? '').includes(n),
    WAIT,
    needle,
  );
  return page.evaluate(() => document.getElementById('fouttekst')?.textContent ?? '');
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

/** What `jaarverslag check` prints for the edition as it is now. */
function cliMessage(dataDir: string): string {
  try {
    checkData(resolveContext({ dataDir, publication: 'proef', year: 2024 }));
  } catch (e) {
    return errorText(e, false).text;
  }
  throw new Error('the edition has no mistake');
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path exactly as written: no client-side normalising of "..". */
function get(
  port: number,
  target: string,
  options: { method?: string; host?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: target,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('latin1'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function ownTempFolders(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith(`jaarverslag-voorbeeld-${process.pid}-`));
}

describe('the live preview', () => {
  let preview: Preview;
  let browser: Browser;
  const copy = fixtureCopy('minimaal');
  const log: string[] = [];

  beforeAll(async () => {
    preview = await startPreview({
      dataDir: copy.dataDir,
      publication: 'proef',
      year: 2024,
      port: 0,
      log: (line) => log.push(line),
    });
    browser = await userBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('listens on 127.0.0.1 only, on the port the system chose', async () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.port}/`);
    expect(preview.port).toBeGreaterThan(0);
    expect(await accepts('127.0.0.1', preview.port)).toBe(true);
    // Another loopback address, IPv6 loopback, and every address of this machine's interfaces.
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.address !== '127.0.0.1') others.push(a.address);
    }
    for (const host of new Set(others)) expect(await accepts(host, preview.port), host).toBe(false);
  });

  it('shows the report, follows saved edits without a reload, shows a mistake where it is, and comes back', async () => {
    const { page, problems } = await openPreview(browser, preview.url);
    await waitForReport(page, '1.234');
    // The pages in view are drawn from the PDF (the others when they come near the view), and
    // every page's text is in the document.
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('#paginas .pagina')).every((p) => {
          const r = p.getBoundingClientRect();
          const inView = r.bottom > 0 && r.top < window.innerHeight;
          return p.querySelector('.textLayer') && (!inView || p.querySelector('canvas'));
        }),
      WAIT,
    );
    const pages = await page.evaluate(() => document.querySelectorAll('.pagina').length);
    expect(pages).toBeGreaterThan(1);
    // A mark on this document: gone if the page were reloaded.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    // A saved change: the page follows by itself, and keeps its scroll position.
    await page.evaluate(() => window.scrollTo(0, 700));
    const saved = Date.now();
    edit(copy.file(CIJFERS), 'inwoners: 1234', 'inwoners: 4321');
    await waitForReport(page, '4.321');
    console.log(
      `preview (small edition): saved -> new text in the page in ${Date.now() - saved} ms`,
    );
    expect(
      await page.evaluate(() => document.getElementById('paginas')?.textContent),
    ).not.toContain('1.234');
    expect(await page.evaluate(() => window.scrollY)).toBe(700);

    // A text where the prose needs a number: located at the prose line that uses it.
    edit(copy.file(CIJFERS), 'inwoners: 4321', 'inwoners: 43x1');
    const proseLine = copy.lineOf(PROSE, 'cijfers.inwoners');
    const proseError = await waitForError(page, `1-cijfers.md:${proseLine} `);
    expect(proseError).toBe(cliMessage(copy.dataDir));
    expect(proseError).toContain('gevonden "43x1"');

    // A number that is not a number in the YAML: file, line, column, field and code frame.
    edit(copy.file(CIJFERS), 'inwoners: 43x1', 'inwoners: {waarde: 43x1, eenheid: aantal}');
    const line = copy.lineOf(CIJFERS, 'inwoners:');
    const column = copy.columnOf(CIJFERS, '43x1');
    const yamlError = await waitForError(page, `cijfers.yaml:${line}:${column} `);
    // Exactly what the command line prints, and in the terminal too.
    const expected = cliMessage(copy.dataDir);
    expect(yamlError).toBe(expected);
    expect(yamlError).toContain('inwoners.waarde: verwacht een getal, gevonden "43x1"');
    expect(yamlError).toContain(`> ${line} | inwoners: {waarde: 43x1, eenheid: aantal}`);
    expect(log.some((l) => l.includes(expected))).toBe(true);
    const status = JSON.parse((await get(preview.port, '/status')).body) as PreviewStatus;
    expect(status.ok).toBe(false);
    expect(status.error).toBe(expected);

    // Fixed: the report is back, the error gone.
    edit(copy.file(CIJFERS), 'inwoners: {waarde: 43x1, eenheid: aantal}', 'inwoners: 4321');
    await waitForReport(page, '4.321');
    expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('sees every save by rename (how many editors save), not only the first', async () => {
    const { page } = await openPreview(browser, preview.url);
    await waitForReport(page, '4.321');
    const file = copy.file(CIJFERS);
    for (const n of ['5555', '6666', '7777']) {
      const text = readFileSync(file, 'utf8').replace(/inwoners: \d+/, `inwoners: ${n}`);
      writeFileSync(`${file}.nieuw`, text);
      renameSync(`${file}.nieuw`, file);
      await waitForReport(page, `${n[0]}.${n.slice(1)}`);
    }
    await page.close();
  });

  it('serves its allow-list and nothing else', async () => {
    const { port } = preview;
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    for (const ok of ['/preview.js', '/preview.css', '/pdfjs/pdf.mjs', '/pdfjs/pdf.worker.mjs']) {
      expect((await get(port, ok)).status, ok).toBe(200);
    }
    const pdf = await get(port, '/report.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.startsWith('%PDF-')).toBe(true);

    // outside-on-purpose: paths that climb out, or name files that exist but are not listed.
    const refused = [
      '/../package.json',
      '/../../etc/passwd',
      '/%2e%2e/package.json',
      '/pdfjs/../../package.json',
      '/pdfjs/..%2f..%2fpackage.json',
      '/pdfjs/pdf.mjs/../../package.json',
      '/node_modules/puppeteer/package.json',
      '/node_modules/pdfjs-dist/legacy/build/pdf.mjs',
      '/pdfjs/pdf.mjs.map',
      '/src/cli.ts',
      '/src/preview/client/preview.js',
      '/package.json',
      '//package.json',
      '/preview.js/',
      '/index.html',
    ];
    for (const target of refused) {
      const reply = await get(port, target);
      expect(reply.status, target).toBe(404);
      expect(reply.body, target).toBe('niet gevonden\n');
    }
    // Not even a path: Node's parser refuses it before the preview sees it.
    expect((await get(port, 'package.json')).status).toBe(400);
    // A page that pointed its own host name at 127.0.0.1 (DNS rebinding) gets nothing.
    expect((await get(port, '/report.pdf', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(port, '/', { method: 'POST' })).status).toBe(405);
    expect((await get(port, '/', { method: 'DELETE' })).status).toBe(405);
  });

  it('stops cleanly: no server, no temporary folder', async () => {
    expect(ownTempFolders().length).toBe(1);
    await preview.close();
    expect(await accepts('127.0.0.1', preview.port)).toBe(false);
    expect(ownTempFolders()).toEqual([]);
    // Closing twice is harmless.
    await preview.close();
  });
});

describe('watching folders', () => {
  it('sees changes in folders made after it started, and saves by rename every time', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'jv-watch-'));
    const seen: string[] = [];
    const watcher = watchTrees([root], (file) => seen.push(path.relative(root, file)));
    const until = async (name: string) => {
      for (let i = 0; i < 100 && !seen.includes(name); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(seen).toContain(name);
    };
    try {
      mkdirSync(path.join(root, 'nieuw', 'dieper'), { recursive: true });
      await until('nieuw');
      await new Promise((r) => setTimeout(r, 100));
      writeFileSync(path.join(root, 'nieuw', 'dieper', 'a.yaml'), 'a: 1\n');
      await until(path.join('nieuw', 'dieper', 'a.yaml'));
      for (let i = 0; i < 3; i++) {
        seen.length = 0;
        writeFileSync(path.join(root, 'b.tmp'), `b: ${i}\n`);
        renameSync(path.join(root, 'b.tmp'), path.join(root, 'b.yaml'));
        await until('b.yaml');
      }
      // An editor's swap file is not a change.
      seen.length = 0;
      writeFileSync(path.join(root, '.b.yaml.swp'), 'x');
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});

/**
 * Seconds from edit to page on the real report. Slow (builds of the whole report), so only when
 * asked: JAARVERSLAG_PREVIEW_TIMING=1 npx vitest run tests/e2e/preview.test.ts
 */
describe.runIf(process.env.JAARVERSLAG_PREVIEW_TIMING === '1')('preview timing', () => {
  it('midden-drenthe 2024: saved -> new number on screen', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'jv-voorbeeld-')), 'data');
    cpSync(path.join(ROOT, 'data', 'midden-drenthe'), path.join(dataDir, 'midden-drenthe'), {
      recursive: true,
    });
    const koopmarkt = path.join(dataDir, 'midden-drenthe', '2024', 'koopmarkt.yaml');
    const server = await startPreview({
      dataDir,
      publication: 'midden-drenthe',
      year: 2024,
      port: 0,
      log: () => undefined,
    });
    const browser = await userBrowser();
    try {
      const { page } = await openPreview(browser, server.url);
      await waitForReport(page, 'verkooptijd in dagen');
      // The page with the number, in view; every page's text drawn.
      await page.waitForFunction(
        () =>
          document.querySelectorAll('#paginas .textLayer').length ===
          document.querySelectorAll('#paginas .pagina').length,
        WAIT,
      );
      await page.evaluate(() => {
        const target = Array.from(document.querySelectorAll('#paginas .pagina')).find((p) =>
          p.textContent?.includes('verkooptijd in dagen'),
        );
        target?.scrollIntoView();
      });
      let value = 37;
      const times: number[] = [];
      const builds: number[] = [];
      for (let run = 0; run < 7; run++) {
        const next = 9871 + run;
        const saved = Date.now();
        edit(
          koopmarkt,
          `verkooptijd_dagen: {waarde: ${value},`,
          `verkooptijd_dagen: {waarde: ${next},`,
        );
        value = next;
        const shown = `${String(next)[0]}.${String(next).slice(1)}`;
        // On a page in view, drawn: the swap happens when the pages in view are drawn.
        await page.waitForFunction(
          (n: string) => {
            const pages = Array.from(document.querySelectorAll('#paginas .pagina'));
            return pages.some((p) => {
              const r = p.getBoundingClientRect();
              return (
                r.bottom > 0 &&
                r.top < window.innerHeight &&
                p.querySelector('canvas') &&
                p.textContent?.includes(n)
              );
            });
          },
          WAIT,
          shown,
        );
        times.push(Date.now() - saved);
        builds.push((JSON.parse((await get(server.port, '/status')).body) as PreviewStatus).ms);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      console.log(
        `preview timing, midden-drenthe 2024: saved -> on screen ${times.join(', ')} ms (median ${median(times)}); ` +
          `saved -> PDF built ${builds.join(', ')} ms (median ${median(builds)})`,
      );
      expect(median(times)).toBeLessThan(3_000);
    } finally {
      await browser.close();
      await server.close();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
