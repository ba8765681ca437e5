import { ProtocolError } from '../errors/protocol-error';
import { ServerError, type RefusalFrame } from '../errors/server-error';
import type { ClientFrame, HeartbeatFrame, RequestFrame, ServerFrame, UnknownFrame } from './frames';

/** Whatever `decodeServerFrame` can return. */
export type DecodedFrame = ServerFrame | HeartbeatFrame | UnknownFrame;

/** The text of one client frame. Undefined values disappear, as JSON.stringify does. */
export function encodeFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

/** The type every checked field must have, by name (a name means the same thing in every frame). */
const fieldTypes: Readonly<Record<string, string>> = {
  cmd: 'string', op: 'string', i: 'number', cid: 'string', id: 'string', msg: 'string', timestamp: 'number',
  count: 'number', code: 'number', m: 'array', results: 'array', logs: 'array', onlineSessionPeerIds: 'array',
};
/**
 * Fields each kind of frame must carry, checked so a malformed frame fails here, not in app code.
 * Every frame carries `cmd`; `name?` is checked only when present.
 */
const requiredFields: Readonly<Record<string, string>> = {
  'session-query-result': 'onlineSessionPeerIds',
  'conv-started': 'cid',
  'conv-results': 'results',
  'conv-result': 'count',
  'conv-joined': 'cid',
  'conv-left': 'cid',
  'conv-members-joined': 'cid m',
  'conv-members-left': 'cid m',
  direct: 'cid id msg timestamp?',
  rcp: 'id cid',
  logs: 'logs',
  error: 'code',
};

/** `[name, isRequired]` per checked field, parsed once per kind (decoding runs for every frame). */
type FieldChecks = ReadonlyArray<readonly [string, boolean]>;
const parseChecks = (spec: string): FieldChecks => spec.split(' ').map((field) => [field.replace('?', ''), !field.endsWith('?')] as const);
const envelopeSpec = 'cmd op? i?';
const envelopeChecks = parseChecks(envelopeSpec);
const checksByKind = new Map(Object.entries(requiredFields).map(([kind, spec]) => [kind, parseChecks(`${envelopeSpec} ${spec}`)]));

function typeOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

/** `cmd` or `cmd-op`: the name 2.x clients subscribe to, used here as the key of a frame kind. */
export function frameKind(frame: { cmd?: unknown; op?: unknown }): string {
  return typeof frame.op === 'string' ? `${frame.cmd}-${frame.op}` : String(frame.cmd);
}

/**
 * Parses one server text frame. Throws {@link ProtocolError} for anything that is not a JSON object
 * or lacks the fields its kind requires; the caller drops such frames instead of crashing.
 * A frame without `cmd` is a heartbeat.
 */
export function decodeServerFrame(data: string | Uint8Array): DecodedFrame {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: rejected below, like any value that is not an object.
  }
  if (typeOf(parsed) !== 'object') throw new ProtocolError('Server frame is not a JSON object', text);
  const frame = parsed as Record<string, unknown>;
  if (frame.cmd === undefined) return {};
  const kind = frameKind(frame);
  for (const [name, isRequired] of checksByKind.get(kind) ?? envelopeChecks) {
    if ((isRequired || frame[name] !== undefined) && typeOf(frame[name]) !== fieldTypes[name]) {
      throw new ProtocolError(`"${kind}" frame needs ${fieldTypes[name]} "${name}"`, frame);
    }
  }
  return frame as unknown as DecodedFrame;
}

/** Replies that are not the past tense of their request (`conv-start` → `conv-started`). Protocol §2. */
const irregularReplyKinds: Readonly<Record<string, string>> = {
  'session-query': 'session-query-result',
  'conv-query': 'conv-results',
  'conv-count': 'conv-result',
  direct: 'ack',
  logs: 'logs',
};

/** The `cmd-op` kind the server answers a request with (protocol §2). */
export function expectedReplyKind(request: RequestFrame): string {
  const kind = frameKind(request);
  return irregularReplyKinds[kind] ?? kind.replace(/e?$/, 'ed');
}

/**
 * The error a reply carries, if any: an `error` frame, or any reply with a numeric `code`
 * (an `ack` for a refused send, `session closed` for a refused open). Protocol §2.11, §8.3.
 */
export function replyError(reply: Record<string, unknown>): ServerError | undefined {
  return typeof reply.code === 'number' || reply.cmd === 'error' ? new ServerError(reply as RefusalFrame) : undefined;
}
