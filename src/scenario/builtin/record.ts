/**
 * Records a scenario from the real simulator, the way the console would have
 * seen it: the same requests the cancel form and the mock media buttons send,
 * the answers handleGraphRequest gives, and the notifications the simulator
 * emits, numbered as the relay numbers them. Virtual time, seeded ids: the
 * same script gives the same file, byte for byte.
 */
import { seededGuid } from '../../graph/ids';
import { mediaBody, mediaClientContext, mediaPath, type MediaAction } from '../../graph/media';
import { cancelPath, PROFILES, type ProfileId } from '../../graph/profiles';
import { handleGraphRequest } from '../../graph/simulator/http';
import { CallSimulator } from '../../graph/simulator/simulator';
import type { TimelineEvent } from '../../graph/timeline';
import { exportScenario } from '../export';
import type { Scenario } from '../schema';

/** What a user does, at a time in ms from the start; calls are named by their demo label. */
export type ScenarioAction =
  | { at: number; media: MediaAction; call: string }
  | { at: number; cancel: { call: string; profile: ProfileId; all?: boolean; clientContext: string } };

export interface ScenarioScript {
  name: string;
  description: string;
  actions: ScenarioAction[];
  /** Keep listening for notifications until this time (ms from the start). */
  until: number;
  /** Captions for the Presentation view, by the index of the recorded step they explain. */
  notes?: Record<number, string>;
}

/** The headers the console's Graph client keeps from an answer (src/lib/graphFetch.ts). */
const KEPT_HEADERS = ['location', 'request-id', 'client-request-id', 'retry-after', 'content-type', 'date'];
export const RECORDING_START = Date.UTC(2026, 0, 15, 9, 0, 0);
const SIMULATOR_SEED = 2018;
/** Client request ids come from their own sequence, so the simulator's ids are those a fresh console gets. */
const CLIENT_SEED = 4242;

export function recordScenario(script: ScenarioScript): Scenario {
  const sim = CallSimulator.create({ seed: SIMULATOR_SEED, now: RECORDING_START });
  const calls = sim.knownCalls();
  const events: TimelineEvent[] = [];
  let clientState = CLIENT_SEED;
  let seq = 0;
  const clientGuid = () => {
    const drawn = seededGuid(clientState);
    clientState = drawn.state;
    return drawn.guid;
  };
  const callId = (label: string): string => {
    const call = calls.find((candidate) => candidate.label === label);
    if (!call) throw new Error(`no demo call labelled "${label}"`);
    return call.id;
  };
  const deliverUntil = (time: number) => {
    sim.advanceTo(time);
    for (const notification of sim.takeNotifications()) {
      seq += 1;
      events.push({ kind: 'notification', seq, receivedAt: iso(notification.at), verified: false, source: 'simulator', body: notification.body });
    }
  };
  const send = (profile: ProfileId, call: string, path: string, body: unknown) => {
    const id = clientGuid();
    events.push({ kind: 'request', id, at: iso(sim.now), callId: call, profile, method: 'POST', path, body });
    const answer = handleGraphRequest(sim, { method: 'POST', path, headers: { 'client-request-id': id }, body: JSON.stringify(body) });
    const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (answer.headers[name] === undefined ? [] : [[name, answer.headers[name]]])));
    events.push({ kind: 'response', requestId: id, at: iso(sim.now), status: answer.status, headers, body: answer.body ?? null });
  };

  const queued: Record<MediaAction, number> = { playPrompt: 0, recordResponse: 0, subscribeToTone: 0 };
  for (const action of script.actions) {
    deliverUntil(RECORDING_START + action.at);
    if ('media' in action) {
      queued[action.media] += 1;
      const clientContext = mediaClientContext(action.media, queued[action.media]);
      const id = callId(action.call);
      send('v1.0', id, mediaPath(id, action.media), mediaBody(action.media, clientContext));
    } else {
      const { call, profile: profileId, all = true, clientContext } = action.cancel;
      const profile = PROFILES[profileId];
      const id = callId(call);
      send(profile.id, id, cancelPath(profile, id), profile.cancelBody({ callId: id, all, clientContext }));
    }
    deliverUntil(sim.now);
  }
  deliverUntil(RECORDING_START + script.until);

  const scenario = exportScenario(events, { name: script.name, description: script.description, mode: 'mock', calls, recordedAt: iso(RECORDING_START) });
  const notes = script.notes ?? {};
  // The note right after `t`, where a reader of the file looks first.
  return { ...scenario, steps: scenario.steps.map((step, index) => (notes[index] ? { ...{ t: step.t, note: notes[index] }, ...step } : step)) };
}

function iso(time: number): string {
  return new Date(time).toISOString();
}
