/**
 * The /graph proxy forwards exactly what the console sends: the reads mgt and
 * the call picker make, and the media actions the console posts, whatever the
 * letter case. Everything else the app token could do (transfer a call, list
 * the tenant's users...) is refused and never reaches Graph.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphErrorSchema } from '../src/graph/schemas';
import { startServer, type RunningServer } from './app';
import { testConfig } from './test-support/config';
import { startFakeUpstream, type FakeUpstream } from './test-support/fake-upstream';
import { rawRequest } from './test-support/http-client';

const CALL = '57dab8b1-894c-409a-b240-bd8beae78896';
const USER = '0fe0623f-d628-42ed-b4bd-8ac290072cc5';
/** The fields mgt's Person asks for. */
const MGT_SELECT = 'businessPhones,displayName,givenName,jobTitle,department,mail,mobilePhone,officeLocation,preferredLanguage,surname,userPrincipalName,id,userType';

let upstream: FakeUpstream;
let server: RunningServer;

beforeEach(async () => {
  upstream = await startFakeUpstream();
  server = await startServer(testConfig({ graph: { baseUrl: upstream.url } }), { log: () => undefined, getGraphToken: () => Promise.resolve('app-token') });
});
afterEach(async () => {
  await server.close();
  await upstream.close();
});

const send = (method: string, path: string, headers: Record<string, string> = {}) =>
  rawRequest(server.port, {
    method,
    path: `/graph${path}`,
    headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
    ...(method === 'POST' ? { body: '{}' } : {}),
  });

describe('the /graph proxy refuses what the console never sends', () => {
  const refused: [string, string, Record<string, string>?][] = [
    // Call actions other than the media ones: each could end or move the bot's leg.
    ['POST', `/v1.0/communications/calls/${CALL}/transfer`],
    ['POST', `/v1.0/communications/calls/${CALL}/redirect`],
    ['POST', `/v1.0/communications/calls/${CALL}/reject`],
    ['POST', `/v1.0/communications/calls/${CALL}/answer`],
    ['POST', `/v1.0/communications/calls/${CALL}/updateRecordingStatus`],
    ['POST', `/v1.0/communications/calls/${CALL}/keepAlive`],
    ['POST', `/v1.0/communications/calls/${CALL}/mute`],
    ['POST', `/beta/app/calls/${CALL}/transfer`],
    // Participants in another letter case are still participants.
    ['POST', `/v1.0/communications/calls/${CALL}/Participants`],
    ['POST', `/v1.0/communications/calls/${CALL}/PARTICIPANTS`],
    ['POST', `/v1.0/communications/calls/${CALL}/Participants/invite`],
    ['DELETE', `/v1.0/communications/calls/${CALL}/Participants/${USER}`],
    ['POST', `/v1.0/communications/calls/${CALL}/Operations`],
    // Listing the tenant's users, by any route.
    ['GET', '/v1.0/users/delta?$select=displayName,mail,mobilePhone', { prefer: 'odata.maxpagesize=999' }],
    ['GET', '/v1.0/users/delta'],
    ['GET', '/v1.0/Users/delta'],
    ['GET', '/beta/users/Delta?$select=displayName'],
    ['GET', '/v1.0/users?$select=displayName'],
    ['GET', '/v1.0/users/$count'],
    ['GET', '/v1.0/users/microsoft.graph.delta'],
    // A user by id, but asking for what mgt never shows.
    ['GET', `/v1.0/users/${USER}?$select=passwordProfile`],
    ['GET', `/v1.0/users/${USER}?$select=displayName,onPremisesExtensionAttributes`],
    ['GET', `/v1.0/users/${USER}?$select=displayName,displayName,displayName`],
    // Queries on what mgt reads without one.
    ['GET', `/v1.0/users/${USER}/photo/$value?$select=id`],
    ['GET', `/v1.0/communications/calls/${CALL}/participants?$select=id`],
  ];
  for (const [method, path, headers] of refused) {
    it(`403 ${method} ${path}`, async () => {
      const response = await send(method, path, headers);
      expect(response.status).toBe(403);
      expect(graphErrorSchema.safeParse(response.json()).success).toBe(true);
      expect(upstream.requests).toEqual([]);
    });
  }

  it('refuses a batch that hides a user listing', async () => {
    const body = JSON.stringify({ requests: [{ id: '1', method: 'GET', url: '/users/delta?$select=displayName,mail' }] });
    const response = await rawRequest(server.port, { method: 'POST', path: '/graph/v1.0/$batch', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(403);
    expect(upstream.requests).toEqual([]);
  });
});

describe('the /graph proxy forwards what the console sends, in any letter case, spelled as Graph documents it', () => {
  const forwarded: [string, string, string][] = [
    ['POST', `/v1.0/communications/calls/${CALL}/cancelMediaProcessing`, `/v1.0/communications/calls/${CALL}/cancelMediaProcessing`],
    ['POST', `/v1.0/communications/calls/${CALL}/CancelMediaProcessing`, `/v1.0/communications/calls/${CALL}/cancelMediaProcessing`],
    ['POST', `/v1.0/communications/calls/${CALL}/playprompt`, `/v1.0/communications/calls/${CALL}/playPrompt`],
    ['POST', `/beta/communications/calls/${CALL}/record`, `/beta/communications/calls/${CALL}/record`],
    ['POST', `/v1.0/communications/calls/${CALL}/recordResponse`, `/v1.0/communications/calls/${CALL}/recordResponse`],
    ['POST', `/v1.0/communications/calls/${CALL}/subscribeToTone`, `/v1.0/communications/calls/${CALL}/subscribeToTone`],
    ['GET', `/v1.0/communications/calls/${CALL}/Participants`, `/v1.0/communications/calls/${CALL}/participants`],
    ['GET', `/v1.0/communications/calls/${CALL}/Operations/${USER}`, `/v1.0/communications/calls/${CALL}/operations/${USER}`],
    ['GET', `/v1.0/users/${USER}?$select=${MGT_SELECT}`, `/v1.0/users/${USER}?$select=${MGT_SELECT}`],
    ['GET', '/v1.0/users/adele@contoso.com?$select=displayName', '/v1.0/users/adele@contoso.com?$select=displayName'],
    ['GET', `/v1.0/Users/${USER}/Photo/$Value`, `/v1.0/users/${USER}/photo/$value`],
  ];
  for (const [method, path, sent] of forwarded) {
    it(`forwards ${method} ${path} as ${sent}`, async () => {
      const response = await send(method, path);
      expect(response.status).toBe(200);
      expect(upstream.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`${method} ${sent}`]);
    });
  }

  it("forwards mgt's own batch (a user with its fields, and the photo)", async () => {
    const body = JSON.stringify({
      requests: [
        { id: 'user', method: 'GET', url: `/users/${USER}?$select=${MGT_SELECT}` },
        { id: 'photo', method: 'GET', url: `users/${USER}/photo/$value` },
      ],
    });
    const response = await rawRequest(server.port, { method: 'POST', path: '/graph/v1.0/$batch', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});
