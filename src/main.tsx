// First, so it runs before the rest of the page's code: it starts the history's first read in live mode (see there).
import { startHistoryRead } from './app/earlyLoads';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { tellServerTheMode } from './features/mode/modeCookie';
import { useModeStore, type Mode } from './features/mode/modeStore';
import { preloadChosenView } from './features/timeline/preloadView';
import { useTimelineStore } from './features/timeline/timelineStore';
import { queryClient } from './lib/queryClient';
import './styles.css';

/**
 * Each mode keeps its own timeline. The mock relay and the server's number their notifications
 * apart, so where the relay resumes (lastSeq) means nothing in the other mode: a shared timeline
 * would skip or repeat notifications after a switch, and mix simulated lanes with Graph's.
 * Mock keeps the timeline's usual storage; live has its own, empty until live notifications come.
 */
function selectTimelineOfMode(mode: Mode): void {
  if (mode === 'mock') return;
  const name = `${useTimelineStore.persist.getOptions().name ?? 'comms-console.timeline'}.live`;
  useTimelineStore.persist.setOptions({ name });
  // localStorage is synchronous: the live timeline is in place before the first render.
  if (localStorage.getItem(name) === null) useTimelineStore.setState({ events: [], lastSeq: 0 });
  else void useTimelineStore.persist.rehydrate();
}

/** In mock mode the mocks must be listening before the first fetch or websocket. */
async function startMocksIfNeeded(): Promise<string | undefined> {
  if (useModeStore.getState().mode !== 'mock') return undefined;
  try {
    const { startMocks } = await import('./mocks/browser');
    await startMocks();
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Mock mode could not start (${reason}). It needs a service worker: open the console at http://127.0.0.1 or http://localhost, not a file or another host.`;
  }
}

const startMode = useModeStore.getState().mode;
selectTimelineOfMode(startMode);
preloadChosenView();
// Also for a mode chosen before the server asked (or set by a test): the next page is served for it.
tellServerTheMode(startMode);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A live page may come with the server's first screen (server/first-screen.ts), the app's root hidden behind it:
// the app is shown in its place.
const firstScreen = root.hidden ? import('./lib/firstScreen') : undefined;
// Live mode's: a mock page (its mode switched in another tab) shows itself at once.
if (startMode === 'mock') void firstScreen?.then((screen) => screen.showApp());

void startMocksIfNeeded().then((bootError) => {
  // Live mode's read started with the page; mock mode's can start only now that msw answers it.
  if (!bootError && useModeStore.getState().mode === 'mock') startHistoryRead('mock');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App {...(bootError ? { bootError } : {})} />
      </QueryClientProvider>
    </StrictMode>,
  );
  // The timeline shows the app once it has caught up with the first screen; this, if it fails to.
  void firstScreen?.then((screen) => screen.takeOver(bootError !== undefined));
});
