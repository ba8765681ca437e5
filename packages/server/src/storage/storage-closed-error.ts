/** Thrown by a storage used after `close()`: the server is shutting down. */
export class StorageClosedError extends Error {
  override name = 'StorageClosedError';
  readonly code = 'STORAGE_CLOSED';
  constructor() {
    super('Storage is closed: the server is shutting down');
  }
}
