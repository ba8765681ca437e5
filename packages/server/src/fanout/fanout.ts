import type { PushFrame } from '../protocol/outbound';
import type { Connection } from '../session/connection';

/**
 * Where pushes go. The local implementation delivers to this process's sessions; a Redis
 * implementation will also publish to the other nodes, which is why frames travel as
 * {@link PushFrame} (serialized once) and recipients as client ids, not sockets.
 */
export interface Fanout {
  /** Every online session of these clients, except the connection the event came from. */
  toClients(clientIds: Iterable<string>, frame: PushFrame, exceptConnection?: Connection): void;
  /** Every session present in a transient conversation, except the originating connection. */
  toTransientRoom(cid: string, frame: PushFrame, exceptConnection?: Connection): void;
}
