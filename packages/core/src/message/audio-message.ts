import { FileMessage } from './file-message';

/** Audio (`_lctype` -3); `file.metaData` holds duration (s), format, size. */
export class AudioMessage extends FileMessage {
  static override readonly type: number = -3;
}
