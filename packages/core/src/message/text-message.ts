import { TypedMessage } from './typed-message';

/** Text (`_lctype` -1). */
export class TextMessage extends TypedMessage {
  static override readonly type: number = -1;

  constructor(text = '') {
    super(text);
  }
}
