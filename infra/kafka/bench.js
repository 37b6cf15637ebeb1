#!/usr/bin/env node
'use strict';
// Bare kafkajs produce -> consume throughput against a running broker (a rough figure only).
// A consumer group subscribes first; then N messages are produced in batched sends (acks -1),
// sequentially or with a few sends in flight; the clock stops when the consumer has seen all N.
//
//   node infra/kafka/bench.js   env: KAFKA_BROKERS, BENCH_MESSAGES (20000), BENCH_BATCH (500),
//                                    BENCH_SIZE (100 bytes), BENCH_INFLIGHT (1), BENCH_PARTITIONS (6)
const { Kafka, Partitioners } = require('kafkajs');
const { compactLogger, createTopicAndWait } = require('./util');

const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 19092}`).split(',');
const N = Number(process.env.BENCH_MESSAGES || 20000);
const BATCH = Number(process.env.BENCH_BATCH || 500);
const SIZE = Number(process.env.BENCH_SIZE || 100);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT || 1);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS || 6);
const run = `${Date.now()}-${process.pid}`;
const topic = `infra-bench-${run}`;

async function main() {
  const kafka = new Kafka({ clientId: 'infra-bench', brokers, logCreator: compactLogger({ count: 0 }) });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `infra-bench-${run}`, maxWaitTimeInMs: 100 });
  await admin.connect();
  await createTopicAndWait(admin, { topic, numPartitions: PARTITIONS });

  let got = 0;
  let resolveDone;
  const done = new Promise((r) => {
    resolveDone = r;
  });
  const joined = new Promise((r) => consumer.on(consumer.events.GROUP_JOIN, r));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      got += batch.messages.length;
      if (got >= N) resolveDone();
    },
  });
  await joined;
  await producer.connect();

  const pad = 'x'.repeat(Math.max(0, SIZE - 20));
  const batches = [];
  for (let i = 0; i < N; i += BATCH) {
    const msgs = [];
    for (let j = i; j < Math.min(N, i + BATCH); j++) msgs.push({ key: `k${j % 100}`, value: `${j}:${pad}` });
    batches.push(msgs);
  }

  const t0 = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++];
      await producer.send({ topic, acks: -1, messages: b });
    }
  };
  await Promise.all(Array.from({ length: INFLIGHT }, worker));
  const tProduced = process.hrtime.bigint();
  await done;
  const tConsumed = process.hrtime.bigint();

  const ms = (a, b) => Number(b - a) / 1e6;
  const pMs = ms(t0, tProduced);
  const eMs = ms(t0, tConsumed);
  console.log(`bench: ${N} msgs x ${SIZE} B, ${PARTITIONS} partitions, batches of ${BATCH}, ${INFLIGHT} send(s) in flight, acks -1`);
  console.log(`  produce: ${pMs.toFixed(0)} ms  = ${Math.round(N / (pMs / 1000))} msg/s`);
  console.log(`  produce->all consumed: ${eMs.toFixed(0)} ms  = ${Math.round(N / (eMs / 1000))} msg/s end to end`);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteGroups([`infra-bench-${run}`]).catch(() => {});
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
}

const timer = setTimeout(() => {
  console.error('bench FAILED: timeout');
  process.exit(1);
}, 120000);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (e) => {
    console.error(`bench FAILED: ${e.stack || e}`);
    process.exit(1);
  },
);
