// Puppeteer must never download a browser of its own: it prints with the system's Chromium
// (Debian's /usr/bin/chromium or PUPPETEER_EXECUTABLE_PATH). See src/print/browser.ts.
module.exports = { skipDownload: true };
