import { AudioMessage } from './audio-message';
import { checkArgument } from '../errors/check-argument';
import { FileMessage } from './file-message';
import { ImageMessage } from './image-message';
import { LocationMessage } from './location-message';
import { Message } from './message';
import { TextMessage } from './text-message';
import type { TypedMessage, TypedMessageJSON } from './typed-message';
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

  /** Needs a non-zero integer `static type` and a `static fromJSON` (as subclasses of TypedMessage have). */
  register(cls: MessageClass): void {
    checkArgument(Number.isInteger(cls?.type) && cls.type && typeof cls.fromJSON === 'function', 'Invalid message class');
    this.#classes.set(cls.type, cls);
  }

  /**
   * Decodes a `msg` string, then sets `fields` (id, sender, …) on the result. A JSON object with the
   * `_lctype` of a registered class becomes that class; other JSON objects become a `Message` with
   * object content; anything else is a string `Message`. Never throws: a body that only looks like
   * JSON stays a string.
   */
  decode(body: string, fields?: Partial<Message>): Message {
    let message = new Message(body);
    try {
      // Only objects can be typed: "42" or "[1]" stay strings.
      if (body.startsWith('{')) {
        const json = JSON.parse(body) as TypedMessageJSON;
        message = new Message(json);
        message = this.#classes.get(json._lctype)?.fromJSON(json) ?? message;
      }
    } catch {
      // Not JSON, or a class refused the body: the message built so far stands.
    }
    return Object.assign(message, fields);
  }
}
