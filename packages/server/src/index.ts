export { startServer, databaseFileName } from './server';
export type { RunningServer } from './server';
export type { ServerOptions, Logger } from './config/server-config';
export { devCredentials } from './config/server-config';
export type {
  Storage,
  ConversationDoc,
  ConversationSummary,
  StoredMessage,
  NewMessage,
  ImportedMessage,
  HistoryCursor,
  ConversationCandidates,
  AckResult,
  StorageDate,
} from './storage/storage';
export { SqliteStorage } from './storage/sqlite-storage';
export type { SqliteStorageOptions } from './storage/sqlite-storage';
export { newMessageId, newConversationId } from './storage/ids';
