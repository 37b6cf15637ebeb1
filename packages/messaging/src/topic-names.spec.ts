import { EVENT_CONTRACTS } from '@longview/contracts';
import { TopicNames } from './topic-names';

describe('TopicNames', () => {
  const topics = new TopicNames('t1.');

  it('consumes every topic an event is published to (mentorship, lessons and comments included)', () => {
    const published = new Set(Object.keys(EVENT_CONTRACTS).map((type) => topics.forEventType(type)));
    expect([...published].filter((topic) => !topics.eventTopics.includes(topic))).toEqual([]);
    expect(topics.eventTopics).toEqual(expect.arrayContaining(['t1.longview.events.mentorship', 't1.longview.events.lesson', 't1.longview.events.comment']));
  });

  it('sends an event type this build does not know to the dead-letter topic', () => {
    expect(topics.forEventType('SomethingNew')).toBe(topics.deadLetter);
    expect(topics.all).toEqual([...topics.eventTopics, topics.deadLetter]);
  });
});
