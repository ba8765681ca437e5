/**
 * `sort` of a conv query: comma-separated fields, `-` for descending (protocol §2.6, e.g.
 * `-lm` or `-createdAt,c`). Dates (`{__type:"Date"}`) compare by time; a missing value sorts
 * before any present one, like the storage service, so `-lm` puts never-used conversations last.
 */
export type Comparator = (a: Record<string, unknown>, b: Record<string, unknown>) => number;

export function compileSort(sort: string | undefined): Comparator | undefined {
  if (!sort) return undefined;
  const keys = sort
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => ({
      path: (part.startsWith('-') ? part.slice(1) : part).split('.'),
      direction: part.startsWith('-') ? -1 : 1,
    }));
  return (a, b) => {
    for (const { path, direction } of keys) {
      const order = compareValues(sortable(valueAt(a, path)), sortable(valueAt(b, path)));
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}

function valueAt(doc: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function sortable(value: unknown): number | string | boolean | undefined {
  if (typeof value === 'object' && value !== null && (value as { __type?: unknown }).__type === 'Date') {
    return Date.parse(String((value as { iso?: unknown }).iso));
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

function compareValues(a: ReturnType<typeof sortable>, b: ReturnType<typeof sortable>): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : 1;
}
