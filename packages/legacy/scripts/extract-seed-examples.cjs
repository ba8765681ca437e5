// Copies every code example of the AV.realtime document (the seed, /work/shared/seed) into
// test/seed-examples/seed-examples.json, verbatim, so the examples run as tests without the
// document. Usage lines (a bare signature such as `RoomObject.add(clientId, callback)`) are
// not examples and are skipped. Run: node scripts/extract-seed-examples.cjs <seed.txt>
const fs = require('node:fs');
const path = require('node:path');

const seedFile = process.argv[2];
if (!seedFile) {
  console.error('usage: node scripts/extract-seed-examples.cjs <path to the seed document>');
  process.exit(1);
}
const text = fs.readFileSync(seedFile, 'utf8');
const examples = [];
const fence = /```javascript\n([\s\S]*?)```/g;
let block = 0;
for (let match; (match = fence.exec(text)); block++) {
  const code = match[1];
  const headings = text.slice(0, match.index).match(/\n#+\s*[^\n]+/g) || [];
  const heading = headings.length ? headings[headings.length - 1].trim().replace(/^#+\s*/, '') : '';
  if (code.trim().split('\n').length < 2) continue; // a usage line, not an example
  examples.push({ block, heading, code });
}
const out = path.join(__dirname, '../test/seed-examples/seed-examples.json');
fs.writeFileSync(out, JSON.stringify(examples, null, 2) + '\n');
console.log(`${examples.length} examples written to ${path.relative(process.cwd(), out)}`);
