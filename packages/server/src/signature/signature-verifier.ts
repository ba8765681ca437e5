import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureFields } from '../protocol/inbound';

/**
 * Signature checks of protocol.md §3: lowercase hex HMAC-SHA1 with the master key over fields
 * joined by `:`.
 *
 *   login   appid:clientid::t:n
 *   start   appid:clientid:sorted(m):t:n
 *   invite  appid:clientid:convid:sorted(m):t:n:invite
 *   kick    appid:clientid:convid:sorted(m):t:n:kick
 */
export type SignedAction =
  | { kind: 'login'; clientId: string }
  | { kind: 'start'; clientId: string; members: readonly string[] }
  | { kind: 'invite' | 'kick'; clientId: string; cid: string; members: readonly string[] };

/** Why a signature was refused; `undefined` means it is valid. */
export type SignatureProblem = 'missing' | 'stale' | 'mismatch';

export class SignatureVerifier {
  constructor(
    private readonly appId: string,
    private readonly masterKey: string,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(action: SignedAction, signature: SignatureFields | undefined): SignatureProblem | undefined {
    if (!signature) return 'missing';
    const timestampMs = toMilliseconds(signature.t);
    if (timestampMs === undefined || Math.abs(this.now() - timestampMs) > this.windowMs) return 'stale';
    const given = signature.s.toLowerCase();
    for (const text of this.#signedStrings(action, signature)) {
      if (sameHex(given, this.#hmac(text))) return undefined;
    }
    return 'mismatch';
  }

  #signedStrings(action: SignedAction, { t, n }: SignatureFields): string[] {
    const stamp = `${t}:${n}`;
    switch (action.kind) {
      case 'login':
        return [`${this.appId}:${action.clientId}::${stamp}`];
      case 'start':
        return [`${this.appId}:${action.clientId}:${sortedIds(action.members)}:${stamp}`];
      case 'invite':
      case 'kick': {
        const prefix = `${this.appId}:${action.clientId}:${action.cid}`;
        const texts = [`${prefix}:${sortedIds(action.members)}:${stamp}:${action.kind}`];
        // Self-join: old docs sign an empty member list, 2.x signs [self]; accept both (§3.2).
        const isSelfOnly = action.members.length === 1 && action.members[0] === action.clientId;
        if (isSelfOnly) texts.push(`${prefix}::${stamp}:${action.kind}`);
        return texts;
      }
    }
  }

  #hmac(text: string): string {
    return createHmac('sha1', this.masterKey).update(text, 'utf8').digest('hex');
  }
}

/** JavaScript default sort, as every official signer uses. */
function sortedIds(members: readonly string[]): string {
  return [...members].sort().join(':');
}

/** Values below 1e11 are seconds (2015 docs and the signing demos), larger ones ms (§3.3). */
function toMilliseconds(t: number | string): number | undefined {
  const value = typeof t === 'number' ? t : Number(t);
  if (!Number.isFinite(value) || (typeof t === 'string' && t.trim() === '')) return undefined;
  return value < 1e11 ? value * 1000 : value;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
