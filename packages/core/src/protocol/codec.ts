import { ProtocolError } from '../errors/protocol-error';
import { ServerError } from '../errors/server-error';
import type { ClientFrame, HeartbeatFrame, RequestFrame, ServerFrame, UnknownFrame } from './frames';

/** Whatever `decodeServerFrame` can return. */
export type DecodedFrame = ServerFrame | HeartbeatFrame | UnknownFrame;

/** The text of one client frame. Undefined values disappear, as JSON.stringify does. */
export function encodeFrame(frame: ClientFrame): string {
  return JSON.stringify(frame);
}

type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object';
/** Required fields per `cmd` or `cmd-op`, checked so a malformed frame fails here, not in app code. */
const requiredFields: Readonly<Record<string, Readonly<Record<string, FieldType>>>> = {
  'session-query-result': { onlineSessionPeerIds: 'array' },
  'conv-started': { cid: 'string' },
  'conv-results': { results: 'array' },
  'conv-result': { count: 'number' },
  'conv-joined': { cid: 'string' },
  'conv-left': { cid: 'string' },
  'conv-members-joined': { cid: 'string', m: 'array' },
  'conv-members-left': { cid: 'string', m: 'array' },
  direct: { cid: 'string', id: 'string', msg: 'string' },
  rcp: { id: 'string', cid: 'string' },
  logs: { logs: 'array' },
  error: { code: 'number' },
};

function typeOf(value: unknown): FieldType | 'other' {
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  if (t === 'object' && value !== null) return 'object';
  return 'other';
}

/** `cmd` or `cmd-op`: the name 2.x clients subscribe to, used here as the key of a frame kind. */
export function frameKind(frame: { cmd?: unknown; op?: unknown }): string {
  return typeof frame.op === 'string' ? `${String(frame.cmd)}-${frame.op}` : String(frame.cmd);
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
  } catch (cause) {
    throw new ProtocolError(`Server frame is not JSON: ${text.slice(0, 80)}`, text);
  }
  if (typeOf(parsed) !== 'object') throw new ProtocolError('Server frame is not a JSON object', parsed);
  const frame = parsed as Record<string, unknown>;
  if (frame.cmd === undefined) return {} as HeartbeatFrame;
  const kind = frameKind(frame);
  // The envelope (cmd, op, i) first, then what this kind of frame must carry.
  const fields: Record<string, FieldType> = { cmd: 'string', ...requiredFields[kind] };
  if (frame.op !== undefined) fields.op = 'string';
  if (frame.i !== undefined) fields.i = 'number';
  if (kind === 'direct' && frame.timestamp !== undefined) fields.timestamp = 'number';
  for (const [name, type] of Object.entries(fields)) {
    if (typeOf(frame[name]) !== type) throw new ProtocolError(`"${kind}" frame needs ${type} "${name}"`, frame);
  }
  return frame as unknown as DecodedFrame;
}

/** The `cmd-op` kind the server answers a request with (protocol §2). */
export function expectedReplyKind(request: RequestFrame): string {
  switch (request.cmd) {
    case 'session':
      return { open: 'session-opened', close: 'session-closed', query: 'session-query-result' }[request.op];
    case 'conv':
      return {
        start: 'conv-started', add: 'conv-added', remove: 'conv-removed', query: 'conv-results',
        count: 'conv-result', update: 'conv-updated',
      }[request.op];
    case 'direct':
      return 'ack';
    case 'logs':
      return 'logs';
  }
}

/**
 * The error a reply carries, if any: an `error` frame, or any reply with a numeric `code`
 * (an `ack` for a refused send, `session closed` for a refused open). Protocol §2.11, §8.3.
 */
export function replyError(reply: Record<string, unknown>): ServerError | undefined {
  if (typeof reply.code !== 'number' && reply.cmd !== 'error') return undefined;
  const wireCode = typeof reply.code === 'number' ? reply.code : 0;
  return new ServerError(
    wireCode,
    typeof reply.reason === 'string' ? reply.reason : undefined,
    reply,
    typeof reply.detail === 'string' ? reply.detail : undefined,
    typeof reply.appCode === 'number' ? reply.appCode : undefined,
  );
}
