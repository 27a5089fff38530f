import { describe, expect, it } from 'vitest';
import { operationNotification } from '../graph/fixtures/randomEvents';
import { firstScreenMarkup } from './firstScreenMarkup';

const CALL = '4f1e0000-0000-4000-8000-000000000001';
const session = { id: '5e551000-0000-4000-8000-000000000000', name: 'Session', startedAt: '2026-12-01T10:00:00.000Z', startSeq: 0 };
const operation = (n: number) => `0000000${n}-0000-4000-9000-000000000000`;
/** Notification `seq`: operation `n` on the call, in `status`. */
const notification = (seq: number, n: number, status: string, odataType?: string) => operationNotification(seq, CALL, operation(n), status, false, {}, odataType);

describe('the first screen as the server draws it', () => {
  it('names the operations changed last, newest first, as the Latest strip does, inert', () => {
    // Operation 1 is created first but changes last: it is the newest.
    const events = [notification(1, 1, 'running'), notification(2, 2, 'running'), notification(3, 3, 'running'), notification(4, 4, 'running'), notification(5, 1, 'completed')];
    const drawn = firstScreenMarkup({ session, events });
    expect(drawn?.newestSeq).toBe(5);
    const named = [...(drawn?.markup ?? '').matchAll(/aria-label="Show playPrompt (\d{8}), (\w+),/g)].map((match) => `${match[1]} ${match[2]}`);
    expect(named).toEqual([`${operation(1).slice(0, 8)} finished`, `${operation(4).slice(0, 8)} running`, `${operation(3).slice(0, 8)} running`]);
    expect(drawn?.markup).toMatch(/^<div id="first-screen" class="app" inert="" data-newest-seq="5">/);
    expect(drawn?.markup).toContain('<h2 id="timeline-heading">Operation timeline</h2>');
  });

  it('draws what a notification says as text, never as markup', () => {
    const hostile = notification(1, 1, 'running', '#microsoft.graph.<img src=x onerror=alert(1)>Operation');
    const markup = firstScreenMarkup({ session, events: [hostile] })?.markup ?? '';
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).not.toContain('<img');
  });

  it('draws nothing before the first operation, or for a read not in shape', () => {
    expect(firstScreenMarkup({ session, events: [] })).toBeUndefined();
    expect(firstScreenMarkup({ events: [notification(1, 1, 'running')] })).toBeUndefined();
    expect(firstScreenMarkup('not a read')).toBeUndefined();
  });
});
