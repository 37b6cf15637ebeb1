import { EVENT_TOPICS, TOPICS, isKnownEventType, topicForEvent, type EventTopic } from '@longview/contracts';

/**
 * The Kafka topics one deployment uses: the contract's names with an optional prefix, so tests
 * (and several deployments on one broker) never share topics. `KAFKA_TOPIC_PREFIX` sets it.
 */
export class TopicNames {
  constructor(readonly prefix = '') {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): TopicNames {
    return new TopicNames(env['KAFKA_TOPIC_PREFIX'] ?? '');
  }

  /** Every topic carrying events (the contract's list: a new aggregate's topic is consumed once it is there), in a fixed order. */
  get eventTopics(): string[] {
    return EVENT_TOPICS.map((topic) => this.prefix + topic);
  }

  get deadLetter(): string {
    return this.prefix + TOPICS.deadLetter;
  }

  get all(): string[] {
    return [...this.eventTopics, this.deadLetter];
  }

  /**
   * The topic of an event type. A type this build does not know (written by a newer command
   * side) goes to the dead-letter topic rather than stopping the relay or being skipped.
   */
  forEventType(type: string): string {
    return isKnownEventType(type) ? this.prefix + (topicForEvent(type) satisfies EventTopic) : this.deadLetter;
  }
}
