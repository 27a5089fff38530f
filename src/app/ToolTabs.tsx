import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface ToolTab {
  id: string;
  label: string;
  content: ReactNode;
}

const STORAGE_KEY = 'comms-console.tool-tab';

/**
 * The secondary panels (sessions, scenarios, snippets) as tabs, so the cancel form and the timeline
 * own the first screen. Every panel stays mounted: a loaded scenario or a copied snippet survives a
 * switch. `forced`: a tab shown whatever was chosen (the Presentation view keeps its player).
 */
export function ToolTabs({ tabs, forced }: { tabs: readonly ToolTab[]; forced?: string }) {
  const [chosen, setChosen] = useState(() => localStorage.getItem(STORAGE_KEY) ?? tabs[0]?.id ?? '');
  const selected = forced ?? (tabs.some((tab) => tab.id === chosen) ? chosen : (tabs[0]?.id ?? ''));
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (id: string) => {
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
          {tab.content}
        </div>
      ))}
    </div>
  );
}
