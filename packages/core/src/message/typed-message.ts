import { Message } from './message';

/** JSON shape of a rich-media body (protocol §5.1). */
export interface TypedMessageJSON {
  _lctype: number;
  _lctext?: string;
  _lcattrs?: Record<string, unknown>;
  _lcfile?: Record<string, unknown>;
  _lcloc?: { latitude: number; longitude: number };
  [key: string]: unknown;
}

/**
 * Base of every message with a `_lctype` (protocol §5). Subclasses set `static type` (negative numbers
 * are the built-in kinds, positive ones are the app's) and extend `toJSON`/`fromJSON`.
 */
export class TypedMessage extends Message {
  /** The `_lctype` of this class. */
  static readonly type: number = 0;
  text?: string;
  attributes?: Record<string, unknown>;

  constructor(text?: string) {
    super();
    this.text = text;
  }

  get type(): number {
    return (this.constructor as typeof TypedMessage).type;
  }

  getText(): string | undefined {
    return this.text;
  }

  setText(text: string): this {
    this.text = text;
    return this;
  }

  getAttributes(): Record<string, unknown> | undefined {
    return this.attributes;
  }

  setAttributes(attributes: Record<string, unknown>): this {
    this.attributes = attributes;
    return this;
  }

  /** The body; keys left undefined are not sent. */
  toJSON(): TypedMessageJSON {
    return { _lctype: this.type, _lctext: this.text, _lcattrs: this.attributes };
  }

  override encode(): string {
    return JSON.stringify(this.toJSON());
  }

  /** Builds an instance from a decoded body. Subclasses call it, then read their own keys. */
  static fromJSON(json: TypedMessageJSON): TypedMessage {
    const message = new this();
    message.readCommonFields(json);
    return message;
  }

  /** Copies `_lctext` and `_lcattrs`, and keeps the whole body as `content` for app-defined keys. */
  protected readCommonFields(json: TypedMessageJSON): void {
    this.text = json._lctext ?? this.text;
    this.attributes = json._lcattrs;
    this.content = json;
  }
}
