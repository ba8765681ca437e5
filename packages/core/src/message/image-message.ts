import { FileMessage } from './file-message';

/** Image (`_lctype` -2); `file.metaData` holds width, height (px), format, size. */
export class ImageMessage extends FileMessage {
  static override readonly type: number = -2;
}
