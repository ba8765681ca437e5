// One load-generator client speaking the LeanCloud v2 JSON protocol to @realtime/server
// (see docs/protocol.md §1–2). Deliberately a raw `ws` socket rather than the SDK, so
// the generator's own cost per frame stays small and comparable with the other targets.
import WebSocket from 'ws';

const REQUEST_TIMEOUT_MS = 30_000;

export class RealtimeBenchClient {
  /**
   * @param {{ url: string, appId: string, peerId: string, onDelivery(body: string): void, onError(what: string): void }} options
   */
  constructor(options) {
    this.options = options;
    this.nextSerial = 2015;
    this.pending = new Map(); // i → { resolve, reject, timer }
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.url, { perMessageDeflate: false });
      this.socket = socket;
      socket.once('open', () => {
        this.request({ cmd: 'session', op: 'open', appId: this.options.appId, peerId: this.options.peerId, ua: 'bench/1' })
          .then(resolve, reject);
      });
      socket.once('error', reject);
      socket.on('message', (data) => this.receive(data));
      socket.on('close', () => {
        for (const entry of this.pending.values()) entry.reject(new Error('socket closed'));
        this.pending.clear();
      });
    });
  }

  /** conv start as this client; returns the conversation id. */
  async createRoom(memberPeerIds, isTransient) {
    const m = memberPeerIds.filter((id) => id !== this.options.peerId);
    const reply = await this.request({ cmd: 'conv', op: 'start', m, attr: { name: 'bench', attr: {} }, transient: isTransient });
    return reply.cid;
  }

  /** Normal conversations were joined by `conv start`; a transient one needs `conv add` of self. */
  async join(roomId, { isTransient, isCreator }) {
    if (isTransient && !isCreator) await this.request({ cmd: 'conv', op: 'add', cid: roomId, m: [this.options.peerId] });
  }

  async send(roomId, body) {
    await this.request({ cmd: 'direct', cid: roomId, msg: body, r: false, transient: false });
  }

  async history(roomId, limit) {
    const reply = await this.request({ cmd: 'logs', cid: roomId, limit });
    return reply.logs.length;
  }

  close() {
    this.socket?.terminate();
  }

  request(frame) {
    this.nextSerial += 1;
    const i = this.nextSerial;
    frame.i = i;
    frame.peerId = this.options.peerId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(i);
        reject(new Error(`no reply to ${frame.cmd}${frame.op ? ` ${frame.op}` : ''} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(i, { resolve, reject, timer });
      this.socket.send(JSON.stringify(frame));
    });
  }

  receive(data) {
    let frame;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      this.options.onError('unparseable frame');
      return;
    }
    if (frame.cmd === 'direct' && frame.i === undefined) {
      this.options.onDelivery(frame.msg);
      if (!frame.transient) {
        this.socket.send(JSON.stringify({ cmd: 'ack', cid: frame.cid, mid: frame.id, peerId: this.options.peerId }));
      }
      return;
    }
    if (frame.i === undefined) return; // heartbeat echo or a membership push
    const entry = this.pending.get(frame.i);
    if (!entry) return;
    this.pending.delete(frame.i);
    clearTimeout(entry.timer);
    if (frame.code !== undefined || frame.cmd === 'error' || (frame.cmd === 'session' && frame.op === 'closed')) {
      entry.reject(new Error(`server refused: ${frame.code} ${frame.reason ?? ''}`.trim()));
    } else {
      entry.resolve(frame);
    }
  }
}
