// The same client role against servers/socketio-server.mjs.
import { io } from 'socket.io-client';

const REQUEST_TIMEOUT_MS = 30_000;

export class SocketIoBenchClient {
  constructor(options) {
    this.options = options;
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = io(this.options.url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: REQUEST_TIMEOUT_MS,
      });
      this.socket = socket;
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
      socket.on('msg', (message) => {
        this.options.onDelivery(message.body);
        socket.emit('ack', { room: message.room, id: message.id });
      });
    });
  }

  async createRoom(memberPeerIds) {
    return `room-${memberPeerIds[0]}`;
  }

  async join(roomId) {
    const reply = await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck('join', roomId);
    if (reply.error) throw new Error(reply.error);
  }

  async send(roomId, body) {
    const reply = await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck('msg', { room: roomId, body });
    if (reply.error) throw new Error(reply.error);
  }

  async history() {
    throw new Error('Socket.IO keeps no history');
  }

  close() {
    this.socket?.disconnect();
  }
}
