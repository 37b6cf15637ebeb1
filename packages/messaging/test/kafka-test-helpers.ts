import type { Kafka, KafkaMessage } from 'kafkajs';
import { uniqueGroupId } from '../src/testing';

export interface ReceivedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Reads `topics` from the beginning with a fresh group until `count` messages arrived (or times out). */
export async function collectMessages(kafka: Kafka, topics: readonly string[], count: number, timeoutMs = 30000): Promise<ReceivedMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueGroupId('collect'), maxWaitTimeInMs: 100 });
  const received: ReceivedMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count} messages within ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          received.push({ topic, partition, message });
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    // A short grace period so that unexpected extra messages (duplicates) are seen too.
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    await consumer.disconnect();
  }
  return received;
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
