/**
 * Every event a RealtimeObject emits, by its 2.4.0 name. `join` and `left` are the seed
 * document's names (deprecated in 2.3.0 but still emitted); the others came with 2.3.0.
 * (The realtime object uses the plain strings; this list is for apps and types.)
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

/**
 * The events of each server push, in 2.4.0's order (protocol.md §7), keyed by `op` for `conv`
 * and `session` frames (whose ops never clash with these keys) and by `cmd` for the others.
 */
const pushEvents = new Map(
  Object.entries({
    direct: 'message',
    rcp: 'receipt',
    error: 'error',
    joined: 'join invited',
    left: 'left kicked',
    'members-joined': 'join membersjoined',
    'members-left': 'left membersleft',
  }),
);

/**
 * Which legacy events a server push fires. `conv joined` fires `join` only when someone
 * else added us (2.4.0 compared `initBy` with our id).
 */
export function eventsForPush({ cmd, op, peerId, initBy }: Record<string, unknown>): LegacyEventName[] {
  const names = pushEvents.get(String(cmd === 'conv' || cmd === 'session' ? op : cmd)) ?? '';
  return names.split(' ').filter((name) => name && !(name === 'join' && op === 'joined' && peerId === initBy)) as LegacyEventName[];
}
