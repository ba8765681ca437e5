/**
 * The `encodeHTML` option of 2.4.0, kept byte-for-byte: only `&`, `<` and `>` are escaped
 * (in that order) so that JSON-looking text stays readable; quotes are deliberately left
 * alone. Objects are escaped in place, key by key, as the original did.
 * See protocol.md §5.3.
 */
export function encodeHtml<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') as T;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) record[key] = encodeHtml(record[key]);
  }
  return value;
}
