import { LegacyError } from './legacy-error';
import type { SessionOptions, SignatureResult } from './legacy-session';

/** Reported as `AV.realtime.version` and sent as `ua: js/<version>` in `session open`. */
export const legacyVersion = '0.1.0';

/** What the 2.x `auth` function is asked to sign (protocol.md §3.2). */
export interface AuthParams {
  clientId?: string;
  members?: string[];
  convId?: string;
  action?: 'invite' | 'kick';
}

/**
 * The app's signing hook. 2.x apps call `callback(result)`; returning a promise works too.
 * A result without `signature` refuses the operation.
 */
export type AuthFunction = (
  params: AuthParams,
  callback: (result?: SignatureResult | null) => void,
) => void | PromiseLike<SignatureResult | null | undefined>;

/** Options of `AV.realtime(options, callback)`, as the seed document and 2.4.0 name them. */
export interface LegacyRealtimeOptions {
  /** The app id. Required. */
  appId: string;
  /** This client's id (≤ 64 characters). */
  clientId?: string;
  /** Escape `&`, `<`, `>` in received text (protocol.md §5.3). @default false */
  encodeHTML?: boolean;
  /** Signs session open, conversation creation, invites and kicks. */
  auth?: AuthFunction;
  /** The name the seed document uses for `auth`. */
  authFun?: AuthFunction;
  /** Ask the router for a `wss://` server. @default true */
  secure?: boolean;
  /** LeanCloud region of the default router: `cn` or `us`. @default 'cn' */
  region?: string;
  /** WebSocket URL of a self-hosted server; skips the router. */
  server?: string;
  /** Router URL of a self-hosted server, e.g. `http://127.0.0.1:3000/v1/route`. */
  router?: string;
}

/** Page-wide settings of `AV.realtime.config()`. */
export interface LegacyConfig {
  server?: string;
  router?: string;
  /** A WebSocket class (the browser's, `ws` in Node, or a polyfill). */
  WebSocket?: unknown;
}

/** What core's session layer gets (it ignores the last two), plus the legacy layer's own options. */
export interface NormalizedOptions extends SessionOptions {
  clientId: string;
  encodeHTML: boolean;
  auth?: AuthFunction;
}

/**
 * Fills in the defaults. A missing appId, or a clientId that is not 1 to 64 characters, is
 * refused at the call by core's `Connection` (INVALID_ARGUMENT), as 2.4.0 threw for a missing
 * appId. (2.x let clientId out and hoped the server would pick one; it never learnt which.)
 */
export function normalizeOptions(options: LegacyRealtimeOptions, config: LegacyConfig): NormalizedOptions {
  let { appId, clientId, secure, region, encodeHTML, server = config.server, router = config.router } = options ?? {};
  const auth = options?.auth ?? options?.authFun;
  // Refused at the call: otherwise every connect attempt would fail to sign and retry forever.
  if (auth != null && typeof auth !== 'function') throw new LegacyError('INVALID_ARGUMENT', 'auth must be a function');
  if (!server && !router) {
    // LeanCloud's own routers (2.4.0 hard-coded them); they stop answering on 2027-01-12.
    const routerId = !region || region === 'cn' ? 'g0' : region === 'us' ? 'a0' : undefined;
    if (!routerId) throw new LegacyError('INVALID_ARGUMENT', `Unknown region "${region}": pass server or router`);
    // `secure: false` (old Android WebViews without wss) asks the router over http, which
    // answers with a ws:// server; a self-hosted router URL says it with its own scheme.
    router = `${secure === undefined || secure ? 'https' : 'http'}://router-${routerId}-push.leancloud.cn/v1/route`;
  }
  return {
    appId,
    clientId: clientId!, // checked by the Connection
    server,
    router,
    ua: `js/${legacyVersion}`,
    // Asked before every `session open`, including after a reconnect.
    signatureFactory: auth ? () => requestSignature(auth, { clientId }) : undefined,
    encodeHTML: !!encodeHTML,
    auth,
  };
}

/** Calls the app's auth function, accepting a callback or a returned promise. */
export function requestSignature(auth: AuthFunction, params: AuthParams): Promise<SignatureResult> {
  return new Promise<SignatureResult | null | undefined>((resolve, reject) => {
    const returned = auth(params, resolve);
    if (typeof returned?.then === 'function') returned.then(resolve, reject);
  }).then((result) => {
    if (!result?.signature) throw new LegacyError('SIGNATURE_FACTORY_FAILED', 'auth gave no signature', { cause: result });
    return result;
  });
}
