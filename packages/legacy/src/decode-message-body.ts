import { mediaTypes } from './encode-message-body';
import { encodeHtml } from './encode-html';

// 2.4.0's "is it JSON?" test: `.` does not cross line breaks, so pretty-printed JSON and
// arrays count as plain text. Kept so apps see the same values they always did.
const looksLikeJsonObject = /^\{.*\}$/;

interface RichMediaBody {
  _lctype?: unknown;
  _lctext?: unknown;
  _lcattrs?: unknown;
  _lcfile?: { url?: unknown; metaData?: unknown };
  _lcloc?: unknown;
}

/**
 * Turns a `direct.msg` or a `logs[].data` string into what 2.4.0 handed to the app
 * (protocol.md §5.3). One deliberate difference: a string that looks like JSON but is not
 * made 2.4.0 throw inside its socket handler (losing the message); here it is plain text.
 */
export function decodeMessageBody(raw: unknown, shouldEncodeHtml: boolean): unknown {
  const escape = (value: unknown) => (shouldEncodeHtml ? encodeHtml(value) : value);
  let body: RichMediaBody | undefined;
  try {
    if (looksLikeJsonObject.test(raw as string)) body = JSON.parse(raw as string);
  } catch {
    // not JSON after all: text
  }
  if (!body) return escape(raw);
  // 2.4.0 switched on the number itself; other `_lctype`s (app-defined types) get the whole object, unescaped.
  const type = typeof body._lctype === 'number' ? mediaTypes[-1 - body._lctype] : undefined;
  if (!type) return body;
  const decoded: Record<string, unknown> = { text: escape(body._lctext), attr: body._lcattrs };
  const file = body._lcfile;
  if (file?.url) decoded.url = file.url;
  if (file?.metaData) decoded.metaData = file.metaData;
  decoded.type = type;
  if (type === 'location' && body._lcloc) decoded.location = body._lcloc;
  return decoded;
}
