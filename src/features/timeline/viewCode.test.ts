/**
 * The page's first module fetches the chosen view's code before the view store loads
 * (src/app/earlyLoads.ts): it must read exactly the view the store keeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

describe('the timeline view as the page starts', () => {
  // window.localStorage, which Node lacks: a Map stands in (the store takes it once, when created).
  const items = new Map<string, string>();
  beforeAll(() => {
    const localStorage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) };
    Object.assign(globalThis, { localStorage, window: { localStorage } });
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
    Reflect.deleteProperty(globalThis, 'window');
  });
  beforeEach(() => items.clear());

  it('is the view the view store last kept; swimlanes when none is', async () => {
    const { persistedView, VIEW_STORE_NAME } = await import('./viewCode');
    const { useTimelineViewStore } = await import('./viewStore');
    expect(persistedView()).toBe('swimlanes');
    useTimelineViewStore.getState().setView('list');
    expect(persistedView()).toBe('list');
    useTimelineViewStore.getState().setView('swimlanes');
    expect(persistedView()).toBe('swimlanes');
    items.set(VIEW_STORE_NAME, '{broken');
    expect(persistedView()).toBe('swimlanes');
  });
});
