/** The Redis keys of one console team (one prefix); all on one Redis, not a Cluster (the scripts build session keys). */
export interface RedisKeys {
  prefix: string;
  /** The notification log: a stream, ids `<seq>-0`. */
  stream: string;
  /** The last seq handed out. */
  counter: string;
  callStates: string;
  callSeenAt: string;
  /** Calls by the seq they were last seen in (a sorted set). */
  callOrder: string;
  /** Session ids in the order they were started (a list). */
  sessionOrder: string;
  /** The id of the open session. */
  currentSession: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    stream: `${prefix}log`,
    counter: `${prefix}seq`,
    callStates: `${prefix}calls:state`,
    callSeenAt: `${prefix}calls:seen`,
    callOrder: `${prefix}calls:order`,
    sessionOrder: `${prefix}sessions`,
    currentSession: `${prefix}sessions:current`,
  };
}

/**
 * A session's hash (id, name, startedAt, endedAt, startSeq, endSeq, and lastEventId, the last recorded event's id),
 * and its recorded events: a sorted set of event ids (zero-padded, so ties sort in arrival order) scored by the
 * seq they were recorded after, and a hash of event id → the event's JSON.
 */
export const sessionKey = (keys: RedisKeys, id: string) => `${keys.prefix}session:${id}`;
export const sessionPlacedKey = (keys: RedisKeys, id: string) => `${keys.prefix}session:${id}:placed`;
export const sessionRecordedKey = (keys: RedisKeys, id: string) => `${keys.prefix}session:${id}:recorded`;
