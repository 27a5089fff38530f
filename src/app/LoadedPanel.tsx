import type { ReactNode } from 'react';
import { useLoaded, type Preloadable } from '../lib/preloadable';

/**
 * A panel whose code is a chunk of its own: drawn in the render that first finds the chunk loaded
 * (never a fallback once it was fetched ahead, src/lib/preloadable.ts), a hint until then.
 */
export function LoadedPanel<Module>({ code, what, children }: { code: Preloadable<Module>; what: string; children: (module: Module) => ReactNode }) {
  const { module, error } = useLoaded(code);
  if (module !== undefined) return children(module);
  if (error !== undefined)
    return (
      <p className="panel hint" role="alert">
        The {what} could not be loaded ({error}). Reload the page to try again.
      </p>
    );
  return <p className="panel hint">Loading {what}…</p>;
}
