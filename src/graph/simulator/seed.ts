/** The demo tenant: a few users and three calls, one in each state a demo needs. */
import { seededGuid } from '../ids';
import type { SimCall, SimOperation, SimState, SimUser } from './model';

export const DEMO_USERS = [
  { displayName: 'Adele Vance', jobTitle: 'Retail Manager' },
  { displayName: 'Megan Bowen', jobTitle: 'Marketing Manager' },
  { displayName: 'Alex Wilber', jobTitle: 'Marketing Assistant' },
  { displayName: 'Lynne Robbins', jobTitle: 'Planner' },
  { displayName: 'Diego Siciliani', jobTitle: 'HR Manager' },
] as const;

/** Seeded prompts are short so a demo (and a test) sees the queue drain quickly. */
export const SEEDED_PROMPT_MS = 2_500;
/** The seeded recording is long so there is time to cancel it. */
export const SEEDED_RECORDING_MS = 180_000;

function seededPrompt(name: string): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.mediaPrompt',
    mediaInfo: { '@odata.type': '#microsoft.graph.mediaInfo', uri: `https://cdn.contoso.example/prompts/${name}.wav`, resourceId: `${name}-prompt` },
  };
}

export interface SeedOptions {
  seed: number;
  now: number;
  callbackUri: string;
}

export function seedState({ seed, now, callbackUri }: SeedOptions): SimState {
  let random = seed;
  const guid = (): string => {
    const drawn = seededGuid(random);
    random = drawn.state;
    return drawn.guid;
  };
  const users: SimUser[] = DEMO_USERS.map((user) => ({
    id: guid(),
    displayName: user.displayName,
    jobTitle: user.jobTitle,
    mail: `${user.displayName.split(' ')[0]?.toLowerCase() ?? 'user'}@contoso.example`,
  }));
  const participant = (index: number) => {
    const user = users[index];
    if (!user) throw new Error(`no demo user ${index}`);
    return { id: guid(), displayName: user.displayName, userId: user.id };
  };
  const call = (label: string, state: SimCall['state'], people: number[]): SimCall => ({
    id: guid(),
    label,
    state,
    callbackUri,
    participants: people.map(participant),
    queuedOperationIds: [],
    toneOperationIds: [],
    wireVersion: 'v1.0',
  });

  const supportLine = call('Support line', 'established', [0, 1]);
  const salesFollowUp = call('Sales follow-up', 'established', [2, 3]);
  const escalation = call('Escalation (ended)', 'terminated', [4]);

  const operations: Record<string, SimOperation> = {};
  const add = (operation: Omit<SimOperation, 'id' | 'callId' | 'createdAt'>): string => {
    const id = guid();
    operations[id] = { ...operation, id, callId: supportLine.id, createdAt: now };
    return id;
  };
  supportLine.runningOperationId = add({
    kind: 'recordResponse',
    clientContext: 'voicemail-recording',
    status: 'running',
    durationMs: SEEDED_RECORDING_MS,
    startedAt: now,
  });
  supportLine.queuedOperationIds = [
    add({ kind: 'playPrompt', clientContext: 'welcome-prompt', status: 'notStarted', durationMs: SEEDED_PROMPT_MS, prompts: [seededPrompt('welcome')] }),
    add({ kind: 'playPrompt', clientContext: 'menu-prompt', status: 'notStarted', durationMs: SEEDED_PROMPT_MS, prompts: [seededPrompt('menu')] }),
  ];
  supportLine.toneOperationIds = [
    add({ kind: 'subscribeToTone', clientContext: 'dtmf-menu', status: 'completed', durationMs: 0, startedAt: now, endedAt: now }),
  ];

  return {
    seed,
    now,
    random,
    users,
    calls: [supportLine, salesFollowUp, escalation],
    operations,
    outbox: [],
  };
}
