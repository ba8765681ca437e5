import { createHmac, randomBytes } from 'node:crypto';

interface SignParams {
  clientId?: string;
  members?: string[];
  convId?: string;
  action?: string;
}

/**
 * What an app's signing server does for the 2.x `auth` option (protocol.md §3.2): build the
 * string for the operation, HMAC-SHA1 it with the master key, answer {signature, timestamp, nonce}.
 */
export function appSigner(server: { appId: string; masterKey: string }) {
  return (params: SignParams) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const nonce = randomBytes(8).toString('hex');
    const members = [...(params.members ?? [])].sort().join(':');
    const parts = params.convId
      ? [server.appId, params.clientId, params.convId, members, timestamp, nonce, params.action]
      : [server.appId, params.clientId, members, timestamp, nonce];
    const signature = createHmac('sha1', server.masterKey).update(parts.join(':')).digest('hex');
    return { signature, timestamp, nonce };
  };
}
