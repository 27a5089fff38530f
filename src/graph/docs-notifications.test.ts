/**
 * Every notification Microsoft's Graph docs show a bot receiving: the
 * console's notification schema accepts each one, and the timeline folds each
 * one, drawing the operations it names and keeping every other shape.
 */
import { describe, expect, it } from 'vitest';
import fixture from './fixtures/docs-notifications.json';
import { commsNotificationsSchema } from './schemas';
import { buildTimeline, foldTimeline, emptyTimeline, type TimelineEvent } from './timeline';

const examples = fixture.examples;
const label = (index: number) => `${examples[index]?.source ?? ''} — ${examples[index]?.heading ?? ''}`;

const events: Extract<TimelineEvent, { kind: 'notification' }>[] = examples.map((example, index) => ({
  kind: 'notification',
  seq: index + 1,
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
  verified: true,
  source: 'graph',
  body: example.body,
}));

describe('the notification bodies of Graph’s docs', () => {
  it('are all there: 96 bodies, v1.0 and beta, created, updated and deleted', () => {
    expect(examples).toHaveLength(96);
    expect(new Set(examples.map((example) => example.version))).toEqual(new Set(['v1.0', 'beta']));
    const changeTypes = new Set(examples.flatMap((example) => (example.body as { value: { changeType: string }[] }).value.map((item) => item.changeType)));
    expect(changeTypes).toEqual(new Set(['created', 'updated', 'deleted']));
  });

  it.each(examples.map((_, index) => index))('the notification schema accepts #%i', (index) => {
    const parsed = commsNotificationsSchema.safeParse(examples[index]?.body);
    expect(parsed.success, `${label(index)}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  });

  it('the timeline folds each without throwing, and keeps every one: drawn in a lane or kept as another notification', () => {
    let timeline = emptyTimeline();
    for (const event of events) timeline = foldTimeline(timeline, event);
    const drawn = new Set(timeline.lanes.flatMap((lane) => lane.changes.map((change) => change.raw)));
    const kept = new Set(timeline.otherNotifications);
    events.forEach((event, index) => {
      const items = (event.body as { value: unknown[] }).value;
      const allDrawn = items.every((item) => drawn.has(item));
      expect(allDrawn || kept.has(event), `${label(index)} was dropped`).toBe(true);
    });
    // Operations the docs show (playPrompt, record, invite…; the docs reuse a few ids) get lanes; call and roster updates are kept aside.
    expect(timeline.lanes.length).toBeGreaterThanOrEqual(5);
    expect(timeline.otherNotifications.length).toBeGreaterThan(30);
    expect(buildTimeline(events)).toEqual(timeline);
  });

  it('keeps each drawn item exactly as received, keys in their order', () => {
    const timeline = buildTimeline(events);
    const changes = timeline.lanes.flatMap((lane) => lane.changes);
    expect(changes.length).toBeGreaterThan(0);
    const receivedItems = new Set(events.flatMap((event) => (event.body as { value: unknown[] }).value));
    for (const change of changes) expect(receivedItems.has(change.raw)).toBe(true);
  });

  it('draws the docs’ recordOperation with its completionReason and resultInfo', () => {
    const timeline = buildTimeline(events);
    const recording = timeline.lanes.find((lane) => lane.type === 'record' && lane.changes.some((change) => change.completionReason === 'stopToneDetected'));
    expect(recording?.changes.at(-1)).toMatchObject({ status: 'completed', changeType: 'deleted' });
    const v1Recording = timeline.lanes.find((lane) => lane.changes.some((change) => change.resultInfo?.subcode === 8515));
    expect(v1Recording?.changes.at(-1)?.resultInfo).toEqual({ '@odata.type': '#microsoft.graph.resultInfo', code: 200, subcode: 8515, message: 'Action completed, max record duration reached.' });
  });
});
