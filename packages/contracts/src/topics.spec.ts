import { LONGVIEW_EVENT_TYPES } from '@longview/domain';
import { EVENT_TOPICS, HEADERS, TOPICS, topicForEvent } from './topics';

describe('topics', () => {
  it('sends each event to the topic of its aggregate', () => {
    expect(topicForEvent('TrustContextChanged')).toBe('longview.events.trust');
    expect(topicForEvent('PdsaCycleLogged')).toBe('longview.events.intervention');
    expect(topicForEvent('ObservationsRecorded')).toBe('longview.events.series');
  });

  it('never sends an event to the dead-letter topic', () => {
    const used = new Set(LONGVIEW_EVENT_TYPES.map(topicForEvent));
    expect([...used].sort()).toEqual([...EVENT_TOPICS].sort());
    expect(used.has(TOPICS.deadLetter as never)).toBe(false);
  });

  it('throws for an unknown event type', () => {
    expect(() => topicForEvent('TrustClosed' as never)).toThrow(/TrustClosed/);
  });

  it('uses distinct header names, with W3C trace context names as is', () => {
    const names = Object.values(HEADERS);
    expect(new Set(names).size).toBe(names.length);
    expect(HEADERS.traceparent).toBe('traceparent');
  });
});
