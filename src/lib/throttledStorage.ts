import type { StateStorage } from 'zustand/middleware';

/**
 * localStorage for a persisted store that changes many times a second (the relay's last seq): a change is
 * written at most once per `intervalMs`, and at once when the page is hidden or left, so a reload still
 * finds the latest value. Each localStorage write is a synchronous call on the page's main thread.
 */
export function throttledLocalStorage(intervalMs = 1_000): StateStorage {
  const pending = new Map<string, string>();
  const written = new Map<string, string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const [name, value] of pending) {
      localStorage.setItem(name, value);
      written.set(name, value);
    }
    pending.clear();
  };
  // Outside a page (unit tests) there is nothing to leave: writes just wait for their timer.
  if (typeof document !== 'undefined') {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
  return {
    getItem: (name) => pending.get(name) ?? localStorage.getItem(name),
    setItem: (name, value) => {
      if (!pending.has(name) && written.get(name) === value) return;
      pending.set(name, value);
      timer ??= setTimeout(flush, intervalMs);
    },
    removeItem: (name) => {
      pending.delete(name);
      written.delete(name);
      localStorage.removeItem(name);
    },
  };
}
