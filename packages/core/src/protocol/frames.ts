/**
 * Frame shapes of the LeanCloud v2 JSON protocol (see docs/protocol.md §2).
 * Every frame is one flat JSON object per WebSocket text frame. Server frames may carry more keys
 * than listed here; decoding keeps them.
 */

/** Signature triple the app's signing server returns (protocol §3). */
export interface SignatureFields {
  /** Signature timestamp, as the signer produced it (seconds or ms, number or numeric string). */
  t?: number | string;
  /** Nonce. */
  n?: string;
  /** Lowercase hex HMAC-SHA1. */
  s?: string;
}

// ─── Client → server ──────────────────────────────────────────────────────────────────────────

export interface SessionOpenFrame extends SignatureFields {
  cmd: 'session'; op: 'open'; appId: string; peerId: string; ua?: string; i?: number;
}
export interface SessionCloseFrame { cmd: 'session'; op: 'close'; peerId?: string; i?: number }
export interface SessionQueryFrame { cmd: 'session'; op: 'query'; sessionPeerIds: string[]; peerId?: string; i?: number }
export interface ConvStartFrame extends SignatureFields {
  cmd: 'conv'; op: 'start'; m: string[]; attr: Record<string, unknown>; transient: boolean; unique?: boolean;
  peerId?: string; i?: number;
}
export interface ConvAddFrame extends SignatureFields { cmd: 'conv'; op: 'add'; cid: string; m: string[]; peerId?: string; i?: number }
export interface ConvRemoveFrame extends SignatureFields { cmd: 'conv'; op: 'remove'; cid: string; m: string[]; peerId?: string; i?: number }
export interface ConvQueryFrame {
  cmd: 'conv'; op: 'query'; where: Record<string, unknown>; sort: string; limit: number; skip: number; flag?: number;
  peerId?: string; i?: number;
}
export interface ConvCountFrame { cmd: 'conv'; op: 'count'; cid: string; peerId?: string; i?: number }
export interface ConvUpdateFrame { cmd: 'conv'; op: 'update'; cid: string; attr: Record<string, unknown>; peerId?: string; i?: number }
export interface DirectSendFrame {
  cmd: 'direct'; cid: string; msg: string; r: 1 | false; transient: boolean; peerId?: string; i?: number;
}
/** The receiver's "delivered" ack; no `i`, no reply. */
export interface ReceiverAckFrame { cmd: 'ack'; cid: string; mid: string; peerId?: string }
export interface LogsQueryFrame { cmd: 'logs'; cid: string; t?: number; mid?: string; limit: number; peerId?: string; i?: number }

/** Frames that get a reply correlated by `i`. */
export type RequestFrame =
  | SessionOpenFrame | SessionCloseFrame | SessionQueryFrame
  | ConvStartFrame | ConvAddFrame | ConvRemoveFrame | ConvQueryFrame | ConvCountFrame | ConvUpdateFrame
  | DirectSendFrame | LogsQueryFrame;

/** Frames sent without expecting a reply: the receiver ack and transient messages. */
export type FireAndForgetFrame = ReceiverAckFrame | DirectSendFrame;

export type ClientFrame = RequestFrame | ReceiverAckFrame | Record<string, never>;

// ─── Server → client ──────────────────────────────────────────────────────────────────────────

interface ServerFrameBase { i?: number; peerId?: string; appId?: string }

/** Storage record of a conversation as `conv results` returns it (protocol §2.6, §2.13). */
export interface ConversationRecord {
  objectId: string;
  name?: string;
  attr?: Record<string, unknown>;
  c?: string;
  m?: string[];
  mu?: string[];
  tr?: boolean;
  sys?: boolean;
  unique?: boolean;
  lm?: { __type: 'Date'; iso: string } | string | number;
  createdAt?: string;
  updatedAt?: string;
  msg?: string;
  msg_from?: string;
  msg_mid?: string;
  msg_timestamp?: number;
  [column: string]: unknown;
}

export interface SessionOpenedFrame extends ServerFrameBase { cmd: 'session'; op: 'opened' }
export interface SessionClosedFrame extends ServerFrameBase {
  cmd: 'session'; op: 'closed'; code?: number; reason?: string; detail?: string;
}
export interface SessionQueryResultFrame extends ServerFrameBase { cmd: 'session'; op: 'query-result'; onlineSessionPeerIds: string[] }
export interface ConvStartedFrame extends ServerFrameBase { cmd: 'conv'; op: 'started'; cid: string; cdate?: string }
export interface ConvAddedFrame extends ServerFrameBase { cmd: 'conv'; op: 'added'; cid?: string }
export interface ConvRemovedFrame extends ServerFrameBase { cmd: 'conv'; op: 'removed'; cid?: string }
export interface ConvResultsFrame extends ServerFrameBase { cmd: 'conv'; op: 'results'; results: ConversationRecord[] }
export interface ConvResultFrame extends ServerFrameBase { cmd: 'conv'; op: 'result'; count: number }
export interface ConvUpdatedFrame extends ServerFrameBase { cmd: 'conv'; op: 'updated'; udate?: string }
export interface ConvJoinedFrame extends ServerFrameBase { cmd: 'conv'; op: 'joined'; cid: string; initBy?: string }
export interface ConvLeftFrame extends ServerFrameBase { cmd: 'conv'; op: 'left'; cid: string; initBy?: string }
export interface ConvMembersJoinedFrame extends ServerFrameBase { cmd: 'conv'; op: 'members-joined'; cid: string; m: string[]; initBy?: string }
export interface ConvMembersLeftFrame extends ServerFrameBase { cmd: 'conv'; op: 'members-left'; cid: string; m: string[]; initBy?: string }
export interface DirectFrame extends ServerFrameBase {
  cmd: 'direct'; cid: string; id: string; fromPeerId: string; timestamp: number; msg: string;
  transient?: boolean; offline?: boolean; hasMore?: boolean;
}
export interface AckFrame extends ServerFrameBase {
  cmd: 'ack'; uid?: string; t?: number; code?: number; reason?: string; appCode?: number; detail?: string;
}
export interface RcpFrame extends ServerFrameBase { cmd: 'rcp'; id: string; cid: string; t: number; from?: string }
export interface LogItem { from: string; data: string; timestamp: number; msgId: string; ackAt?: number }
export interface LogsFrame extends ServerFrameBase { cmd: 'logs'; logs: LogItem[] }
export interface ErrorFrame extends ServerFrameBase {
  cmd: 'error'; code: number; reason?: string; appCode?: number; detail?: string;
}
/** `{}`: the server's answer to a heartbeat. */
export interface HeartbeatFrame { cmd?: undefined }
/** A frame this client does not know; kept for forward compatibility and handed to `push` listeners. */
export interface UnknownFrame extends ServerFrameBase { cmd: string; op?: string; [key: string]: unknown }

/** Server frames that are never replies: delivered to `push` listeners. */
export type PushFrame =
  | DirectFrame | RcpFrame | SessionClosedFrame
  | ConvJoinedFrame | ConvLeftFrame | ConvMembersJoinedFrame | ConvMembersLeftFrame;

export type ServerFrame =
  | SessionOpenedFrame | SessionClosedFrame | SessionQueryResultFrame
  | ConvStartedFrame | ConvAddedFrame | ConvRemovedFrame | ConvResultsFrame | ConvResultFrame | ConvUpdatedFrame
  | ConvJoinedFrame | ConvLeftFrame | ConvMembersJoinedFrame | ConvMembersLeftFrame
  | DirectFrame | AckFrame | RcpFrame | LogsFrame | ErrorFrame;

/** The reply frame a request resolves with (errors reject instead). */
export type ReplyTo<F extends RequestFrame> =
  F extends SessionOpenFrame ? SessionOpenedFrame
  : F extends SessionCloseFrame ? SessionClosedFrame
  : F extends SessionQueryFrame ? SessionQueryResultFrame
  : F extends ConvStartFrame ? ConvStartedFrame
  : F extends ConvAddFrame ? ConvAddedFrame
  : F extends ConvRemoveFrame ? ConvRemovedFrame
  : F extends ConvQueryFrame ? ConvResultsFrame
  : F extends ConvCountFrame ? ConvResultFrame
  : F extends ConvUpdateFrame ? ConvUpdatedFrame
  : F extends DirectSendFrame ? AckFrame
  : F extends LogsQueryFrame ? LogsFrame
  : never;
