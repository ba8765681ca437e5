import { LegacyError } from './legacy-error';

/** The media types `send(data, { type })` understands; see protocol.md §5.1. */
export type MediaType = 'text' | 'image' | 'audio' | 'video' | 'location' | 'file';

/** What an app passes to `send()` together with a `type`. */
export interface MediaData {
  text?: string;
  attr?: Record<string, unknown>;
  url?: string;
  objectId?: string;
  metaData?: Record<string, unknown>;
}

const mediaTypeCodes: Record<MediaType, number> = {
  text: -1,
  image: -2,
  audio: -3,
  video: -4,
  location: -5,
  file: -6,
};

function isMediaType(type: string): type is MediaType {
  return Object.prototype.hasOwnProperty.call(mediaTypeCodes, type);
}

/**
 * Builds the `msg` string of a `direct` frame exactly as 2.4.0 does, so that iOS/Android
 * clients and the official JS client read our messages (protocol.md §5.1). Keys whose value
 * is `undefined` vanish in `JSON.stringify`, as they did in the original.
 */
export function encodeMessageBody(data: unknown, type?: string): string {
  if (!type) return typeof data === 'string' ? data : JSON.stringify(data);
  if (!isMediaType(type)) {
    // 2.4.0 silently sent a frame without `msg`; a clear error is kinder.
    throw new LegacyError('INVALID_ARGUMENT', `Unknown message type "${type}": use text, image, audio, video, location or file`);
  }
  const media = (data ?? {}) as MediaData;
  if (type !== 'text' && !media.metaData) {
    throw new LegacyError('INVALID_ARGUMENT', `A "${type}" message needs a metaData object`);
  }
  const meta = media.metaData ?? {};
  const body: Record<string, unknown> = {
    _lctype: mediaTypeCodes[type],
    _lctext: media.text,
    _lcattrs: media.attr,
  };
  switch (type) {
    case 'image':
      body._lcfile = {
        url: media.url,
        objId: media.objectId,
        metaData: { name: meta.name, format: meta.format, height: meta.height, width: meta.width, size: meta.size },
      };
      break;
    case 'audio':
    case 'video':
      body._lcfile = {
        url: media.url,
        objId: media.objectId,
        metaData: { name: meta.name, format: meta.format, duration: meta.duration, size: meta.size },
      };
      break;
    case 'location':
      body._lcloc = { longitude: meta.longitude, latitude: meta.latitude };
      break;
    case 'file':
      // 2.x quirk kept for interoperability: no url and no metaData for files.
      body._lcfile = { name: meta.name, size: meta.size };
      break;
  }
  return JSON.stringify(body);
}
