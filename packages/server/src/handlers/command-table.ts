import type { CommandHandler } from './handler-context';
import { handleConvAdd, handleConvRemove } from './conv-membership-handlers';
import { handleConvCount, handleConvQuery } from './conv-query-handlers';
import { handleConvStart } from './conv-start-handler';
import { handleConvUpdate } from './conv-update-handler';
import { handleDirect, handleReceiverAck } from './direct-handler';
import { handleLogs } from './logs-handler';
import { handleSessionClose, handleSessionOpen, handleSessionQuery } from './session-handlers';

/** How a refusal is answered (protocol §2.11, decided for this project). */
export type ErrorShape = 'session-closed' | 'ack' | 'error' | 'none';

export interface CommandEntry {
  handle: CommandHandler;
  errorShape: ErrorShape;
}

/** Commands by `cmd` or `cmd-op`, the event names 2.4.0 uses too. */
export const commandTable: ReadonlyMap<string, CommandEntry> = new Map([
  ['session-open', { handle: handleSessionOpen, errorShape: 'session-closed' }],
  ['session-query', { handle: handleSessionQuery, errorShape: 'error' }],
  ['session-close', { handle: handleSessionClose, errorShape: 'error' }],
  ['conv-start', { handle: handleConvStart, errorShape: 'error' }],
  ['conv-add', { handle: handleConvAdd, errorShape: 'error' }],
  ['conv-remove', { handle: handleConvRemove, errorShape: 'error' }],
  ['conv-query', { handle: handleConvQuery, errorShape: 'error' }],
  ['conv-count', { handle: handleConvCount, errorShape: 'error' }],
  ['conv-update', { handle: handleConvUpdate, errorShape: 'error' }],
  ['direct', { handle: handleDirect, errorShape: 'ack' }],
  ['ack', { handle: handleReceiverAck, errorShape: 'none' }],
  ['logs', { handle: handleLogs, errorShape: 'error' }],
] satisfies [string, CommandEntry][]);
