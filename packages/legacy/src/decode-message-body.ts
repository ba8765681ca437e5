import { encodeHtml } from './encode-html';

const typeNames: Record<number, string> = {
  [-1]: 'text',
  [-2]: 'image',
  [-3]: 'audio',
  [-4]: 'video',
  [-5]: 'location',
  [-6]: 'file',
};

// 2.4.0's "is it JSON?" test: `.` does not cross line breaks, so pretty-printed JSON and
// arrays count as plain text. Kept so apps see the same values they always did.
const looksLikeJsonObject = /^\{.*\}$/;

interface RichMediaBody {
  _lctype: unknown;
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
  if (!looksLikeJsonObject.test(String(raw))) return shouldEncodeHtml ? encodeHtml(raw) : raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw as string);
  } catch {
    return shouldEncodeHtml ? encodeHtml(raw) : raw;
  }
  if (!Object.prototype.hasOwnProperty.call(parsed, '_lctype')) return parsed;
  const media = parsed as RichMediaBody;
  const typeName = typeNames[media._lctype as number];
  // App-defined types get the whole object, unescaped, as in 2.3.1+.
  if (typeName === undefined) return parsed;

  const decoded: Record<string, unknown> = {
    text: shouldEncodeHtml ? encodeHtml(media._lctext) : media._lctext,
    attr: media._lcattrs,
  };
  if (media._lcfile && media._lcfile.url) decoded.url = media._lcfile.url;
  if (media._lcfile && media._lcfile.metaData) decoded.metaData = media._lcfile.metaData;
  decoded.type = typeName;
  if (typeName === 'location' && media._lcloc) decoded.location = media._lcloc;
  return decoded;
}
