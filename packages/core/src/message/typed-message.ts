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

  toJSON(): TypedMessageJSON {
    const json: TypedMessageJSON = { _lctype: this.type };
    if (this.text !== undefined) json._lctext = this.text;
    if (this.attributes !== undefined) json._lcattrs = this.attributes;
    return json;
  }

  override encode(): string {
    return JSON.stringify(this.toJSON());
  }

  /** Builds an instance from a decoded body. Subclasses with constructor arguments override it. */
  static fromJSON(json: TypedMessageJSON): TypedMessage {
    const message = new this();
    message.readCommonFields(json);
    return message;
  }

  /** Copies `_lctext` and `_lcattrs`, and keeps the whole body as `content` for app-defined keys. */
  protected readCommonFields(json: TypedMessageJSON): void {
    if (typeof json._lctext === 'string') this.text = json._lctext;
    if (json._lcattrs && typeof json._lcattrs === 'object') this.attributes = json._lcattrs;
    this.content = json;
  }
}
