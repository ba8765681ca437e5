// A load-generator process. The coordinator (run-bench.mjs) forks several of these and
// drives them over IPC, phase by phase; each hosts a slice of the clients, counts every
// delivery at every receiver it hosts, and reports histograms and counters back.
import { RealtimeBenchClient } from './clients/realtime-client.mjs';
import { SocketIoBenchClient } from './clients/socketio-bench-client.mjs';
import { BareWsBenchClient } from './clients/bare-ws-bench-client.mjs';
import { LatencyHistogram, nowMicros } from './lib/latency-histogram.mjs';
import { DeliveryTracker } from './lib/delivery-tracker.mjs';

const clientClassByTarget = { realtime: RealtimeBenchClient, socketio: SocketIoBenchClient, bare: BareWsBenchClient };
const RATE_TICK_MS = 5;

const clients = new Map(); // global client idx → adapter
const tracker = new DeliveryTracker();
const deliveryLatency = new LatencyHistogram();
const ackLatency = new LatencyHistogram();
const historyLatency = new LatencyHistogram();
const errors = new Map(); // message → count
let cpuAtRunStart = null;

function countError(what) {
  errors.set(what, (errors.get(what) ?? 0) + 1);
}

function onDelivery(receiverIdx, body) {
  const firstComma = body.indexOf(',');
  const secondComma = body.indexOf(',', firstComma + 1);
  const thirdComma = body.indexOf(',', secondComma + 1);
  const senderIdx = Number(body.slice(0, firstComma));
  const seq = Number(body.slice(firstComma + 1, secondComma));
  const sentUs = Number(body.slice(secondComma + 1, thirdComma));
  if (!Number.isInteger(senderIdx) || !Number.isInteger(seq)) {
    countError('delivery with a foreign body');
    return;
  }
  if (tracker.record(receiverIdx, senderIdx, seq)) deliveryLatency.recordMicros(nowMicros() - sentUs);
}

function makeBody(senderIdx, seq, payloadBytes) {
  const head = `${senderIdx},${seq},${nowMicros()},`;
  return head.length >= payloadBytes ? head : head + 'x'.repeat(payloadBytes - head.length);
}

async function mapLimited(items, concurrency, fn) {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await fn(item);
    }
  });
  await Promise.all(runners);
}

async function connect({ target, url, appId, clients: specs, concurrency }) {
  const ClientClass = clientClassByTarget[target];
  const started = Date.now();
  let failed = 0;
  await mapLimited(specs, concurrency, async (spec) => {
    const client = new ClientClass({
      url,
      appId,
      peerId: spec.peerId,
      selfSenderIdx: spec.idx,
      onDelivery: (body) => onDelivery(spec.idx, body),
      onError: countError,
    });
    try {
      await client.open();
      clients.set(spec.idx, client);
    } catch (error) {
      failed += 1;
      countError(`open: ${error.message}`);
      client.close();
    }
  });
  return { opened: clients.size, failed, elapsedMs: Date.now() - started };
}

async function createRooms({ rooms }) {
  const ids = {};
  await mapLimited(rooms, 50, async (room) => {
    try {
      ids[room.key] = await clients.get(room.creatorIdx).createRoom(room.memberPeerIds, room.isTransient);
    } catch (error) {
      countError(`create room: ${error.message}`);
    }
  });
  return { ids };
}

async function join({ memberships, concurrency }) {
  await mapLimited(memberships, concurrency, async (membership) => {
    try {
      await clients.get(membership.clientIdx).join(membership.roomId, membership);
    } catch (error) {
      countError(`join: ${error.message}`);
    }
  });
  return {};
}

async function run({ senders, readers, mode, durationMs, ratePerSender, payloadBytes, maxInflightPerSender, historyLimit }) {
  cpuAtRunStart = process.cpuUsage();
  const endAt = Date.now() + durationMs;
  const sentBySender = {};
  const rejectedBySender = {};
  let skippedForInflight = 0;
  let historyReads = 0;

  const sendOne = async (sender, seq) => {
    const client = clients.get(sender.clientIdx);
    const startedUs = nowMicros();
    sentBySender[sender.senderIdx] = seq + 1;
    try {
      await client.send(sender.roomId, makeBody(sender.senderIdx, seq, payloadBytes));
      ackLatency.recordMicros(nowMicros() - startedUs);
    } catch (error) {
      rejectedBySender[sender.senderIdx] = (rejectedBySender[sender.senderIdx] ?? 0) + 1;
      countError(`send: ${error.message}`);
    }
  };

  const readerLoops = readers.map(async (reader) => {
    const client = clients.get(reader.clientIdx);
    while (Date.now() < endAt) {
      const startedUs = nowMicros();
      try {
        await client.history(reader.roomId, historyLimit);
        historyLatency.recordMicros(nowMicros() - startedUs);
        historyReads += 1;
      } catch (error) {
        countError(`history: ${error.message}`);
        break;
      }
    }
  });

  let senderLoops;
  if (mode === 'closed') {
    senderLoops = senders.map(async (sender) => {
      if (!clients.has(sender.clientIdx)) return;
      for (let seq = 0; Date.now() < endAt; seq += 1) await sendOne(sender, seq);
    });
  } else {
    // Fixed offered rate: each sender owes floor(elapsed × rate) messages, sent without
    // waiting for acks (bounded in flight, so a stalled target cannot exhaust our memory).
    const startedAt = Date.now();
    const inflight = new Map(senders.map((s) => [s.senderIdx, new Set()]));
    const nextSeq = new Map(senders.map((s) => [s.senderIdx, 0]));
    senderLoops = [
      new Promise((resolve) => {
        const tick = setInterval(() => {
          const now = Date.now();
          if (now >= endAt) {
            clearInterval(tick);
            Promise.all([...inflight.values()].flatMap((set) => [...set])).then(resolve);
            return;
          }
          for (const sender of senders) {
            if (!clients.has(sender.clientIdx)) continue;
            // Senders are spread evenly over the period (phase from the global sender index), so
            // the offered load is smooth instead of every sender firing on the same tick.
            const owed = Math.floor(((now - startedAt) / 1000) * ratePerSender + (sender.phase ?? 0));
            const pending = inflight.get(sender.senderIdx);
            while (nextSeq.get(sender.senderIdx) < owed) {
              if (pending.size >= maxInflightPerSender) {
                skippedForInflight += owed - nextSeq.get(sender.senderIdx);
                nextSeq.set(sender.senderIdx, owed);
                break;
              }
              const seq = nextSeq.get(sender.senderIdx);
              nextSeq.set(sender.senderIdx, seq + 1);
              const promise = sendOne(sender, seq).then(() => pending.delete(promise));
              pending.add(promise);
            }
          }
        }, RATE_TICK_MS);
      }),
    ];
  }
  await Promise.all([...senderLoops, ...readerLoops]);
  return { sentBySender, rejectedBySender, skippedForInflight, historyReads };
}

function collect() {
  const cpu = process.cpuUsage(cpuAtRunStart ?? undefined);
  return {
    distinct: tracker.distinct,
    duplicates: tracker.duplicates,
    deliveryLatency: deliveryLatency.toJSON(),
    ackLatency: ackLatency.toJSON(),
    historyLatency: historyLatency.toJSON(),
    errors: Object.fromEntries(errors),
    cpuMicros: cpu.user + cpu.system,
    rssBytes: process.memoryUsage.rss(),
  };
}

const phases = {
  connect,
  'create-rooms': createRooms,
  join,
  run,
  progress: async () => ({ distinct: tracker.distinct }),
  collect: async () => collect(),
  close: async () => {
    for (const client of clients.values()) client.close();
    clients.clear();
    return {};
  },
};

process.on('message', async (message) => {
  try {
    const result = await phases[message.type](message);
    process.send({ id: message.id, ok: true, result });
  } catch (error) {
    process.send({ id: message.id, ok: false, error: error.stack ?? String(error) });
  }
});
