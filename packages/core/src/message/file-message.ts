import { checkArgument } from '../errors/check-argument';
import { TypedMessage, type TypedMessageJSON } from './typed-message';

/** A file stored elsewhere (the app's storage or CDN), referenced by URL. */
export interface FileInfo {
  url: string;
  /** Storage object id of the file, if any. */
  objId?: string;
  /** File name. */
  name?: string;
  /** Size in bytes. */
  size?: number;
  /** name, format, size (bytes); images add width/height (px); audio/video add duration (s). */
  metaData?: Record<string, unknown>;
}

/**
 * A file (`_lctype` -6); base of image, audio and video messages.
 * `_lcfile` carries `url`, `objId`, `metaData` (what 2.x reads) and also `name`/`size` at its top
 * level (the REST format and 2.x's file messages), so every official client can read it.
 */
export class FileMessage extends TypedMessage {
  static override readonly type: number = -6;

  constructor(public file: FileInfo = { url: '' }, text?: string) {
    super(text);
  }

  getFile(): FileInfo {
    return this.file;
  }

  override toJSON(): TypedMessageJSON {
    const { url, objId, name, size, metaData } = this.file ?? ({} as FileInfo);
    checkArgument(url && typeof url === 'string', 'Invalid file.url');
    // metaData repeats name and size (2.x reads them there); it is left out when it would be empty.
    const meta = { name, size, ...metaData };
    return {
      ...super.toJSON(),
      _lcfile: { url, objId, ...(this.type === FileMessage.type && { name, size }), metaData: JSON.stringify(meta) !== '{}' ? meta : undefined },
    };
  }

  static override fromJSON(json: TypedMessageJSON): FileMessage {
    const message = super.fromJSON(json) as FileMessage;
    const { url = '', objId, name, size, metaData } = (json._lcfile ?? {}) as Partial<FileInfo>;
    message.file = { url, objId, name: name ?? (metaData?.name as string), size: size ?? (metaData?.size as number), metaData };
    return message;
  }
}
