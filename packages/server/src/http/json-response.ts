import type { ServerResponse } from 'node:http';

/** The router is read cross-origin by browsers (protocol §1.2): every answer allows any origin. */
export const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
} as const;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...corsHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Errors use LeanCloud's REST shape `{code, error}` (protocol §1.2); 2.4.0 JSON-parses them. */
export function sendJsonError(response: ServerResponse, status: number, error: string): void {
  sendJson(response, status, { code: status, error });
}
