/** The mode as stored, readable before the mode store (zustand, React) loads: the page's first module starts by it. */
import { persistedField } from '../../lib/persistedField';
import type { Mode } from './modeStore';

export const MODE_STORE_NAME = 'comms-console.mode';

/** The mode the page starts in: mock unless live was chosen, as the store decides. */
export const persistedMode = (): Mode => (persistedField(MODE_STORE_NAME, 'mode') === 'live' ? 'live' : 'mock');
