import { FileMessage } from './file-message';

/** Video (`_lctype` -4); `file.metaData` holds duration (s), format, size. */
export class VideoMessage extends FileMessage {
  static override readonly type: number = -4;
}
