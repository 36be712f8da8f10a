/**
 * The preview's static files: an explicit allow-list from URL path to one file, read into memory
 * when the preview starts. There is no mapping from a URL to the file system at request time, so
 * no path a browser sends can name any other file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../context.ts';
import { EnvironmentError } from '../errors.ts';

export interface Asset {
  body: Buffer;
  type: string;
}

/**
 * The page's own files. Found from the project root, not from this module, so the same files
 * are served when the program runs compiled from dist/ (tsc copies no HTML, CSS or JavaScript).
 */
const CLIENT = path.join(PROJECT_ROOT, 'src', 'preview', 'client');

const JS = 'text/javascript; charset=utf-8';

/** URL path -> [file, content type]. Nothing else is ever read for a request. */
function allowList(): Record<string, [string, string]> {
  // pdf.js from node_modules: the legacy build (also runs in older browsers) and its worker.
  const require = createRequire(import.meta.url);
  const pdfjs = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    '/': [path.join(CLIENT, 'index.html'), 'text/html; charset=utf-8'],
    '/preview.js': [path.join(CLIENT, 'preview.js'), JS],
    '/preview.css': [path.join(CLIENT, 'preview.css'), 'text/css; charset=utf-8'],
    '/pdfjs/pdf.mjs': [path.join(pdfjs, 'legacy', 'build', 'pdf.mjs'), JS],
    '/pdfjs/pdf.worker.mjs': [path.join(pdfjs, 'legacy', 'build', 'pdf.worker.mjs'), JS],
  };
}

/** Every allowed file, read now; a missing one is an installation problem. */
export function loadAssets(): ReadonlyMap<string, Asset> {
  let entries: Array<[string, [string, string]]>;
  try {
    entries = Object.entries(allowList());
  } catch (e) {
    throw new EnvironmentError('pdfjs-dist is niet geïnstalleerd; voer npm ci uit', { cause: e });
  }
  const assets = new Map<string, Asset>();
  for (const [url, [file, type]] of entries) {
    try {
      assets.set(url, { body: readFileSync(file), type });
    } catch (e) {
      throw new EnvironmentError(
        `het voorbeeld mist ${file} (${(e as NodeJS.ErrnoException).code ?? 'onleesbaar'}); voer npm ci uit`,
        { cause: e },
      );
    }
  }
  return assets;
}
