import type { IMClient } from './im-client';
import type { CreateIMClientOptions, Realtime } from './realtime';

/** Options of a one-client `createClient`: the platform's `Realtime` options plus the client's. */
export type CreateClientOptions<RealtimeOptions> = RealtimeOptions & CreateIMClientOptions & { clientId: string };

/**
 * One client in one call, for the platform packages' `createClient(options)`: builds a `Realtime`
 * with `makeRealtime` that exists only for this client, and lets it go when the client closes.
 */
export async function createClientWith<RealtimeOptions>(
  makeRealtime: (options: RealtimeOptions) => Realtime,
  options: CreateClientOptions<RealtimeOptions>,
): Promise<IMClient> {
  const { clientId, signatureFactory, conversationSignatureFactory, ...realtimeOptions } = options;
  const realtime = makeRealtime(realtimeOptions as RealtimeOptions);
  const client = await realtime.createIMClient(clientId, { signatureFactory, conversationSignatureFactory });
  client.once('close', () => void realtime.close());
  return client;
}
