#!/usr/bin/env node
// What durable storage costs per message, measured on the server's own SqliteStorage (bundled
// from source on the fly): append a message, then the receiver's ack, as in 1:1 chat. Prints
// CPU µs per message for a file database (fsync per commit, as served) and for ':memory:'
// (no I/O: the cost of SQLite itself), at a few batch sizes (messages per commit).
//   node scripts/bench/storage-cost.mjs
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MESSAGES_PER_CASE = 3000;
const CONVERSATIONS = 500;

const workDir = mkdtempSync(join(tmpdir(), 'storage-cost-'));
try {
  const bundle = join(workDir, 'sqlite-storage.cjs');
  await build({
    entryPoints: [join(repoRoot, 'packages/server/src/storage/sqlite-storage.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Keep the native module external, at the absolute path the server resolves it from.
    plugins: [
      {
        name: 'server-better-sqlite3',
        setup(builder) {
          const resolved = createRequire(join(repoRoot, 'packages/server/package.json')).resolve('better-sqlite3');
          builder.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: resolved, external: true }));
        },
      },
    ],
    outfile: bundle,
    logLevel: 'silent',
  });
  const { SqliteStorage } = createRequire(import.meta.url)(bundle);

  for (const where of ['file', 'memory']) {
    for (const batch of [1, 10, 50]) {
      const storage = new SqliteStorage(where === 'file' ? join(workDir, `db-${batch}.sqlite`) : ':memory:');
      const cids = [];
      for (let c = 0; c < CONVERSATIONS; c += 1) {
        const cid = c.toString(16).padStart(24, '0');
        const now = new Date().toISOString();
        await storage.createConversation({ objectId: cid, name: '', attr: {}, c: `a${c}`, m: [`a${c}`, `b${c}`], mu: [], createdAt: now, updatedAt: now });
        cids.push(cid);
      }
      const body = 'x'.repeat(100);
      const before = process.cpuUsage();
      for (let sent = 0; sent < MESSAGES_PER_CASE; sent += batch) {
        // One event-loop turn's worth of sends commits together, as in the server.
        const stored = await Promise.all(
          Array.from({ length: batch }, (_, k) => storage.appendMessage(cids[(sent + k) % CONVERSATIONS], { from: `a${(sent + k) % CONVERSATIONS}`, data: body, wantsReceipt: false })),
        );
        for (const message of stored) await storage.acknowledge(`b${(Number.parseInt(message.cid, 16))}`, message.cid, message.id, Date.now());
      }
      await storage.close(); // commits the acks still pending
      const cpu = process.cpuUsage(before);
      console.log(`${where.padEnd(6)} ${String(batch).padStart(3)} messages/commit: ${((cpu.user + cpu.system) / MESSAGES_PER_CASE).toFixed(1)} µs CPU per message (append + receiver ack)`);
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
