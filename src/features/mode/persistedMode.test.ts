/**
 * The page's first module reads the mode before the mode store loads (src/app/earlyLoads.ts): it must
 * read exactly what the store keeps, or the first read would go to the wrong side. And the server, which
 * draws a live page's first screen, is told each change in a cookie before the page reloads into it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

describe('the mode as the page starts', () => {
  // window.localStorage, which Node lacks: a Map stands in (the store takes it once, when created).
  const items = new Map<string, string>();
  // document.cookie, which Node lacks: each cookie written, as written.
  const cookiesWritten: string[] = [];
  beforeAll(() => {
    const localStorage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) };
    const document = {
      set cookie(cookie: string) {
        cookiesWritten.push(cookie);
      },
    };
    Object.assign(globalThis, { localStorage, window: { localStorage }, document });
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
    Reflect.deleteProperty(globalThis, 'window');
    Reflect.deleteProperty(globalThis, 'document');
  });
  beforeEach(() => {
    items.clear();
    cookiesWritten.length = 0;
  });

  it('is what the mode store last kept', async () => {
    const { persistedMode } = await import('./persistedMode');
    const { useModeStore } = await import('./modeStore');
    expect(persistedMode()).toBe('mock');
    useModeStore.getState().setMode('live');
    expect(persistedMode()).toBe('live');
    useModeStore.getState().setMode('mock');
    expect(persistedMode()).toBe('mock');
    const modes = cookiesWritten.map((cookie) => /^comms_console_mode=(\w+); Path=\/; SameSite=Strict; Max-Age=\d+$/.exec(cookie)?.[1]);
    expect(modes).toEqual(['live', 'mock']);
  });

  it('is mock when nothing readable is kept, as the store decides', async () => {
    const { MODE_STORE_NAME, persistedMode } = await import('./persistedMode');
    for (const stored of ['{not json', 'null', '"live"', '{"state":null}', '{"state":{"mode":"staging"}}']) {
      items.set(MODE_STORE_NAME, stored);
      expect(persistedMode(), stored).toBe('mock');
    }
  });
});
