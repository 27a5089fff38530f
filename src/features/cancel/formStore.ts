import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LegacyPathForm, ProfileId } from '../../graph/profiles';
import type { SentCancel } from './useSendCancel';

interface CancelFormState {
  callId: string;
  profileId: ProfileId;
  all: boolean;
  clientContext: string;
  legacyForm: LegacyPathForm;
  /** The last answer, so the Response panel survives a reload. */
  lastSent?: SentCancel & { at: string };
  /** Graph asked us (Retry-After) not to send before this time (epoch ms). */
  blockedUntil?: number;
  update(patch: Partial<Omit<CancelFormState, 'update'>>): void;
}

/** The cancel form as the user left it; persisted so a reload loses nothing. */
export const useCancelFormStore = create<CancelFormState>()(
  persist(
    (set) => ({
      callId: '',
      profileId: 'v1.0',
      all: true,
      clientContext: '',
      legacyForm: 'app',
      update: (patch) => set(patch),
    }),
    { name: 'comms-console.cancel-form' },
  ),
);
