/**
 * The recorder's journal in the tab's sessionStorage: synchronous, so an event
 * is in it before the timeline shows it, and kept across a reload of the same
 * tab (not shared with other tabs, which record for themselves).
 */
import { z } from 'zod';
import { placedEventSchema } from '../../graph/sessions';
import type { UnsavedJournal } from './eventRecorder';

const journalSchema = z.array(z.object({ sessionId: z.string().optional(), placed: placedEventSchema }));

export function sessionStorageJournal(key: string, storage: Storage = sessionStorage): UnsavedJournal {
  return {
    read() {
      const text = storage.getItem(key);
      if (!text) return [];
      try {
        // The schema drops unknown fields, so what is read is exactly a PlacedEvent again.
        return journalSchema.parse(JSON.parse(text)).map(({ sessionId, placed }) => (sessionId === undefined ? { placed } : { sessionId, placed }));
      } catch (error) {
        // Unreadable (hand-edited, an older format): what it held cannot be sent, say so and start clean.
        console.error(`Some events recorded before the reload could not be read back and were not saved (${key}).`, error);
        storage.removeItem(key);
        return [];
      }
    },
    write(events) {
      try {
        if (events.length === 0) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(events));
      } catch (error) {
        // Full storage: the events are still sent from memory; only a reload before that would lose them.
        console.error('Could not keep unsaved events for a reload', error);
      }
    },
  };
}
