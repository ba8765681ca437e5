#!/usr/bin/env node
// Summarizes a `node --cpu-prof` profile: self time per function and per file, top first.
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
for (let k = 0; k < profile.samples.length; k += 1) {
  const dt = profile.timeDeltas[k + 1] ?? 0;
  selfMicros.set(profile.samples[k], (selfMicros.get(profile.samples[k]) ?? 0) + dt);
}
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of selfMicros) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const shortUrl = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm/').replace(/.*\/packages\//, '');
  const fn = `${functionName || '(anonymous)'} ${shortUrl}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const fileKey = shortUrl || `(${functionName})`;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
};
print('self time by function', byFunction);
print('self time by file', byFile);
