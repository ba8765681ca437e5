import { LegacyError } from './legacy-error';

/** The media types of `send(data, { type })`; a type's `_lctype` is -1 minus its index (protocol.md §5.1). */
export const mediaTypes = ['text', 'image', 'audio', 'video', 'location', 'file'] as const;

export type MediaType = (typeof mediaTypes)[number];

/** What an app passes to `send()` together with a `type`. */
export interface MediaData {
  text?: string;
  attr?: Record<string, unknown>;
  url?: string;
  objectId?: string;
  metaData?: Record<string, unknown>;
}

/** The named fields of `source`, in that order (absent ones vanish in JSON, as in 2.4.0). */
function pick(source: Record<string, unknown>, fieldNames: string): Record<string, unknown> {
  return Object.fromEntries(fieldNames.split(' ').map((name) => [name, source[name]]));
}

/**
 * Builds the `msg` string of a `direct` frame exactly as 2.4.0 does, so that iOS/Android
 * clients and the official JS client read our messages (protocol.md §5.1).
 */
export function encodeMessageBody(data: unknown, type?: string): string {
  if (!type) return typeof data === 'string' ? data : JSON.stringify(data);
  const typeIndex = mediaTypes.indexOf(type as MediaType);
  // 2.4.0 silently sent a frame without `msg`; a clear error is kinder.
  if (typeIndex < 0) throw new LegacyError('INVALID_ARGUMENT', `Unknown message type "${type}"`);
  const media = (data ?? {}) as MediaData;
  const meta = media.metaData!;
  if (type !== 'text' && !meta) throw new LegacyError('INVALID_ARGUMENT', `A ${type} message needs metaData`);
  const body: Record<string, unknown> = { _lctype: -1 - typeIndex, _lctext: media.text, _lcattrs: media.attr };
  if (type === 'location') body._lcloc = pick(meta, 'longitude latitude');
  // 2.x quirk kept for interoperability: no url and no metaData for files.
  else if (type === 'file') body._lcfile = pick(meta, 'name size');
  else if (type !== 'text') {
    const metaFields = type === 'image' ? 'name format height width size' : 'name format duration size';
    body._lcfile = { url: media.url, objId: media.objectId, metaData: pick(meta, metaFields) };
  }
  return JSON.stringify(body);
}
