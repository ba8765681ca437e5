/**
 * LeanCloud keeps three time encodings side by side (leancloud-export.md §4.2): ISO strings for
 * `createdAt`/`updatedAt`, `{__type:"Date", iso}` objects for other Date columns, and epoch-ms
 * numbers in history records. This is the one decoder for all of them.
 *
 * Returns `undefined` for anything that is not a recognisable time, so callers can report it.
 */
export function toMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'string') {
    // A numeric string is epoch ms (some tools stringify numbers); anything else must be ISO.
    if (/^\d{10,}$/.test(value)) return Number(value);
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.__type === 'Date') return toMillis(record.iso);
  }
  return undefined;
}

/** The ISO form LeanCloud writes (`2026-11-26T11:07:38.000Z`). */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
