// The floor for this stack: a `ws` server that only forwards frames. It never parses a
// message; the first character of a frame says what it is:
//   "j<room>"  join a room, answered with "J"
//   "m…"       a message: forwarded verbatim to the room's other members, and echoed
//              to the sender as its ack (so the sender can match acks without ids)
//   "k…"       a receiver's ack: read and dropped
// Usage: node bare-ws-server.mjs  → prints "listening on http://127.0.0.1:<port>"
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer });
const membersByRoom = new Map();

wss.on('connection', (socket) => {
  let room = null;
  socket.on('message', (data, isBinary) => {
    const kind = data[0];
    if (kind === 0x6d /* m */ && room) {
      for (const member of room) {
        if (member !== socket) member.send(data, { binary: isBinary });
      }
      socket.send(data, { binary: isBinary });
    } else if (kind === 0x6a /* j */ && !room) {
      const name = data.toString('utf8', 1);
      room = membersByRoom.get(name);
      if (!room) membersByRoom.set(name, (room = new Set()));
      room.add(socket);
      socket.send('J');
    }
  });
  socket.on('close', () => room?.delete(socket));
  socket.on('error', () => {});
});

httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${httpServer.address().port}`);
});

process.on('SIGTERM', () => process.exit(0));
