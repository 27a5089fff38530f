/**
 * Code split into a chunk of its own that can be fetched early and, once it is there, drawn in
 * the same render that first needs it. React.lazy suspends on its first render even when the
 * chunk has loaded, and React then holds content back for up to 300 ms after a fallback shows.
 */
import { useEffect, useState } from 'react';

export interface Preloadable<Module> {
  /** Fetches the chunk (once: later calls share the first). */
  load(): Promise<Module>;
  /** The module, once loaded. */
  loaded(): Module | undefined;
}

export function preloadable<Module>(importChunk: () => Promise<Module>): Preloadable<Module> {
  let loading: Promise<Module> | undefined;
  let module: Module | undefined;
  return {
    load: () =>
      (loading ??= importChunk().then((loadedModule) => {
        module = loadedModule;
        return loadedModule;
      })),
    loaded: () => module,
  };
}

/** The module once it is there; `error` when it could not be fetched. */
export interface Loaded<Module> {
  module?: Module;
  error?: string;
}

/** The chunk's module, loading it when `wanted`: neither field until it is there. */
export function useLoaded<Module>(code: Preloadable<Module>, wanted = true): Loaded<Module> {
  const [failed, setFailed] = useState<string>();
  const [, setArrived] = useState(0);
  const module = code.loaded();
  useEffect(() => {
    if (module !== undefined || !wanted) return;
    let current = true;
    code.load().then(
      () => current && setArrived((count) => count + 1),
      (error: unknown) => current && setFailed(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      current = false;
    };
  }, [code, module, wanted]);
  if (module !== undefined) return { module };
  return failed === undefined ? {} : { error: failed };
}
