import { describe, expect, it } from 'vitest';
import { describeBotAnswer } from './format';

describe('describeBotAnswer', () => {
  it('says what the bot answered and how fast, or why it did not, and how often Graph retried', () => {
    expect(describeBotAnswer({ outcome: 'answered', status: 202, ms: 14, retries: 0 })).toBe('bot 202 · 14 ms');
    expect(describeBotAnswer({ outcome: 'answered', status: 500, ms: 3, retries: 0 })).toBe('bot 500 · 3 ms');
    expect(describeBotAnswer({ outcome: 'unreachable', status: 502, ms: 1, retries: 0 })).toBe('bot unreachable (Graph got 502)');
    expect(describeBotAnswer({ outcome: 'timeout', status: 504, ms: 10_000, retries: 0 })).toBe('bot timed out · 10000 ms (Graph got 504)');
    expect(describeBotAnswer({ outcome: 'overloaded', status: 503, ms: 0, retries: 0 })).toBe('bot busy: too many notifications in flight (Graph got 503)');
    expect(describeBotAnswer({ outcome: 'answered', status: 202, ms: 9, retries: 1 })).toBe('bot 202 · 9 ms · retried 1 time');
    expect(describeBotAnswer({ outcome: 'answered', status: 202, ms: 9, retries: 3 })).toBe('bot 202 · 9 ms · retried 3 times');
  });
});
