// The scenarios of issue 6. `short` is what `npm run bench` runs (about two minutes in all);
// `full` (--full) runs longer, adds the 1 × 1000, 20,000-session and 5,000-member scenarios
// (the last two take a minute or more per target) and more repetitions. Every loop in a run is bounded by durationMs.
const ALL = ['realtime', 'socketio', 'bare'];

export function scenarios({ full }) {
  const seconds = (short, long) => (full ? long : short) * 1000;
  return [
    {
      name: 'fanout-10x100-closed',
      title: 'Fan-out 10 × 100, closed loop (2 senders/room, next send after ack)',
      targets: ALL, rooms: 10, membersPerRoom: 100, sendersPerRoom: 2, mode: 'closed', durationMs: seconds(2, 15),
    },
    {
      name: 'fanout-10x100-rate',
      title: 'Fan-out 10 × 100 at a fixed offered rate (20 senders × 2 msg/s = 3,960 deliveries/s offered: below every target’s capacity on this shared machine, so latency is service time, not queueing)',
      targets: ALL, rooms: 10, membersPerRoom: 100, sendersPerRoom: 2, mode: 'rate', ratePerSender: 2, durationMs: seconds(2, 15),
    },
    {
      name: 'fanout-1x1000-closed',
      title: 'Fan-out 1 × 1000, closed loop (2 senders). A normal conversation holds at most 500 members (protocol §6), so this is a transient conversation: ours stores nothing here either',
      targets: ALL, onlyFull: true, rooms: 1, membersPerRoom: 1000, sendersPerRoom: 2, isTransient: true, mode: 'closed', durationMs: seconds(2, 15),
    },
    {
      name: 'fanout-1x1000-rate',
      title: 'Fan-out 1 × 1000 at a fixed offered rate (2 senders × 2 msg/s = 3,996 deliveries/s offered), transient conversation as above',
      targets: ALL, onlyFull: true, rooms: 1, membersPerRoom: 1000, sendersPerRoom: 2, isTransient: true, mode: 'rate', ratePerSender: 2, durationMs: seconds(2, 15),
    },
    {
      name: 'chat-1to1-500',
      title: '1:1 chat, 500 pairs, both sides sending closed loop (ours stores every message before the ack)',
      targets: ALL, rooms: 500, membersPerRoom: 2, sendersPerRoom: 2, mode: 'closed', durationMs: seconds(2, 15),
    },
    {
      name: 'idle-5000',
      title: 'Idle sessions: 5,000',
      targets: ALL, idleSessions: 5000,
    },
    {
      name: 'idle-20000',
      title: 'Idle sessions: 20,000 (19,900: the hard fd limit of this machine is 20,000 per process)',
      targets: ALL, idleSessions: 19_900, onlyFull: true,
    },
    {
      name: 'transient-5000',
      title: 'Large transient conversation: 5,000 joined, 2 senders closed loop',
      targets: ALL, onlyFull: true, rooms: 1, membersPerRoom: 5000, sendersPerRoom: 2, isTransient: true, mode: 'closed', durationMs: seconds(2, 15),
    },
    {
      name: 'history-under-write',
      title: 'History reads (`logs`, 20 per page) under write load: fan-out 10 × 100 closed loop plus 1 reader per room',
      targets: ['realtime'], rooms: 10, membersPerRoom: 100, sendersPerRoom: 2, readersPerRoom: 1, historyLimit: 20,
      mode: 'closed', durationMs: seconds(2, 15),
    },
  ];
}
