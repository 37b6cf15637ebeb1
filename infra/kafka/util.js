'use strict';
// Small helpers shared by check.js and bench.js (kafkajs 2.2.4 against a KRaft broker).
const { logLevel } = require('kafkajs');

/** kafkajs logCreator: one compact stderr line per WARN/ERROR entry, counted in stats.count. */
function compactLogger(stats) {
  return () =>
    ({ level, log }) => {
      if (level > logLevel.WARN) return;
      stats.count++;
      const lvl = level === logLevel.ERROR ? 'ERROR' : 'WARN';
      const err = log.error ? ` (${log.error})` : '';
      process.stderr.write(`  kafkajs ${lvl}: ${log.message}${err}\n`);
    };
}

/**
 * Create a topic and wait until the broker's metadata shows a leader for every partition.
 * kafkajs' own `waitForLeaders: true` only retries LEADER_NOT_AVAILABLE; right after a
 * KRaft create the broker can still answer UNKNOWN_TOPIC_OR_PARTITION, which kafkajs then
 * throws (tulios/kafkajs#1222). Seen here on a freshly started broker. Returns the number
 * of metadata polls that were not ready yet.
 */
async function createTopicAndWait(admin, { topic, numPartitions, timeoutMs = 15000 }) {
  await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions, replicationFactor: 1 }] });
  const deadline = Date.now() + timeoutMs;
  let notReady = 0;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const parts = meta.topics[0].partitions;
      if (parts.length === numPartitions && parts.every((p) => p.leader >= 0 && p.partitionErrorCode === 0)) return notReady;
    } catch (err) {
      if (!err.retriable) throw err;
    }
    notReady++;
    if (Date.now() > deadline) throw new Error(`topic ${topic}: partitions without leader after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

module.exports = { compactLogger, createTopicAndWait };
