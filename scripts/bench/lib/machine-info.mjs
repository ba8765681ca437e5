import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export function machineInfo() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {}
  let fdLimit = 'unknown';
  try {
    fdLimit = execFileSync('bash', ['-c', 'ulimit -Hn']).toString().trim();
  } catch {}
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(),
    node: process.version,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
    fdHardLimit: fdLimit,
    commit,
    uptime: readFileSync('/proc/uptime', 'utf8').split(' ')[0],
  };
}
