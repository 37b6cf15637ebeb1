#!/usr/bin/env node
'use strict';
// Round trip against a running broker with kafkajs 2.2.4 (the residual risk of the recipe):
// admin.createTopics (6 partitions) -> produce keyed messages with headers (acks -1, idempotent)
// -> consume with a consumer group from the beginning -> commit offsets
// -> verify every message exactly once (key, value, headers, one partition per key) and the
//    committed offsets (= high watermarks) -> delete group and topic. Prints timings.
// Exit 0 on success, 1 on any failure.
//
//   node infra/kafka/check.js
//   env: KAFKA_BROKERS (default 127.0.0.1:$KAFKA_PORT|19092), CHECK_MESSAGES (600),
//        CHECK_TIMEOUT_MS (60000), CHECK_IDEMPOTENT (1; 0 = plain producer)
const { Kafka, Partitioners } = require('kafkajs');
const { compactLogger, createTopicAndWait } = require('./util');

const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 19092}`).split(',');
const N = Number(process.env.CHECK_MESSAGES || 600);
const PARTITIONS = 6;
const TIMEOUT_MS = Number(process.env.CHECK_TIMEOUT_MS || 60000);
const IDEMPOTENT = process.env.CHECK_IDEMPOTENT !== '0';
const run = `${Date.now()}-${process.pid}`;
const topic = `infra-check-${run}`;
const groupId = `infra-check-group-${run}`;

const t = {};
const t0 = Date.now();
const mark = (name, since) => {
  t[name] = Date.now() - since;
};
const fail = (msg) => {
  throw new Error(msg);
};
const logStats = { count: 0 };

async function main() {
  const kafka = new Kafka({ clientId: 'infra-check', brokers, logCreator: compactLogger(logStats) });
  const admin = kafka.admin();
  // Idempotent: a produce request that fails for one partition (e.g. NOT_LEADER right after
  // topic creation) is retried whole by kafkajs; without idempotence the partitions that had
  // succeeded get the batch twice. Seen once here on a freshly started broker.
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    ...(IDEMPOTENT ? { idempotent: true, maxInFlightRequests: 1 } : {}),
  });
  // maxWaitTimeInMs: kafkajs' disconnect() waits for the in-flight fetch (default 5000 ms long poll).
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  try {
    let s = Date.now();
    await admin.connect();
    const cluster = await admin.describeCluster();
    mark('admin connect+describeCluster', s);

    s = Date.now();
    const notReadyPolls = await createTopicAndWait(admin, { topic, numPartitions: PARTITIONS });
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    if (meta.topics[0].partitions.length !== PARTITIONS) fail(`topic has ${meta.topics[0].partitions.length} partitions, expected ${PARTITIONS}`);
    mark(`createTopics (6 partitions) + leaders (${notReadyPolls} not-ready polls)`, s);

    // Messages: 20 keys, headers with a string and a binary value.
    const sent = [];
    for (let i = 0; i < N; i++) {
      sent.push({
        key: `key-${i % 20}`,
        value: JSON.stringify({ i, run }),
        headers: { 'x-seq': String(i), 'x-run': run, 'x-bin': Buffer.from([i & 0xff, 0x00, 0xff]) },
      });
    }

    s = Date.now();
    await producer.connect();
    const BATCH = 100;
    for (let i = 0; i < N; i += BATCH) {
      await producer.send({ topic, acks: -1, messages: sent.slice(i, i + BATCH) });
    }
    mark(`produce ${N} keyed msgs (acks -1, ${IDEMPOTENT ? 'idempotent, ' : ''}batches of ${BATCH})`, s);

    const received = new Map(); // seq -> { partition, offset, key, value, headers }
    const keyPartition = new Map();
    const problems = [];
    let resolveDone;
    const done = new Promise((r) => {
      resolveDone = r;
    });
    let joinedAt = null;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joinedAt = Date.now();
    });

    s = Date.now();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let firstAt = null;
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        // Never throw here: kafkajs would re-deliver the message forever.
        if (firstAt === null) firstAt = Date.now();
        const seq = Number(message.headers['x-seq'].toString());
        const k = message.key.toString();
        if (received.has(seq)) problems.push(`duplicate message seq ${seq} (partition ${partition} offset ${message.offset})`);
        else received.set(seq, { partition, offset: message.offset, key: k, value: message.value.toString(), headers: message.headers });
        if (keyPartition.has(k) && keyPartition.get(k) !== partition) problems.push(`key ${k} on partitions ${keyPartition.get(k)} and ${partition}`);
        keyPartition.set(k, partition);
        if (received.size === N || problems.length) resolveDone();
      },
    });
    await done;
    if (problems.length) fail(`${problems.length} problem(s): ${problems.slice(0, 5).join('; ')}`);
    t['consumer connect -> group joined'] = joinedAt ? joinedAt - s : -1;
    t['group joined -> first message'] = joinedAt && firstAt ? firstAt - joinedAt : -1;
    mark(`consume all ${N} (incl. group join)`, s);

    for (let i = 0; i < N; i++) {
      const r = received.get(i);
      if (!r) fail(`message ${i} not received`);
      if (r.key !== sent[i].key) fail(`message ${i}: key ${r.key} != ${sent[i].key}`);
      if (r.value !== sent[i].value) fail(`message ${i}: value mismatch`);
      if (r.headers['x-run'].toString() !== run) fail(`message ${i}: header x-run mismatch`);
      if (!Buffer.from(r.headers['x-bin']).equals(sent[i].headers['x-bin'])) fail(`message ${i}: header x-bin mismatch`);
    }
    const partitionsUsed = new Set([...received.values()].map((r) => r.partition));

    // Commit offsets (last consumed + 1 per partition) and read them back through the admin API.
    s = Date.now();
    const next = new Map();
    for (const r of received.values()) {
      const o = BigInt(r.offset) + 1n;
      if (!next.has(r.partition) || next.get(r.partition) < o) next.set(r.partition, o);
    }
    await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic, partition, offset: String(offset) })));
    mark('commitOffsets', s);

    s = Date.now();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const high = await admin.fetchTopicOffsets(topic);
    let total = 0;
    for (const h of high) {
      const c = committed.partitions.find((p) => p.partition === h.partition);
      if (!c || c.offset !== h.high) fail(`partition ${h.partition}: committed ${c && c.offset} != high watermark ${h.high}`);
      total += Number(h.high) - Number(h.low);
    }
    if (total !== N) fail(`topic holds ${total} records, expected ${N}`);
    mark('fetchOffsets + fetchTopicOffsets verify', s);

    s = Date.now();
    await consumer.disconnect();
    mark('consumer.disconnect (leave group)', s);
    s = Date.now();
    const groups = await admin.describeGroups([groupId]);
    const g = groups.groups[0];
    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic] });
    mark('describeGroups + deleteGroups + deleteTopics', s);

    console.log(
      `check OK against ${brokers.join(',')} (cluster ${cluster.clusterId}): ` +
        `${N} messages exactly once, ${partitionsUsed.size}/${PARTITIONS} partitions used, ` +
        `group state after leave '${g.state}', ${logStats.count} transient kafkajs warning/error line(s)`,
    );
    for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(60)} ${String(v).padStart(6)} ms`);
    console.log(`  ${'total'.padEnd(60)} ${String(Date.now() - t0).padStart(6)} ms`);
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  }
}

const timer = setTimeout(() => {
  console.error(`check FAILED: timeout after ${TIMEOUT_MS} ms`);
  process.exit(1);
}, TIMEOUT_MS);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (err) => {
    console.error(`check FAILED: ${(err && err.stack) || err}`);
    process.exit(1);
  },
);
