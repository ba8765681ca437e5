/**
 * Every event a RealtimeObject emits, by its 2.4.0 name. `join` and `left` are the seed
 * document's names (deprecated in 2.3.0 but still emitted); the others came with 2.3.0.
 */
export const LegacyEvent = {
  open: 'open',
  close: 'close',
  reuse: 'reuse',
  create: 'create',
  join: 'join',
  left: 'left',
  invited: 'invited',
  kicked: 'kicked',
  membersjoined: 'membersjoined',
  membersleft: 'membersleft',
  message: 'message',
  receipt: 'receipt',
  error: 'error',
} as const;

export type LegacyEventName = (typeof LegacyEvent)[keyof typeof LegacyEvent];

/** The connection states of `@realtime/core` that legacy events come from. */
export type ConnectionPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * The legacy events a connection state change fires, in order (STYLE.md §3): connected →
 * `open`; entering reconnecting → `reuse` (once per outage: `isReuseAnnounced` says whether
 * this outage already had one); closed → `close`. Like 2.4.0, a lost socket also fires
 * `close` before `reuse` (the seed: "close … including network loss").
 */
export function eventsForPhase(previous: ConnectionPhase, current: ConnectionPhase, isReuseAnnounced: boolean): LegacyEventName[] {
  if (current === previous) return [];
  if (current === 'connected') return [LegacyEvent.open];
  const events: LegacyEventName[] = [];
  if (previous === 'connected' || current === 'closed') events.push(LegacyEvent.close);
  if (current === 'reconnecting' && !isReuseAnnounced) events.push(LegacyEvent.reuse);
  return events;
}

interface PushFrame {
  cmd?: unknown;
  op?: unknown;
  peerId?: unknown;
  initBy?: unknown;
}

/**
 * Which legacy events a server push fires, in 2.4.0's order (protocol.md §7):
 * `joined` → `join` (only when someone else did it) + `invited`; `left` → `left` + `kicked`;
 * `members-joined` → `join` + `membersjoined`; `members-left` → `left` + `membersleft`;
 * `direct` → `message`; `rcp` → `receipt`; an error frame → `error`.
 */
export function eventsForPush(frame: PushFrame): LegacyEventName[] {
  if (frame.cmd === 'direct') return [LegacyEvent.message];
  if (frame.cmd === 'rcp') return [LegacyEvent.receipt];
  if (frame.cmd === 'error') return [LegacyEvent.error];
  if (frame.cmd === 'session' && frame.op === 'error') return [LegacyEvent.error];
  if (frame.cmd !== 'conv') return [];
  switch (frame.op) {
    case 'joined':
      return frame.peerId !== frame.initBy ? [LegacyEvent.join, LegacyEvent.invited] : [LegacyEvent.invited];
    case 'left':
      return [LegacyEvent.left, LegacyEvent.kicked];
    case 'members-joined':
      return [LegacyEvent.join, LegacyEvent.membersjoined];
    case 'members-left':
      return [LegacyEvent.left, LegacyEvent.membersleft];
    case 'error':
      return [LegacyEvent.error];
    default:
      return [];
  }
}
