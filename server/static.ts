/**
 * Serves the built SPA from dist/: files with their content types, hashed
 * assets cached for good, index.html for client-side routes, and the msw
 * service worker with the headers a service worker needs.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

export const SERVICE_WORKER_PATH = '/mockServiceWorker.js';

export function distIsBuilt(distDir: string): boolean {
  return existsSync(join(distDir, 'index.html'));
}

export interface StaticSite {
  /** Answers a GET/HEAD for a static file or a client route; false when it is not one of ours (a 404). */
  serve(pathname: string, method: 'GET' | 'HEAD', res: ServerResponse, extraHeaders: Record<string, string>): boolean;
}

export function createStaticSite(distDir: string): StaticSite {
  const root = resolve(distDir);

  /** The file for a URL path, or undefined if it does not exist or would leave dist/. */
  const fileFor = (pathname: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const candidate = resolve(root, `.${decoded}`);
    if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
    try {
      return statSync(candidate).isFile() ? candidate : undefined;
    } catch {
      return undefined;
    }
  };

  const send = (file: string, pathname: string, method: 'GET' | 'HEAD', res: ServerResponse, extraHeaders: Record<string, string>): void => {
    const size = statSync(file).size;
    const headers: Record<string, string | number> = {
      ...extraHeaders,
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      'x-content-type-options': 'nosniff',
      // Vite fingerprints everything under /assets; the rest (index.html, the worker) must be revalidated.
      'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (pathname === SERVICE_WORKER_PATH) {
      // msw registers its worker with scope '/', which is also the script's own directory;
      // saying so explicitly keeps registration working whatever the worker's URL becomes.
      headers['service-worker-allowed'] = '/';
    }
    res.writeHead(200, headers);
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  return {
    serve(pathname, method, res, extraHeaders) {
      const file = pathname === '/' ? join(root, 'index.html') : fileFor(pathname);
      if (file) {
        send(file, pathname, method, res, extraHeaders);
        return true;
      }
      // A client-side route (no file extension) gets the app; a missing asset is a plain 404.
      const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
      if (!lastSegment.includes('.')) {
        const index = join(root, 'index.html');
        if (existsSync(index)) {
          send(index, '/index.html', method, res, extraHeaders);
          return true;
        }
      }
      return false;
    },
  };
}
