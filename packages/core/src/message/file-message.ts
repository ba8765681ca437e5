import { RealtimeError } from '../errors/realtime-error';
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
  file: FileInfo;

  constructor(file: FileInfo = { url: '' }, text?: string) {
    super();
    this.file = file;
    if (text !== undefined) this.text = text;
  }

  getFile(): FileInfo {
    return this.file;
  }

  override toJSON(): TypedMessageJSON {
    if (!this.file || typeof this.file.url !== 'string' || !this.file.url) {
      throw new RealtimeError('INVALID_ARGUMENT', `${this.constructor.name} needs file.url`);
    }
    const { url, objId, name, size, metaData } = this.file;
    const lcfile: Record<string, unknown> = { url };
    if (objId !== undefined) lcfile.objId = objId;
    if (this.type === FileMessage.type) {
      if (name !== undefined) lcfile.name = name;
      if (size !== undefined) lcfile.size = size;
    }
    const meta = { ...(name !== undefined ? { name } : {}), ...(size !== undefined ? { size } : {}), ...metaData };
    if (Object.keys(meta).length > 0) lcfile.metaData = meta;
    return { ...super.toJSON(), _lcfile: lcfile };
  }

  static override fromJSON(json: TypedMessageJSON): FileMessage {
    const message = new this();
    message.readCommonFields(json);
    const lcfile = (json._lcfile ?? {}) as Record<string, unknown>;
    const metaData = lcfile.metaData && typeof lcfile.metaData === 'object' ? (lcfile.metaData as Record<string, unknown>) : undefined;
    const name = typeof lcfile.name === 'string' ? lcfile.name : metaData?.name;
    const size = typeof lcfile.size === 'number' ? lcfile.size : metaData?.size;
    message.file = {
      url: typeof lcfile.url === 'string' ? lcfile.url : '',
      ...(typeof lcfile.objId === 'string' ? { objId: lcfile.objId } : {}),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof size === 'number' ? { size } : {}),
      ...(metaData ? { metaData } : {}),
    };
    return message;
  }
}
