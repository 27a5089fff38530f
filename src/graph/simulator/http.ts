/**
 * Graph's HTTP surface over the simulator: one function from a request to the
 * answer Graph would give. msw handlers and the fake Graph server are thin
 * adapters over it, so both modes answer exactly alike.
 */
import { graphErrorBody } from '../errors';
import { batchBodySchema } from '../batch';
import { parseCallPath } from '../profiles';
import { actionParameters, describeParameterIssue, type MediaActionName } from '../wire/parameters';
import { answerBatch } from './batch';
import type { MediaKind, SimCall } from './model';
import { operationResource } from './notifications';
import type { CallSimulator } from './simulator';

export interface GraphHttpRequest {
  method: string;
  /** Path under the Graph root, decoded, without query: `/v1.0/communications/calls/...`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface GraphHttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface GraphHttpOptions {
  /** Root used in Location headers. */
  baseUrl?: string;
}

/** A prompt queued through the console plays this long (per prompt). */
export const PROMPT_MS = 15_000;
/** recordResponse's default when the request gives no maxRecordDurationInSeconds. */
export const DEFAULT_RECORD_SECONDS = 30;

/** The 2018 beta's `record` is today's `recordResponse`: one kind of operation. */
const MEDIA_KIND: Record<MediaActionName, MediaKind> = {
  playPrompt: 'playPrompt',
  recordResponse: 'recordResponse',
  record: 'recordResponse',
  subscribeToTone: 'subscribeToTone',
};

/** Graph refuses a request body over 4 MB. */
export const MAX_GRAPH_BODY_BYTES = 4 * 1024 * 1024;

const BODY_TOO_LARGE = `The request body is over Graph's limit of ${MAX_GRAPH_BODY_BYTES} bytes. Send a smaller body.`;

/**
 * The answer to a body over the limit, for a host that stops reading at the limit
 * (the fake Graph) rather than handing the whole body to handleGraphRequest.
 */
export function answerBodyTooLarge(sim: CallSimulator, headers: GraphHttpRequest['headers']): GraphHttpResponse {
  const requestId = sim.newGuid();
  const clientRequestId = headers['client-request-id'] ?? requestId;
  const ids = { requestId, clientRequestId, date: new Date(sim.now).toISOString().slice(0, 19) };
  return {
    status: 413,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId, 'content-type': 'application/json' },
    body: graphErrorBody('RequestEntityTooLarge', BODY_TOO_LARGE, ids),
  };
}

export function handleGraphRequest(sim: CallSimulator, request: GraphHttpRequest, options: GraphHttpOptions = {}): GraphHttpResponse {
  if (new TextEncoder().encode(request.body).length > MAX_GRAPH_BODY_BYTES) return answerBodyTooLarge(sim, request.headers);
  const baseUrl = options.baseUrl ?? 'https://graph.microsoft.com';
  const requestId = sim.newGuid();
  const clientRequestId = request.headers['client-request-id'] ?? requestId;
  const ids = { requestId, clientRequestId, date: new Date(sim.now).toISOString().slice(0, 19) };
  const baseHeaders = { 'request-id': requestId, 'client-request-id': clientRequestId };
  const json = (status: number, body: unknown, extra: Record<string, string> = {}): GraphHttpResponse => ({
    status,
    headers: { ...baseHeaders, 'content-type': 'application/json', ...extra },
    body,
  });
  const fail = (status: number, code: string, message: string) => json(status, graphErrorBody(code, message, ids));

  const batchMatch = /^\/(v1\.0|beta)\/\$batch$/.exec(request.path);
  if (batchMatch?.[1] && request.method === 'POST') {
    const parsedBody = parseJsonBody(request.body);
    const batch = parsedBody.ok ? batchBodySchema.safeParse(parsedBody.value) : undefined;
    if (!batch?.success) return fail(400, 'BadRequest', 'Invalid batch payload: expected {"requests":[{id, method, url}]} with 1 to 20 requests.');
    return json(200, answerBatch(batchMatch[1], batch.data, (inner) => handleGraphRequest(sim, inner, options)));
  }

  const userMatch = /^\/(?:v1\.0|beta)\/users\/([^/]+)(\/photo\/\$value)?$/.exec(request.path);
  if (userMatch && request.method === 'GET') {
    const user = sim.getUser(userMatch[1] ?? '');
    if (!user) return fail(404, 'Request_ResourceNotFound', `Resource '${userMatch[1] ?? ''}' does not exist or one of its queried reference-property objects are not present.`);
    if (userMatch[2]) return fail(404, 'ImageNotFound', 'The photo wasn\'t found.');
    return json(200, { '@odata.type': '#microsoft.graph.user', ...user, userPrincipalName: user.mail });
  }

  const parsed = parseCallPath(request.path);
  if (!parsed) return fail(400, 'BadRequest', `Resource not found for the segment '${request.path.split('/')[2] ?? ''}'.`);
  const call = sim.getCall(parsed.callId);
  const [segment, operationId, ...extra] = parsed.rest;
  const version = parsed.profile;
  const operationsRoot = `${baseUrl}${request.path.slice(0, request.path.indexOf(parsed.callId) + parsed.callId.length)}/operations`;

  const expectMethod = (method: string): GraphHttpResponse | undefined =>
    request.method === method ? undefined : fail(405, 'BadRequest', `The HTTP method '${request.method}' is not allowed for this resource.`);
  const needCall = (): GraphHttpResponse | SimCall => {
    if (!call) return fail(404, 'itemNotFound', `Call ${parsed.callId} was not found. It may never have existed, or it belongs to another app.`);
    return call;
  };
  const needLiveCall = (): GraphHttpResponse | SimCall => {
    const found = needCall();
    if ('status' in found) return found;
    if (found.state === 'terminated') {
      return fail(400, 'BadRequest', `Call ${found.id} is terminated: media can only be controlled on an established call.`);
    }
    return found;
  };

  if (extra.length > 0) return fail(400, 'BadRequest', `Resource not found for the segment '${extra[0] ?? ''}'.`);

  if (segment === undefined) {
    const wrong = expectMethod('GET');
    if (wrong) return wrong;
    const found = needCall();
    if ('status' in found) return found;
    return json(200, {
      '@odata.type': '#microsoft.graph.call',
      id: found.id,
      state: found.state,
      direction: 'incoming',
      callbackUri: found.callbackUri,
      requestedModalities: ['audio'],
      // The 2018 metadata has no callMediaState.
      ...(version === 'beta-2018' ? {} : { mediaState: { audio: found.state === 'established' ? 'active' : 'inactive' } }),
    });
  }

  if (segment === 'participants' && operationId === undefined) {
    const wrong = expectMethod('GET');
    if (wrong) return wrong;
    const found = needCall();
    if ('status' in found) return found;
    return json(200, {
      value: found.participants.map((p) => ({
        '@odata.type': '#microsoft.graph.participant',
        id: p.id,
        info: { identity: { user: { id: p.userId, displayName: p.displayName } } },
        isMuted: false,
        isInLobby: false,
      })),
    });
  }

  if (segment === 'operations' && operationId !== undefined) {
    const wrong = expectMethod('GET');
    if (wrong) return wrong;
    const found = needCall();
    if ('status' in found) return found;
    const operation = sim.getOperation(operationId);
    if (!operation || operation.callId !== found.id) return fail(404, 'itemNotFound', `Operation ${operationId} was not found on call ${found.id}.`);
    return json(200, operationResource(operation, version));
  }

  if (operationId !== undefined) return fail(400, 'BadRequest', `Resource not found for the segment '${operationId}'.`);

  const parameters = actionParameters(version, segment);
  if (parameters) {
    const wrong = expectMethod('POST');
    if (wrong) return wrong;
    const body = parseJsonBody(request.body);
    if (!body.ok) {
      return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    const input = parameters.safeParse(body.value);
    if (!input.success) return fail(400, 'BadRequest', describeParameterIssue(segment, body.value, input.error));
    const found = needLiveCall();
    if ('status' in found) return found;
    const clientContext = typeof input.data.clientContext === 'string' ? input.data.clientContext : '';

    if (segment === 'cancelMediaProcessing') {
      const all = input.data.all !== false;
      const cancel = sim.cancelMediaProcessing(found, { all, clientContext, version });
      const location = `${operationsRoot}/${cancel.id}`;
      if (version === 'beta-2018') return { status: 202, headers: { ...baseHeaders, location } };
      return json(200, operationResource(cancel, version), { location });
    }

    const kind = MEDIA_KIND[segment as MediaActionName];
    const prompts = Array.isArray(input.data.prompts) ? (input.data.prompts as unknown[]) : undefined;
    const maxSeconds = typeof input.data.maxRecordDurationInSeconds === 'number' ? input.data.maxRecordDurationInSeconds : DEFAULT_RECORD_SECONDS;
    const durationMs = kind === 'playPrompt' ? PROMPT_MS * Math.max(1, prompts?.length ?? 0) : maxSeconds * 1000;
    const operation = sim.startMedia(found, kind, { clientContext, durationMs, version, ...(kind === 'playPrompt' && prompts ? { prompts } : {}) });
    return json(200, operationResource(operation, version), { location: `${operationsRoot}/${operation.id}` });
  }

  return fail(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
