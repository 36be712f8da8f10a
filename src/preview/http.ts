/**
 * The preview's HTTP side: one handler over an exact allow-list of paths, strict headers on
 * every answer, and a listener on 127.0.0.1 only. No URL is ever mapped to the file system.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../errors.ts';
import type { Asset } from './assets.ts';
import type { PreviewStatus } from './server.ts';

/** The only address the preview listens on. */
export const HOST = '127.0.0.1';

/**
 * The page may run its own script (it is ours, not the report's), and nothing else: scripts and
 * the pdf.js worker from this server only, no inline script, no eval, fetches to this server only.
 */
export const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PREVIEW_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export interface Routes {
  assets: ReadonlyMap<string, Asset>;
  allowedHosts(): string[];
  pdf(): { build: number; bytes: Buffer } | undefined;
  pdfName: string;
  status(): PreviewStatus;
  events(res: ServerResponse): void;
}

export function handle(req: IncomingMessage, res: ServerResponse, routes: Routes): void {
  // A request for another host name is a page that pointed its own name at 127.0.0.1.
  if (!routes.allowedHosts().includes(req.headers.host ?? '')) {
    send(res, 403, 'text/plain; charset=utf-8', 'onbekende host\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'alleen GET\n');
    return;
  }
  // The path exactly as sent, without its query: no decoding, no normalising, no file system.
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  const pathname = q < 0 ? raw : raw.slice(0, q);
  const asset = routes.assets.get(pathname);
  if (asset) {
    send(res, 200, asset.type, asset.body, { 'Cache-Control': 'no-cache' });
    return;
  }
  switch (pathname) {
    case '/report.pdf': {
      const pdf = routes.pdf();
      if (!pdf) {
        send(res, 404, 'text/plain; charset=utf-8', 'nog geen PDF\n');
        return;
      }
      send(res, 200, 'application/pdf', pdf.bytes, {
        'Cache-Control': 'no-store',
        'Content-Disposition': `inline; filename="${routes.pdfName}"`,
        'X-Build': String(pdf.build),
      });
      return;
    }
    case '/status':
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(routes.status()), {
        'Cache-Control': 'no-store',
      });
      return;
    case '/events':
      // HEAD gets the headers only, not a stream that stays open.
      if (req.method === 'HEAD') send(res, 200, 'text/event-stream; charset=utf-8', '');
      else routes.events(res);
      return;
    default:
      send(res, 404, 'text/plain; charset=utf-8', 'niet gevonden\n');
  }
}

export function send(
  res: ServerResponse,
  code: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(code, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    ...extra,
    'Content-Type': type,
    'Content-Length': String(bytes.length),
  });
  res.end(bytes);
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      server.close();
      if (e.code === 'EADDRINUSE') {
        reject(
          new EnvironmentError(
            `poort ${port} op ${HOST} is al in gebruik; kies een andere met --port (0 = een vrije poort)`,
            { cause: e },
          ),
        );
      } else if (e.code === 'EACCES') {
        reject(
          new EnvironmentError(
            `poort ${port} mag niet gebruikt worden; kies --port 1024 of hoger`,
            {
              cause: e,
            },
          ),
        );
      } else reject(e);
    };
    server.once('error', failed);
    // 127.0.0.1 only: never all interfaces, never another machine.
    server.listen({ port, host: HOST, exclusive: true }, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
