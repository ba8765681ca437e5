import { createHmac, randomBytes } from 'node:crypto';

/**
 * Query parameters for an app that switched on "聊天记录查询启用签名认证" (history queries
 * need a signature): HMAC-SHA1 with the master key over `appid:client_id:convid:nonce:timestamp`
 * (export doc §2.1). Whether a master-key request needs it at all is unverified, so the
 * fetcher signs only when `--history-sign-client` is given.
 */
export function historySignatureParams(options: {
  appId: string;
  masterKey: string;
  clientId: string;
  cid: string;
  /** @default Date.now() */
  timestampMs?: number;
  /** @default 16 random hex characters */
  nonce?: string;
}): Record<string, string | number> {
  const timestamp = options.timestampMs ?? Date.now();
  const nonce = options.nonce ?? randomBytes(8).toString('hex');
  const signature = createHmac('sha1', options.masterKey)
    .update(`${options.appId}:${options.clientId}:${options.cid}:${nonce}:${timestamp}`)
    .digest('hex');
  return { client_id: options.clientId, nonce, signature_ts: timestamp, signature };
}
