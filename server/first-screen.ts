/**
 * The first screen of a live page. A cold load of the SPA spends most of a second compiling and running its
 * code before React draws anything; the newest operations are known here already. So the page served in live
 * mode carries them: the timeline's Latest strip in the app's own frame, drawn by the app's own components
 * (src/app/firstScreenMarkup.ts, which `vite build` builds for Node beside the page). And the page preloads the
 * read its first module makes (src/features/sessions/currentSessionRead.ts), so that read is under way as the
 * page is parsed, not once its code has loaded. The page takes over from there (src/lib/firstScreen.ts).
 *
 * Only for a page whose mode cookie says live (the mode lives in the browser's storage, which this server cannot
 * read) and only past the request guards: the page is the console's own, behind the same access token as its API.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ROOT_ID, FIRST_SCREEN_RENDERER, type DrawFirstScreen } from '../src/graph/firstScreen';
import { CURRENT_SESSION_EVENTS_PATH, FIRST_READ_NEWEST, sessionEventsQuery } from '../src/graph/sessionPaths';

/** Where the SPA's index.html (as vite writes it) is rendered into. */
const EMPTY_ROOT = `<div id="${APP_ROOT_ID}"></div>`;

/**
 * The page's first read, started as the page is parsed. The same request as the page's own fetch (URL, CORS mode,
 * credentials): the browser answers that fetch with this response.
 */
export const FIRST_READ_PRELOAD = `<link rel="preload" as="fetch" crossorigin href="${CURRENT_SESSION_EVENTS_PATH}${sessionEventsQuery({ newest: FIRST_READ_NEWEST })}">`;

/** A build of the page as the first screen needs it: its index.html, and the renderer built beside it. */
export interface FirstScreenBuild {
  indexHtml: string;
  draw: DrawFirstScreen | undefined;
}

/**
 * The build in `distDir`, read once per build (both are written by one `vite build`, the renderer last); undefined
 * while there is no renderer (a build without it, or one under way).
 */
export function builtFirstScreen(distDir: string): () => Promise<FirstScreenBuild | undefined> {
  const file = join(distDir, FIRST_SCREEN_RENDERER);
  let loaded: FirstScreenBuild & { builtAt: number } | undefined;
  return async () => {
    const builtAt = await stat(file).then((stats) => stats.mtimeMs, () => undefined);
    if (builtAt === undefined) return undefined;
    if (loaded?.builtAt !== builtAt) {
      const module = (await import(`${pathToFileURL(file).href}?built=${builtAt}`)) as { firstScreenMarkup?: unknown };
      const draw = typeof module.firstScreenMarkup === 'function' ? (module.firstScreenMarkup as DrawFirstScreen) : undefined;
      loaded = { builtAt, draw, indexHtml: await readFile(join(distDir, 'index.html'), 'utf8') };
    }
    return loaded;
  };
}

/**
 * index.html with the first screen drawn from `read` (the events endpoint's answer, as text), or undefined when
 * there is nothing to draw (no operations yet, an answer not in shape) or the page has no head or empty root to put it by.
 */
export function withFirstScreen(indexHtml: string, read: string, draw: DrawFirstScreen): string | undefined {
  if (!indexHtml.includes(EMPTY_ROOT) || !indexHtml.includes('</head>')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(read);
  } catch {
    return undefined;
  }
  const drawn = draw(json);
  if (drawn === undefined) return undefined;
  // Functions, so no `$` in what was drawn is read as a replacement pattern.
  return indexHtml.replace('</head>', () => `${FIRST_READ_PRELOAD}</head>`).replace(EMPTY_ROOT, () => `${drawn.markup}<div id="${APP_ROOT_ID}" hidden></div>`);
}
