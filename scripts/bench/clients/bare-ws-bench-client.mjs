// The same client role against servers/bare-ws-server.mjs (see its frame kinds).
import WebSocket from 'ws';

export class BareWsBenchClient {
  /** @param {{ url: string, selfSenderIdx: number, onDelivery(body: string): void, onError(what: string): void }} options */
  constructor(options) {
    this.options = options;
    this.unacked = []; // FIFO of { resolve, reject }: the server echoes our frames in order
    this.selfPrefix = `m${options.selfSenderIdx},`;
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.options.url, { perMessageDeflate: false });
      this.socket = socket;
      socket.once('open', resolve);
      socket.once('error', reject);
      socket.on('message', (data) => this.receive(data.toString()));
      socket.on('close', () => {
        for (const entry of this.unacked) entry.reject(new Error('socket closed'));
        this.unacked = [];
        this.joined?.reject(new Error('socket closed'));
      });
    });
  }

  async createRoom(memberPeerIds) {
    return `room-${memberPeerIds[0]}`;
  }

  join(roomId) {
    return new Promise((resolve, reject) => {
      this.joined = { resolve, reject };
      this.socket.send(`j${roomId}`);
    });
  }

  send(roomId, body) {
    return new Promise((resolve, reject) => {
      this.unacked.push({ resolve, reject });
      this.socket.send(`m${body}`);
    });
  }

  async history() {
    throw new Error('the bare ws floor keeps no history');
  }

  close() {
    this.socket?.terminate();
  }

  receive(text) {
    if (text.startsWith(this.selfPrefix)) {
      this.unacked.shift()?.resolve();
    } else if (text[0] === 'm') {
      const body = text.slice(1);
      this.options.onDelivery(body);
      this.socket.send(`k${body.slice(0, body.indexOf(',', body.indexOf(',') + 1))}`);
    } else if (text === 'J') {
      this.joined?.resolve();
      this.joined = null;
    } else {
      this.options.onError('unexpected frame');
    }
  }
}
