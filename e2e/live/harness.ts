/**
 * The live-mode e2e harness, shared by playwright.config.ts (which starts it)
 * and the live specs (which drive it): a fake Graph over TLS, and a second
 * console configured against it, each on a fixed port.
 *
 *   browser ─▶ live console /graph ─▶ fake Graph (https, app token) ─▶ signed
 *   notification ─▶ live console /api/calls ─▶ /relay websocket ─▶ timeline
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawaySecret } from '../fake-graph/throwaway-secret';
import { CallSimulator, DEFAULT_SEED } from '../../src/graph/simulator/simulator';

export const LIVE_CONSOLE_PORT = Number(process.env.E2E_LIVE_PORT ?? 4320);
export const FAKE_GRAPH_PORT = Number(process.env.E2E_FAKE_GRAPH_PORT ?? 4321);

export const LIVE_CONSOLE_URL = `http://127.0.0.1:${LIVE_CONSOLE_PORT}`;
/** `localhost`, the name the fake's certificate is made for. */
export const FAKE_GRAPH_URL = `https://localhost:${FAKE_GRAPH_PORT}`;
/** Where the fake publishes the keys it signs notification tokens with. */
export const FAKE_GRAPH_OPENID_CONFIG_URL = `${FAKE_GRAPH_URL}/botframework/v1/.well-known/OpenIdConfiguration`;

/** The fake's app registration, which the live console is given as its credentials. */
export const FAKE_TENANT_ID = 'f4ce0000-0000-4000-8000-00000000e2e0';
export const FAKE_CLIENT_ID = 'f4ce0000-0000-4000-8000-0000000e2e01';
// Made once per run; kept in the environment so Playwright's worker processes see the same value.
process.env.E2E_FAKE_CLIENT_SECRET ??= throwawaySecret();
export const FAKE_CLIENT_SECRET = process.env.E2E_FAKE_CLIENT_SECRET;

/**
 * The harness's files, outside test-results/ (which every run empties as it starts, even while another run
 * on this machine uses other ports), one folder per console port.
 */
const HARNESS_DIR = join(tmpdir(), `comms-console-e2e-live-${LIVE_CONSOLE_PORT}`);
/** Made by the fake at start, trusted by the live console through NODE_EXTRA_CA_CERTS. */
export const FAKE_GRAPH_CERT_FILE = join(HARNESS_DIR, 'fake-graph-cert.pem');
/** The live console's notification store, deleted before it starts so each run begins at seq 1. */
export const LIVE_CONSOLE_DATA_DIR = join(HARNESS_DIR, 'console-data');

/** The fake's simulator seed: the specs derive the calls' ids from it, as the fake does. */
export const FAKE_GRAPH_SEED = DEFAULT_SEED;

/** The id of a call the fake Graph has from its seed (e.g. 'Support line'). */
export function seededCallId(label: string): string {
  const call = CallSimulator.create({ seed: FAKE_GRAPH_SEED, now: 0 })
    .knownCalls()
    .find((known) => known.label === label);
  if (!call) throw new Error(`The fake Graph's seed has no call labelled '${label}'.`);
  return call.id;
}
