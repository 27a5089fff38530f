/**
 * The part of Microsoft Graph's published metadata (CSDL, microsoftgraph/msgraph-metadata)
 * that the simulator answers with, per API version: types, their properties
 * (JSON type and nullability), enum members and action parameters. It is the
 * reference the wire-format tests hold the simulator against; the simulator's
 * own rules are in ./parameters.ts and ../simulator/notifications.ts.
 *
 * Sources: v1.0 `clean_v10_metadata/cleanMetadata.xml` (commit f54f11b6, Aug 2026), today's
 * beta `clean_beta_metadata/cleanMetadata.xml` (commit bd05c95e, Aug 2026) and the 2018
 * beta `beta_metadata.xml` of the repository's first commit (c767416d, Dec 2018).
 * Choices (see docs/architecture.md, "Graph wire format per version"):
 * - Enum members are written as they travel on the wire, in camelCase; the CSDL spells
 *   `operationStatus` (every version) and every 2018 enum in PascalCase.
 * - Type names are lower-camel, as `@odata.type` carries them; the 2018 CSDL spells them in PascalCase.
 * - Where today's beta was not extracted (callMediaState, mediaState, modality and the media
 *   actions), it is taken to be as v1.0, which the beta docs agree with.
 * - `resourceData` is not declared on commsNotification (an open type), but every documented
 *   notification carries it: it is listed here so the check knows it.
 */
import type { ProfileId } from '../profiles';

export interface PropertyRule {
  /** `Edm.String`, `Edm.Int32`, `Edm.Boolean`, `Edm.DateTimeOffset`, a type or enum of this table, or `Collection(...)`. */
  type: string;
  nullable: boolean;
}

export interface TypeRule {
  baseType?: string;
  properties: Record<string, PropertyRule>;
}

export interface VersionMetadata {
  types: Record<string, TypeRule>;
  enums: Record<string, readonly string[]>;
  actions: Record<string, Record<string, PropertyRule>>;
}

const optional = (type: string): PropertyRule => ({ type, nullable: true });
const required = (type: string): PropertyRule => ({ type, nullable: false });

/** Declared nowhere but carried by every notification Graph documents. */
const documentedResourceData = optional('entity');

const OPERATION_STATUS = ['notStarted', 'running', 'completed', 'failed'] as const;
const CHANGE_TYPE = ['created', 'updated', 'deleted'] as const;
const CALL_DIRECTION = ['incoming', 'outgoing'] as const;
const RECORD_COMPLETION_REASON = [
  'operationCanceled',
  'stopToneDetected',
  'maxRecordDurationReached',
  'initialSilenceTimeout',
  'maxSilenceTimeout',
  'playPromptFailed',
  'playBeepFailed',
  'mediaReceiveTimeout',
  'unspecifiedError',
] as const;

const V1_CALL_STATE = ['incoming', 'establishing', 'established', 'hold', 'transferring', 'transferAccepted', 'redirecting', 'terminating', 'terminated', 'unknownFutureValue'] as const;
const V1_MODALITY = ['audio', 'video', 'videoBasedScreenSharing', 'data', 'unknownFutureValue'] as const;
const V1_MEDIA_STATE = ['active', 'inactive', 'unknownFutureValue'] as const;

const entity: TypeRule = { properties: { id: required('Edm.String') } };
const commsOperation: TypeRule = {
  baseType: 'entity',
  properties: { clientContext: optional('Edm.String'), resultInfo: optional('resultInfo'), status: required('operationStatus') },
};
const resultInfo: TypeRule = { properties: { code: required('Edm.Int32'), message: optional('Edm.String'), subcode: required('Edm.Int32') } };
const commsNotification: TypeRule = { properties: { changeType: required('changeType'), resourceUrl: required('Edm.String'), resourceData: documentedResourceData } };
const commsNotifications: TypeRule = { properties: { value: optional('Collection(commsNotification)') } };

/** The call properties v1.0 declares; today's beta declares these and more. */
const v1CallProperties: Record<string, PropertyRule> = {
  callbackUri: required('Edm.String'),
  callChainId: optional('Edm.String'),
  callOptions: optional('callOptions'),
  callRoutes: optional('Collection(callRoute)'),
  chatInfo: optional('chatInfo'),
  direction: optional('callDirection'),
  incomingContext: optional('incomingContext'),
  mediaConfig: optional('mediaConfig'),
  mediaState: optional('callMediaState'),
  meetingInfo: optional('meetingInfo'),
  myParticipantId: optional('Edm.String'),
  requestedModalities: optional('Collection(modality)'),
  resultInfo: optional('resultInfo'),
  source: optional('participantInfo'),
  state: optional('callState'),
  subject: optional('Edm.String'),
  targets: optional('Collection(invitationParticipantInfo)'),
  tenantId: optional('Edm.String'),
  toneInfo: optional('toneInfo'),
  transcription: optional('callTranscriptionInfo'),
};

/** The recording options v1.0's `recordResponse` and the 2018 beta's `record` both declare, in this order. */
const recordingOptions = {
  prompts: optional('Collection(prompt)'),
  bargeInAllowed: optional('Edm.Boolean'),
  initialSilenceTimeoutInSeconds: optional('Edm.Int32'),
  maxSilenceTimeoutInSeconds: optional('Edm.Int32'),
  maxRecordDurationInSeconds: optional('Edm.Int32'),
  playBeep: optional('Edm.Boolean'),
};

const recordResponseParameters = {
  ...recordingOptions,
  stopTones: optional('Collection(Edm.String)'),
  clientContext: optional('Edm.String'),
};

/** The 2018 beta's recording options: the `record` action's parameters, and the properties its operation echoes. */
const recordOptions2018 = {
  ...recordingOptions,
  streamWhileRecording: optional('Edm.Boolean'),
  stopTones: optional('Collection(Edm.String)'),
};

const v1Actions: VersionMetadata['actions'] = {
  cancelMediaProcessing: { clientContext: optional('Edm.String') },
  playPrompt: { prompts: required('Collection(prompt)'), clientContext: optional('Edm.String') },
  recordResponse: recordResponseParameters,
  subscribeToTone: { clientContext: optional('Edm.String') },
};

const v1: VersionMetadata = {
  types: {
    entity,
    commsOperation,
    cancelMediaProcessingOperation: { baseType: 'commsOperation', properties: {} },
    playPromptOperation: { baseType: 'commsOperation', properties: {} },
    recordOperation: { baseType: 'commsOperation', properties: { recordingAccessToken: optional('Edm.String'), recordingLocation: optional('Edm.String') } },
    subscribeToToneOperation: { baseType: 'commsOperation', properties: {} },
    resultInfo,
    commsNotification,
    commsNotifications,
    call: { baseType: 'entity', properties: v1CallProperties },
    callMediaState: { properties: { audio: optional('mediaState') } },
  },
  enums: {
    operationStatus: OPERATION_STATUS,
    changeType: CHANGE_TYPE,
    callState: V1_CALL_STATE,
    callDirection: CALL_DIRECTION,
    modality: V1_MODALITY,
    mediaState: V1_MEDIA_STATE,
  },
  actions: v1Actions,
};

const beta: VersionMetadata = {
  types: {
    ...v1.types,
    playPromptOperation: { baseType: 'commsOperation', properties: { completionReason: optional('playPromptCompletionReason') } },
    recordOperation: {
      baseType: 'commsOperation',
      properties: {
        completionReason: optional('recordCompletionReason'),
        recordingAccessToken: optional('Edm.String'),
        recordingLocation: optional('Edm.String'),
      },
    },
    call: {
      baseType: 'entity',
      properties: {
        ...v1CallProperties,
        activeModalities: optional('Collection(modality)'),
        answeredBy: optional('participantInfo'),
        meetingCapability: optional('meetingCapability'),
        ringingTimeoutInSeconds: optional('Edm.Int32'),
        routingPolicies: optional('Collection(routingPolicy)'),
        terminationReason: optional('Edm.String'),
      },
    },
  },
  enums: {
    ...v1.enums,
    callState: ['incoming', 'establishing', 'ringing', 'established', 'hold', 'transferring', 'transferAccepted', 'redirecting', 'terminating', 'terminated', 'unknownFutureValue'],
    recordCompletionReason: RECORD_COMPLETION_REASON,
    playPromptCompletionReason: ['unknown', 'completedSuccessfully', 'mediaOperationCanceled', 'unknownFutureValue'],
  },
  actions: v1Actions,
};

const operation2018 = (properties: Record<string, PropertyRule>): TypeRule => ({ baseType: 'commsOperation', properties });

const beta2018: VersionMetadata = {
  types: {
    entity,
    commsOperation: {
      baseType: 'entity',
      properties: {
        status: required('operationStatus'),
        createdDateTime: required('Edm.DateTimeOffset'),
        lastActionDateTime: required('Edm.DateTimeOffset'),
        clientContext: optional('Edm.String'),
        errorInfo: optional('resultInfo'),
      },
    },
    cancelMediaProcessingOperation: operation2018({ all: optional('Edm.Boolean') }),
    playPromptOperation: operation2018({ prompts: required('Collection(prompt)'), completionReason: optional('completionReason') }),
    recordOperation: operation2018({
      ...recordOptions2018,
      recordResourceLocation: optional('Edm.String'),
      completionReason: optional('recordCompletionReason'),
    }),
    subscribeToToneOperation: operation2018({}),
    resultInfo: { properties: { code: optional('Edm.String'), subCode: optional('Edm.String'), message: optional('Edm.String') } },
    commsNotification: { properties: { changeType: required('changeType'), resource: required('Edm.String'), resourceData: documentedResourceData } },
    commsNotifications,
    call: {
      baseType: 'entity',
      properties: {
        state: optional('callState'),
        error: optional('resultInfo'),
        terminationReason: optional('Edm.String'),
        direction: optional('callDirection'),
        ringningTimeoutInSeconds: optional('Edm.Int32'),
        subject: optional('Edm.String'),
        callbackUri: required('Edm.String'),
        callRoutes: optional('Collection(callRoute)'),
        source: optional('participantInfo'),
        targets: optional('Collection(participantInfo)'),
        answeredBy: optional('participantInfo'),
        requestedModalities: optional('Collection(modality)'),
        activeModalities: optional('Collection(modality)'),
        mediaConfig: optional('mediaConfig'),
        chatInfo: optional('chatInfo'),
        meetingInfo: optional('meetingInfo'),
        meetingCapability: optional('meetingCapability'),
        routingPolicies: optional('Collection(routingPolicy)'),
        tenantId: optional('Edm.String'),
        myParticipantId: optional('Edm.String'),
        toneInfo: optional('toneInfo'),
      },
    },
  },
  enums: {
    operationStatus: OPERATION_STATUS,
    recordCompletionReason: RECORD_COMPLETION_REASON,
    completionReason: ['unknown', 'completedSuccessfully', 'mediaOperationCanceled'],
    changeType: CHANGE_TYPE,
    callState: ['incoming', 'establishing', 'ringing', 'established', 'hold', 'transferring', 'transferAccepted', 'redirecting', 'terminating', 'terminated'],
    callDirection: CALL_DIRECTION,
    modality: ['unknown', 'audio', 'video', 'videoBasedScreenSharing', 'data'],
  },
  actions: {
    cancelMediaProcessing: { all: optional('Edm.Boolean'), clientContext: optional('Edm.String') },
    playPrompt: { prompts: required('Collection(prompt)'), clientContext: optional('Edm.String') },
    record: { ...recordOptions2018, clientContext: optional('Edm.String') },
    subscribeToTone: { clientContext: optional('Edm.String') },
  },
};

export const GRAPH_METADATA: Record<ProfileId, VersionMetadata> = { 'v1.0': v1, beta, 'beta-2018': beta2018 };
