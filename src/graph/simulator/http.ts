/**
 * Graph's HTTP surface over the simulator: one function from a request to the
 * answer Graph would give. msw handlers and the fake Graph server are thin
 * adapters over it, so both modes answer exactly alike.
 */
import type { z } from 'zod';
import { graphErrorBody } from '../errors';
import { batchBodySchema } from '../batch';
import { answerBatch } from './batch';
import { parseCallPath } from '../profiles';
import { cancelBodySchema, CLIENT_CONTEXT_MAX, clientContextSchema, legacyCancelBodySchema } from '../schemas';
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

const MEDIA_ACTIONS: Record<string, MediaKind> = {
  playPrompt: 'playPrompt',
  recordResponse: 'recordResponse',
  subscribeToTone: 'subscribeToTone',
};

export function handleGraphRequest(sim: CallSimulator, request: GraphHttpRequest, options: GraphHttpOptions = {}): GraphHttpResponse {
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
  const style = parsed.profile === 'beta-2018' ? 'legacy' : 'current';
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
      mediaState: { audio: found.state === 'established' ? 'active' : 'inactive' },
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
    return json(200, operationResource(operation));
  }

  if (operationId !== undefined) return fail(400, 'BadRequest', `Resource not found for the segment '${operationId}'.`);

  const mediaKind = MEDIA_ACTIONS[segment];
  if (segment === 'cancelMediaProcessing' || mediaKind) {
    const wrong = expectMethod('POST');
    if (wrong) return wrong;
    const body = parseJsonBody(request.body);
    if (!body.ok) {
      return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }

    if (segment === 'cancelMediaProcessing') {
      const schema = parsed.profile === 'beta-2018' ? legacyCancelBodySchema : cancelBodySchema;
      const input = schema.safeParse(body.value);
      if (!input.success) return fail(400, 'BadRequest', describeBodyIssue(input.error));
      const found = needLiveCall();
      if ('status' in found) return found;
      const all = 'all' in input.data ? input.data.all !== false : true;
      const cancel = sim.cancelMediaProcessing(found, { all, clientContext: input.data.clientContext ?? '', style });
      const location = `${operationsRoot}/${cancel.id}`;
      if (parsed.profile === 'beta-2018') return { status: 202, headers: { ...baseHeaders, location } };
      return json(200, operationResource(cancel), { location });
    }

    if (mediaKind) {
      const input = mediaBody(body.value);
      if (typeof input === 'string') return fail(400, 'BadRequest', input);
      const found = needLiveCall();
      if ('status' in found) return found;
      const durationMs =
        mediaKind === 'playPrompt'
          ? PROMPT_MS * Math.max(1, input.prompts)
          : (input.maxRecordDurationInSeconds ?? DEFAULT_RECORD_SECONDS) * 1000;
      const operation = sim.startMedia(found, mediaKind, { clientContext: input.clientContext, durationMs, style });
      return json(200, operationResource(operation), { location: `${operationsRoot}/${operation.id}` });
    }
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

/** Words as Graph's OData layer puts them, for the mistakes a console user can make. */
function describeBodyIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return `The parameter '${key}' in the request payload is not a valid parameter for the operation 'cancelMediaProcessing'.`;
  }
  const field = String(issue.path[0] ?? 'body');
  if (issue.code === 'too_big') return `The parameter '${field}' is too long: ${issue.message}.`;
  if (issue.code === 'invalid_type') return `The parameter '${field}' has the wrong type: expected ${issue.expected}.`;
  return `The parameter '${field}' is not valid: ${issue.message}.`;
}

interface MediaInput {
  clientContext: string;
  prompts: number;
  maxRecordDurationInSeconds?: number;
}

function mediaBody(value: unknown): MediaInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The request body must be a JSON object.';
  const record = value as Record<string, unknown>;
  const clientContext = record.clientContext ?? '';
  if (typeof clientContext !== 'string') return "The parameter 'clientContext' has the wrong type: expected string.";
  if (!clientContextSchema.safeParse(clientContext).success) return `The parameter 'clientContext' is too long: clientContext must be at most ${CLIENT_CONTEXT_MAX} characters.`;
  const prompts = Array.isArray(record.prompts) ? record.prompts.length : 0;
  const input: MediaInput = { clientContext, prompts };
  const max = record.maxRecordDurationInSeconds;
  if (max !== undefined) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 600) {
      return "The parameter 'maxRecordDurationInSeconds' must be a whole number of seconds from 1 to 600.";
    }
    input.maxRecordDurationInSeconds = max;
  }
  return input;
}
