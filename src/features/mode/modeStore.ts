import { create } from 'zustand';
import { persist } from 'zustand/middleware';
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
