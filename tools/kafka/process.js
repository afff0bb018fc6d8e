'use strict';
// Process plumbing around the broker's JVM: running short Java tools, stopping a process by pid,
// and quoting the end of the broker log when something goes wrong.

const fs = require('node:fs');
const { spawn } = require('node:child_process');
const { sleep } = require('./net');

function tailOfFile(file, lines = 40) {
  try {
    const size = fs.statSync(file).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, length, size - length);
    } finally {
      fs.closeSync(fd);
    }
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no broker log was written)';
  }
}

function brokerFailure(message, logFile) {
  const error = new Error(`${message}\n--- last lines of ${logFile} ---\n${tailOfFile(logFile)}`);
  error.name = 'KafkaBrokerError';
  return error;
}

/** Runs a short-lived Java tool without blocking the event loop (other setup runs meanwhile). */
function runJava(java, args) {
  return new Promise((resolve) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => resolve({ status: null, stdout, stderr: `${stderr}${error.message}` }));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Sends SIGTERM, waits up to `timeoutMs` for the process to go, then SIGKILLs it. */
async function stopPid(pid, { timeoutMs = 30_000 } = {}) {
  if (!processAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      while (processAlive(pid)) await sleep(50);
      return;
    }
    await sleep(100);
  }
}

module.exports = { brokerFailure, processAlive, runJava, stopPid, tailOfFile };
