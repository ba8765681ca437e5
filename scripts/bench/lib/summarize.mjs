// Medians with their spread over repetitions, and per-repetition ratios between targets
// (each ratio pairs runs from the same repetition, which ran back to back).
export function median(values) {
  const sorted = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function spread(values) {
  const finite = values.filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  if (finite.length === 0) return null;
  return { min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}

/** metric(result) → number; returns { median, min, max, n } over the runs of one scenario × target. */
export function stat(runs, metric) {
  const values = runs.map(metric);
  const s = spread(values);
  return s ? { median: median(values), ...s } : null;
}

/** Median over repetitions of metric(a)/metric(b), pairing runs by repetition. */
export function pairedRatio(runsA, runsB, metric) {
  const ratios = [];
  for (const a of runsA) {
    const b = runsB.find((r) => r.rep === a.rep);
    const x = metric(a);
    const y = b ? metric(b) : null;
    if (x !== null && x !== undefined && y) ratios.push(x / y);
  }
  const s = spread(ratios);
  return s ? { median: median(ratios), ...s } : null;
}
