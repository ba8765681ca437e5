// The measuring pieces of the bench, tested with node's own runner: `npm test -w @realtime/bench`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyHistogram } from '../lib/latency-histogram.mjs';
import { DeliveryTracker } from '../lib/delivery-tracker.mjs';
import { median, pairedRatio, stat } from '../lib/summarize.mjs';

test('latency quantiles land within the histogram’s 1 % resolution', () => {
  const histogram = new LatencyHistogram();
  for (let us = 1; us <= 10_000; us += 1) histogram.recordMicros(us);
  const { count, p50, p99, p999 } = histogram.summary();
  assert.equal(count, 10_000);
  assert.ok(Math.abs(p50 - 5) / 5 < 0.02, `p50 ${p50}`);
  assert.ok(Math.abs(p99 - 9.9) / 9.9 < 0.02, `p99 ${p99}`);
  assert.ok(Math.abs(p999 - 9.99) / 9.99 < 0.02, `p999 ${p999}`);
});

test('histograms from several workers merge into the same quantiles', () => {
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  for (let k = 0; k < 900; k += 1) a.recordMicros(1000);
  for (let k = 0; k < 100; k += 1) b.recordMicros(50_000);
  const merged = new LatencyHistogram(a.toJSON()).merge(new LatencyHistogram(b.toJSON()));
  assert.equal(merged.total, 1000);
  assert.ok(merged.quantileMs(0.5) < 1.02);
  assert.ok(merged.quantileMs(0.95) > 49);
  assert.equal(new LatencyHistogram().quantileMs(0.5), null);
});

test('the delivery tracker counts duplicates per receiver, not across receivers', () => {
  const tracker = new DeliveryTracker();
  assert.equal(tracker.record(1, 7, 0), true);
  assert.equal(tracker.record(2, 7, 0), true); // another receiver: not a duplicate
  assert.equal(tracker.record(1, 7, 0), false); // same receiver again: a duplicate
  assert.equal(tracker.record(1, 7, 5000), true); // far sequence numbers grow the bitmap
  assert.equal(tracker.record(1, 8, 0), true); // another sender
  assert.deepEqual({ distinct: tracker.distinct, duplicates: tracker.duplicates }, { distinct: 4, duplicates: 1 });
});

test('ratios pair runs of the same repetition before taking the median', () => {
  const ours = [{ rep: 0, cpu: 10 }, { rep: 1, cpu: 30 }, { rep: 2, cpu: 8 }];
  const theirs = [{ rep: 1, cpu: 60 }, { rep: 0, cpu: 10 }, { rep: 2, cpu: 16 }];
  const ratio = pairedRatio(ours, theirs, (r) => r.cpu);
  assert.deepEqual(ratio, { median: 0.5, min: 0.5, max: 1, n: 3 });
  assert.equal(median([3, 1, 2, null]), 2);
  assert.deepEqual(stat(ours, (r) => r.cpu), { median: 10, min: 8, max: 30, n: 3 });
});
