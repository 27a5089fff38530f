/**
 * The built SPA from dist/: Hono's static files with its security headers,
 * hashed assets cached for good, index.html for client-side routes, the msw
 * service worker with the header a service worker needs, the printed
 * `?token=` URL turned into a cookie, and a live page's first screen (first-screen.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { onlyAllow } from '../src/api/consoleApi';
import { FIRST_SCREEN_RENDERER } from '../src/graph/firstScreen';
import { builtFirstScreen, withFirstScreen, type FirstScreenBuild } from './first-screen';
import type { NodeEnv } from './http';
import type { Log } from './log';
import { ACCESS_TOKEN_QUERY, accessTokenCookie, isUnder, refuse, type SecurityPolicy } from './security';

export const SERVICE_WORKER_PATH = '/mockServiceWorker.js';

/** Where in dist/ vite builds what only the server runs (the first screen's renderer). */
const SERVER_ONLY_FOLDER = `/${FIRST_SCREEN_RENDERER.slice(0, FIRST_SCREEN_RENDERER.indexOf('/'))}`;

export function distIsBuilt(distDir: string): boolean {
  return existsSync(join(distDir, 'index.html'));
}

/** Tight enough to matter, loose enough for the SPA, msw's worker and the relay websocket. */
const uiSecurityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // React and the mgt web components set inline styles and constructable stylesheets.
    styleSrc: ["'self'", "'unsafe-inline'"],
    // mgt shows photos as data:/blob: URLs it made from /graph responses.
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    // 'self' covers same-origin websockets in current browsers; naming ws:// keeps older ones working.
    // The Host was checked to be one of the console's own names before any route runs.
    connectSrc: ["'self'", (c) => `ws://${c.req.header('host') ?? ''}`],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  // The printed URL may carry the access token: never leak it in a Referer.
  referrerPolicy: 'no-referrer',
  crossOriginOpenerPolicy: 'same-origin',
  crossOriginResourcePolicy: 'same-origin',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  // Plain http on a local name: there is no https to pin.
  strictTransportSecurity: false,
});

/**
 * The first read a page's first screen is drawn from (the current session's newest events, as the events endpoint
 * answers them), given the request's Cookie header; undefined when that page gets none.
 */
export type FirstRead = (cookieHeader: string | undefined) => Promise<string | undefined>;

/** A request for the app's page itself: `/`, index.html, or a client-side route (no file extension). */
function isAppPage(path: string): boolean {
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  return lastSegment === 'index.html' || !lastSegment.includes('.');
}

/** What a live page's first screen is drawn from, and where a failure to draw it is told. */
export interface FirstScreenSource {
  read: FirstRead;
  log: Log;
}

/**
 * index.html with its first screen; undefined (the page as built) on any failure, which is logged: the page
 * then reads the history itself, and says what went wrong if that fails too.
 */
async function pageWithFirstScreen(build: () => Promise<FirstScreenBuild | undefined>, source: FirstScreenSource, cookieHeader: string | undefined): Promise<string | undefined> {
  try {
    const built = await build();
    const read = built?.draw && (await source.read(cookieHeader));
    return built?.draw && read !== undefined ? withFirstScreen(built.indexHtml, read, built.draw) : undefined;
  } catch (error) {
    source.log(`first screen: not drawn (${error instanceof Error ? error.message : String(error)}); the page was served as built`);
    return undefined;
  }
}

export function uiRoutes(distDir: string, policy: () => SecurityPolicy | undefined, firstScreen?: FirstScreenSource): Hono<NodeEnv> {
  const ui = new Hono<NodeEnv>();
  let builtOnce = distIsBuilt(distDir);
  const firstScreenBuild = builtFirstScreen(distDir);
  // Made on first use: serveStatic complains at creation about a dist/ not built yet.
  let files: { byPath: MiddlewareHandler; index: MiddlewareHandler } | undefined;
  const setCacheHeaders = (path: string, c: { header(name: string, value: string): void }) => {
    // Vite fingerprints everything under /assets; the rest (index.html, the worker) must be revalidated.
    c.header('cache-control', path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    // msw registers its worker with scope '/'; saying so keeps registration working whatever the worker's URL becomes.
    if (path === SERVICE_WORKER_PATH) c.header('service-worker-allowed', '/');
  };

  ui.on(['GET', 'HEAD'], '*', uiSecurityHeaders, async (c, next) => {
    // Arriving with the printed ?token=: keep it in a cookie and drop it from the address bar.
    const active = policy();
    const url = new URL(c.req.url);
    if (active?.accessToken !== undefined && url.searchParams.has(ACCESS_TOKEN_QUERY)) {
      url.searchParams.delete(ACCESS_TOKEN_QUERY);
      const rest = url.searchParams.toString();
      // One leading slash only: `//host` would be a redirect to another site.
      const location = `/${c.req.path.replace(/^\/+/, '')}${rest ? `?${rest}` : ''}`;
      return c.body(null, 303, { location, 'set-cookie': accessTokenCookie(active), 'cache-control': 'no-store' });
    }
    if (!distIsBuilt(distDir)) {
      // Gone after it was there: `vite build` is emptying dist/ to write it again.
      if (builtOnce) return refuse(c, 503, 'The UI is being rebuilt: reload this page in a moment.', true, { 'retry-after': '2' });
      return refuse(c, 503, 'The UI is not built: run `npm run build`, then reload this page.', true);
    }
    builtOnce = true;
    if (firstScreen && c.req.method === 'GET' && isAppPage(c.req.path)) {
      const page = await pageWithFirstScreen(firstScreenBuild, firstScreen, c.req.header('cookie'));
      // The session's events are in it: kept out of every cache.
      if (page !== undefined) return c.html(page, 200, { 'cache-control': 'no-store' });
    }
    // The first screen's renderer is the server's to run, not a file of the page.
    if (isUnder(c.req.path, SERVER_ONLY_FOLDER)) return c.text('Not found', 404, { 'cache-control': 'no-cache' });
    files ??= { byPath: serveStatic({ root: distDir }), index: serveStatic({ root: distDir, path: 'index.html' }) };
    setCacheHeaders(c.req.path, c);
    return files.byPath(c, next);
  }, async (c, next) => {
    // A client-side route (no file extension) gets the app; a missing asset is a plain 404.
    if (isAppPage(c.req.path) && files) {
      setCacheHeaders('/index.html', c);
      return files.index(c, next);
    }
    return c.text('Not found', 404, { 'cache-control': 'no-cache' });
  });
  ui.all('*', onlyAllow('GET, HEAD'));
  return ui;
}
