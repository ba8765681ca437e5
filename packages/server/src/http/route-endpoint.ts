import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { sendJson, sendJsonError } from './json-response';

/** How long a client may cache the router answer. Must be > 0: 2.4.0 refuses to connect otherwise. */
export const routeTtlSeconds = 3600;

/**
 * `GET /v1/route?appId=…[&secure=1]` (protocol §1.2) → `{server, secondary, ttl, groupId}`.
 *
 * The socket URL uses the host the client reached us by (`X-Forwarded-Host` from a proxy, else
 * `Host`), so a client pointed here through DNS or a proxy gets a URL it can reach. `wss://` only when this hop is TLS (or a proxy says
 * `X-Forwarded-Proto: https`): this server does not terminate TLS itself, so answering `wss://`
 * to a plain-HTTP request — which 2.4.0 under Node always makes with `secure=1` — would give the
 * client a URL nothing listens on.
 */
export function handleRoute(request: IncomingMessage, response: ServerResponse, url: URL, appId: string, fallbackHost: string): void {
  const requestedApp = url.searchParams.get('appId');
  if (!requestedApp) {
    sendJsonError(response, 400, 'Missing appId: call /v1/route?appId=<your app id>');
    return;
  }
  if (requestedApp !== appId) {
    sendJsonError(response, 404, `Unknown appId "${requestedApp}": this server serves one app; check --app-id`);
    return;
  }
  const isTls = Boolean((request.socket as TLSSocket).encrypted) ||
    String(request.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
  const forwardedHost = String(request.headers['x-forwarded-host'] ?? '').split(',')[0].trim();
  const host = forwardedHost || request.headers.host || fallbackHost;
  const server = `${isTls ? 'wss' : 'ws'}://${host}/`;
  sendJson(response, 200, { server, secondary: server, ttl: routeTtlSeconds, groupId: 'g0' });
}
