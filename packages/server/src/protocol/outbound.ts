import type { RequestId } from './inbound';
import type { ProtocolError } from './protocol-error';
import type { StoredMessage } from '../storage/storage';

/**
 * Outbound frame builders (protocol.md §2), pure. Replies carry the request's `i`; pushes never
 * do (§1.5). `peerId` is always the recipient's id; pushes get it per recipient at delivery
 * (see {@link PushFrame}), so their body is serialized once for everyone.
 */

export type Frame = Record<string, unknown>;

/** A reply: `i` echoed with its JSON type, plus the recipient's `peerId` when known. */
export function reply(i: RequestId | undefined, peerId: string | undefined, frame: Frame): Frame {
  if (i !== undefined) frame.i = i;
  if (peerId !== undefined) frame.peerId = peerId;
  return frame;
}

/** `{"cmd":"error",…}` for refused conv/logs/query requests (§2.11). */
export function errorFrame(i: RequestId | undefined, peerId: string | undefined, error: ProtocolError): Frame {
  return reply(i, peerId, { cmd: 'error', code: error.code, reason: error.reason, appCode: 0, detail: error.detail });
}

/** A refused send: an `ack` carrying `code` (§2.7.2). */
export function errorAckFrame(i: RequestId | undefined, peerId: string | undefined, error: ProtocolError): Frame {
  return reply(i, peerId, { cmd: 'ack', code: error.code, reason: error.reason, appCode: 0, detail: error.detail });
}

/** A refused `session open`, or the server ending a session: `session closed` with a code (§2.1). */
export function sessionClosedFrame(i: RequestId | undefined, peerId: string | undefined, error: ProtocolError): Frame {
  return reply(i, peerId, { cmd: 'session', op: 'closed', code: error.code, reason: error.reason, detail: error.detail });
}

/**
 * A frame for many recipients. `prefix` is the JSON of the body without its closing brace;
 * {@link PushFrame.textFor} appends the recipient's `peerId`. Delivery-ordering metadata rides
 * along for the offline catch-up (see `Connection`).
 */
export class PushFrame {
  readonly #prefix: string;

  constructor(
    body: Frame,
    /** For `direct` pushes of stored messages: where it sits in its conversation. */
    readonly position?: { cid: string; seq: number },
  ) {
    this.#prefix = JSON.stringify(body).slice(0, -1);
  }

  textFor(peerId: string): string {
    return `${this.#prefix},"peerId":${JSON.stringify(peerId)}}`;
  }
}

export interface DirectPushOptions {
  isTransient?: boolean;
  isOffline?: boolean;
}

/** An incoming message (§2.7.4). */
export function directBody(
  message: Pick<StoredMessage, 'cid' | 'id' | 'from' | 'timestamp' | 'data'>,
  options: DirectPushOptions = {},
): Frame {
  const body: Frame = {
    cmd: 'direct',
    cid: message.cid,
    id: message.id,
    fromPeerId: message.from,
    timestamp: message.timestamp,
    msg: message.data,
  };
  if (options.isTransient) body.transient = true;
  if (options.isOffline) body.offline = true;
  return body;
}

export type MembershipOp = 'joined' | 'left' | 'members-joined' | 'members-left';

/** Membership notifications (§2.3); `m` only for the `members-*` ops. */
export function membershipBody(op: MembershipOp, cid: string, initBy: string, members?: readonly string[]): Frame {
  const body: Frame = { cmd: 'conv', op, cid, initBy };
  if (members) body.m = members;
  return body;
}

/** Delivery receipt to the sender (§2.9). */
export function receiptBody(cid: string, id: string, ackAt: number, from: string): Frame {
  return { cmd: 'rcp', cid, id, t: ackAt, from };
}

/** One history item (§2.10). */
export function logItem(message: StoredMessage): Frame {
  const item: Frame = { from: message.from, data: message.data, timestamp: message.timestamp, msgId: message.id };
  if (message.ackAt !== undefined) item.ackAt = message.ackAt;
  return item;
}
