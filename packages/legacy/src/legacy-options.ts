import { LegacyError } from './legacy-error';
import type { SignatureResult } from './session-port';

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

export interface NormalizedOptions {
  appId: string;
  clientId: string;
  encodeHTML: boolean;
  auth?: AuthFunction;
  secure: boolean;
  region: string;
  server?: string;
  router?: string;
}

/** LeanCloud's own routers (2.4.0 hard-coded them); they stop answering on 2027-01-12. */
const regionRouterHosts: Record<string, string> = {
  cn: 'router-g0-push.leancloud.cn',
  us: 'router-a0-push.leancloud.cn',
};

/** Validates the options and fills in defaults; throws like 2.4.0 did for a missing appId. */
export function normalizeOptions(options: unknown, config: LegacyConfig): NormalizedOptions {
  if (options === null || typeof options !== 'object') {
    throw new LegacyError('INVALID_ARGUMENT', 'AV.realtime needs an options object: AV.realtime({ appId, clientId })');
  }
  const given = options as LegacyRealtimeOptions;
  if (!given.appId || typeof given.appId !== 'string') {
    throw new LegacyError('INVALID_ARGUMENT', 'Options must have appId (a string)');
  }
  // 2.x let clientId out and hoped the server would pick one; it never learnt which, so
  // nothing could work. Saying so at once is kinder.
  if (typeof given.clientId !== 'string' || !given.clientId || given.clientId.length > 64) {
    throw new LegacyError('INVALID_ARGUMENT', 'Options must have clientId (a string of 1 to 64 characters)');
  }
  const auth = given.auth ?? given.authFun;
  if (auth !== undefined && typeof auth !== 'function') {
    throw new LegacyError('INVALID_ARGUMENT', 'auth must be a function(params, callback)');
  }
  const region = given.region || 'cn';
  const secure = given.secure === undefined ? true : Boolean(given.secure);
  const server = given.server ?? config.server;
  let router = given.router ?? config.router;
  if (!server && !router) {
    const host = regionRouterHosts[region];
    if (!host) throw new LegacyError('INVALID_ARGUMENT', `Unknown region "${region}": use cn or us, or pass server / router`);
    // `secure: false` (old Android WebViews without wss) asks the router over http, which
    // answers with a ws:// server; a self-hosted router URL says it with its own scheme.
    router = `${secure ? 'https' : 'http'}://${host}/v1/route`;
  }
  return {
    appId: given.appId,
    clientId: given.clientId,
    encodeHTML: Boolean(given.encodeHTML),
    auth,
    secure,
    region,
    server,
    router,
  };
}

/** Calls the app's auth function, accepting a callback or a returned promise. */
export function requestSignature(auth: AuthFunction, params: AuthParams): Promise<SignatureResult> {
  return new Promise<SignatureResult | null | undefined>((resolve, reject) => {
    try {
      const returned = auth(params, resolve);
      if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<SignatureResult | null | undefined>).then(resolve, reject);
      }
    } catch (error) {
      reject(error);
    }
  }).then((result) => {
    if (!result || !result.signature) {
      throw new LegacyError('SIGNATURE_FACTORY_FAILED', `The auth function refused to sign ${params.action ?? 'this operation'}`, {
        cause: result,
      });
    }
    return result;
  });
}
