#!/usr/bin/env node
// `npm run bench` entry. Runs every scenario against every target, alternating the order of
// targets on each repetition so ratios pair runs made back to back, then writes
// docs/benchmarks.md (and the raw results as JSON next to it under scripts/bench/results/).
//
//   node scripts/bench/run-bench.mjs [--full] [--reps N] [--only name,name] [--targets realtime,socketio,bare]
//                                    [--no-doc] [--cpu-prof DIR]
//   node scripts/bench/run-bench.mjs --render-only   # rewrite the doc from results/latest.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scenarios as allScenarios } from './scenarios.mjs';
import { runOne } from './run-one.mjs';
import { renderReport } from './report.mjs';
import { bundleSizes } from './lib/bundle-sizes.mjs';
import { machineInfo } from './lib/machine-info.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    reps: { type: 'string' },
    only: { type: 'string' },
    targets: { type: 'string' },
    'no-doc': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'render-only': { type: 'boolean', default: false },
  },
});

if (flags['render-only']) {
  // Re-render (e.g. after editing analysis.md) from the last run's raw results, running nothing.
  const raw = JSON.parse(readFileSync(join(here, 'results', 'latest.json'), 'utf8'));
  const names = new Set(raw.results.map((r) => r.scenario));
  const scenarios = allScenarios({ full: raw.full }).filter((s) => names.has(s.name));
  const markdown = renderReport({
    ...raw,
    startedAt: new Date(raw.startedAt),
    finishedAt: new Date(raw.finishedAt),
    machineAfter: raw.machineAfter ?? raw.machine,
    scenarios,
    sizes: await bundleSizes(),
    argv: raw.argv ?? [],
  });
  writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), markdown);
  console.log('rewrote docs/benchmarks.md from scripts/bench/results/latest.json');
  process.exit(0);
}

const reps = Number(flags.reps ?? (flags.full ? 5 : 2));
if (!Number.isInteger(reps) || reps < 1 || reps > 50) throw new Error('--reps must be an integer from 1 to 50');
const only = flags.only ? new Set(flags.only.split(',')) : null;
const targetFilter = flags.targets ? new Set(flags.targets.split(',')) : null;
const scenarios = allScenarios({ full: flags.full }).filter(
  (s) => (only ? only.has(s.name) : flags.full || !s.onlyFull),
);
if (scenarios.length === 0) throw new Error(`no scenario matches --only ${flags.only}`);

const startedAt = new Date();
const machineBefore = machineInfo();
const results = [];
for (let rep = 0; rep < reps; rep += 1) {
  for (const scenario of scenarios) {
    const targets = scenario.targets.filter((t) => !targetFilter || targetFilter.has(t));
    // Rotate the order each repetition so no target always runs first (or last, warmest).
    const order = targets.map((_, k) => targets[(k + rep) % targets.length]);
    for (const target of order) {
      const label = `[rep ${rep + 1}/${reps}] ${scenario.name} × ${target}`;
      try {
        const result = await runOne(scenario, target, { cpuProfileDir: flags['cpu-prof'] });
        result.rep = rep;
        results.push(result);
        console.log(`${label}: ${oneLine(result)}`);
      } catch (error) {
        results.push({ scenario: scenario.name, target, rep, failed: String(error.message ?? error) });
        console.log(`${label}: FAILED ${error.message}`);
      }
    }
  }
}
const finishedAt = new Date();

mkdirSync(join(here, 'results'), { recursive: true });
const raw = { startedAt, finishedAt, full: flags.full, reps, machine: machineBefore, machineAfter: machineInfo(), argv: process.argv.slice(2), results };
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(raw, null, 1)}\n`);
if (!flags['no-doc']) {
  const sizes = await bundleSizes();
  const markdown = renderReport({ ...raw, scenarios, sizes });
  writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), markdown);
  console.log('wrote docs/benchmarks.md');
}

function oneLine(r) {
  if (r.rssPerSessionBytes !== undefined) {
    return `${r.sessions} sessions, ${r.sessionsOpenedPerSec.toFixed(0)}/s, ${(r.rssPerSessionBytes / 1024).toFixed(1)} KB RSS/session, errors ${r.errorCount}`;
  }
  return [
    `${r.deliveredPerSec.toFixed(0)} deliveries/s`,
    `${r.serverCpuMicrosPerDelivery?.toFixed(1)} µs CPU/delivery`,
    `p99 ack ${r.ack.p99?.toFixed(1)} ms, delivery ${r.delivery.p99?.toFixed(1)} ms`,
    `lost ${r.lost} dup ${r.duplicates} errors ${r.errorCount}`,
    r.historyReadsPerSec ? `${r.historyReadsPerSec.toFixed(0)} logs/s p99 ${r.history.p99?.toFixed(1)} ms` : '',
  ].filter(Boolean).join(', ');
}
