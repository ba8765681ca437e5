import { TypedMessage, type TypedMessageJSON } from './typed-message';

/** Text (`_lctype` -1). */
export class TextMessage extends TypedMessage {
  static override readonly type: number = -1;

  constructor(text = '') {
    super();
    this.text = text;
  }

  static override fromJSON(json: TypedMessageJSON): TextMessage {
    const message = new TextMessage();
    message.readCommonFields(json);
    return message;
  }
}
