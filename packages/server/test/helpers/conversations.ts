import type { Frame, WsClient } from './ws-client';

/** `conv start` the way 2.4.0 sends it. */
export async function startConversation(creator: WsClient, members: string[], extra: Frame = {}): Promise<string> {
  const started = await creator.request({
    cmd: 'conv', op: 'start', m: members, attr: { name: 'room', attr: {} }, transient: false, peerId: creator.clientId, ...extra,
  });
  if (started.op !== 'started') throw new Error(`conv start failed: ${JSON.stringify(started)}`);
  return started.cid;
}

export function send(client: WsClient, cid: string, msg: string, extra: Frame = {}): Promise<Frame> {
  return client.request({ cmd: 'direct', cid, msg, r: false, transient: false, peerId: client.clientId, ...extra });
}

/** Drops the membership pushes a conv start/add/remove left queued. */
export async function drainMembership(...clients: WsClient[]): Promise<void> {
  for (const client of clients) await client.collect(0, (f) => f.cmd === 'conv');
}
