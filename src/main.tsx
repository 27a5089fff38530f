import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { useModeStore } from './features/mode/modeStore';
import { queryClient } from './lib/queryClient';
import './styles.css';

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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void startMocksIfNeeded().then((bootError) => {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App {...(bootError ? { bootError } : {})} />
      </QueryClientProvider>
    </StrictMode>,
  );
});
