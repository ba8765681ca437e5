// One measured run: one scenario against one target, with fresh server and worker processes.
import { setTimeout as sleep } from 'node:timers/promises';
import { startTarget } from './targets.mjs';
import { WorkerPool } from './lib/worker-pool.mjs';
import { LatencyHistogram } from './lib/latency-histogram.mjs';
import { processCpuMicros, processRssBytes } from './lib/process-stats.mjs';

// The server's default dev app id (packages/server config); the CLI runs without --app-id.
export const APP_ID = 'realtime-dev-app';
const WORKERS = 2;
const CONNECT_CONCURRENCY_PER_WORKER = 64;
const DRAIN_MAX_MS = 8000;
const DRAIN_QUIET_MS = 1000;
const SETTLE_MS = 500;

function layout(scenario) {
  const total = scenario.idleSessions ?? scenario.rooms * scenario.membersPerRoom;
  const clients = Array.from({ length: total }, (_, idx) => ({ idx, peerId: `b${idx}`, worker: idx % WORKERS }));
  const rooms = [];
  if (!scenario.idleSessions) {
    for (let r = 0; r < scenario.rooms; r += 1) {
      const memberIdxs = Array.from({ length: scenario.membersPerRoom }, (_, k) => r * scenario.membersPerRoom + k);
      rooms.push({
        key: `r${r}`,
        memberIdxs,
        creatorIdx: memberIdxs[0],
        senderIdxs: memberIdxs.slice(0, scenario.sendersPerRoom),
        readerIdxs: memberIdxs.slice(memberIdxs.length - (scenario.readersPerRoom ?? 0)),
      });
    }
  }
  return { clients, rooms };
}

export async function runOne(scenario, target, { cpuProfileDir } = {}) {
  const server = await startTarget(target, { appId: APP_ID, cpuProfileDir });
  const pool = new WorkerPool(WORKERS);
  try {
    await sleep(SETTLE_MS);
    const rssBaseline = processRssBytes(server.pid);
    const { clients, rooms } = layout(scenario);
    const connectStarted = Date.now();
    const connected = await pool.all('connect', (w) => ({
      target,
      url: server.url,
      appId: APP_ID,
      concurrency: CONNECT_CONCURRENCY_PER_WORKER,
      clients: clients.filter((c) => c.worker === w),
    }));
    const connectMs = Date.now() - connectStarted;
    const opened = connected.reduce((sum, c) => sum + c.opened, 0);
    const result = {
      scenario: scenario.name,
      target,
      sessions: opened,
      sessionOpenFailures: connected.reduce((sum, c) => sum + c.failed, 0),
      sessionsOpenedPerSec: opened / (connectMs / 1000),
    };

    if (scenario.idleSessions) {
      await sleep(1500);
      result.rssBytes = processRssBytes(server.pid);
      result.rssPerSessionBytes = (result.rssBytes - rssBaseline) / Math.max(1, opened);
      const stats = await pool.all('collect');
      result.errors = mergeErrors(stats);
      result.errorCount = Object.values(result.errors).reduce((a, b) => a + b, 0) + result.sessionOpenFailures;
      if (!server.isRunning()) throw new Error('server exited');
      return result;
    }

    const workerOf = (idx) => idx % WORKERS;
    const created = await Promise.all(
      rooms.map(async (room) => {
        const { ids } = await pool.call(workerOf(room.creatorIdx), 'create-rooms', {
          rooms: [{ key: room.key, creatorIdx: room.creatorIdx, memberPeerIds: room.memberIdxs.map((i) => `b${i}`), isTransient: !!scenario.isTransient }],
        });
        room.roomId = ids[room.key];
      }),
    );
    void created;
    await pool.all('join', (w) => ({
      concurrency: CONNECT_CONCURRENCY_PER_WORKER,
      memberships: rooms.filter((room) => room.roomId).flatMap((room) =>
        room.memberIdxs
          .filter((idx) => workerOf(idx) === w)
          .map((idx) => ({ clientIdx: idx, roomId: room.roomId, isTransient: !!scenario.isTransient, isCreator: idx === room.creatorIdx })),
      ),
    }));
    const allSenders = rooms.filter((room) => room.roomId).flatMap((room) => room.senderIdxs.map((idx) => ({ clientIdx: idx, senderIdx: idx, roomId: room.roomId })));
    allSenders.forEach((sender, k) => {
      sender.phase = k / allSenders.length;
    });
    await sleep(SETTLE_MS);
    const cpuBefore = processCpuMicros(server.pid);
    const runStarted = Date.now();
    const ran = await pool.all('run', (w) => ({
      mode: scenario.mode,
      durationMs: scenario.durationMs,
      ratePerSender: scenario.ratePerSender,
      payloadBytes: 100,
      maxInflightPerSender: 1000,
      historyLimit: scenario.historyLimit ?? 20,
      senders: allSenders.filter((sender) => workerOf(sender.clientIdx) === w),
      readers: rooms.filter((room) => room.roomId).flatMap((room) =>
        room.readerIdxs.filter((idx) => workerOf(idx) === w).map((idx) => ({ clientIdx: idx, roomId: room.roomId })),
      ),
    }));
    const sendPhaseMs = Date.now() - runStarted;

    // Every accepted message must reach every other member of its room exactly once.
    const receiversPerSender = scenario.membersPerRoom - 1;
    let sent = 0;
    let rejected = 0;
    for (const r of ran) {
      for (const count of Object.values(r.sentBySender)) sent += count;
      for (const count of Object.values(r.rejectedBySender)) rejected += count;
    }
    const expected = (sent - rejected) * receiversPerSender;
    let distinct = 0;
    let lastChange = Date.now();
    const drainStarted = Date.now();
    while (Date.now() - drainStarted < DRAIN_MAX_MS) {
      const progress = await pool.all('progress');
      const now = progress.reduce((sum, p) => sum + p.distinct, 0);
      if (now !== distinct) {
        distinct = now;
        lastChange = Date.now();
      }
      if (distinct >= expected || Date.now() - lastChange > DRAIN_QUIET_MS) break;
      await sleep(50);
    }
    const cpuAfter = processCpuMicros(server.pid);
    const elapsedMs = Math.min(Date.now(), lastChange) - runStarted;
    result.rssBytes = processRssBytes(server.pid);
    const stats = await pool.all('collect');

    const histogram = (key) => stats.reduce((h, s) => h.merge(new LatencyHistogram(s[key])), new LatencyHistogram());
    distinct = stats.reduce((sum, s) => sum + s.distinct, 0);
    const serverCpuMicros = cpuAfter - cpuBefore;
    const generatorCpuMicros = stats.reduce((sum, s) => sum + s.cpuMicros, 0);
    Object.assign(result, {
      sent,
      rejected,
      skippedForInflight: ran.reduce((sum, r) => sum + r.skippedForInflight, 0),
      expectedDeliveries: expected,
      delivered: distinct,
      lost: Math.max(0, expected - distinct),
      duplicates: stats.reduce((sum, s) => sum + s.duplicates, 0),
      sendPhaseMs,
      elapsedMs,
      deliveredPerSec: distinct / (elapsedMs / 1000),
      sentPerSec: sent / (sendPhaseMs / 1000),
      serverCpuMicrosPerDelivery: distinct > 0 ? serverCpuMicros / distinct : null,
      serverCpuPercent: (100 * serverCpuMicros) / (elapsedMs * 1000),
      generatorCpuPercent: (100 * generatorCpuMicros) / (elapsedMs * 1000),
      ack: histogram('ackLatency').summary(),
      delivery: histogram('deliveryLatency').summary(),
      history: histogram('historyLatency').summary(),
      historyReadsPerSec: ran.reduce((sum, r) => sum + r.historyReads, 0) / (sendPhaseMs / 1000),
      errors: mergeErrors(stats),
    });
    result.errorCount = Object.values(result.errors).reduce((a, b) => a + b, 0) + result.sessionOpenFailures;
    if (!server.isRunning()) throw new Error('server exited');
    return result;
  } catch (error) {
    // A dead server is the most important thing to report: say so, with its last words.
    if (!server.isRunning()) {
      throw new Error(`${target} server exited during the run (${error.message}); stderr: ${server.stderr().slice(-600)}`);
    }
    throw error;
  } finally {
    await pool.close();
    await server.close();
  }
}

function mergeErrors(stats) {
  const merged = {};
  for (const s of stats) for (const [what, count] of Object.entries(s.errors)) merged[what] = (merged[what] ?? 0) + count;
  return merged;
}
