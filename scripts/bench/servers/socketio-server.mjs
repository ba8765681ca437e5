// Socket.IO doing the work our server does per message, minus storage: rooms, an id and a
// timestamp per message, an ack to the sender, a broadcast to the room, and receivers
// acknowledging each delivery back (which Socket.IO merely reads and drops).
// Usage: node socketio-server.mjs  → prints "listening on http://127.0.0.1:<port>"
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const httpServer = createServer();
// WebSocket only: the load generator never long-polls, and polling would add HTTP cost.
const io = new Server(httpServer, { transports: ['websocket'], serveClient: false, perMessageDeflate: false });

let nextMessageId = 0;
let receiverAcks = 0;

io.on('connection', (socket) => {
  socket.on('join', (room, reply) => {
    if (typeof room !== 'string') return typeof reply === 'function' && reply({ error: 'room must be a string' });
    socket.join(room);
    if (typeof reply === 'function') reply({ ok: true });
  });
  socket.on('msg', (payload, reply) => {
    if (!payload || typeof payload.room !== 'string' || typeof payload.body !== 'string') {
      if (typeof reply === 'function') reply({ error: 'expected { room, body }' });
      return;
    }
    nextMessageId += 1;
    const id = nextMessageId.toString(36);
    const t = Date.now();
    socket.to(payload.room).emit('msg', { id, room: payload.room, from: socket.id, t, body: payload.body });
    if (typeof reply === 'function') reply({ id, t });
  });
  socket.on('ack', () => {
    receiverAcks += 1;
  });
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${httpServer.address().port}`);
});

process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
