import { canTransition, connectionTransitions, type ConnectionState } from '@realtime/core';

describe('connection state table', () => {
  const all: ConnectionState[] = ['idle', 'connecting', 'connected', 'reconnecting', 'closed'];
  const allowed = new Set([
    'idle>connecting', 'idle>closed',
    'connecting>connected', 'connecting>reconnecting', 'connecting>closed',
    'connected>reconnecting', 'connected>closed',
    'reconnecting>connecting', 'reconnecting>closed',
  ]);

  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s follows the table', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('cannot be mutated', () => {
    expect(Object.isFrozen(connectionTransitions)).toBe(true);
    expect(Object.isFrozen(connectionTransitions.idle)).toBe(true);
  });
});
