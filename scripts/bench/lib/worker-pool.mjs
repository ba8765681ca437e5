// Forks the load-generator processes and turns their IPC into request/response calls.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workerScript = join(dirname(fileURLToPath(import.meta.url)), '..', 'load-worker.mjs');
const PHASE_TIMEOUT_MS = 120_000;

export class WorkerPool {
  constructor(size) {
    this.nextId = 0;
    this.pending = new Map();
    // Each worker gets the raised fd limit too, via the same bash wrapper as the servers.
    this.workers = Array.from({ length: size }, () => {
      const child = fork(workerScript, [], {
        execPath: 'bash',
        execArgv: ['-c', 'ulimit -n "$(ulimit -Hn)"; exec node --max-old-space-size=4096 "$@"', 'bash'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message) => {
        const entry = this.pending.get(message.id);
        if (!entry) return;
        this.pending.delete(message.id);
        clearTimeout(entry.timer);
        if (message.ok) entry.resolve(message.result);
        else entry.reject(new Error(`load worker failed: ${message.error}`));
      });
      child.on('exit', (code) => {
        for (const [id, entry] of this.pending) {
          if (entry.child === child) {
            this.pending.delete(id);
            clearTimeout(entry.timer);
            entry.reject(new Error(`load worker exited with ${code}`));
          }
        }
      });
      return child;
    });
  }

  get size() {
    return this.workers.length;
  }

  call(workerIndex, type, payload = {}) {
    const child = this.workers[workerIndex];
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load worker phase "${type}" took over ${PHASE_TIMEOUT_MS} ms`));
      }, PHASE_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer, child });
      child.send({ ...payload, id, type });
    });
  }

  /** Calls every worker; payloadFor(workerIndex) gives each its own slice. */
  all(type, payloadFor = () => ({})) {
    return Promise.all(this.workers.map((_, index) => this.call(index, type, payloadFor(index))));
  }

  async close() {
    await Promise.allSettled(this.workers.map((_, index) => this.call(index, 'close')));
    await Promise.all(
      this.workers.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
