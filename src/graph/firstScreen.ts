/**
 * The first screen. In live mode the server draws the newest operations into the page it serves, and has the
 * page start the read its first module makes as it is parsed (server/first-screen.ts): a cold load shows the
 * newest before the page's code has even been compiled. The page takes over from there (src/lib/firstScreen.ts).
 * What the server, the page, the renderer and vite.config.ts agree on.
 */

/**
 * The mode the page runs in, copied from the page's own storage (which the server cannot read) into a
 * cookie. Not a secret and not trusted for anything: it only says whether a first screen is worth drawing.
 */
export const MODE_COOKIE = 'comms_console_mode';

/** The server-drawn first screen, shown (inert) until the page has drawn its own timeline. */
export const FIRST_SCREEN_ID = 'first-screen';

/** On the first screen: the highest seq it shows, so the page knows when its own timeline has caught up. */
export const FIRST_SCREEN_SEQ_ATTRIBUTE = 'data-newest-seq';

/** The element the page renders into. */
export const APP_ROOT_ID = 'root';

/** Where `vite build` puts the first screen's renderer (src/app/firstScreenMarkup.ts), in the built app's folder. */
export const FIRST_SCREEN_RENDERER = 'ssr/firstScreenMarkup.js';

/** What the renderer gives: the first screen's markup, and the newest seq it shows. */
export interface FirstScreenMarkup {
  markup: string;
  newestSeq: number;
}

/** The renderer's one export, as the server calls it. */
export type DrawFirstScreen = (read: unknown) => FirstScreenMarkup | undefined;
