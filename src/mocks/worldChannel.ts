/**
 * How the tabs of mock mode tell each other what happened in their shared
 * world (a BroadcastChannel): a change stored, with the notifications it sent,
 * so every tab's relay shows them at once and its copy of the world stays
 * current; and redeliveries, which the server's relay sends to every client too.
 */
import { z } from 'zod';
import { relayMessageSchema, type RelayNotification } from '../graph/schemas';
import type { SimState } from '../graph/simulator/model';
import type { SavedWorld } from './historyDb';

const CHANNEL_NAME = 'comms-console.mock-world';

const notificationSchema = relayMessageSchema.options[1];
const worldMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('changed'),
    // The state is the simulator's own snapshot, written by this same code in another tab.
    saved: z.object({ revision: z.number().int().positive(), state: z.custom<SimState>((value) => typeof value === 'object' && value !== null) }),
    sent: z.array(notificationSchema),
  }),
  z.object({ type: z.literal('redelivered'), notification: notificationSchema }),
]);
export type WorldMessage = z.infer<typeof worldMessageSchema>;

export interface WorldChannel {
  changed(saved: SavedWorld, sent: readonly RelayNotification[]): void;
  redelivered(notification: RelayNotification): void;
  close(): void;
}

/** Without BroadcastChannel (an old browser, a unit test) the page simply hears no other tab. */
export function openWorldChannel(onMessage: (message: WorldMessage) => void): WorldChannel {
  if (typeof BroadcastChannel === 'undefined') return { changed: () => undefined, redelivered: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent) => {
    const parsed = worldMessageSchema.safeParse(event.data);
    // A tab still running an older version of the console may speak differently: it is ignored, not trusted.
    if (parsed.success) onMessage(parsed.data);
    else console.warn('Mock mode: ignored a message from another tab that this version does not understand.', parsed.error.issues);
  };
  const post = (message: WorldMessage) => channel.postMessage(message);
  return {
    changed: (saved, sent) => post({ type: 'changed', saved, sent: [...sent] }),
    redelivered: (notification) => post({ type: 'redelivered', notification }),
    close: () => channel.close(),
  };
}
