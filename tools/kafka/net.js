'use strict';
// Small network probes used around a broker's life: free ports, "is anything listening",
// and "does a Kafka broker answer" (an admin listTopics, the same call readiness waits on).

const net = require('node:net');
const { Kafka, logLevel } = require('kafkajs');

/** Asks the OS for a port nobody listens on right now. */
function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
function isListening(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * One attempt to list topics on `brokers` and read the cluster id. Resolves with both, or rejects
 * with the client's error; never retries, so callers decide how long to keep asking.
 */
async function probeBroker(brokers, { timeoutMs = 3000 } = {}) {
  const kafka = new Kafka({
    clientId: 'underpin-broker-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: Math.min(timeoutMs, 1000),
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    const { clusterId } = await admin.describeCluster();
    return { topics, clusterId };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function kafkaAnswers(brokers, options) {
  try {
    await probeBroker(brokers, options);
    return true;
  } catch {
    return false;
  }
}

/**
 * The conventional ports when both are free, so a developer's tools find the broker where they
 * expect it; otherwise two free ports, so a second broker never collides with the first.
 */
async function pickBrokerPorts({ host = '127.0.0.1', port = 9092, controllerPort = 9093 } = {}) {
  if (!(await isListening(port, host)) && !(await isListening(controllerPort, host))) {
    return { port, controllerPort, preferred: true };
  }
  const free = await findFreePort(host);
  let freeController = await findFreePort(host);
  while (freeController === free) freeController = await findFreePort(host);
  return { port: free, controllerPort: freeController, preferred: false };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { findFreePort, isListening, pickBrokerPorts, probeBroker, kafkaAnswers, sleep };
