import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useIdleAfter } from '../lib/useIdleAfter';

export interface ToolTab {
  id: string;
  label: string;
  content: ReactNode;
  /** Fetches the panel's code (its own chunk), so that opening the tab draws it at once. */
  prefetch?: () => Promise<unknown>;
}

const STORAGE_KEY = 'comms-console.tool-tab';

/**
 * The secondary panels (sessions, scenarios, snippets) as tabs, so the cancel form and the timeline
 * own the first screen. A panel is drawn (and its code fetched) when its tab is first opened, or, for
 * the tab shown at start, once `pageShown` and the browser is idle: the page's first render does not
 * wait for any of them. Then every panel's code is fetched, and a drawn panel stays mounted: a loaded
 * scenario or a copied snippet survives a switch. `forced`: a tab shown whatever was chosen (the
 * Presentation view keeps its player). A panel not drawn yet keeps its empty tabpanel, so every tab
 * controls an element.
 */
export function ToolTabs({ tabs, forced, pageShown }: { tabs: readonly ToolTab[]; forced?: string; pageShown: boolean }) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY) ?? tabs[0]?.id ?? '');
  const selected = forced ?? (tabs.some((tab) => tab.id === chosen) ? chosen : (tabs[0]?.id ?? ''));
  const idle = useIdleAfter(pageShown);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  const open = (id: string) => setOpened((drawn) => (drawn.has(id) ? drawn : new Set(drawn).add(id)));
  // The tab shown draws its panel once the page is idle, or at once when it is forced.
  if ((idle || forced !== undefined) && !opened.has(selected)) open(selected);

  const prefetches = useRef(tabs.map((tab) => tab.prefetch));
  useEffect(() => {
    if (!idle) return;
    for (const prefetch of prefetches.current) void prefetch?.().catch(() => undefined);
  }, [idle]);

  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (id: string) => {
    open(id);
    setChosen(id);
    localStorage.setItem(STORAGE_KEY, id);
  };
  // Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length];
    if (!next) return;
    choose(next.id);
    buttons.current[next.id]?.focus();
  };
  return (
    <div className="tools">
      <div role="tablist" aria-label="Tools" className="tool-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              buttons.current[tab.id] = element;
            }}
            type="button"
            role="tab"
            id={`tool-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`tool-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className={tab.id === selected ? 'tab selected' : 'tab'}
            onClick={() => choose(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`tool-panel-${tab.id}`} aria-labelledby={`tool-tab-${tab.id}`} hidden={tab.id !== selected} className="tool-panel">
          {opened.has(tab.id) ? tab.content : tab.id === selected ? <p className="panel hint">Loading {tab.label.toLowerCase()}…</p> : null}
        </div>
      ))}
    </div>
  );
}
