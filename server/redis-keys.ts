/** The Redis keys of one console team (one prefix); all on one Redis, not a Cluster (the scripts build session keys). */
export type RedisKeys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  return {
    prefix,
    /** The notification log: a stream, ids `<seq>-0`. */
    stream: `${prefix}log`,
    /** The last seq handed out. */
    counter: `${prefix}seq`,
    callStates: `${prefix}calls:state`,
    callSeenAt: `${prefix}calls:seen`,
    /** Calls by the seq they were last seen in (a sorted set). */
    callOrder: `${prefix}calls:order`,
    /** Session ids in the order they were started (a list). */
    sessionOrder: `${prefix}sessions`,
    /** The id of the open session. */
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
