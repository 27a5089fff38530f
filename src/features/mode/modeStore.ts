import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { tellServerTheMode } from './modeCookie';
import { MODE_STORE_NAME } from './persistedMode';

export type Mode = 'mock' | 'live';

interface ModeState {
  mode: Mode;
  setMode(mode: Mode): void;
}

/** Which side answers /graph and /relay. Persisted: read once at boot, before the mocks start. */
export const useModeStore = create<ModeState>()(
  persist((set) => ({ mode: 'mock', setMode: (mode) => set({ mode }) }), { name: MODE_STORE_NAME }),
);

// Before the reload a switch makes (ModeSwitch): the server must know the new mode for the page it serves then.
useModeStore.subscribe((state, previous) => {
  if (state.mode !== previous.mode) tellServerTheMode(state.mode);
});
