/**
 * A field of a zustand `persist` store (JSON `{ state, version }` in localStorage), read directly: the
 * page's first module needs a choice the user made (the mode) before zustand, and
 * the React it imports, have loaded. Undefined when nothing, or nothing readable, is stored.
 */
export function persistedField(storeName: string, field: string): unknown {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storeName) ?? 'null');
    if (typeof stored !== 'object' || stored === null || !('state' in stored)) return undefined;
    const { state } = stored;
    return typeof state === 'object' && state !== null && field in state ? (state as Record<string, unknown>)[field] : undefined;
  } catch {
    // Unreadable: the store falls back to its default the same way when it loads.
    return undefined;
  }
}
