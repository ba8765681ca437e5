/** Protocol limits (protocol.md §6) and the caps we chose where it leaves them open. */
export const limits = {
  /** Longer client ids close the socket with 4103. */
  maxClientIdLength: 64,
  /** `msg` of a `direct`, in UTF-8 bytes (5 KB). */
  maxMessageBytes: 5120,
  /** A whole frame; a 500-member `conv start` with 64-char ids is ~34 KB. Larger → close 4109. */
  maxFrameBytes: 64 * 1024,
  maxConversationMembers: 500,
  /** `session query`: only the first 20 ids are looked at. */
  maxPresenceIds: 20,
  defaultQueryLimit: 10,
  maxQueryLimit: 1000,
  defaultLogsLimit: 20,
  maxLogsLimit: 1000,
  /** Signatures older or newer than this are stale (documented 6 h). */
  signatureWindowMs: 6 * 60 * 60 * 1000,
  /** A transient conversation is re-joined at login if the client left it this recently. */
  transientRejoinWindowMs: 30 * 60 * 1000,
} as const;
