/**
 * The floor of `npm run bench`: the least any build must do to turn finished HTML into a PDF.
 * Start Chromium, load the HTML edition with setContent, print once, close. Plain JavaScript
 * that imports Puppeteer and nothing of ours, so no TypeScript loader starts with it.
 *
 * Usage: node scripts/bench-floor.mjs <file.html> '<{"executablePath": …, "args": […]}>' [out.pdf]
 * The executable and flags are the build's own (src/print/browser.ts), passed in by bench.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';

const [htmlFile, chromiumJson, pdfFile] = process.argv.slice(2);
if (!htmlFile || !chromiumJson) {
  console.error('gebruik: node scripts/bench-floor.mjs <file.html> <chromium-json> [out.pdf]');
  process.exit(2);
}
const { executablePath, args } = JSON.parse(chromiumJson);
const html = readFileSync(htmlFile, 'utf8');
// A fresh profile, as every build starts with one.
const profile = mkdtempSync(path.join(tmpdir(), 'jv-bench-floor-'));
try {
  const browser = await puppeteer.launch({
    executablePath,
    args,
    headless: true,
    pipe: true,
    userDataDir: profile,
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: 300_000 });
    const pdf = await page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      timeout: 300_000,
    });
    if (pdfFile) writeFileSync(pdfFile, pdf);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 });
}
