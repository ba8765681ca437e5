import type { PushFrame } from '../protocol/outbound';
import type { Connection } from '../session/connection';
import type { SessionRegistry } from '../session/session-registry';
import type { TransientRooms } from '../session/transient-rooms';
import type { Fanout } from './fanout';

/** Single-process fan-out: straight to the sessions in this process's registry. */
export class LocalFanout implements Fanout {
  constructor(
    private readonly registry: SessionRegistry,
    private readonly rooms: TransientRooms,
  ) {}

  toClients(clientIds: Iterable<string>, frame: PushFrame, exceptConnection?: Connection): void {
    for (const clientId of clientIds) {
      const sessions = this.registry.sessionsOf(clientId);
      if (!sessions) continue;
      for (const connection of sessions) if (connection !== exceptConnection) connection.push(frame);
    }
  }

  toTransientRoom(cid: string, frame: PushFrame, exceptConnection?: Connection): void {
    for (const connection of this.rooms.participants(cid)) if (connection !== exceptConnection) connection.push(frame);
  }
}
