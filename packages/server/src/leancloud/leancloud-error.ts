/**
 * Stable codes for everything the LeanCloud fetcher and importer can fail with. The CLI prints
 * the message and exits non-zero; tests match on the code, never on the wording.
 */
export type LeanCloudErrorCode =
  /** The API rejected the app id / master key (401, 403, or LeanCloud code 401). */
  | 'LEANCLOUD_AUTH_REJECTED'
  /** A request still failed after every retry (429, 5xx, network). */
  | 'LEANCLOUD_RETRIES_EXHAUSTED'
  /** A non-retryable HTTP error other than authentication. */
  | 'LEANCLOUD_HTTP_ERROR'
  /** The API answered with something that is not the documented shape. */
  | 'LEANCLOUD_BAD_RESPONSE'
  /** `--out` holds a manifest of another app or API host. */
  | 'LEANCLOUD_MANIFEST_MISMATCH'
  /** `manifest.json` cannot be read. */
  | 'LEANCLOUD_MANIFEST_CORRUPT'
  /** An import input cannot be read or recognised. */
  | 'LEANCLOUD_INPUT_UNREADABLE'
  /** A malformed record under `--strict`. */
  | 'LEANCLOUD_MALFORMED_RECORD'
  /** Bad command-line usage. */
  | 'LEANCLOUD_USAGE';

export class LeanCloudError extends Error {
  override name = 'LeanCloudError';
  readonly retryable: boolean;
  /** HTTP status when the error came from a response. */
  readonly status?: number;

  constructor(
    readonly code: LeanCloudErrorCode,
    message: string,
    opts: { cause?: unknown; retryable?: boolean; status?: number } = {},
  ) {
    super(message, { cause: opts.cause });
    this.retryable = opts.retryable ?? false;
    this.status = opts.status;
  }
}

/** Cross-realm check (errors may cross jest module registries or a bundled CLI). */
export function isLeanCloudError(error: unknown): error is LeanCloudError {
  return error instanceof Error && error.name === 'LeanCloudError' && typeof (error as LeanCloudError).code === 'string';
}
