import { createHmac } from 'node:crypto';

/** Signs like an app's signing server (protocol §3), independently of the server's code. */
export function sign(masterKey: string, parts: (string | number)[]): string {
  return createHmac('sha1', masterKey).update(parts.join(':')).digest('hex');
}

export function sorted(ids: string[]): string {
  return [...ids].sort().join(':');
}
