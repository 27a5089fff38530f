import { MODE_COOKIE } from '../../graph/firstScreen';
import type { Mode } from './modeStore';

/** A year: as long as the mode itself is remembered, in practice. */
const KEPT_FOR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Tells the server which mode this page runs in, for the page it serves next: a live page is served with
 * its first screen drawn (src/graph/firstScreen.ts). The mode itself stays in the page's storage; this is a copy.
 */
export function tellServerTheMode(mode: Mode): void {
  document.cookie = `${MODE_COOKIE}=${mode}; Path=/; SameSite=Strict; Max-Age=${KEPT_FOR_SECONDS}`;
}
