import { ProtocolError } from './protocol-error';
import { limits } from './limits';

/**
 * Inbound frames: JSON text → typed commands. Pure (no I/O), so every shape rule of
 * protocol.md §2 is checked here, before a handler runs. A decoder throws {@link ProtocolError};
 * the dispatcher answers it in the family's error shape.
 */

/** `i` is opaque: echoed with the same JSON type (protocol §1.5). */
export type RequestId = number | string;

export interface SignatureFields {
  /** As received: the signed string uses it verbatim. */
  t: number | string;
  n: string;
  s: string;
}

export type InboundFrame =
  | { kind: 'heartbeat' }
  | { kind: 'command'; cmd: string; op?: string; i?: RequestId; peerId?: string; body: Record<string, unknown> };

export function decodeFrame(text: string): InboundFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('the frame is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('a frame must be a JSON object');
  }
  const body = value as Record<string, unknown>;
  // A frame without `cmd` is a heartbeat (protocol §1.4).
  if (body.cmd === undefined) return { kind: 'heartbeat' };
  if (typeof body.cmd !== 'string') throw invalid('`cmd` must be a string');
  if (body.op !== undefined && typeof body.op !== 'string') throw invalid('`op` must be a string');
  if (body.peerId !== undefined && typeof body.peerId !== 'string') throw invalid('`peerId` must be a string');
  return {
    kind: 'command',
    cmd: body.cmd,
    op: body.op as string | undefined,
    i: requestIdOf(body),
    peerId: body.peerId as string | undefined,
    body,
  };
}

/** The `i` of a frame if it has a usable one, so even a refused frame gets a correlated reply. */
export function requestIdOf(body: Record<string, unknown>): RequestId | undefined {
  const i = body.i;
  return (typeof i === 'number' && Number.isFinite(i)) || typeof i === 'string' ? i : undefined;
}

export interface SessionOpenCommand {
  appId: string;
  /** Missing when the app gave no client id; the server then makes one up. */
  peerId?: string;
  signature?: SignatureFields;
}

export function decodeSessionOpen(body: Record<string, unknown>): SessionOpenCommand {
  return {
    appId: typeof body.appId === 'string' ? body.appId : '',
    peerId: optionalString(body, 'peerId'),
    signature: signatureOf(body),
  };
}

export function decodeSessionQuery(body: Record<string, unknown>): { sessionPeerIds: string[] } {
  return { sessionPeerIds: stringArray(body, 'sessionPeerIds').slice(0, limits.maxPresenceIds) };
}

export interface ConvStartCommand {
  members: string[];
  /** Keys that become top-level fields of the document (the `{name, attr}` wrapper, or 2.0.x data). */
  attributes: Record<string, unknown>;
  isTransient: boolean;
  isUnique: boolean;
  signature?: SignatureFields;
}

export function decodeConvStart(body: Record<string, unknown>): ConvStartCommand {
  return {
    members: body.m === undefined ? [] : clientIdArray(body, 'm'),
    attributes: body.attr === undefined || body.attr === null ? {} : object(body, 'attr'),
    isTransient: optionalBoolean(body, 'transient') ?? false,
    isUnique: optionalBoolean(body, 'unique') ?? false,
    signature: signatureOf(body),
  };
}

export interface ConvMembersCommand {
  cid: string;
  members: string[];
  signature?: SignatureFields;
}

export function decodeConvMembers(body: Record<string, unknown>): ConvMembersCommand {
  const members = clientIdArray(body, 'm');
  if (members.length === 0) throw invalid('`m` must list at least one client id');
  return { cid: string(body, 'cid'), members, signature: signatureOf(body) };
}

export interface ConvQueryCommand {
  where: Record<string, unknown>;
  sort?: string;
  limit: number;
  skip: number;
  flag: number;
}

export function decodeConvQuery(body: Record<string, unknown>): ConvQueryCommand {
  let where: unknown = body.where ?? {};
  // Newer SDKs send `where` as a JSON string.
  if (typeof where === 'string') {
    try {
      where = JSON.parse(where);
    } catch {
      throw invalid('`where` is a string but not JSON');
    }
  }
  if (typeof where !== 'object' || where === null || Array.isArray(where)) throw invalid('`where` must be an object');
  const sort = body.sort === undefined || body.sort === null || body.sort === '' ? undefined : string(body, 'sort');
  const limit = optionalInteger(body, 'limit') ?? limits.defaultQueryLimit;
  const skip = optionalInteger(body, 'skip') ?? 0;
  if (limit < 0 || skip < 0) throw invalid('`limit` and `skip` must not be negative');
  return {
    where: where as Record<string, unknown>,
    sort,
    limit: Math.min(limit === 0 ? limits.defaultQueryLimit : limit, limits.maxQueryLimit),
    skip,
    flag: optionalInteger(body, 'flag') ?? 0,
  };
}

export function decodeConvId(body: Record<string, unknown>): { cid: string } {
  return { cid: string(body, 'cid') };
}

export function decodeConvUpdate(body: Record<string, unknown>): { cid: string; attributes: Record<string, unknown> } {
  return { cid: string(body, 'cid'), attributes: object(body, 'attr') };
}

export interface DirectCommand {
  cid: string;
  msg: string;
  wantsReceipt: boolean;
  isTransient: boolean;
}

export function decodeDirect(body: Record<string, unknown>): DirectCommand {
  const cid = string(body, 'cid');
  let msg = body.msg;
  // 2.0.0–2.0.5 may send an object; store it the way 2.0.6+ would have sent it.
  if (typeof msg === 'object' && msg !== null) msg = JSON.stringify(msg);
  if (typeof msg !== 'string') throw invalid('`msg` must be a string (2.4.0 omits it for an unknown message type)');
  return {
    cid,
    msg,
    wantsReceipt: body.r === 1 || body.r === true || body.r === '1',
    isTransient: optionalBoolean(body, 'transient') ?? false,
  };
}

export function decodeReceiverAck(body: Record<string, unknown>): { cid: string; mid: string } {
  return { cid: string(body, 'cid'), mid: string(body, 'mid') };
}

export interface LogsCommand {
  cid: string;
  limit: number;
  /** Exclusive upper bound, ms. */
  beforeTimestamp?: number;
  beforeId?: string;
}

export function decodeLogs(body: Record<string, unknown>): LogsCommand {
  const cid = string(body, 'cid');
  const limit = optionalInteger(body, 'limit') ?? optionalInteger(body, 'l') ?? limits.defaultLogsLimit;
  if (limit < 0) throw invalid('`limit` must not be negative');
  let beforeTimestamp: number | undefined;
  if (body.t !== undefined && body.t !== null && body.t !== '' && body.t !== 0) {
    beforeTimestamp = typeof body.t === 'string' ? Number(body.t) : (body.t as number);
    if (typeof beforeTimestamp !== 'number' || !Number.isFinite(beforeTimestamp)) {
      throw invalid('`t` must be a time in ms (a number or a numeric string)');
    }
  }
  const mid = body.mid === undefined || body.mid === null || body.mid === '' ? undefined : string(body, 'mid');
  return {
    cid,
    limit: Math.min(limit === 0 ? limits.defaultLogsLimit : limit, limits.maxLogsLimit),
    beforeTimestamp,
    beforeId: mid,
  };
}

function signatureOf(body: Record<string, unknown>): SignatureFields | undefined {
  const { t, n, s } = body;
  if (s === undefined || s === null) return undefined;
  if (typeof s !== 'string' || typeof n !== 'string' || (typeof t !== 'number' && typeof t !== 'string')) {
    throw invalid('signature fields must be `t` (number or string), `n` (string) and `s` (string)');
  }
  return { t, n, s };
}

function invalid(detail: string): ProtocolError {
  return new ProtocolError('UNPARSEABLE_RAW_MESSAGE', detail);
}

function string(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw invalid(`\`${key}\` must be a non-empty string`);
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`\`${key}\` must be a string`);
  return value;
}

function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw invalid(`\`${key}\` must be a boolean`);
}

function optionalInteger(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw invalid(`\`${key}\` must be an integer`);
  return number;
}

function object(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = body[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`\`${key}\` must be an object`);
  return value as Record<string, unknown>;
}

function stringArray(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid(`\`${key}\` must be an array of strings`);
  }
  return value as string[];
}

function clientIdArray(body: Record<string, unknown>, key: string): string[] {
  const ids = stringArray(body, key);
  for (const id of ids) {
    if (id === '' || id.length > limits.maxClientIdLength) {
      throw invalid(`client ids in \`${key}\` must be 1 to ${limits.maxClientIdLength} characters`);
    }
  }
  // Kept as sent (duplicates too): signatures sign the list verbatim; handlers de-duplicate.
  return ids;
}
