import { RealtimeError } from '../errors/realtime-error';
import { AudioMessage } from './audio-message';
import { FileMessage } from './file-message';
import { ImageMessage } from './image-message';
import { LocationMessage } from './location-message';
import { Message } from './message';
import { TextMessage } from './text-message';
import { TypedMessage, type TypedMessageJSON } from './typed-message';
import { VideoMessage } from './video-message';

/** A message class the registry can build: a `static type` and a `static fromJSON`. */
export interface MessageClass {
  readonly type: number;
  fromJSON(json: TypedMessageJSON): TypedMessage;
  readonly name: string;
}

/**
 * Maps `_lctype` numbers to classes, so incoming bodies decode to the right class. Each client
 * has its own registry (seeded with the built-in kinds); `Realtime.register` adds app types.
 */
export class MessageRegistry {
  #classes = new Map<number, MessageClass>();

  constructor() {
    for (const cls of [TextMessage, ImageMessage, AudioMessage, VideoMessage, LocationMessage, FileMessage]) this.register(cls);
  }

  register(cls: MessageClass): void {
    if (typeof cls?.type !== 'number' || !Number.isInteger(cls.type) || cls.type === 0 || typeof cls.fromJSON !== 'function') {
      throw new RealtimeError('INVALID_ARGUMENT', 'A message class needs a non-zero integer static type and a static fromJSON; extend TypedMessage');
    }
    this.#classes.set(cls.type, cls);
  }

  /**
   * Decodes a `msg` string. A JSON object with an integer `_lctype` of a registered class becomes
   * that class; other JSON objects become a `Message` with object content; anything else is a
   * string `Message`. Never throws: a body that only looks like JSON stays a string.
   */
  decode(body: string): Message {
    if (body.startsWith('{') && body.endsWith('}')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return new Message(body);
      }
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const json = parsed as TypedMessageJSON;
        const cls = Object.prototype.hasOwnProperty.call(json, '_lctype') ? this.#classes.get(json._lctype) : undefined;
        if (cls) {
          try {
            return cls.fromJSON(json);
          } catch {
            return new Message(json);
          }
        }
        return new Message(json);
      }
    }
    return new Message(body);
  }
}
