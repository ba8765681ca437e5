import { createHmac, randomBytes } from 'node:crypto';
import type { AuthParams, AuthResult } from 'leancloud-realtime';

export interface AppSignerOptions {
  appId: string;
  masterKey: string;
  /** Signature time. @default now, in seconds like the official signing demos */
  timestamp?: () => number | string;
}

/**
 * What an app's own signing server does for the 2.x `auth` option (protocol §3.2): build the
 * string for the operation from the params 2.4.0 passes, HMAC-SHA1 it with the master key,
 * and answer `{signature, timestamp, nonce}`.
 */
export function appSigner(options: AppSignerOptions): (params: AuthParams) => AuthResult {
  return (params) => {
    const timestamp = options.timestamp ? options.timestamp() : Math.floor(Date.now() / 1000);
    const nonce = randomBytes(8).toString('hex');
    const members = [...(params.members ?? [])].sort().join(':');
    const parts = params.convId
      ? [options.appId, params.clientId, params.convId, members, timestamp, nonce, params.action]
      : [options.appId, params.clientId, members, timestamp, nonce];
    const signature = createHmac('sha1', options.masterKey).update(parts.join(':')).digest('hex');
    return { signature, timestamp, nonce };
  };
}
