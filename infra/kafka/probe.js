#!/usr/bin/env node
'use strict';
// One readiness probe with kafkajs: connect an admin client, describeCluster + listTopics.
// Usage: node infra/kafka/probe.js [brokers]   (default $KAFKA_BROKERS or 127.0.0.1:$KAFKA_PORT|19092)
// Exit 0 and prints a one-line summary when the broker answers; exit 1 otherwise.
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.argv[2] || process.env.KAFKA_BROKERS || `127.0.0.1:${process.env.KAFKA_PORT || 19092}`)
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

async function main() {
  const kafka = new Kafka({
    clientId: 'kafka-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  const t0 = Date.now();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    const topics = await admin.listTopics();
    console.log(
      `probe ok in ${Date.now() - t0} ms: clusterId=${cluster.clusterId} controller=${cluster.controller} ` +
        `brokers=${cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',')} topics=${topics.length}`,
    );
    return 0;
  } catch (err) {
    console.error(`probe failed: ${err && err.message}`);
    return 1;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

const timer = setTimeout(() => {
  console.error('probe failed: timeout');
  process.exit(1);
}, 8000);
timer.unref();
main().then((code) => process.exit(code));
