import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config/server-config';
import { corsHeaders, sendJson, sendJsonError } from './json-response';
import { handleRoute } from './route-endpoint';
import { serveStatic } from './static-files';

/** The plain HTTP side of the port: router, health check, optional static files. */
export function createHttpHandler(config: ServerConfig, fallbackHost: () => string) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') {
      response.writeHead(204, corsHeaders);
      response.end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendJsonError(response, 405, `Method ${method} not allowed: this server only answers GET`);
      return;
    }
    if (url.pathname === '/v1/route') {
      handleRoute(request, response, url, config.appId, fallbackHost());
    } else if (url.pathname === '/health') {
      sendJson(response, 200, { status: 'ok' });
    } else if (config.staticDir) {
      serveStatic(config.staticDir, url.pathname, response, method === 'HEAD').catch(() => {
        if (!response.headersSent) sendJsonError(response, 500, 'Failed to read the file');
        else response.destroy();
      });
    } else {
      sendJsonError(response, 404, `Not found: ${url.pathname}`);
    }
  };
}
